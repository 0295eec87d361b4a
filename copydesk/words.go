package copydesk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// words lower-cases s and splits it into words of letters, digits and inner
// apostrophes ("didn't", "o'brien"); curly apostrophes read as straight ones.
func words(s string, dst []string) []string {
	dst = dst[:0]
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			dst = append(dst, b.String())
			b.Reset()
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0 && i+n < len(s) && isLetterAt(s, i+n):
			b.WriteByte('\'')
		default:
			flush()
		}
		i += n
	}
	flush()
	return dst
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
