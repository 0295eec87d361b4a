package copydesk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a span of the plain text, with its paragraph number.
type sentence struct {
	Start, End int // plain-text byte offsets, trimmed of spaces
	Para       int
}

// abbreviations end with a period that does not end a sentence (lower case,
// without the period).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"prof": true, "vs": true, "etc": true, "e.g": true, "i.e": true, "no": true, "vol": true,
	"mt": true, "ft": true, "fig": true, "inc": true, "ltd": true, "co": true, "gen": true,
	"col": true, "capt": true, "lt": true, "sgt": true, "rev": true, "hon": true, "u.s": true,
	"approx": true, "ca": true, "cf": true, "op": true, "pt": true, "dir": true, "feat": true,
}

// splitSentences splits text at sentence ends (., !, ?, … and runs of them,
// with closing quotes and brackets kept on the sentence) followed by a space
// and a probable sentence start, and at paragraph breaks (a blank line). It
// keeps periods of abbreviations, initials ("J. R. R."), decimals and
// ellipses that continue in lower case.
func splitSentences(text string) []sentence {
	var out []sentence
	para, start := 0, 0
	emit := func(s, e int) {
		s, e = trimSpan(text, s, e)
		if e > s {
			out = append(out, sentence{Start: s, End: e, Para: para})
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if !splitByte[c] {
			i++ // most bytes: one look-up
			continue
		}
		if c == '\n' {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				emit(start, i)
				for j < len(text) && isSpace(text[j]) {
					j++
				}
				para++
				start, i = j, j
				continue
			}
		}
		if c != '\n' {
			if end, ok := sentenceEnd(text, i); ok {
				emit(start, end)
				start, i = end, end
				continue
			}
		}
		i++
	}
	emit(start, len(text))
	return out
}

// splitByte marks the bytes splitSentences stops at: a newline, and the
// first bytes of the marks that can end a sentence (. ! ? …).
var splitByte = func() (t [256]bool) {
	for _, c := range []byte{'\n', '.', '!', '?', "…"[0]} {
		t[c] = true
	}
	return t
}()

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func trimSpan(text string, s, e int) (int, int) {
	for s < e && isSpace(text[s]) {
		s++
	}
	for e > s && isSpace(text[e-1]) {
		e--
	}
	return s, e
}

// sentenceEnd reports whether a sentence ends at text[i] and where the
// sentence's last byte (after closing quotes) ends.
func sentenceEnd(text string, i int) (int, bool) {
	c := text[i]
	ellipsis := strings.HasPrefix(text[i:], "…")
	if c != '.' && c != '!' && c != '?' && !ellipsis {
		return 0, false
	}
	j := i
	for j < len(text) {
		if strings.HasPrefix(text[j:], "…") {
			ellipsis = true
			j += len("…")
			continue
		}
		if text[j] != '.' && text[j] != '!' && text[j] != '?' {
			break
		}
		if j > i && text[j] == '.' {
			ellipsis = true
		}
		j++
	}
	j = skipClosers(text, j)
	if j < len(text) && !isSpace(text[j]) {
		return 0, false // "3.5", "e.g.x", "Yahoo!Movies"
	}
	next := nextWordStart(text, j)
	if next < len(text) {
		r, _ := utf8.DecodeRuneInString(text[next:])
		if unicode.IsLower(r) {
			return 0, false
		}
		if ellipsis && !unicode.IsUpper(r) {
			return 0, false
		}
	}
	if c == '.' && !ellipsis && isAbbreviation(text, i) {
		return 0, false
	}
	return j, true
}

// skipClosers moves past closing quotes and brackets.
func skipClosers(text string, j int) int {
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !strings.ContainsRune("\"')]”’»", r) {
			return j
		}
		j += n
	}
	return j
}

// nextWordStart skips spaces and opening quotes.
func nextWordStart(text string, j int) int {
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) && !strings.ContainsRune("\"'(“‘«", r) {
			return j
		}
		j += n
	}
	return j
}

// isAbbreviation reports whether the period at text[dot] ends an
// abbreviation or an initial.
func isAbbreviation(text string, dot int) bool {
	s := dot
	for s > 0 && (isASCIILetter(text[s-1]) || text[s-1] == '.') {
		s--
	}
	word := strings.ToLower(text[s:dot])
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	// A single capital letter is an initial: "John F. Kennedy". A run of
	// letters and dots is an acronym: "U.S.", "L.A.".
	if len(word) == 1 && text[s] >= 'A' && text[s] <= 'Z' && text[s] != 'I' {
		return true
	}
	return strings.Contains(word, ".")
}
