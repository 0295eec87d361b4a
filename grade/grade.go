package grade

import (
	"math"
	"strconv"
)

// Scale names the notation a grade was written in. Two grades on the same
// scale compare by Value; the scale is kept so a grade can be shown back
// in its critic's own notation (see FromValue).
type Scale string

// The scales Parse and ParseLetterboxd produce.
const (
	ScaleStars5     Scale = "stars5"     // ★★★½, 3.5 stars, 3/5 stars: stars out of five
	ScaleStars4     Scale = "stars4"     // ★★★☆, 3 stars out of 4
	ScaleOutOf10    Scale = "outof10"    // 7/10, 7.5 out of 10, ten-star ratings
	ScaleOutOf100   Scale = "outof100"   // 88/100
	ScaleFraction   Scale = "fraction"   // x/N for any other whole N from 1 to 100: 3/4, 3.5/5
	ScaleLetter     Scale = "letter"     // A+ … F
	ScaleLetterboxd Scale = "letterboxd" // 0.5–5 in half stars, Letterboxd's CSV rating column
	ScaleThumbs     Scale = "thumbs"     // thumbs up, sideways, down
	ScaleFreshness  Scale = "freshness"  // fresh, rotten
	ScaleWords      Scale = "words"      // a verdict word from Words
	ScalePercent    Scale = "percent"    // 88%
)

// Scales lists every scale, in the order of the constants above.
var Scales = []Scale{
	ScaleStars5, ScaleStars4, ScaleOutOf10, ScaleOutOf100, ScaleFraction, ScaleLetter,
	ScaleLetterboxd, ScaleThumbs, ScaleFreshness, ScaleWords, ScalePercent,
}

// Valid reports whether s is one of Scales, for decoding stored grades.
func (s Scale) Valid() bool {
	for _, t := range Scales {
		if s == t {
			return true
		}
	}
	return false
}

// Grade is a grade as a critic wrote it together with its 0–100 value.
// The zero Grade means "no grade".
type Grade struct {
	Text  string  // as written, without surrounding space
	Scale Scale   // the notation
	Value float64 // 0–100, Metacritic's conversion

	// Max and Points describe numeric scales: 3.5/5 has Points 3.5 and
	// Max 5, 88% has Points 88 and Max 100. Both are 0 for letters,
	// thumbs, freshness and words. Points is kept, not recomputed from
	// Value, so that String reproduces Value exactly.
	Max    float64
	Points float64
}

// IsZero reports whether g is the zero Grade, that is, no grade at all.
func (g Grade) IsZero() bool { return g == Grade{} }

// Verdict is what a review concludes, on Rotten Tomatoes' and Metacritic's
// three-way split.
type Verdict string

// The verdicts.
const (
	Positive Verdict = "positive"
	Mixed    Verdict = "mixed"
	Negative Verdict = "negative"
)

// VerdictOf gives the verdict for a 0–100 value: 60 and above is positive
// (a Tomatometer "fresh", 3/5 stars and up), below 40 is negative
// (Metacritic's 0–39 "unfavourable" band), the rest is mixed. NaN is mixed.
func VerdictOf(value float64) Verdict {
	switch {
	case value >= 60:
		return Positive
	case value < 40:
		return Negative
	}
	return Mixed
}

// Verdict is the grade's verdict by VerdictOf. Grades that state a verdict
// (thumbs, fresh/rotten, verdict words) carry a Value inside that
// verdict's band, so this returns what the critic said.
func (g Grade) Verdict() Verdict { return VerdictOf(g.Value) }

// HalfStars buckets a 0–100 value into 0–10 half stars, rounding to the
// nearest (75 → 8, i.e. four stars) for a Letterboxd-style histogram.
// Values outside 0–100 are clamped and NaN counts as 0.
func HalfStars(value float64) int {
	v := clamp(value)
	return int(math.Floor(v/10 + 0.5))
}

// valueOf converts Points on a scale of max to 0–100. Multiplying before
// dividing keeps common values exact (3.5 of 5 is 70, not 69.99…), and
// every caller goes through here so equal inputs give bit-equal values.
func valueOf(points, max float64) float64 {
	return math.Min(100, points*100/max)
}

// clamp puts v into 0–100, mapping NaN to 0.
func clamp(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return math.Min(v, 100)
}

// formatNumber prints the shortest decimal that parses back to x.
func formatNumber(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}
