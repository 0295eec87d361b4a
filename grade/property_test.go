package grade

import (
	"fmt"
	"math"
	"testing"
)

// ladders lists, per scale, texts from worst to best. Each must parse to
// that scale, with values in 0–100 that never go down along the ladder.
func ladders() map[Scale][]string {
	l := map[Scale][]string{}
	for h := 0; h <= 10; h++ {
		x := float64(h) / 2
		l[ScaleStars5] = append(l[ScaleStars5], fmt.Sprintf("%v stars", x))
		if x <= 4 {
			l[ScaleStars4] = append(l[ScaleStars4], fmt.Sprintf("%v stars out of 4", x))
		}
	}
	for h := 0; h <= 20; h++ {
		l[ScaleOutOf10] = append(l[ScaleOutOf10], fmt.Sprintf("%v/10", float64(h)/2))
	}
	for x := 0; x <= 100; x++ {
		l[ScaleOutOf100] = append(l[ScaleOutOf100], fmt.Sprintf("%d/100", x))
		l[ScalePercent] = append(l[ScalePercent], fmt.Sprintf("%d%%", x))
	}
	for x := 0; x <= 12; x++ {
		l[ScaleFraction] = append(l[ScaleFraction], fmt.Sprintf("%.3g/12", float64(x)))
	}
	for h := 1; h <= 10; h++ {
		l[ScaleLetterboxd] = append(l[ScaleLetterboxd], fmt.Sprint(float64(h)/2))
	}
	for i := len(letters) - 1; i >= 0; i-- {
		l[ScaleLetter] = append(l[ScaleLetter], letters[i].text)
	}
	for i := len(Words) - 1; i >= 0; i-- {
		l[ScaleWords] = append(l[ScaleWords], Words[i].Phrase)
	}
	l[ScaleThumbs] = []string{"thumbs down", "thumbs sideways", "thumbs up"}
	l[ScaleFreshness] = []string{"rotten", "fresh"}
	return l
}

func parseOn(scale Scale, s string) (Grade, error) {
	if scale == ScaleLetterboxd {
		return ParseLetterboxd(s)
	}
	return Parse(s)
}

// TestMonotone: within a scale, a better grade never has a lower value,
// every value is within 0–100, and String reads back to the same value.
func TestMonotone(t *testing.T) {
	for scale, ladder := range ladders() {
		prev := math.Inf(-1)
		for _, s := range ladder {
			g, err := parseOn(scale, s)
			if err != nil {
				t.Errorf("%s: %v", scale, err)
				continue
			}
			if g.Scale != scale {
				t.Errorf("%q is %s, want %s", s, g.Scale, scale)
			}
			if g.Value < prev {
				t.Errorf("%s not monotone: %q = %v after %v", scale, s, g.Value, prev)
			}
			checkGrade(t, g)
			prev = g.Value
		}
		if prev != 100 && scale != ScaleThumbs && scale != ScaleFreshness { // verdicts top out at 80
			t.Errorf("%s tops out at %v, want 100", scale, prev)
		}
	}
}

// TestFromValueProperties: for every scale and value, FromValue stays in
// 0–100, keeps the scale, never decreases as the value rises, and is
// within half a step of where it started for numeric scales.
func TestFromValueProperties(t *testing.T) {
	for _, scale := range Scales {
		prev := math.Inf(-1)
		for v := -10.0; v <= 110; v += 0.25 {
			g := FromValue(v, scale)
			if g.Scale != scale {
				t.Fatalf("FromValue(%v, %s) is on %s", v, scale, g.Scale)
			}
			if g.Value < prev {
				t.Fatalf("FromValue on %s not monotone at %v: %v after %v", scale, v, g.Value, prev)
			}
			if g.Max != 0 {
				step := 100 / g.Max / 2 // half a point
				if g.Max == 100 {
					step = 1
				}
				if d := math.Abs(g.Value - clamp(v)); d > step/2+1e-9 && !(scale == ScaleLetterboxd && v < 10) {
					t.Fatalf("FromValue(%v, %s) = %v, off by %v", v, scale, g.Value, d)
				}
			}
			checkGrade(t, g)
			prev = g.Value
		}
	}
}

// TestRoundTripNumbers walks every x/N with N up to 100 and x in
// thousandths of a point near the edges, where float rounding bites.
func TestRoundTripNumbers(t *testing.T) {
	for n := 1; n <= 100; n++ {
		for _, x := range []float64{0, 0.001, 0.333, 0.5, 1, float64(n) / 3, float64(n) - 0.001, float64(n)} {
			s := fmt.Sprintf("%s/%d", formatNumber(math.Round(x*1000)/1000), n)
			g, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(%q): %v", s, err)
			}
			checkGrade(t, g)
			if s2 := fmt.Sprintf("%s/%d stars", formatNumber(g.Points), n); true {
				if g2, err := Parse(s2); err != nil {
					t.Fatalf("Parse(%q): %v", s2, err)
				} else {
					checkGrade(t, g2)
				}
			}
		}
	}
}

// checkGrade asserts the properties every parsed or built grade has.
func checkGrade(t *testing.T, g Grade) {
	t.Helper()
	if !(g.Value >= 0 && g.Value <= 100) {
		t.Fatalf("%q (%s): value %v outside 0–100", g.Text, g.Scale, g.Value)
	}
	if !g.Scale.Valid() {
		t.Fatalf("%q: invalid scale %q", g.Text, g.Scale)
	}
	s := g.String()
	back, err := Parse(s)
	if err != nil {
		t.Fatalf("%q (%s) formats as %q, which does not parse: %v", g.Text, g.Scale, s, err)
	}
	if back.Value != g.Value {
		t.Fatalf("%q (%s) formats as %q, which parses to %v, not %v", g.Text, g.Scale, s, back.Value, g.Value)
	}
	if back.Scale == g.Scale && back.String() != s {
		t.Fatalf("%q formats as %q but that formats as %q", g.Text, s, back.String())
	}
	if g.Verdict() != VerdictOf(g.Value) {
		t.Fatalf("%q: verdict %s disagrees with value %v", g.Text, g.Verdict(), g.Value)
	}
	if h := HalfStars(g.Value); h < 0 || h > 10 {
		t.Fatalf("%q: HalfStars %d", g.Text, h)
	}
}
