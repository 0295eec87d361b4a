package grade

import (
	"math"
	"strings"
)

// String formats g canonically in its own scale: ★★★½☆ for stars (always
// padded to the maximum so a four-star scale stays one), 7.5/10, 88%, B+,
// thumbs up, very good. Parse reads the result back to the same Value.
// Where several texts share a value (A+ and A, "excellent" and "superb")
// the first in the table is used. The zero Grade formats as "".
func (g Grade) String() string {
	switch g.Scale {
	case "":
		if g.IsZero() {
			return ""
		}
	case ScaleStars5, ScaleStars4:
		return formatStars(g.points(), g.max(), true)
	case ScaleLetterboxd:
		return formatStars(g.points(), g.max(), false)
	case ScaleOutOf10, ScaleOutOf100, ScaleFraction:
		return formatNumber(g.points()) + "/" + formatNumber(g.max())
	case ScalePercent:
		return formatNumber(g.points()) + "%"
	case ScaleLetter:
		return nearestLetter(g.Value).text
	case ScaleThumbs:
		return thumbsFor(g.Value).text
	case ScaleFreshness:
		return freshnessFor(g.Value).text
	case ScaleWords:
		return nearestWord(g.Value).Phrase
	}
	// An unknown scale still says something true.
	return formatNumber(g.points()) + "/" + formatNumber(g.max())
}

// max is the top of g's numeric scale, defaulting by scale for grades
// built by hand without one.
func (g Grade) max() float64 {
	if g.Max >= 1 && g.Max <= 100 && g.Max == math.Trunc(g.Max) {
		return g.Max
	}
	switch g.Scale {
	case ScaleStars5, ScaleLetterboxd:
		return 5
	case ScaleStars4:
		return 4
	case ScaleOutOf10:
		return 10
	}
	return 100
}

// points is g.Points when it agrees with g.Value, which it does for every
// grade Parse or FromValue made; otherwise it is recomputed from Value,
// rounded to the three decimals Parse accepts.
func (g Grade) points() float64 {
	max := g.max()
	if valueOf(g.Points, max) == g.Value {
		return g.Points
	}
	return math.Round(clamp(g.Value)*max/100*1000) / 1000
}

// formatStars draws points out of max as glyphs when it is whole or half
// stars, and as "3.7/5 stars" otherwise. Padding with empty stars states
// the maximum; Letterboxd's style leaves it off (its maximum is always 5).
func formatStars(points, max float64, pad bool) string {
	if points*2 != math.Trunc(points*2) || (!pad && points == 0) {
		return formatNumber(points) + "/" + formatNumber(max) + " stars"
	}
	var b strings.Builder
	full := int(points)
	for range full {
		b.WriteString("★")
	}
	half := points > float64(full)
	if half {
		b.WriteString("½")
	}
	if pad {
		empty := int(max) - full
		if half {
			empty--
		}
		for range empty {
			b.WriteString("☆")
		}
		// A full row shows no maximum; Parse would take five.
		if empty == 0 && max != 5 {
			b.WriteString(" out of " + formatNumber(max))
		}
	}
	return b.String()
}

// FromValue expresses a 0–100 value on a scale, rounding to the scale's
// steps: half stars, half points out of 10, whole numbers out of 100 and
// in percent, the nearest letter or verdict word; thumbs and freshness
// split by VerdictOf (fresh needs 60). ScaleFraction, having no natural
// maximum, is out of 4 in half points; ScaleLetterboxd starts at half a
// star. The value is clamped to 0–100 (NaN as 0); an unknown scale gives
// the zero Grade. Text is set to the canonical String.
func FromValue(value float64, scale Scale) Grade {
	v := clamp(value)
	var g Grade
	switch scale {
	case ScaleStars5, ScaleLetterboxd:
		g = onSteps(v, scale, 5, 0.5)
		if scale == ScaleLetterboxd && g.Points < 0.5 {
			g.Points, g.Value = 0.5, valueOf(0.5, 5)
		}
	case ScaleStars4, ScaleFraction:
		g = onSteps(v, scale, 4, 0.5)
	case ScaleOutOf10:
		g = onSteps(v, scale, 10, 0.5)
	case ScaleOutOf100, ScalePercent:
		g = onSteps(v, scale, 100, 1)
	case ScaleLetter:
		g = Grade{Scale: scale, Value: nearestLetter(v).value}
	case ScaleThumbs:
		g = Grade{Scale: scale, Value: thumbsFor(v).value}
	case ScaleFreshness:
		g = Grade{Scale: scale, Value: freshnessFor(v).value}
	case ScaleWords:
		g = Grade{Scale: scale, Value: nearestWord(v).Value}
	default:
		return Grade{}
	}
	g.Text = g.String()
	return g
}

// onSteps rounds v (already clamped) to the nearest step of a numeric scale.
func onSteps(v float64, scale Scale, max, step float64) Grade {
	points := math.Min(max, math.Round(v*max/100/step)*step)
	return Grade{Scale: scale, Value: valueOf(points, max), Max: max, Points: points}
}
