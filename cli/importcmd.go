package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"reel/imdb"
	"reel/store"
)

func importCommand() *command {
	var types string
	var minVotes int
	return &command{
		name:  "import",
		usage: "imdb DIR",
		summary: "Import data. `reel import imdb DIR` reads IMDb's dataset files (.tsv or .tsv.gz)\n" +
			"into the catalog, in one transaction: an interrupted import changes nothing.",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.StringVar(&types, "types", "movie,tvMovie,short", "imdb: comma-separated title types to keep")
			fs.IntVar(&minVotes, "min-votes", 0, "imdb: keep only titles with at least this many votes")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) != 2 || args[0] != "imdb" {
				return usagef("usage: reel import imdb [--types T,...] [--min-votes N] DIR")
			}
			if minVotes < 0 {
				return usagef("--min-votes must be 0 or more")
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: true})
			if err != nil {
				return err
			}
			defer st.Close()
			opts := imdb.Options{Types: splitFlagList(types), MinVotes: minVotes, Progress: e.stderr, Terminal: isTerminal(e.stderr)}
			sum, err := imdb.ImportDir(ctx, st, args[1], opts)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, sum.String())
			return nil
		},
	}
}

func splitFlagList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isTerminal reports whether w is an interactive terminal, to choose between a
// progress bar and plain log lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
