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
			"The database is a temporary SQLite file, removed on exit; --db is ignored.",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("demo takes no arguments, got %q", args)
			}
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
			sum, err := demo.Load(ctx, st)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "reel: demo loaded: %s\n", sum)
			return serveHTTP(ctx, e, st)
		},
	}
}
