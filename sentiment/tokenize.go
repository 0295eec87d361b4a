// Package sentiment infers a 0–100 score, a verdict and a calibrated
// confidence from the text of a film review, with the phrases that moved
// it most. The model is linear over hashed word and bigram features, so
// scoring is a few thousand table look-ups; its weights are trained by
// cmd/reel-model from the Pang & Lee and SST corpora and embedded.
package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word or punctuation mark of the input. The text itself is
// not copied: H is the FNV-1a hash of its normalised form (lowercase,
// typographic quotes and dashes folded to ASCII), which is all the model
// needs, and Start/End point back into the input for evidence.
type Token struct {
	Start, End int32
	H          uint64
	Kind       uint8
	// NegSuffix marks a word ending in "n't" (don't, isn't, wasn't).
	NegSuffix bool
}

// Token kinds.
const (
	Word uint8 = iota
	Punct
	// SentEnd is a sentence-ending mark (. ! ? ...) or a paragraph break.
	SentEnd
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// HashString returns the token hash of an already normalised word, so
// that word lists can be compared with Token.H.
func HashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		return (h ^ uint64(r)) * fnvPrime
	}
	var b [4]byte
	n := utf8.EncodeRune(b[:], r)
	for i := 0; i < n; i++ {
		h = (h ^ uint64(b[i])) * fnvPrime
	}
	return h
}

// Hashes of the punctuation tokens, as the corpora write them.
var (
	hDot      = HashString(".")
	hEllipsis = HashString("...")
	hDash     = HashString("--")
	hQuote    = HashString(`"`)
)

// maxTokens bounds the work done on huge inputs; a review never comes
// near it and the tail of an 11 MB paste adds nothing a reader would see.
const maxTokens = 1 << 17

// Tokenize splits raw text into tokens. It treats user text (mixed case,
// curly quotes, Markdown emphasis) and the corpora's lowercase,
// space-separated tokens the same way: "Don't" and "don't" hash alike,
// "well-made" stays one word, "it's" keeps its clitic as the corpora do,
// and Markdown symbols (* _ # ` > |) are dropped because the corpora never
// contain them. Invalid UTF-8 bytes are separators.
func Tokenize(text string, dst []Token) []Token {
	dst = dst[:0]
	n := len(text)
	newlines := 0
	for i := 0; i < n && len(dst) < maxTokens; {
		r, sz := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n':
			newlines++
			// A blank line ends a paragraph, hence a sentence.
			if newlines == 2 && len(dst) > 0 && dst[len(dst)-1].Kind != SentEnd {
				dst = append(dst, Token{Start: int32(i), End: int32(i), H: hDot, Kind: SentEnd})
			}
			i += sz
			continue
		case isLetter(r) || isDigit(r):
			j, h, neg := scanWord(text, i)
			dst = append(dst, Token{Start: int32(i), End: int32(j), H: h, Kind: Word, NegSuffix: neg})
			i = j
		case r == '.' || r == '…':
			j := i
			dots := 0
			for j < n {
				if text[j] == '.' {
					j, dots = j+1, dots+1
				} else if rr, s := utf8.DecodeRuneInString(text[j:]); rr == '…' {
					j, dots = j+s, dots+3
				} else if text[j] == ' ' && j+1 < n && text[j+1] == '.' && dots > 0 {
					j++ // ". . ." as the corpora sometimes write an ellipsis
				} else {
					break
				}
			}
			h := hDot
			if dots > 1 {
				h = hEllipsis
			}
			dst = append(dst, Token{Start: int32(i), End: int32(j), H: h, Kind: SentEnd})
			i = j
		case r == '!' || r == '?':
			dst = append(dst, Token{Start: int32(i), End: int32(i + sz), H: HashString(string(r)), Kind: SentEnd})
			i += sz
		case r == '-' || r == '–' || r == '—':
			j := i + sz
			for j < n && text[j] == '-' {
				j++
			}
			// A lone ASCII hyphen is noise (list bullets, ranges); dashes
			// set off asides, which the corpora write as "--".
			if r != '-' || j-i > 1 {
				dst = append(dst, Token{Start: int32(i), End: int32(j), H: hDash, Kind: Punct})
			}
			i = j
		case r == ',' || r == ';' || r == ':' || r == '(' || r == ')':
			dst = append(dst, Token{Start: int32(i), End: int32(i + sz), H: HashString(string(r)), Kind: Punct})
			i += sz
		case r == '"' || r == '“' || r == '”' || r == '«' || r == '»':
			dst = append(dst, Token{Start: int32(i), End: int32(i + sz), H: hQuote, Kind: Punct})
			i += sz
		default:
			i += sz
		}
		if r != ' ' && r != '\r' && r != '\t' {
			newlines = 0
		}
	}
	return dst
}

// scanWord reads a word starting at i and returns its end and hash. A word
// is letters and digits, joined by an apostrophe before a letter (it's,
// don't), a hyphen between letters or digits (well-made, k-19), or a
// '.', ',' or '/' between digits (3.5, 1,000, 4/10). neg reports a
// trailing "n't".
func scanWord(text string, i int) (end int, h uint64, neg bool) {
	h = uint64(fnvOffset)
	start, n := i, len(text)
	for i < n {
		// ASCII letters and digits, most of any English text, are hashed
		// here without decoding a rune.
		if c := text[i]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			h = (h ^ uint64(c)) * fnvPrime
			i++
			continue
		} else if 'A' <= c && c <= 'Z' {
			h = (h ^ uint64(c+'a'-'A')) * fnvPrime
			i++
			continue
		} else if c < utf8.RuneSelf && c != '\'' && c != '-' && c != '.' && c != ',' && c != '/' {
			break // a space or a mark that joins nothing: no need to look around it
		}
		r, sz := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(text[i:])
		}
		if isLetter(r) || isDigit(r) {
			h = hashRune(h, unicode.ToLower(r))
			i += sz
			continue
		}
		if i+sz >= n {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[i+sz:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case (r == '\'' || r == '’') && isLetter(next):
			r = '\''
		case r == '-' && (isLetter(next) || isDigit(next)):
		case (r == '.' || r == ',' || r == '/') && isDigit(prev) && isDigit(next):
		default:
			return i, h, negSuffix(text[start:i])
		}
		h = hashRune(h, r)
		i += sz
	}
	return i, h, negSuffix(text[start:i])
}

// negSuffix reports whether a word ends in "n't" in any case, with a
// straight or curly apostrophe.
func negSuffix(w string) bool {
	k := len(w)
	if k < 3 || w[k-1] != 't' && w[k-1] != 'T' {
		return false
	}
	switch {
	case w[k-2] == '\'':
		k -= 2
	case strings.HasSuffix(w[:k-1], "’"):
		k -= 1 + len("’")
	default:
		return false
	}
	return k > 0 && (w[k-1] == 'n' || w[k-1] == 'N')
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}
