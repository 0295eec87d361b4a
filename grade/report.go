package grade

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Report writes one line per text for `reel grade TEXT...`: the text as
// written, its scale, its 0–100 value, its verdict and its canonical form,
// or the parse error. It returns how many texts failed to parse, so the
// command can exit 1 when any did, and the first write error.
func Report(w io.Writer, texts []string) (failed int, err error) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, t := range texts {
		g, perr := Parse(t)
		if perr != nil {
			failed++
			fmt.Fprintf(tw, "%s\terror: %v\n", printable(t), perr)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", printable(g.Text), g.Scale, roundValue(g.Value), g.Verdict(), g.String())
	}
	return failed, tw.Flush()
}

// roundValue prints a value to at most two decimals: 66.67, 70.
func roundValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// printable quotes a text that holds tabs, newlines or other controls, so
// one argument stays on one line and in one column.
func printable(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) || s == "" {
		return strconv.Quote(s)
	}
	return s
}
