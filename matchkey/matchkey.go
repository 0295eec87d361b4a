// Package matchkey turns names and titles into normalised match keys, so that
// "almodovar" finds "Pedro Almodóvar", "pain and glory" finds "Pain & Glory" and
// "8 1/2" finds "8½". Keys are lower case, without accents, with punctuation
// folded to single spaces between words.
//
// The same function builds the keys stored by the catalog and the keys of
// queries, so the two always agree.
package matchkey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxInput bounds the text a key is built from; longer input is truncated at a
// rune boundary. Titles and names are far shorter; the bound keeps a hostile
// query from costing more than a few microseconds.
const MaxInput = 1024

// special maps runes that canonical decomposition leaves alone, or that need a
// word of their own, to their ASCII spelling.
var special = map[rune]string{
	'&': " and ", 'æ': "ae", 'œ': "oe", 'ß': "ss",
	'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h",
	'½': " 1 2 ", '⅓': " 1 3 ", '¼': " 1 4 ", '¾': " 3 4 ",
}

// joiners are dropped without leaving a word break: "Schindler's" → "schindlers",
// "L.A." → "la".
func joiner(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '`', '´', '.':
		return true
	}
	return false
}

// Key returns the match key of s.
func Key(s string) string {
	if len(s) > MaxInput {
		s = truncate(s, MaxInput)
	}
	if isPlainASCII(s) {
		return foldASCII(s)
	}
	return foldUnicode(s)
}

// Words returns the words of s's key.
func Words(s string) []string { return strings.Fields(Key(s)) }

func truncate(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '&' {
			return false
		}
	}
	return true
}

// foldASCII is the fast path for the common case: most catalog names are ASCII.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		case c == '\'' || c == '`' || c == '.':
		default:
			space = true
		}
	}
	return b.String()
}

// replaceSpecial lower-cases s and spells out the runes of the special table. It
// runs before decomposition, which would otherwise turn "8½" into "81⁄2", and
// again after it, for the specials that decomposition produces (fullwidth "＆").
func replaceSpecial(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		r = unicode.ToLower(r)
		if rep, ok := special[r]; ok {
			b.WriteString(rep)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	emit := func(r rune) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	for _, r := range replaceSpecial(norm.NFKD.String(replaceSpecial(s))) {
		switch {
		case unicode.Is(unicode.Mn, r), joiner(r):
			// combining accents and apostrophes vanish inside a word
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			emit(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// LowerASCII returns s with its ASCII capitals lowered and every other byte
// kept, so that offsets into s hold in it; s itself when it has none. It is
// the cheap lower-casing of a whole text whose words are then read by offset.
func LowerASCII(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
