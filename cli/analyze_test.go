package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel/copydesk"
)

// analyzeReview names the director in the Spanish spelling the catalog holds.
const analyzeReview = `Pain and Glory is Pedro Almodóvar's gentlest film, and Antonio Banderas
gives the performance of his career as a director who has stopped directing.
It is a tender, beautifully made film: the best of the year.
`

// analyzeRun calls Main with stdin and parses the --json lines of stdout.
func analyzeRun(t *testing.T, stdin string, args ...string) (int, []analysisJSON, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), append([]string{"analyze"}, args...), strings.NewReader(stdin), &out, &errb)
	var reps []analysisJSON
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" || !strings.Contains(strings.Join(args, " "), "--json") {
			continue
		}
		var r analysisJSON
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("stdout line %q is not JSON: %v", l, err)
		}
		reps = append(reps, r)
	}
	return code, reps, out.String() + errb.String()
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// noDB keeps a REEL_DB in the environment from bringing in a catalog.
func noDB(t *testing.T) { t.Setenv("REEL_DB", "") }

func TestAnalyzeJSONFileAndStdin(t *testing.T) {
	noDB(t)
	file := writeFile(t, "review.md", analyzeReview)
	code, reps, out := analyzeRun(t, analyzeReview, "--json", file, "-")
	if code != ExitOK || len(reps) != 2 {
		t.Fatalf("exit %d, %d reports: %s", code, len(reps), out)
	}
	for i, want := range []string{file, "-"} {
		r := reps[i]
		if r.Input != want || r.Report == nil || r.Error != nil {
			t.Fatalf("report %d = %+v, want a report for %s", i, r, want)
		}
		if r.Score.Verdict != "positive" || r.Catalog || len(r.Mentions) != 0 || r.Sentences != 2 {
			t.Errorf("%s: verdict %q, catalog %v, %d mentions, %d sentences; want positive, no catalog, 2 sentences",
				want, r.Score.Verdict, r.Catalog, len(r.Mentions), r.Sentences)
		}
	}
	if a, b := reps[0].Score, reps[1].Score; a.Value != b.Value || a.Verdict != b.Verdict || a.Confidence != b.Confidence {
		t.Errorf("file and stdin score differently: %+v vs %+v", reps[0].Score, reps[1].Score)
	}
}

func TestAnalyzeLines(t *testing.T) {
	noDB(t)
	in := "A tender, beautifully acted film.\n\nDull, lifeless and far too long.\n"
	code, reps, out := analyzeRun(t, in, "--json", "--lines", "-")
	if code != ExitOK || len(reps) != 2 {
		t.Fatalf("exit %d, %d reports (blank lines are skipped): %s", code, len(reps), out)
	}
	if reps[0].Line != 1 || reps[0].Score.Verdict != "positive" || reps[1].Line != 3 || reps[1].Score.Verdict != "negative" {
		t.Errorf("lines: %d %s, %d %s; want 1 positive, 3 negative",
			reps[0].Line, reps[0].Score.Verdict, reps[1].Line, reps[1].Score.Verdict)
	}
	// The text form names each line.
	code, _, out = analyzeRun(t, in, "--lines", "-")
	if code != ExitOK || !strings.Contains(out, "== -:1") || !strings.Contains(out, "== -:3") {
		t.Errorf("text --lines: exit %d, %s", code, out)
	}
}

func TestAnalyzeBadInputs(t *testing.T) {
	noDB(t)
	dir := t.TempDir()
	empty := writeFile(t, "empty.txt", "")
	blank := writeFile(t, "blank.md", " \n\n\t\n")
	big := writeFile(t, "big.txt", strings.Repeat("A fine film. ", copydesk.MaxInput/13+1))
	good := writeFile(t, "good.txt", analyzeReview)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"empty file", []string{empty}, ExitFailure, "the text is empty"},
		{"blank file", []string{"--json", blank}, ExitFailure, `"code":"invalid"`},
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, ExitFailure, "cannot read"},
		{"too large", []string{big}, ExitFailure, "larger than the 1048576-byte (1 MiB) limit"},
		{"one bad among good", []string{"--json", good, empty}, ExitFailure, "1 of 2 texts could not be analyzed"},
		{"no inputs", nil, ExitUsage, "needs files"},
		{"bad format", []string{"--format", "rtf", good}, ExitFailure, "unknown format"},
		{"missing database", []string{"--db", filepath.Join(dir, "none.db"), good}, ExitFailure, "no database at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, out := analyzeRun(t, "", tc.args...)
			if code != tc.code || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want %d with %q in:\n%s", code, tc.code, tc.want, out)
			}
		})
	}
}

func TestAnalyzeWithDemoDatabase(t *testing.T) {
	noDB(t)
	db := demoDB(t)
	code, reps, out := analyzeRun(t, analyzeReview, "--json", "--db", db, "--film", "tt8291806", "-")
	if code != ExitOK || len(reps) != 1 || reps[0].Report == nil {
		t.Fatalf("exit %d: %s", code, out)
	}
	r := reps[0]
	if !r.Catalog || r.Film == nil || r.Film.ID != "tt8291806" {
		t.Errorf("catalog %v, film %+v; want Pain and Glory tt8291806", r.Catalog, r.Film)
	}
	found := false
	for _, m := range r.Mentions {
		if m.Kind == "person" && strings.Contains(m.Text, "Almodóvar") {
			found = m.ID == "nm0000264"
			if !found {
				t.Errorf("Almodóvar linked to %s, want nm0000264", m.ID)
			}
		}
		if got := analyzeReview[m.Start:m.End]; got != m.Text {
			t.Errorf("mention %q has the offsets of %q", m.Text, got)
		}
	}
	if !found {
		t.Errorf("no person mention of Almodóvar in %+v", r.Mentions)
	}
}

// --written bounds the films a text can name: Arrival (2016) is no film of a
// text written in 2014; this year's text (the default) links it.
func TestAnalyzeWritten(t *testing.T) {
	noDB(t)
	db := demoDB(t)
	const text = "The first contact in *Arrival* is a long wait; the linguist's patience carries the film.\n"
	arrival := func(args ...string) bool {
		t.Helper()
		code, reps, out := analyzeRun(t, text, append([]string{"--json", "--db", db}, append(args, "-")...)...)
		if code != ExitOK || len(reps) != 1 || reps[0].Report == nil {
			t.Fatalf("exit %d: %s", code, out)
		}
		for _, m := range reps[0].Mentions {
			if m.ID == "tt2543164" {
				return true
			}
		}
		return false
	}
	if !arrival() {
		t.Errorf("Arrival not linked in a text of this year")
	}
	if arrival("--written", "2014") {
		t.Errorf("Arrival linked with --written 2014")
	}
	if code, _, out := analyzeRun(t, text, "--json", "--written", "1500", "-"); code == ExitOK {
		t.Errorf("--written 1500: exit %d, want a failure: %s", code, out)
	}
}
