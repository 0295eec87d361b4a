package linkeval

import (
	"context"
	"os"
	"path/filepath"
	"reel/researchdata"
	"testing"
)

// repo is the repository root, two levels up from this package.
func repo(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func TestCopyDesk(t *testing.T) {
	root := repo(t)
	set := Set{Repo: root, Data: researchdata.Dir(t)}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	own, err := set.Own()
	if err != nil {
		t.Fatal(err)
	}
	research, err := set.Research()
	if err != nil {
		t.Fatal(err)
	}
	validation, err := set.Validation()
	if err != nil {
		t.Fatal(err)
	}
	test, err := set.Test()
	if err != nil {
		t.Fatal(err)
	}
	ro, rr := Evaluate("own reviews", l, own), Evaluate("research reviews", l, research)
	rv, rt := Evaluate("validation research reviews", l, validation), Evaluate("test research reviews", l, test)
	all := Merge("all", ro, rr, rv, rt)
	for _, r := range []*Report{ro, rr, rv, rt, all} {
		r.Write(os.Stdout)
	}
	// Floors. The floors (precision 0.95, recall 0.90 for films and
	// people) hold on the project's own, cased reviews and for people
	// everywhere. Film linking in the research reviews (lower-cased and
	// tokenised, where no capital marks a title) does not reach them, least
	// of all on the held-out texts, which the rules were not tuned on; those
	// sets are held to the figures reached so far (docs/quality.md), so that
	// a regression fails.
	floor := func(r *Report, kind string, p, rec float64) {
		t.Helper()
		if c := r.ByKind[kind]; c.Precision() < p || c.Recall() < rec {
			t.Errorf("%s %s: precision %.3f recall %.3f, floor %.3f/%.3f", r.Name, kind, c.Precision(), c.Recall(), p, rec)
		}
	}
	floor(ro, "film", 0.95, 0.90)
	floor(ro, "person", 0.99, 0.99)
	floor(ro, "character", 0.90, 0.85)
	floor(rr, "film", 0.935, 0.875)
	floor(rr, "person", 0.98, 0.95)
	floor(rr, "character", 0.915, 0.75)
	floor(rv, "film", 0.895, 0.86)
	floor(rv, "person", 0.99, 0.97)
	floor(rv, "character", 0.945, 0.905)
	floor(rt, "film", 0.895, 0.90)
	floor(rt, "person", 0.98, 0.90)
	floor(rt, "character", 0.905, 0.77)
	floor(all, "person", 0.95, 0.90)
	floor(all, "film", 0.92, 0.89)
	if a := all.AlarmsPer5000(); a >= 1 {
		t.Errorf("%.2f false alarms per 5,000 words, want under 1", a)
	}
	if testing.Verbose() && os.Getenv("LINKEVAL_ERRORS") != "" {
		// The test half's errors are left out: they are not to be read.
		for _, e := range Merge("", ro, rr, rv).Errors {
			t.Log(e)
		}
		for _, a := range Merge("", ro, rr, rv).Alarms {
			t.Log("ALARM", a)
		}
	}
}

// TestSecondAnnotation scores the linker on the test half against its blind
// second annotation (testdata/copydesk/heldout/second), in the kit that
// `gen/agreement.py -kit DIR` leaves in LINKEVAL_KIT: whether the film
// figures are the linker's or the first annotator's. Totals only.
func TestSecondAnnotation(t *testing.T) {
	kit := os.Getenv("LINKEVAL_KIT")
	if kit == "" {
		t.Skip("set LINKEVAL_KIT to the kit gen/agreement.py -kit DIR wrote")
	}
	set := Set{Repo: kit, Data: researchdata.Dir(t)}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	test, err := set.Test()
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate("test research reviews, second annotation", l, test)
	r.Write(os.Stdout)
	if c := r.ByKind["film"]; c.TP == 0 {
		t.Errorf("no film linked right against the second annotation")
	}
}
