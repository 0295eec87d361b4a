package grade

import (
	"math"
	"strings"
)

// Word is one row of the verdict-word table.
type Word struct {
	Phrase  string  // as printed, e.g. "very good", "must-see"
	Value   float64 // 0–100
	Verdict Verdict // always VerdictOf(Value); spelled out so the table reads on its own
}

// Words is the verdict-word table, from best to worst. Parse reads any of
// these phrases (ignoring case, hyphens, a leading "a"/"an" and a trailing
// "film"/"movie"), and the copy desk looks for them in review text through
// LookupWord. The first phrase of each value is the canonical one that
// String and FromValue print. Treat it as read-only: the lookup index is
// built once, when the package starts.
//
// Values are chosen so that a word lands in the band of the verdict it
// states: plain verdicts (positive, recommended, negative) sit at 80 and
// 20, the middles of Metacritic's favourable (61–100) and unfavourable
// (0–39) bands, like thumbs and fresh/rotten; Metacritic's own band names
// sit at the middle of their band.
var Words = []Word{
	{"masterpiece", 100, Positive},
	{"masterwork", 100, Positive},
	{"tour de force", 100, Positive},
	{"essential", 95, Positive},
	{"must-see", 95, Positive},
	{"unmissable", 95, Positive},
	{"excellent", 90, Positive},
	{"superb", 90, Positive},
	{"outstanding", 90, Positive},
	{"exceptional", 90, Positive},
	{"brilliant", 90, Positive},
	{"highly recommended", 90, Positive},
	{"universal acclaim", 90, Positive},
	{"great", 85, Positive},
	{"very good", 80, Positive},
	{"recommended", 80, Positive},
	{"positive", 80, Positive},
	{"good", 70, Positive},
	{"worth seeing", 70, Positive},
	{"worth watching", 70, Positive},
	{"generally favorable", 70, Positive},
	{"generally favourable", 70, Positive},
	{"solid", 65, Positive},
	{"pretty good", 65, Positive},
	{"decent", 60, Positive},
	{"above average", 60, Positive},
	{"worth a look", 60, Positive},
	{"okay", 55, Mixed},
	{"ok", 55, Mixed},
	{"not bad", 55, Mixed},
	{"mixed", 50, Mixed},
	{"fair", 50, Mixed},
	{"average", 50, Mixed},
	{"mixed or average", 50, Mixed},
	{"middling", 50, Mixed},
	{"so-so", 45, Mixed},
	{"minor work", 45, Mixed},
	{"uneven", 45, Mixed},
	{"mediocre", 40, Mixed},
	{"disappointing", 35, Negative},
	{"disappointment", 35, Negative},
	{"below average", 35, Negative},
	{"weak", 30, Negative},
	{"generally unfavorable", 30, Negative},
	{"generally unfavourable", 30, Negative},
	{"poor", 25, Negative},
	{"bad", 20, Negative},
	{"negative", 20, Negative},
	{"not recommended", 20, Negative},
	{"skip it", 20, Negative},
	{"awful", 10, Negative},
	{"terrible", 10, Negative},
	{"dreadful", 10, Negative},
	{"avoid", 10, Negative},
	{"overwhelming dislike", 10, Negative},
	{"abysmal", 0, Negative},
	{"unwatchable", 0, Negative},
	{"disaster", 0, Negative},
}

// wordIndex maps wordKey(phrase) to its row in Words.
var wordIndex = indexWords(Words)

func indexWords(ws []Word) map[string]int {
	m := make(map[string]int, len(ws))
	for i, w := range ws {
		if _, dup := m[wordKey(w.Phrase)]; !dup {
			m[wordKey(w.Phrase)] = i
		}
	}
	return m
}

// LookupWord finds a verdict phrase in Words the way Parse does: "Must
// see", "a masterpiece" and "very good film" all match.
func LookupWord(phrase string) (Word, bool) {
	i, ok := wordIndex[wordKey(phrase)]
	if !ok {
		return Word{}, false
	}
	return Words[i], true
}

// wordKey reduces a phrase to the form the tables are keyed by: lower
// case, hyphens and underscores as spaces, single spaces, no leading
// article and no trailing "film" or "movie".
func wordKey(s string) string {
	s = strings.ToLower(strings.Map(normalizeRune, s))
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' })
	if len(f) > 1 && (f[0] == "a" || f[0] == "an") {
		f = f[1:]
	}
	if n := len(f); n > 1 && (f[n-1] == "film" || f[n-1] == "movie") {
		f = f[:n-1]
	}
	return strings.Join(f, " ")
}

// nearestWord is the canonical word closest to v; on a tie, the better one.
func nearestWord(v float64) Word {
	best := Words[0]
	for _, w := range Words {
		if math.Abs(w.Value-v) < math.Abs(best.Value-v) {
			best = w
		}
	}
	return best
}

// named is one row of the small fixed tables: letters, thumbs, freshness.
type named struct {
	text  string
	value float64
}

// letters is Metacritic's letter-grade conversion, best first. A+ has
// nowhere higher to go than 100, so it shares A's value.
var letters = []named{
	{"A+", 100}, {"A", 100}, {"A-", 91},
	{"B+", 83}, {"B", 75}, {"B-", 67},
	{"C+", 58}, {"C", 50}, {"C-", 42},
	{"D+", 33}, {"D", 25}, {"D-", 17},
	{"F", 0},
}

// nearestLetter is the letter closest to v; on a tie, the better one, and
// A rather than A+ for 100 (the first of equals would be A+, so skip it).
func nearestLetter(v float64) named {
	best := letters[1]
	for _, l := range letters[1:] {
		if math.Abs(l.value-v) < math.Abs(best.value-v) {
			best = l
		}
	}
	return best
}

// Thumbs and freshness are verdicts, not measures. Their values are the
// middles of the verdict bands, so a "fresh" counts in a critics' mean as
// a typical positive review rather than as a perfect score.
var (
	thumbsUp       = named{"thumbs up", 80}
	thumbsSideways = named{"thumbs sideways", 50}
	thumbsDown     = named{"thumbs down", 20}
	fresh          = named{"fresh", 80}
	rotten         = named{"rotten", 20}
)

// verdictTexts maps the keys of thumbs and freshness texts to their rows.
var verdictTexts = map[string]struct {
	scale Scale
	named
}{
	"thumbs up":       {ScaleThumbs, thumbsUp},
	"thumb up":        {ScaleThumbs, thumbsUp},
	"two thumbs up":   {ScaleThumbs, thumbsUp},
	"👍":               {ScaleThumbs, thumbsUp},
	"thumbs sideways": {ScaleThumbs, thumbsSideways},
	"thumb sideways":  {ScaleThumbs, thumbsSideways},
	"thumbs down":     {ScaleThumbs, thumbsDown},
	"thumb down":      {ScaleThumbs, thumbsDown},
	"two thumbs down": {ScaleThumbs, thumbsDown},
	"👎":               {ScaleThumbs, thumbsDown},
	"fresh":           {ScaleFreshness, fresh},
	"rotten":          {ScaleFreshness, rotten},
}

func thumbsFor(v float64) named {
	switch VerdictOf(v) {
	case Positive:
		return thumbsUp
	case Negative:
		return thumbsDown
	}
	return thumbsSideways
}

// freshnessFor follows the Tomatometer: fresh from 60, rotten below.
func freshnessFor(v float64) named {
	if v >= 60 {
		return fresh
	}
	return rotten
}
