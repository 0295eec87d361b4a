package grade

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
)

func TestVerdictOf(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want Verdict
	}{
		{100, Positive}, {60, Positive}, {59.99, Mixed}, {50, Mixed}, {40, Mixed},
		{39.99, Negative}, {39, Negative}, {0, Negative}, {math.NaN(), Mixed},
	} {
		if got := VerdictOf(tt.v); got != tt.want {
			t.Errorf("VerdictOf(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
	// Tomatometer: 3/5 stars and up is positive, below is not.
	for in, want := range map[string]Verdict{"3/5": Positive, "2.5/5": Mixed, "B-": Positive, "C+": Mixed, "D+": Negative, "fresh": Positive, "rotten": Negative} {
		g, err := Parse(in)
		if err != nil || g.Verdict() != want {
			t.Errorf("Parse(%q).Verdict() = %s, %v; want %s", in, g.Verdict(), err, want)
		}
	}
}

func TestHalfStars(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want int
	}{
		{0, 0}, {4.9, 0}, {5, 1}, {10, 1}, {70, 7}, {74.9, 7}, {75, 8}, {100, 10},
		{-5, 0}, {250, 10}, {math.NaN(), 0}, {math.Inf(1), 10},
	} {
		if got := HalfStars(tt.v); got != tt.want {
			t.Errorf("HalfStars(%v) = %d, want %d", tt.v, got, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"★★★½":          "★★★½☆",
		"***":           "★★★☆☆",
		"3 stars of 4":  "★★★☆",
		"4 stars of 4":  "★★★★ out of 4",
		"3.7 stars":     "3.7/5 stars",
		"7.5 out of 10": "7.5/10",
		"88/100":        "88/100",
		"3/4":           "3/4",
		"88 percent":    "88%",
		"A+":            "A",
		"B−":            "B-",
		"👍":             "thumbs up",
		"rotten":        "rotten",
		"superb":        "excellent",
		"Must see":      "essential",
		"★★★★★★★☆☆☆":    "7/10",
	} {
		g, err := Parse(in)
		if err != nil || g.String() != want {
			t.Errorf("Parse(%q).String() = %q, %v; want %q", in, g.String(), err, want)
		}
	}
	lb, _ := ParseLetterboxd("3.5")
	if lb.String() != "★★★½" {
		t.Errorf("Letterboxd 3.5 formats as %q, want Letterboxd's ★★★½", lb.String())
	}
	if (Grade{}).String() != "" {
		t.Errorf("zero Grade formats as %q", Grade{}.String())
	}
	// Grades built by hand, without Points, still format sensibly.
	for _, tt := range []struct {
		g    Grade
		want string
	}{
		{Grade{Scale: ScaleStars4, Value: 75}, "★★★☆"},
		{Grade{Scale: ScaleOutOf10, Value: 75}, "7.5/10"},
		{Grade{Scale: ScaleLetter, Value: 80}, "B+"},
		{Grade{Scale: ScaleWords, Value: 72}, "good"},
		{Grade{Scale: "weird", Value: 64}, "64/100"},
		{Grade{Value: 64}, "64/100"},
	} {
		if got := tt.g.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.g, got, tt.want)
		}
	}
}

func TestFromValue(t *testing.T) {
	for _, tt := range []struct {
		v     float64
		scale Scale
		want  string
		value float64
	}{
		{74, ScaleStars5, "★★★½☆", 70},
		{75, ScaleStars5, "★★★★☆", 80},
		{74, ScaleStars4, "★★★☆", 75},
		{0, ScaleLetterboxd, "½", 10},
		{68, ScaleLetterboxd, "★★★½", 70},
		{74, ScaleOutOf10, "7.5/10", 75},
		{73.6, ScaleOutOf100, "74/100", 74},
		{73.6, ScalePercent, "74%", 74},
		{74, ScaleFraction, "3/4", 75},
		{80, ScaleLetter, "B+", 83},
		{100, ScaleLetter, "A", 100},
		{4, ScaleLetter, "F", 0},
		{61, ScaleThumbs, "thumbs up", 80},
		{45, ScaleThumbs, "thumbs sideways", 50},
		{39, ScaleThumbs, "thumbs down", 20},
		{59, ScaleFreshness, "rotten", 20},
		{60, ScaleFreshness, "fresh", 80},
		{77, ScaleWords, "very good", 80},
		{150, ScaleOutOf10, "10/10", 100},
		{-3, ScaleStars5, "☆☆☆☆☆", 0},
		{math.NaN(), ScalePercent, "0%", 0},
	} {
		g := FromValue(tt.v, tt.scale)
		if g.String() != tt.want || g.Text != tt.want || g.Value != tt.value || g.Scale != tt.scale {
			t.Errorf("FromValue(%v, %s) = %+v, want %q (%v)", tt.v, tt.scale, g, tt.want, tt.value)
		}
	}
	if g := FromValue(50, "nonsense"); !g.IsZero() {
		t.Errorf("FromValue on an unknown scale = %+v, want the zero Grade", g)
	}
}

func TestScales(t *testing.T) {
	for _, s := range Scales {
		if !s.Valid() {
			t.Errorf("%s is not Valid", s)
		}
		if FromValue(50, s).Scale != s {
			t.Errorf("FromValue does not produce %s", s)
		}
	}
	if Scale("stars").Valid() || Scale("").Valid() {
		t.Error("unknown scales are Valid")
	}
}

// TestWordsTable checks the table is sorted best first, keyed uniquely,
// its verdicts agree with its values, and doc.go documents every phrase.
func TestWordsTable(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, w := range Words {
		if i > 0 && w.Value > Words[i-1].Value {
			t.Errorf("Words not best first at %q", w.Phrase)
		}
		if w.Verdict != VerdictOf(w.Value) {
			t.Errorf("%q: verdict %s but value %v is %s", w.Phrase, w.Verdict, w.Value, VerdictOf(w.Value))
		}
		k := wordKey(w.Phrase)
		if seen[k] {
			t.Errorf("%q is listed twice", w.Phrase)
		}
		seen[k] = true
		if !bytes.Contains(doc, []byte(w.Phrase)) {
			t.Errorf("doc.go does not document %q", w.Phrase)
		}
		if _, ok := verdictTexts[k]; ok {
			t.Errorf("%q is both a word and a thumbs/freshness text", w.Phrase)
		}
		if g, err := Parse(w.Phrase); err != nil || g.Scale != ScaleWords || g.Value != w.Value {
			t.Errorf("Parse(%q) = %+v, %v", w.Phrase, g, err)
		}
	}
}

func TestReport(t *testing.T) {
	var out bytes.Buffer
	failed, err := Report(&out, []string{"★★★½", "B+", "nonsense", "a\tb"})
	if err != nil || failed != 2 {
		t.Fatalf("Report failed %d, %v; want 2 failures", failed, err)
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("Report wrote %d lines, want 4:\n%s", len(lines), out.String())
	}
	for i, want := range [][]string{
		{"★★★½", "stars5", "70", "positive", "★★★½☆"},
		{"B+", "letter", "83", "positive"},
		{"nonsense", "error:", "accepted forms"},
		{`"a\tb"`, "error:"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d %q lacks %q", i, lines[i], w)
			}
		}
	}
	out.Reset()
	if _, err := Report(&out, []string{"2/3"}); err != nil || !strings.Contains(out.String(), "66.67") {
		t.Errorf("Report rounds values to two decimals: %q", out.String())
	}
}
