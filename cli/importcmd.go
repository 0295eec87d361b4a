package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"reel/imdb"
	"reel/journalio"
	"reel/letterboxd"
	"reel/store"
)

// importFlags are the flags of `reel import`, per source.
type importFlags struct {
	types    string
	minVotes int
	user     string
	dryRun   bool
	resolve  string
}

func importCommand() *command {
	var f importFlags
	return &command{
		name:  "import",
		usage: "imdb DIR | letterboxd EXPORT.zip|DIR --user NAME",
		summary: "Import data. `reel import imdb DIR` reads IMDb's dataset files (.tsv or .tsv.gz)\n" +
			"into the catalog, in one transaction: an interrupted import changes nothing.\n" +
			"`reel import letterboxd EXPORT --user NAME` matches a Letterboxd export to the catalog,\n" +
			"prints what did not match and why, and stores the rest in one transaction;\n" +
			"importing the same or a newer export again adds nothing twice.",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.StringVar(&f.types, "types", "movie,tvMovie,short", "imdb: comma-separated title types to keep")
			fs.IntVar(&f.minVotes, "min-votes", 0, "imdb: keep only titles with at least this many votes")
			fs.StringVar(&f.user, "user", "", "letterboxd: the account to import into")
			fs.BoolVar(&f.dryRun, "dry-run", false, "letterboxd: match and report, store nothing")
			fs.StringVar(&f.resolve, "resolve", "", "letterboxd: resolution CSV settling unmatched or ambiguous films")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) == 2 && args[0] == "letterboxd" {
				return importLetterboxd(ctx, e, f, args[1])
			}
			if len(args) != 2 || args[0] != "imdb" {
				return usagef("usage: reel import imdb [--types T,...] [--min-votes N] DIR\n" +
					"       reel import letterboxd --user NAME [--dry-run] [--resolve FILE] EXPORT.zip|DIR")
			}
			return importIMDb(ctx, e, f, args[1])
		},
	}
}

func importIMDb(ctx context.Context, e *env, f importFlags, dir string) error {
	if f.minVotes < 0 {
		return usagef("--min-votes must be 0 or more")
	}
	st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	opts := imdb.Options{Types: splitFlagList(f.types), MinVotes: f.minVotes, Progress: e.stderr, Terminal: isTerminal(e.stderr)}
	sum, err := imdb.ImportDir(ctx, st, dir, opts)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, sum.String())
	return nil
}

func importLetterboxd(ctx context.Context, e *env, f importFlags, path string) error {
	if f.user == "" {
		return usagef("reel import letterboxd needs --user NAME")
	}
	opt := journalio.ImportOptions{DryRun: f.dryRun}
	if f.resolve != "" {
		res, err := readResolutions(f.resolve)
		if err != nil {
			return err
		}
		opt.Resolutions = res
	}
	st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByName(ctx, f.user)
	if err != nil {
		return err
	}
	rep, n, err := journalio.ImportFile(ctx, st, u.ID, path, opt)
	if rep != nil {
		if werr := rep.WriteText(e.stdout, e.cfg.Verbose); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil || f.dryRun {
		return err
	}
	fmt.Fprintf(e.stdout, "stored: %d diary entries, %d reviews and ratings, %d watched, %d watchlist, %d likes, %d lists (%d entries); %d already imported, %d covered by other rows, %d unmatched\n",
		n.Diary, n.Reviews, n.Watched, n.Watchlist, n.Likes, n.Lists, n.ListEntries, n.Skipped, n.Covered, n.Unmatched)
	return inferAndReport(ctx, e, st)
}

func readResolutions(path string) (*letterboxd.Resolutions, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return letterboxd.ReadResolutions(fh)
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
