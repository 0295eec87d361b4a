package copydesk

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"reel/matchkey"
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
	return appendWords(dst[:0], s, matchkey.LowerASCII(s))
}

// appendWords appends the words of s to dst, as words does. lower is
// matchkey.LowerASCII(s): a capitalised ASCII word is read from it, a substring
// again, instead of being lowered into a copy of its own.
func appendWords(dst []string, s, lower string) []string {
	for i := 0; i < len(s); {
		j, plain := wordEnd(s, i)
		switch {
		case j == i:
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		case plain:
			dst = append(dst, s[i:j])
		case isASCII(s[i:j]):
			dst = append(dst, lower[i:j]) // a capitalised word
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
// their first word so a sentence costs one map look-up per word, and most
// words not even that: the first words' lengths by first and by last byte
// rule them out before the map is hashed.
type phraseSet[V any] struct {
	first map[string][]phraseEntry[V]
	// byFirst[b] and byLast[b] have bit lenBit(w) set for each first word w
	// starting, resp. ending, with byte b.
	byFirst, byLast [256]uint64
}

type phraseEntry[V any] struct {
	rest []string
	val  V
}

func newPhraseSet[V any]() *phraseSet[V] {
	return &phraseSet[V]{first: map[string][]phraseEntry[V]{}}
}

func lenBit(w string) uint64 { return 1 << min(len(w), 63) }

func (ps *phraseSet[V]) add(phrase string, v V) {
	w := strings.Fields(phrase)
	ps.first[w[0]] = append(ps.first[w[0]], phraseEntry[V]{rest: w[1:], val: v})
	ps.byFirst[w[0][0]] |= lenBit(w[0])
	ps.byLast[w[0][len(w[0])-1]] |= lenBit(w[0])
}

// each calls fn for every phrase occurrence in ws, with its word index.
func (ps *phraseSet[V]) each(ws []string, fn func(at int, v V)) {
	for i, w := range ws {
		if w == "" || ps.byFirst[w[0]]&ps.byLast[w[len(w)-1]]&lenBit(w) == 0 {
			continue
		}
		for _, e := range ps.first[w] {
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
