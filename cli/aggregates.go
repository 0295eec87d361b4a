package cli

import (
	"context"
	"flag"
	"fmt"

	"reel/store"
)

func aggregatesCommand() *command {
	return &command{
		name:  "aggregates",
		usage: "rebuild",
		summary: "Recompute every film's critics' and members' scores from the reviews. The scores are\n" +
			"kept up to date on every write; rebuild is for repair and gives the same values.",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) != 1 || args[0] != "rebuild" {
				return usagef("usage: reel aggregates rebuild")
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{})
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := st.RebuildAggregates(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "reel: rebuilt scores for %d films\n", n)
			return nil
		},
	}
}
