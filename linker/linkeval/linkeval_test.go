package linkeval

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reel/linker"
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
	l := build(t, set)
	own := texts(t, set.Own)
	research := texts(t, set.Research)
	validation := texts(t, set.Validation)
	test := texts(t, set.Test)
	ro, rr := Evaluate("own reviews", l, own), Evaluate("research reviews", l, research)
	rv, rt := Evaluate("validation research reviews", l, validation), Evaluate("test research reviews", l, test)
	all := Merge("all", ro, rr, rv, rt)
	for _, r := range []*Report{ro, rr, rv, rt, all} {
		r.Write(os.Stdout)
	}
	// Floors. The floors (precision 0.95, recall 0.90 for films and
	// people) hold on the whole annotated set, on the project's own, cased
	// reviews and for people everywhere. Film linking in the research
	// reviews (lower-cased and tokenised, where no capital marks a title)
	// does not reach them on every part, least of all on the held-out
	// texts, which the rules were not tuned on; each part is held to the
	// figures reached so far (docs/quality.md), so that a regression fails.
	floor := func(r *Report, kind string, p, rec float64) {
		t.Helper()
		if c := r.ByKind[kind]; c.Precision() < p || c.Recall() < rec {
			t.Errorf("%s %s: precision %.3f recall %.3f, floor %.3f/%.3f", r.Name, kind, c.Precision(), c.Recall(), p, rec)
		}
	}
	floor(ro, "film", 0.985, 0.95)
	floor(ro, "person", 0.99, 0.99)
	floor(ro, "character", 0.90, 0.85)
	floor(rr, "film", 0.955, 0.88)
	floor(rr, "person", 0.98, 0.95)
	floor(rr, "character", 0.915, 0.75)
	floor(rv, "film", 0.96, 0.89)
	floor(rv, "person", 0.99, 0.97)
	floor(rv, "character", 0.945, 0.91)
	floor(rt, "film", 0.918, 0.91)
	floor(rt, "person", 0.98, 0.90)
	floor(rt, "character", 0.905, 0.77)
	floor(all, "person", 0.95, 0.90)
	floor(all, "film", 0.95, 0.90)
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
	l := build(t, set)
	test := texts(t, set.Test)
	r := Evaluate("test research reviews, second annotation", l, test)
	r.Write(os.Stdout)
	if c := r.ByKind["film"]; c.TP == 0 {
		t.Errorf("no film linked right against the second annotation")
	}
}

// TestReviewCalibration fits the film under review's confidence curve
// (linker/review_confidence.go) on the development and validation texts by
// logistic regression of "the inferred film is right" on its strength, checks
// that the shipped constants are the fit's, and reports how calibrated the
// confidence is on the test half (mean confidence against the share right,
// and the Brier score).
func TestReviewCalibration(t *testing.T) {
	set := Set{Repo: repo(t), Data: researchdata.Dir(t)}
	l := build(t, set)
	type pick struct {
		strength, conf float64
		right          bool
	}
	picks := func(texts []Text) []pick {
		var out []pick
		for _, tx := range texts {
			res := l.Link(tx.Body, linker.FilmHint{Written: tx.Written})
			if res.Film != nil && tx.Film != "" {
				out = append(out, pick{res.Film.Strength, res.Film.Confidence, res.Film.ID == tx.Film})
			}
		}
		return out
	}
	research := texts(t, set.Research)
	validation := texts(t, set.Validation)
	test := texts(t, set.Test)
	fit := append(picks(research), picks(validation)...)
	// Newton's method on (bias, slope), a little L2 on the slope.
	var a, b float64
	for range 100 {
		var ga, gb, haa, hab, hbb float64
		for _, p := range fit {
			q := 1 / (1 + math.Exp(-(a + b*p.strength)))
			y := 0.0
			if p.right {
				y = 1
			}
			w := q * (1 - q)
			ga += q - y
			gb += (q - y) * p.strength
			haa += w
			hab += w * p.strength
			hbb += w * p.strength * p.strength
		}
		gb += 0.01 * b
		hbb += 0.01
		det := haa*hbb - hab*hab
		da, db := (hbb*ga-hab*gb)/det, (haa*gb-hab*ga)/det
		a, b = a-da, b-db
		if math.Abs(da)+math.Abs(db) < 1e-12 {
			break
		}
	}
	t.Logf("fit on %d picks: bias %.2f, slope %.2f", len(fit), a, b)
	if bias, slope := linker.ReviewCalibration(); fmt.Sprintf("%.2f %.2f", bias, slope) != fmt.Sprintf("%.2f %.2f", a, b) {
		t.Errorf("shipped calibration %.2f %.2f, the fit gives %.2f %.2f: update linker/review_confidence.go", bias, slope, a, b)
	}
	for _, set := range []struct {
		name  string
		picks []pick
	}{{"development + validation", fit}, {"test", picks(test)}} {
		var conf, right, brier float64
		for _, p := range set.picks {
			y := 0.0
			if p.right {
				y = 1
			}
			conf += p.conf
			right += y
			brier += (p.conf - y) * (p.conf - y)
		}
		n := float64(len(set.picks))
		t.Logf("%s: %d films under review inferred, %.0f%% right, mean confidence %.2f, Brier %.3f",
			set.name, len(set.picks), 100*right/n, conf/n, brier/n)
		if math.Abs(conf/n-right/n) > 0.1 {
			t.Errorf("%s: mean confidence %.2f against %.2f right: not calibrated", set.name, conf/n, right/n)
		}
	}
}

// build builds the set's linker or fails the test.
func build(t *testing.T, set Set) *linker.Linker {
	t.Helper()
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// texts reads one part of the set or fails the test.
func texts(t *testing.T, part func() ([]Text, error)) []Text {
	t.Helper()
	out, err := part()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
