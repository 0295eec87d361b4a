package grade

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLen is the longest text, in bytes after trimming space, that Parse
// reads. Real grades are short; a long text is prose, not a grade, and the
// cap bounds the work a hostile input can cause.
const MaxLen = 64

// maxDecimals is how many decimal places a number may have. Critics write
// 7.25/10 at most; the cap also keeps canonical forms short.
const maxDecimals = 3

// Parser reads grades with a critic's house conventions. The zero Parser
// is what Parse uses.
type Parser struct {
	// StarMax is the maximum of star ratings that do not state one, such
	// as ★★★, ***1/2 and "3 stars". 0 (or anything outside 1–100) means 5;
	// a critic on Ebert's four-star scale sets 4.
	StarMax int
	// BareMax is the maximum of a bare number such as "3.5" or "7". 0
	// means bare numbers are rejected as ambiguous (ErrAmbiguous).
	BareMax int
}

// Parse reads a grade in any notation the package documents, with star
// ratings out of 5 and bare numbers rejected. See the package comment for
// the forms it accepts.
func Parse(s string) (Grade, error) { return Parser{}.Parse(s) }

// Parse reads a grade as the package-level Parse does, applying p's
// defaults for maxima the text leaves out.
func (p Parser) Parse(s string) (Grade, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return Grade{}, newError(ErrEmpty, text, "no grade given")
	}
	if len(text) > MaxLen {
		return Grade{}, newError(ErrTooLong, text, "%d bytes is longer than a grade can be (at most %d)", len(text), MaxLen)
	}
	c := clean(text)
	if c == "" {
		return Grade{}, newError(ErrUnrecognised, text, "no grade in it")
	}
	g, ok := parseLetter(c)
	if !ok {
		g, ok = parseNamed(c)
	}
	if !ok {
		var err *Error
		if g, err = p.parseNumeric(c); err != nil {
			err.Text = text
			return Grade{}, err
		}
	}
	g.Text = text
	return g, nil
}

// ParseLetterboxd reads the Rating column of a Letterboxd export: a number
// of stars from 0.5 to 5 in halves ("3.5", "4", "4.0"). An empty rating is
// ErrEmpty, which importers treat as "not rated".
func ParseLetterboxd(s string) (Grade, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return Grade{}, newError(ErrEmpty, text, "no rating given")
	}
	if len(text) > MaxLen {
		return Grade{}, newError(ErrTooLong, text, "%d bytes is longer than a rating can be (at most %d)", len(text), MaxLen)
	}
	sc := scanner{s: text}
	x, ok, err := sc.digits()
	if err != nil || !ok || !sc.done() {
		return Grade{}, newError(ErrUnrecognised, text, "a Letterboxd rating is a number of stars from 0.5 to 5, such as 3.5")
	}
	if x < 0.5 || x > 5 || x*2 != math.Trunc(x*2) {
		return Grade{}, newError(ErrOutOfRange, text, "a Letterboxd rating is 0.5 to 5 in half stars, not %s", formatNumber(x))
	}
	return Grade{Text: text, Scale: ScaleLetterboxd, Value: valueOf(x, 5), Max: 5, Points: x}, nil
}

// clean normalises text for matching: unicode look-alikes folded to ASCII,
// lower case, and stripped of the wrapping people put around a grade:
// brackets, quotes, trailing punctuation, Markdown emphasis and a label
// such as "Grade:" or "Rating:".
func clean(s string) string {
	s = strings.ToLower(strings.Map(normalizeRune, s))
	for {
		before := s
		s = strings.TrimSpace(s)
		s = strings.TrimRight(s, ".,;:!?…")
		s = strings.TrimLeft(s, `([{"'“‘«`)
		s = strings.TrimRight(s, `)]}"'”’»`)
		s = stripLabel(s)
		s = stripEmphasis(s)
		if s == before {
			return s
		}
	}
}

// normalizeRune folds the characters people and word processors use for
// the ASCII ones grades are written with, and drops invisible ones (emoji
// variation selectors, skin tones, zero-width joiners).
func normalizeRune(r rune) rune {
	switch r {
	case '\u2212', '\u2013', '\u2014', '\u2010', '\u2011', '\ufe63', '\uff0d':
		return '-'
	case '\u2044', '\u2215', '\uff0f':
		return '/'
	case '\uff05':
		return '%'
	case '\uff0b':
		return '+'
	case '\ufe0e', '\ufe0f', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	}
	switch {
	case r >= 0x1f3fb && r <= 0x1f3ff: // skin-tone modifiers on 👍
		return -1
	case r >= '\uff10' && r <= '\uff19': // full-width digits
		return '0' + r - '\uff10'
	case unicode.IsSpace(r):
		return ' '
	}
	return r
}

// labels are the words that may precede a grade without a colon.
var labels = []string{"grade", "rating", "rated", "score", "verdict", "my rating", "my grade", "our rating"}

// stripLabel removes "Grade:", "Our rating:" and the like: up to 24 bytes
// of letters and spaces before a colon, or a known label and a space.
func stripLabel(s string) string {
	if i := strings.IndexByte(s, ':'); i > 0 && i <= 24 && isLabel(s[:i]) {
		return s[i+1:]
	}
	for _, l := range labels {
		if rest, ok := strings.CutPrefix(s, l+" "); ok {
			return rest
		}
	}
	return s
}

func isLabel(s string) bool {
	if s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// stripEmphasis removes Markdown bold or italics around a grade (**B+**).
// It leaves rows of asterisks alone, since ***1/2 is a star rating: the
// inside must hold a letter or digit to count as wrapped.
func stripEmphasis(s string) string {
	for _, m := range []string{"**", "__", "*", "_"} {
		if len(s) > 2*len(m) && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) {
			inner := s[len(m) : len(s)-len(m)]
			if strings.IndexFunc(inner, isAlnum) >= 0 {
				return inner
			}
		}
	}
	return s
}

func isAlnum(r rune) bool { return r < utf8.RuneSelf && (isDigit(byte(r)) || r >= 'a' && r <= 'z') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseLetter reads A+ to F, with the sign as +/- (any dash), "plus" or
// "minus", optionally after a space. There is no E, F+ or F-.
func parseLetter(s string) (Grade, bool) {
	if len(s) == 0 || s[0] < 'a' || s[0] > 'f' || s[0] == 'e' {
		return Grade{}, false
	}
	sign := ""
	switch strings.TrimSpace(s[1:]) {
	case "":
	case "+", "plus":
		sign = "+"
	case "-", "minus":
		sign = "-"
	default:
		return Grade{}, false
	}
	want := strings.ToUpper(s[:1]) + sign
	for _, l := range letters {
		if l.text == want {
			return Grade{Scale: ScaleLetter, Value: l.value}, true
		}
	}
	return Grade{}, false
}

// parseNamed reads thumbs, fresh/rotten and the verdict words.
func parseNamed(s string) (Grade, bool) {
	key := wordKey(s)
	if v, ok := verdictTexts[key]; ok {
		return Grade{Scale: v.scale, Value: v.value}, true
	}
	if i, ok := wordIndex[key]; ok {
		return Grade{Scale: ScaleWords, Value: Words[i].Value}, true
	}
	return Grade{}, false
}
