package grade

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		scale Scale
		value float64
		max   float64
	}{
		// Metacritic's published examples.
		{"3/5", ScaleFraction, 60, 5},
		{"3/4", ScaleFraction, 75, 4},
		{"3 stars out of 4", ScaleStars4, 75, 4},
		{"B+", ScaleLetter, 83, 0},
		{"B", ScaleLetter, 75, 0},
		{"B-", ScaleLetter, 67, 0},

		// Stars as glyphs.
		{"★★★½", ScaleStars5, 70, 5},
		{"★★★½☆", ScaleStars5, 70, 5},
		{"★★★★☆", ScaleStars5, 80, 5},
		{"★★★☆", ScaleStars4, 75, 4},
		{"★★★★★", ScaleStars5, 100, 5},
		{"☆☆☆☆☆", ScaleStars5, 0, 5},
		{"★ ★ ★", ScaleStars5, 60, 5},
		{"★★★⯪☆", ScaleStars5, 70, 5},
		{"⭐⭐⭐", ScaleStars5, 60, 5},
		{"⭐️⭐️⭐️⭐️", ScaleStars5, 80, 5}, // with emoji variation selectors
		{"***1/2", ScaleStars5, 70, 5},
		{"*** 1/2", ScaleStars5, 70, 5},
		{"***½", ScaleStars5, 70, 5},
		{"****", ScaleStars5, 80, 5},
		{"*", ScaleStars5, 20, 5},
		{"½", ScaleStars5, 10, 5},
		{"★★★★★★★☆☆☆", ScaleOutOf10, 70, 10},
		{"★★☆", ScaleFraction, 200.0 / 3, 3},

		// Stars in words and numbers.
		{"3.5 stars", ScaleStars5, 70, 5},
		{"3.5 Stars.", ScaleStars5, 70, 5},
		{"1 star", ScaleStars5, 20, 5},
		{"0 stars", ScaleStars5, 0, 5},
		{"no stars", ScaleStars5, 0, 5},
		{"2½ stars", ScaleStars5, 50, 5},
		{"2 ½ stars", ScaleStars5, 50, 5},
		{"3 1/2 stars", ScaleStars5, 70, 5},
		{"3-1/2 stars", ScaleStars5, 70, 5},
		{"3 and a half stars", ScaleStars5, 70, 5},
		{"three and a half stars", ScaleStars5, 70, 5},
		{"Four out of five stars", ScaleStars5, 80, 5},
		{"4 stars out of 5", ScaleStars5, 80, 5},
		{"4 out of 5 stars", ScaleStars5, 80, 5},
		{"4 of 5 stars", ScaleStars5, 80, 5},
		{"3.5/5 stars", ScaleStars5, 70, 5},
		{"3/5 stars", ScaleStars5, 60, 5},
		{"3.5★", ScaleStars5, 70, 5},
		{"3.5 ★", ScaleStars5, 70, 5},
		{"3.5*", ScaleStars5, 70, 5},
		{"3¾ stars", ScaleStars5, 75, 5},
		{"half a star", ScaleStars5, 10, 5},
		{"half star", ScaleStars5, 10, 5},
		{"1/2 star", ScaleStars5, 10, 5},
		{"½ star", ScaleStars5, 10, 5},
		{"8 out of 10 stars", ScaleOutOf10, 80, 10},

		// x/N.
		{"3.5/5", ScaleFraction, 70, 5},
		{"3½/5", ScaleFraction, 70, 5},
		{"4/4", ScaleFraction, 100, 4},
		{"0/5", ScaleFraction, 0, 5},
		{"7/10", ScaleOutOf10, 70, 10},
		{"10/10", ScaleOutOf10, 100, 10},
		{"7.5 out of 10", ScaleOutOf10, 75, 10},
		{"7.5 / 10", ScaleOutOf10, 75, 10},
		{"7,5/10", ScaleOutOf10, 75, 10},
		{"7.25/10", ScaleOutOf10, 72.5, 10},
		{"seven out of ten", ScaleOutOf10, 70, 10},
		{"88/100", ScaleOutOf100, 88, 100},
		{"1/2", ScaleFraction, 50, 2},
		{"3⁄4", ScaleFraction, 75, 4},    // fraction slash
		{"3/4.0", ScaleFraction, 75, 4},  // a whole maximum with a point
		{"１０/１０", ScaleOutOf10, 100, 10}, // full-width digits

		// Percent.
		{"88%", ScalePercent, 88, 100},
		{"88 %", ScalePercent, 88, 100},
		{"88 percent", ScalePercent, 88, 100},
		{"0%", ScalePercent, 0, 100},
		{"100%", ScalePercent, 100, 100},

		// Letters, with Metacritic's table.
		{"A+", ScaleLetter, 100, 0},
		{"A", ScaleLetter, 100, 0},
		{"A-", ScaleLetter, 91, 0},
		{"C+", ScaleLetter, 58, 0},
		{"C", ScaleLetter, 50, 0},
		{"C-", ScaleLetter, 42, 0},
		{"D+", ScaleLetter, 33, 0},
		{"D", ScaleLetter, 25, 0},
		{"D-", ScaleLetter, 17, 0},
		{"F", ScaleLetter, 0, 0},
		{"b+", ScaleLetter, 83, 0},
		{"B−", ScaleLetter, 67, 0}, // U+2212 minus
		{"B–", ScaleLetter, 67, 0}, // en dash
		{"B —", ScaleLetter, 67, 0},
		{"b +", ScaleLetter, 83, 0},
		{"B plus", ScaleLetter, 83, 0},
		{"C minus", ScaleLetter, 42, 0},
		{"Grade: B+", ScaleLetter, 83, 0},
		{"grade B+", ScaleLetter, 83, 0},
		{"**B+**", ScaleLetter, 83, 0},
		{"_A-_", ScaleLetter, 91, 0},
		{"(B+)", ScaleLetter, 83, 0},
		{"“B+”", ScaleLetter, 83, 0},
		{"B+!", ScaleLetter, 83, 0},

		// Labels and wrapping.
		{"Rating: 3/4", ScaleFraction, 75, 4},
		{"Our rating: 3/4.", ScaleFraction, 75, 4},
		{"rated 3/4", ScaleFraction, 75, 4},
		{"[7/10]", ScaleOutOf10, 70, 10},
		{"  7/10  ", ScaleOutOf10, 70, 10},
		{"**3/4**", ScaleFraction, 75, 4},

		// Thumbs and freshness.
		{"thumbs up", ScaleThumbs, 80, 0},
		{"Thumbs-Up!", ScaleThumbs, 80, 0},
		{"thumbs down", ScaleThumbs, 20, 0},
		{"thumbs sideways", ScaleThumbs, 50, 0},
		{"👍", ScaleThumbs, 80, 0},
		{"👍🏽", ScaleThumbs, 80, 0},
		{"👎", ScaleThumbs, 20, 0},
		{"fresh", ScaleFreshness, 80, 0},
		{"Rotten", ScaleFreshness, 20, 0},

		// Words.
		{"masterpiece", ScaleWords, 100, 0},
		{"A masterpiece.", ScaleWords, 100, 0},
		{"excellent", ScaleWords, 90, 0},
		{"Very Good", ScaleWords, 80, 0},
		{"very  good", ScaleWords, 80, 0},
		{"a very good film", ScaleWords, 80, 0},
		{"good", ScaleWords, 70, 0},
		{"fair", ScaleWords, 50, 0},
		{"mixed", ScaleWords, 50, 0},
		{"poor", ScaleWords, 25, 0},
		{"awful", ScaleWords, 10, 0},
		{"Must-see", ScaleWords, 95, 0},
		{"must see", ScaleWords, 95, 0},
		{"A minor work", ScaleWords, 45, 0},
		{"skip it", ScaleWords, 20, 0},
		{"Disappointing", ScaleWords, 35, 0},
		{"Verdict: worth seeing", ScaleWords, 70, 0},
	}
	for _, tt := range tests {
		g, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if g.Scale != tt.scale || g.Value != tt.value || g.Max != tt.max {
			t.Errorf("Parse(%q) = %s %v/%v, want %s %v/%v", tt.in, g.Scale, g.Value, g.Max, tt.scale, tt.value, tt.max)
		}
		if g.Text != strings.TrimSpace(tt.in) {
			t.Errorf("Parse(%q).Text = %q, want the text as written", tt.in, g.Text)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind error
		says string // a fragment the message must contain
	}{
		{"", ErrEmpty, "accepted forms"},
		{"   ", ErrEmpty, "no grade"},
		{strings.Repeat("very good ", 7), ErrTooLong, "at most 64"},
		{"6/5", ErrOutOfRange, "6 is above the maximum 5"},
		{"11/10", ErrOutOfRange, "above the maximum 10"},
		{"101%", ErrOutOfRange, "above 100%"},
		{"-1/5", ErrOutOfRange, "negative"},
		{"−2/10", ErrOutOfRange, "negative"},
		{"★★★★★★", ErrOutOfRange, "above the maximum 5"},
		{"6 stars", ErrOutOfRange, "above the maximum 5"},
		{"3/0", ErrOutOfRange, "whole number from 1 to 100"},
		{"3/4.5", ErrOutOfRange, "whole number from 1 to 100"},
		{"5/1000", ErrOutOfRange, "whole number from 1 to 100"},
		{"99999999999999999999999999/5", ErrOutOfRange, "above the maximum"},
		{"3.5", ErrAmbiguous, "bare number"},
		{"7", ErrAmbiguous, "bare number"},
		{"3½", ErrAmbiguous, "bare number"},
		{"3 1/2", ErrAmbiguous, "bare number"},
		{"xyz", ErrUnrecognised, "accepted forms: stars"},
		{"G", ErrUnrecognised, "not a grade"},
		{"E", ErrUnrecognised, "not a grade"},
		{"F+", ErrUnrecognised, "not a grade"},
		{"A++", ErrUnrecognised, "not a grade"},
		{"3/4/5", ErrUnrecognised, "not a grade"},
		{"1.2345/5", ErrUnrecognised, "at most 3 decimal places"},
		{"1e3/5", ErrUnrecognised, "not a grade"},
		{"NaN/5", ErrUnrecognised, "not a grade"},
		{"inf", ErrUnrecognised, "not a grade"},
		{"1,000/10", ErrUnrecognised, "not a grade"},
		{"★★☆ out of 5", ErrUnrecognised, "3 stars are drawn"},
		{"☆★", ErrUnrecognised, "not a grade"},
		{"★½½", ErrUnrecognised, "not a grade"},
		{"★★★%", ErrUnrecognised, "not a grade"},
		{"no", ErrUnrecognised, "not a grade"},
		{"no/5", ErrUnrecognised, "not a grade"},
		{"...", ErrUnrecognised, "no grade in it"},
		{"very good indeed", ErrUnrecognised, "not a grade"},
		{"Rated R", ErrUnrecognised, "not a grade"},
	}
	for _, tt := range tests {
		g, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", tt.in, g)
			continue
		}
		if !errors.Is(err, tt.kind) {
			t.Errorf("Parse(%q) error %v, want kind %v", tt.in, err, tt.kind)
		}
		var ge *Error
		if !errors.As(err, &ge) {
			t.Errorf("Parse(%q) error is %T, want *Error", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.says) {
			t.Errorf("Parse(%q) error %q does not say %q", tt.in, err, tt.says)
		}
		if !g.IsZero() {
			t.Errorf("Parse(%q) failed but returned %+v", tt.in, g)
		}
	}
}

func TestErrorTextIsCut(t *testing.T) {
	_, err := Parse(strings.Repeat("★", 40))
	var ge *Error
	if !errors.As(err, &ge) || len(ge.Text) > MaxLen+len("…") {
		t.Fatalf("error %v does not cut its text to %d bytes", err, MaxLen)
	}
	if !strings.HasSuffix(ge.Text, "…") || !strings.HasPrefix(ge.Text, "★★★") {
		t.Errorf("cut text %q should end in … on a rune boundary", ge.Text)
	}
}

func TestParserDefaults(t *testing.T) {
	ebert := Parser{StarMax: 4}
	tests := []struct {
		p     Parser
		in    string
		scale Scale
		value float64
	}{
		{ebert, "***", ScaleStars4, 75},
		{ebert, "***1/2", ScaleStars4, 87.5},
		{ebert, "3 stars", ScaleStars4, 75},
		{ebert, "★★★☆☆", ScaleStars5, 60},     // drawn maximum wins
		{ebert, "3/5 stars", ScaleStars5, 60}, // stated maximum wins
		{Parser{BareMax: 10}, "7", ScaleOutOf10, 70},
		{Parser{BareMax: 10}, "7.5", ScaleOutOf10, 75},
		{Parser{BareMax: 5}, "3.5", ScaleFraction, 70},
		{Parser{BareMax: 100}, "88", ScaleOutOf100, 88},
		{Parser{StarMax: -3}, "***", ScaleStars5, 60}, // nonsense means the default
	}
	for _, tt := range tests {
		g, err := tt.p.Parse(tt.in)
		if err != nil || g.Scale != tt.scale || g.Value != tt.value {
			t.Errorf("%+v.Parse(%q) = %s %v, %v; want %s %v", tt.p, tt.in, g.Scale, g.Value, err, tt.scale, tt.value)
		}
	}
	if _, err := (Parser{BareMax: 10}).Parse("11"); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("BareMax 10 accepted 11: %v", err)
	}
}

func TestParseLetterboxd(t *testing.T) {
	for _, tt := range []struct {
		in    string
		value float64
	}{
		{"0.5", 10}, {"1", 20}, {"2.5", 50}, {"3.5", 70}, {"4.0", 80}, {"5", 100}, {" 3 ", 60},
	} {
		g, err := ParseLetterboxd(tt.in)
		if err != nil || g.Scale != ScaleLetterboxd || g.Value != tt.value || g.Max != 5 {
			t.Errorf("ParseLetterboxd(%q) = %+v, %v; want letterboxd %v", tt.in, g, err, tt.value)
		}
	}
	for _, tt := range []struct {
		in   string
		kind error
	}{
		{"", ErrEmpty}, {"0", ErrOutOfRange}, {"5.5", ErrOutOfRange}, {"3.7", ErrOutOfRange},
		{"-1", ErrUnrecognised}, {"★★★", ErrUnrecognised}, {"3/5", ErrUnrecognised}, {"1.2345", ErrUnrecognised},
		{strings.Repeat("1", 65), ErrTooLong},
	} {
		if _, err := ParseLetterboxd(tt.in); !errors.Is(err, tt.kind) {
			t.Errorf("ParseLetterboxd(%q) error %v, want %v", tt.in, err, tt.kind)
		}
	}
}

func TestLookupWord(t *testing.T) {
	for _, phrase := range []string{"very good", "Very-Good", "a masterpiece", "MUST SEE", "a minor work", "skip it", "disappointing", "a good movie"} {
		if _, ok := LookupWord(phrase); !ok {
			t.Errorf("LookupWord(%q) found nothing", phrase)
		}
	}
	for _, phrase := range []string{"", "a", "film", "goodish", "very"} {
		if w, ok := LookupWord(phrase); ok {
			t.Errorf("LookupWord(%q) = %+v, want nothing", phrase, w)
		}
	}
}
