package cli

import (
	"context"
	"flag"
	"fmt"

	"reel/store"
)

func migrateCommand() *command {
	return &command{
		name:    "migrate",
		summary: "Bring the database schema up to date (creating the database if needed).",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("migrate takes no arguments, got %q", args)
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: true})
			if err != nil {
				return err
			}
			defer st.Close()
			applied, _, err := st.SchemaVersion(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "reel: %s is at schema version %d\n", store.Redact(e.cfg.DB), applied)
			return nil
		},
	}
}
