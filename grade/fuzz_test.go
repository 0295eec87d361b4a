package grade

import (
	"errors"
	"testing"
)

// seeds are texts to start fuzzing from: every documented form and the
// edges of the grammar.
var seeds = []string{
	"★★★½", "★★★½☆", "***1/2", "***½", "½", "⭐️⭐️⭐️", "★★★⯪☆", "★★☆ out of 5",
	"3.5/5", "3.5 stars", "3½★", "3 1/2 stars", "three and a half stars", "half a star",
	"no stars", "4 stars out of 5", "4 out of 5 stars", "4/4", "0/5", "7/10", "10/10",
	"7.5 out of 10", "7,5/10", "88/100", "88%", "88 percent", "B+", "A-", "B−", "C minus",
	"F", "A+", "Grade: B+", "Rating: 3/4", "**B+**", "(3/4).", "thumbs up", "👍🏽", "fresh",
	"rotten", "masterpiece", "a minor work", "Must-see!", "3.5", "6/5", "-1/5", "3/0",
	"1.2345/5", "1/2 star", "3/4/5", "☆★", "", "  ", "\xff", "1e3/5",
}

func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := Parse(s)
		if err != nil {
			var ge *Error
			if !errors.As(err, &ge) || ge.Kind == nil || !g.IsZero() {
				t.Fatalf("Parse(%q): bad failure %#v, %v", s, g, err)
			}
		} else {
			checkGrade(t, g)
		}
		if lb, err := ParseLetterboxd(s); err == nil {
			if lb.Scale != ScaleLetterboxd || lb.Value < 10 || lb.Value > 100 {
				t.Fatalf("ParseLetterboxd(%q) = %+v", s, lb)
			}
			checkGrade(t, lb)
		}
		if g, err := (Parser{StarMax: 4, BareMax: 10}).Parse(s); err == nil {
			checkGrade(t, g)
		}
	})
}
