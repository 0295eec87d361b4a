package copydesk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// words lower-cases s and splits it into words of letters, digits and inner
// apostrophes ("didn't", "o'brien"); curly apostrophes read as straight ones.
// A word already in lower-case ASCII, most of a review's, is a substring of
// s rather than a copy.
func words(s string, dst []string) []string {
	if dst == nil {
		// One allocation of about the right size instead of the appends'
		// doubling: a sentence has about one word per space.
		dst = make([]string, 0, strings.Count(s, " ")+1)
	}
	dst = dst[:0]
	for i := 0; i < len(s); {
		j, plain := wordEnd(s, i)
		switch {
		case j == i:
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		case plain:
			dst = append(dst, s[i:j])
		default:
			dst = append(dst, foldWord(s[i:j]))
		}
		i = j
	}
	return dst
}

// wordEnd returns the end of the word starting at s[i] (i when none does)
// and whether the word is lower-case ASCII with straight apostrophes only.
func wordEnd(s string, i int) (int, bool) {
	plain := true
	start := i
	for i < len(s) {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			i++
			continue
		}
		if c >= 'A' && c <= 'Z' {
			plain = false
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			plain = false
		case (r == '\'' || r == '’') && i > start && i+n < len(s) && isLetterAt(s, i+n):
			plain = plain && r == '\''
		default:
			return i, plain
		}
		i += n
	}
	return i, plain
}

// foldWord lower-cases a word and straightens its apostrophes.
func foldWord(w string) string {
	if isASCII(w) {
		return strings.ToLower(w) // a capitalised word: no rune to decode
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// phraseSet finds multi-word phrases in a word list. Phrases are indexed by
// their first word so a sentence costs one map look-up per word.
type phraseSet[V any] map[string][]phraseEntry[V]

type phraseEntry[V any] struct {
	rest []string
	val  V
}

func (ps phraseSet[V]) add(phrase string, v V) {
	w := strings.Fields(phrase)
	ps[w[0]] = append(ps[w[0]], phraseEntry[V]{rest: w[1:], val: v})
}

// each calls fn for every phrase occurrence in ws, with its word index.
func (ps phraseSet[V]) each(ws []string, fn func(at int, v V)) {
	for i, w := range ws {
		for _, e := range ps[w] {
			if hasPrefix(ws[i+1:], e.rest) {
				fn(i, e.val)
			}
		}
	}
}

func hasPrefix(ws, prefix []string) bool {
	if len(prefix) > len(ws) {
		return false
	}
	for i, p := range prefix {
		if ws[i] != p {
			return false
		}
	}
	return true
}
