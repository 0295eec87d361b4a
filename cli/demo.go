package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"reel"
	"reel/demo"
	"reel/store"
)

func demoCommand() *command {
	return &command{
		name: "demo",
		summary: "Serve the website on a fresh database loaded with the bundled demo catalog.\n" +
			"Without --db the database is a temporary SQLite file, removed on exit. With --db\n" +
			"(a SQLite path or a postgres:// URL) the demo is loaded into that database and kept,\n" +
			"but only when it is empty (no films, no users): a database with data is refused.\n" +
			"REEL_DB is ignored here, so the demo never lands in a site's configured database.",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("demo takes no arguments, got %q", args)
			}
			if !flagGiven(fs, "db") {
				return demoOnTempSQLite(ctx, e)
			}
			st, err := openEmptyForDemo(ctx, e.cfg.DB)
			if err != nil {
				return err
			}
			defer st.Close()
			return loadDemoAndServe(ctx, e, st)
		},
	}
}

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

func demoOnTempSQLite(ctx context.Context, e *env) error {
	dir, err := os.MkdirTemp("", "reel-demo-")
	if err != nil {
		return reel.Wrap(err, reel.Internal, "create a temporary directory for the demo database")
	}
	defer os.RemoveAll(dir)
	e.cfg.DB = filepath.Join(dir, "demo.db")
	st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	return loadDemoAndServe(ctx, e, st)
}

// openEmptyForDemo opens (and migrates) the database at dsn and refuses it
// unless it holds no films and no users: the demo's fictional critics and
// reviews must never mix with a real site's. Migrating first is what
// `reel migrate` would do and changes no rows, and it lets a database made by
// an older reel be checked with this one's queries.
func openEmptyForDemo(ctx context.Context, dsn string) (*store.Store, error) {
	st, err := store.Open(ctx, dsn, store.Options{Migrate: true})
	if err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, st, store.Redact(dsn)); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// checkEmpty fails when st (named name in messages) holds films or users.
func checkEmpty(ctx context.Context, st *store.Store, name string) error {
	counts, err := st.CatalogCounts(ctx)
	if err != nil {
		return err
	}
	if n := counts["films"]; n > 0 {
		return reel.Errorf(reel.Invalid, "%s holds %d films: reel demo --db loads only into an empty database (or run reel demo without --db)", name, n)
	}
	users, err := st.ListUsers(ctx)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return reel.Errorf(reel.Invalid, "%s holds %d users: reel demo --db loads only into an empty database (or run reel demo without --db)", name, len(users))
	}
	return nil
}

func loadDemoAndServe(ctx context.Context, e *env, st *store.Store) error {
	sum, err := demo.Load(ctx, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reel: demo loaded: %s\n", sum)
	return serveHTTP(ctx, e, st)
}
