package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"

	"reel/journalio"
	"reel/store"
)

func exportCommand() *command {
	var user string
	return &command{
		name:  "export",
		usage: "letterboxd|json --user NAME OUT",
		summary: "Export a user's journal. `reel export letterboxd --user NAME OUT.zip` writes a\n" +
			"Letterboxd export (and import files for letterboxd.com/import); `reel export json\n" +
			"--user NAME OUT.json` writes everything in reel's schema reel.export/v1.",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.StringVar(&user, "user", "", "the account to export")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) != 2 || (args[0] != "letterboxd" && args[0] != "json") || user == "" {
				return usagef("usage: reel export letterboxd|json --user NAME OUT")
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: true})
			if err != nil {
				return err
			}
			defer st.Close()
			u, err := st.UserByName(ctx, user)
			if err != nil {
				return err
			}
			return writeExport(ctx, st, u.ID, args[0], args[1])
		},
	}
}

// writeExport writes to a temporary file renamed into place, so a failed
// export leaves no half-written OUT behind.
func writeExport(ctx context.Context, st *store.Store, user store.UserID, format, out string) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".reel-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if format == "json" {
		err = journalio.WriteJSON(ctx, st, user, tmp)
	} else {
		err = journalio.WriteLetterboxd(ctx, st, user, tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
