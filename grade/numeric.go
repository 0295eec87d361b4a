package grade

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// reading is what the numeric grammar found in a text, before it is
// checked and turned into a Grade.
type reading struct {
	amount  float64
	slots   int     // stars drawn, full+half+empty, when empty stars show the maximum
	max     float64 // stated maximum
	hasMax  bool
	glyphs  bool // the amount was drawn as a row of star glyphs
	stars   bool // written as stars (glyphs or the word)
	percent bool
}

// parseNumeric reads the numeric forms:
//
//	glyphs                 ★★★½  ★★★☆☆  ***1/2  ½
//	amount [unit]          3.5 stars  3½★  three and a half stars  88%
//	amount [unit] of max   3.5/5  7.5 out of 10  4 stars out of 5  4 out of 5 stars
//
// where amount is a number (3.5, 3,5, 3 1/2, 3½, "three and a half") or
// glyphs, and a unit is "stars", a star glyph, "%" or "percent".
func (p Parser) parseNumeric(s string) (Grade, *Error) {
	sc := scanner{s: s}
	if strings.HasPrefix(s, "-") && len(s) > 1 && (isDigit(s[1]) || s[1] == '.') {
		return Grade{}, newError(ErrOutOfRange, "", "a grade cannot be negative")
	}
	r, err := sc.read()
	if err != nil {
		return Grade{}, err
	}
	return p.grade(r)
}

// read runs the grammar over the whole text.
func (sc *scanner) read() (reading, *Error) {
	var r reading
	unrecognised := func() *Error { return newError(ErrUnrecognised, "", "not a grade") }
	switch {
	case sc.halfStar():
		r.amount, r.stars = 0.5, true
	case sc.glyphs(&r):
		r.glyphs = true
	default:
		x, ok, err := sc.number()
		if err != nil {
			return r, err
		}
		if !ok {
			return r, unrecognised()
		}
		r.amount = x + sc.fraction()
	}
	sc.space()
	if !r.stars && (sc.lit("%") || sc.word("percent") || sc.word("per cent")) {
		r.percent = true
	} else {
		r.stars = sc.starUnit(!r.glyphs) || r.stars
		sc.space()
		if sc.lit("/") || sc.word("out of") || sc.word("of") {
			sc.space()
			n, ok, err := sc.number()
			if err != nil {
				return r, err
			}
			if !ok {
				return r, unrecognised()
			}
			r.max, r.hasMax = n, true
			sc.space()
			r.stars = sc.starUnit(!r.glyphs) || r.stars
		}
	}
	sc.space()
	if !sc.done() {
		return r, unrecognised()
	}
	if sc.noStars && !r.stars {
		return r, unrecognised() // "no" is a number only in "no stars"
	}
	return r, nil
}

// grade checks a reading against its maximum and picks the scale. Here
// and in the scanner errors leave Text empty; Parse fills it in with the
// text as written, not as cleaned.
func (p Parser) grade(r reading) (Grade, *Error) {
	if r.percent {
		if r.amount > 100 {
			return Grade{}, newError(ErrOutOfRange, "", "%s%% is above 100%%", formatNumber(r.amount))
		}
		return Grade{Scale: ScalePercent, Value: valueOf(r.amount, 100), Max: 100, Points: r.amount}, nil
	}
	max := r.max
	switch {
	case r.hasMax && r.slots != 0 && float64(r.slots) != max:
		return Grade{}, newError(ErrUnrecognised, "", "%d stars are drawn but the text says out of %s", r.slots, formatNumber(max))
	case r.hasMax:
	case r.slots != 0:
		max = float64(r.slots)
	case r.stars:
		max = float64(orDefault(p.StarMax, 5))
	case p.BareMax > 0 && p.BareMax <= 100:
		max = float64(p.BareMax)
	default:
		return Grade{}, newError(ErrAmbiguous, "",
			"a bare number could be out of 4, 5, 10 or 100: write 3.5/5, 3.5 stars, 7/10 or 88/100")
	}
	if max < 1 || max > 100 || max != math.Trunc(max) {
		return Grade{}, newError(ErrOutOfRange, "", "the maximum must be a whole number from 1 to 100, not %s", formatNumber(max))
	}
	if r.amount > max {
		return Grade{}, newError(ErrOutOfRange, "", "%s is above the maximum %s", formatNumber(r.amount), formatNumber(max))
	}
	return Grade{Scale: scaleFor(max, r.stars), Value: valueOf(r.amount, max), Max: max, Points: r.amount}, nil
}

// scaleFor names the scale of a numeric grade. Stars out of 10 are the
// same measure as 7/10, and stars out of 3 the same as 2/3.
func scaleFor(max float64, stars bool) Scale {
	switch {
	case stars && max == 5:
		return ScaleStars5
	case stars && max == 4:
		return ScaleStars4
	case max == 10:
		return ScaleOutOf10
	case max == 100 && !stars:
		return ScaleOutOf100
	}
	return ScaleFraction
}

func orDefault(n, def int) int {
	if n < 1 || n > 100 {
		return def
	}
	return n
}

// scanner walks a cleaned text byte by byte.
type scanner struct {
	s       string
	i       int
	noStars bool // the amount was the word "no"
}

func (sc *scanner) rest() string { return sc.s[sc.i:] }
func (sc *scanner) done() bool   { return sc.i >= len(sc.s) }

func (sc *scanner) space() {
	for sc.i < len(sc.s) && sc.s[sc.i] == ' ' {
		sc.i++
	}
}

// lit consumes p if the text continues with it.
func (sc *scanner) lit(p string) bool {
	if strings.HasPrefix(sc.rest(), p) {
		sc.i += len(p)
		return true
	}
	return false
}

// word consumes w if the text continues with it as a whole word.
func (sc *scanner) word(w string) bool {
	r := sc.rest()
	if !strings.HasPrefix(r, w) || len(r) > len(w) && isLetter(r[len(w)]) {
		return false
	}
	sc.i += len(w)
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// halfStar consumes "1/2 star", "half a star" and "half star", which are
// half a star, not one star out of two.
func (sc *scanner) halfStar() bool {
	start := sc.i
	if sc.lit("1/2") || sc.word("half") || sc.word("a half") {
		sc.space()
		sc.word("a")
		sc.space()
		if sc.starUnit(true) {
			return true
		}
	}
	sc.i = start
	return false
}

// Star glyphs, by role. ASCII '*' counts as a full star.
const (
	fullStars  = "*★⭐✭✮✯✪⭑🌟"
	halfStars  = "½⯪⯨⯫⯩"
	emptyStars = "☆✩⭒✰"
)

// glyphs reads a row of star glyphs: full stars, then at most one half
// (a glyph, or 1/2 after asterisks as in ***1/2), then empty stars, with
// spaces allowed between. Empty stars make the maximum explicit.
func (sc *scanner) glyphs(r *reading) bool {
	start := sc.i
	full, half, empty := 0, 0, 0
	for !sc.done() {
		c, n := utf8.DecodeRuneInString(sc.rest())
		switch {
		case c == ' ':
		case half == 0 && empty == 0 && strings.ContainsRune(fullStars, c):
			full++
		case half == 0 && empty == 0 && strings.ContainsRune(halfStars, c):
			half++
		case half == 0 && empty == 0 && full > 0 && sc.halfDigits():
			half++
			continue
		case strings.ContainsRune(emptyStars, c):
			empty++
		default:
			goto end // spaces consumed before a unit do no harm: the unit skips them anyway
		}
		sc.i += n
	}
end:
	if full+half+empty == 0 {
		sc.i = start
		return false
	}
	r.amount = float64(full) + 0.5*float64(half)
	r.stars = true
	if empty > 0 {
		r.slots = full + half + empty
	}
	return true
}

// halfDigits consumes "1/2" standing for a half: not "1/20", not "1/2/4".
func (sc *scanner) halfDigits() bool {
	r := sc.rest()
	if !strings.HasPrefix(r, "1/2") || len(r) > 3 && (isDigit(r[3]) || r[3] == '/' || r[3] == '.') {
		return false
	}
	sc.i += 3
	return true
}

// starUnit consumes "stars", "star" or, if glyph is set, one star glyph
// (3.5★). After a row of glyphs a stray glyph is an error, not a unit.
func (sc *scanner) starUnit(glyph bool) bool {
	if sc.word("stars") || sc.word("star") {
		return true
	}
	c, n := utf8.DecodeRuneInString(sc.rest())
	if glyph && n > 0 && strings.ContainsRune(fullStars, c) {
		sc.i += n
		return true
	}
	return false
}

// numberWords are the spelled-out amounts critics use in prose.
var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// number reads a number in digits or words. ok is false when there is
// none; err is set for digits Parse will not take (too many decimals).
func (sc *scanner) number() (x float64, ok bool, err *Error) {
	for v, w := range numberWords {
		if sc.word(w) {
			return float64(v), true, nil
		}
	}
	if sc.word("no") {
		sc.noStars = true
		return 0, true, nil
	}
	return sc.digits()
}

// digits reads 3, 3.5, .5 or 3,5 (a decimal comma, one or two digits after
// it so that 1,000 is not read as 1).
func (sc *scanner) digits() (float64, bool, *Error) {
	start := sc.i
	for !sc.done() && isDigit(sc.s[sc.i]) {
		sc.i++
	}
	whole := sc.i - start
	num := sc.s[start:sc.i]
	if r := sc.rest(); len(r) > 1 && (r[0] == '.' || r[0] == ',') && isDigit(r[1]) {
		d := 1
		for d < len(r) && isDigit(r[d]) {
			d++
		}
		decimals := d - 1
		switch {
		case r[0] == ',' && (whole == 0 || decimals > 2):
			// not a decimal comma; leave it for the caller to reject
		case decimals > maxDecimals:
			return 0, false, newError(ErrUnrecognised, "", "a number may have at most %d decimal places", maxDecimals)
		default:
			num += "." + r[1:d]
			sc.i += d
		}
	}
	if num == "" {
		sc.i = start
		return 0, false, nil
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil { // only digits and one point reach here; this is overflow
		return 0, false, newError(ErrOutOfRange, "", "number too large")
	}
	return x, true, nil
}

// fraction reads what may follow a whole number to add a fraction:
// ½ ¼ ¾ (joined or after a space), " 1/2", "-1/2", " and a half".
func (sc *scanner) fraction() float64 {
	start := sc.i
	if sc.lit("-") && sc.halfDigits() {
		return 0.5
	}
	sc.i = start
	sc.space()
	spaced := sc.i > start
	switch {
	case sc.lit("½"):
		return 0.5
	case sc.lit("¼"):
		return 0.25
	case sc.lit("¾"):
		return 0.75
	case spaced && (sc.word("and a half") || sc.word("and 1/2") || sc.word("and ½")):
		return 0.5
	case spaced && sc.halfDigits():
		return 0.5
	}
	sc.i = start
	return 0
}
