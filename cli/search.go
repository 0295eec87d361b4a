package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"reel/store"
)

func searchCommand() *command {
	var asJSON bool
	var limit int
	return &command{
		name:    "search",
		usage:   "QUERY...",
		summary: "Search the catalog for films and people (accent- and punctuation-insensitive).",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.BoolVar(&asJSON, "json", false, "print results as JSON")
			fs.IntVar(&limit, "limit", 20, "at most this many results (1-100)")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) == 0 {
				return usagef("search needs a query")
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{})
			if err != nil {
				return err
			}
			defer st.Close()
			hits, err := st.Search(ctx, strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"results": hits})
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, h := range hits {
				year := ""
				if h.Year > 0 {
					year = fmt.Sprint(h.Year)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", h.ID, h.Kind, h.Name, year, h.Extra)
			}
			tw.Flush()
			if len(hits) == 0 {
				fmt.Fprintln(e.stdout, "no matches")
			}
			return nil
		},
	}
}
