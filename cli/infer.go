package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"reel/copydesk"
	"reel/store"
)

// inferEvery is how often `reel serve` looks for reviews to score: reviews
// saved through the website or the API get their inferred grade within it.
const inferEvery = 30 * time.Second

func reviewsCommand() *command {
	return &command{
		name:  "reviews",
		usage: "infer",
		summary: "Review maintenance. infer: give every review without a grade an inferred one read from\n" +
			"its text by the copy desk (marked as inferred; a grade the critic gave is never replaced).",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) != 1 || args[0] != "infer" {
				return usagef("usage: reel reviews infer")
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{})
			if err != nil {
				return err
			}
			defer st.Close()
			return inferAndReport(ctx, e, st)
		},
	}
}

// inferAndReport runs the copy desk over the ungraded reviews and says how
// many it scored.
func inferAndReport(ctx context.Context, e *env, st *store.Store) error {
	n, err := copydesk.InferScores(ctx, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "inferred: %d review scores\n", n)
	return nil
}

// inferInBackground runs InferScores now and every inferEvery until ctx
// ends or the returned stop is called; stop waits for a pass under way, so
// the store can be closed after it.
func inferInBackground(ctx context.Context, logger *slog.Logger, st *store.Store) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(inferEvery)
		defer t.Stop()
		for {
			if n, err := copydesk.InferScores(ctx, st); err != nil && ctx.Err() == nil {
				logger.Warn("inferring review scores", "err", err)
			} else if n > 0 {
				logger.Info("inferred review scores", "reviews", n)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return func() { cancel(); wg.Wait() }
}
