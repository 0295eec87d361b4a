package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"reel"
	"reel/copydesk"
	"reel/linker"
	"reel/store"
)

// analyzeFlags are reel analyze's own options.
type analyzeFlags struct {
	film, format string
	written      int
	asJSON       bool
	lines        bool
}

func analyzeCommand() *command {
	var f analyzeFlags
	return &command{
		name:  "analyze",
		usage: "FILE... | -",
		summary: "Read reviews (plain text, Markdown or HTML) like a copy desk: score and verdict, the films,\n" +
			"people and characters they name (with a catalog), fact checks, spoiler sentences and a pull\n" +
			"quote. The catalog is used when --db is given or REEL_DB names an existing database.",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.StringVar(&f.film, "film", "", "the film under review, as an IMDb id (tt…)")
			fs.IntVar(&f.written, "written", time.Now().Year(), "the year the texts were written: no film released after the next year links (0: no bound)")
			fs.StringVar(&f.format, "format", "auto", "input format: auto, plain, markdown or html")
			fs.BoolVar(&f.asJSON, "json", false, "print one JSON object per input, one per line")
			fs.BoolVar(&f.lines, "lines", false, "analyze every non-blank input line as a text of its own")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) == 0 {
				return usagef("analyze needs files to read, or - for standard input")
			}
			l, err := analyzeLinker(ctx, e, fs)
			if err != nil {
				return err
			}
			a := &analyzer{e: e, f: f, opts: copydesk.Options{Linker: l, Format: f.format,
				FilmHint: linker.FilmHint{ID: f.film, Written: f.written}}}
			for _, name := range args {
				if err := a.input(ctx, name); err != nil {
					return err
				}
			}
			if a.failed > 0 {
				return reel.Errorf(reel.Invalid, "%d of %d texts could not be analyzed", a.failed, a.total)
			}
			return nil
		},
	}
}

// analyzeLinker builds the catalog linker when a database is asked for:
// --db given, or REEL_DB naming a PostgreSQL URL or an existing file. Without
// one, analyze still scores; it never creates a database as a side effect.
func analyzeLinker(ctx context.Context, e *env, fs *flag.FlagSet) (*linker.Linker, error) {
	given := false
	fs.Visit(func(fl *flag.Flag) { given = given || fl.Name == "db" })
	if !given {
		dsn := os.Getenv("REEL_DB")
		if dsn == "" {
			return nil, nil
		}
		if !strings.HasPrefix(dsn, "postgres") {
			if _, err := os.Stat(dsn); err != nil {
				return nil, nil
			}
		}
	} else if !strings.HasPrefix(e.cfg.DB, "postgres") {
		if _, err := os.Stat(e.cfg.DB); err != nil {
			return nil, reel.Wrap(err, reel.Invalid, "no database at %s", e.cfg.DB)
		}
	}
	st, err := store.Open(ctx, e.cfg.DB, store.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	l, err := linker.Build(ctx, st)
	if err != nil {
		return nil, reel.Wrap(err, reel.Internal, "read the catalog")
	}
	return l, nil
}

// analyzer runs the inputs in order and counts the texts that failed.
type analyzer struct {
	e             *env
	f             analyzeFlags
	opts          copydesk.Options
	failed, total int
}

// input analyzes one named input: the whole of it, or each line with --lines.
func (a *analyzer) input(ctx context.Context, name string) error {
	r, closeFn, err := openInput(a.e, name)
	if err != nil {
		return err
	}
	defer closeFn()
	if !a.f.lines {
		text, err := readLimited(r, name)
		a.text(ctx, name, 0, text, err)
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), copydesk.MaxInput+1)
	for n := 1; sc.Scan(); n++ {
		// Blank lines separate texts in a file of snippets; they are not
		// texts that failed.
		if strings.TrimSpace(sc.Text()) != "" {
			a.text(ctx, name, n, sc.Text(), nil)
		}
	}
	if err := sc.Err(); err != nil {
		return reel.Wrap(err, reel.Invalid, "read %s", name)
	}
	return nil
}

func openInput(e *env, name string) (io.Reader, func(), error) {
	if name == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, reel.Wrap(err, reel.Invalid, "cannot read %s", name)
	}
	return f, func() { f.Close() }, nil
}

// readLimited reads at most MaxInput bytes, so an 11 MB file is refused
// without being held in memory.
func readLimited(r io.Reader, name string) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, copydesk.MaxInput+1))
	if err != nil {
		return "", reel.Wrap(err, reel.Invalid, "read %s", name)
	}
	if len(b) > copydesk.MaxInput {
		return "", reel.Errorf(reel.Invalid, "%s is larger than the %d-byte (1 MiB) limit", name, copydesk.MaxInput)
	}
	return string(b), nil
}

// text analyzes one text and prints its result or its error.
func (a *analyzer) text(ctx context.Context, name string, line int, text string, err error) {
	a.total++
	var rep copydesk.Report
	if err == nil {
		rep, err = copydesk.Analyze(ctx, text, a.opts)
	}
	if err != nil {
		a.failed++
	}
	where := name
	if line > 0 {
		where = fmt.Sprintf("%s:%d", name, line)
	}
	if a.f.asJSON {
		writeAnalysisJSON(a.e.stdout, name, line, rep, err)
		return
	}
	if err != nil {
		fmt.Fprintf(a.e.stdout, "== %s\nerror: %s\n\n", where, reel.ErrorMessage(err))
		return
	}
	writeAnalysisText(a.e.stdout, where, rep)
}

// analysisJSON is one line of --json output: the input, then the report's
// fields, or an error in the API's shape.
type analysisJSON struct {
	Input string `json:"input"`
	Line  int    `json:"line,omitempty"`
	*copydesk.Report
	Error *jsonError `json:"error,omitempty"`
}

type jsonError struct {
	Code    reel.Code `json:"code"`
	Message string    `json:"message"`
}

func writeAnalysisJSON(w io.Writer, name string, line int, rep copydesk.Report, err error) {
	out := analysisJSON{Input: name, Line: line}
	if err != nil {
		out.Error = &jsonError{Code: reel.ErrorCode(err), Message: reel.ErrorMessage(err)}
	} else {
		out.Report = &rep
	}
	b, _ := json.Marshal(out) // a Report always marshals
	fmt.Fprintf(w, "%s\n", b)
}

func writeAnalysisText(w io.Writer, where string, rep copydesk.Report) {
	fmt.Fprintf(w, "== %s (%s, %d sentences)\n", where, rep.Format, rep.Sentences)
	if f := rep.Film; f != nil {
		fmt.Fprintf(w, "film:      %s (%d) %s, confidence %.2f\n", f.Title, f.Year, f.ID, f.Confidence)
	}
	s := rep.Score
	fmt.Fprintf(w, "score:     %.0f/100 %s, confidence %.2f\n", s.Value, s.Verdict, s.Confidence)
	if s.Grade != nil {
		fmt.Fprintf(w, "grade:     %q as written\n", s.Grade.Text)
	}
	for i, p := range s.Evidence {
		if i == 5 {
			break
		}
		fmt.Fprintf(w, "evidence:  %+.2f %q\n", p.Weight, p.Text)
	}
	for _, m := range rep.Mentions {
		fmt.Fprintf(w, "mention:   %d-%d %s %q → %s %s (%.2f)\n", m.Start, m.End, m.Kind, m.Text, m.ID, m.Name, m.Confidence)
	}
	for _, c := range rep.Checks {
		fmt.Fprintf(w, "check:     %d-%d %s: %s (suggest %q)\n", c.Start, c.End, c.Kind, c.Message, c.Suggestion)
	}
	for _, sp := range rep.Spoilers {
		fmt.Fprintf(w, "spoiler:   %.2f %d-%d %q (%s)\n", sp.Score, sp.Start, sp.End, clip(sp.Text, 90), strings.Join(sp.Reasons, "; "))
	}
	if q := rep.PullQuote; q != nil {
		fmt.Fprintf(w, "quote:     %q\n", q.Text)
	}
	if !rep.Catalog {
		fmt.Fprintln(w, "(no catalog: names were not linked or checked; use --db)")
	}
	fmt.Fprintln(w)
}

// clip shortens s to about n bytes on a rune boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
