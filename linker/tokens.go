package linker

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"reel/matchkey"
)

// token is one word of the input with its byte span. A word that folds to
// several key words ("8½" → "8 1 2") yields several tokens with the same span.
type token struct {
	start, end int32
	key        string // match key of the word
	alt        string // key without a possessive "s" ("almodovars" → "almodovar"), or ""
	word, altW uint32 // ids in the linker's dictionary, 0 when unknown
	sent       int32  // sentence number
	flags      tokFlag
	cls        uint8 // word class of key, set by Link
}

type tokFlag uint8

const (
	tokCap        tokFlag = 1 << iota // first letter upper case
	tokUpper                          // every letter upper case, more than one letter
	tokSentStart                      // first word of a sentence, line or quotation
	tokPossessive                     // ends in 's
	tokAccent                         // has a letter with a diacritic
	tokNumber                         // digits only
	tokJoined                         // follows the previous word after a hyphen ("Woo-shik")
	tokCue                            // a word that announces a title ("film", "thriller"); set by Link
)

func (t *token) has(f tokFlag) bool { return t.flags&f != 0 }

// tokenize splits text into tokens with the same word boundaries matchkey
// uses, so token keys joined by spaces equal the key of the phrase they
// spell.
func tokenize(text string) []token {
	return appendTokens(make([]token, 0, len(text)/5), text)
}

// appendTokens is tokenize appending to toks, which must be empty: Link
// reuses its buffer.
func appendTokens(toks []token, text string) []token {
	lower := matchkey.LowerASCII(text)
	sent := int32(0)
	boundary := true // the next word starts a sentence
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			if endsSentence(text, i, r, toks) {
				boundary = true
			}
			if r == '&' || (r >= utf8.RuneSelf && !unicode.IsSpace(r) && !unicode.IsPunct(r)) {
				// "&" and "½" spell words of their own.
				for _, k := range strings.Fields(matchkey.Key(text[i : i+size])) {
					toks = append(toks, token{start: int32(i), end: int32(i + size), key: k, sent: sent})
				}
			}
			i += size
			continue
		}
		if boundary {
			if len(toks) > 0 {
				sent++
			}
			boundary = false
		}
		j := wordEnd(text, i)
		n := len(toks)
		toks = appendWord(toks, text, lower, i, j, sent, n == 0 || toks[n-1].sent != sent)
		if n > 0 && i > 0 && text[i-1] == '-' && int(toks[n-1].end) == i-1 {
			toks[n].flags |= tokJoined
		}
		i = j
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// wordEnd returns the end of the word starting at i: letters and digits, with
// apostrophes inside ("Schindler's", "d'Arc") and periods of initialisms
// ("L.A.") kept in.
func wordEnd(text string, i int) int {
	j := i
	for j < len(text) {
		if c := text[j]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			j++ // ASCII letters and digits, most of any text, need no decoding
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if (isApostrophe(r) || r == '.' && initialBefore(text, i, j)) && j+size < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[j+size:]); isWordRune(next) {
				j += size
				continue
			}
		}
		break
	}
	return j
}

// initialBefore reports whether the word text[i:j] so far ends in a single
// letter after a period or at its start ("L" of "L.A.").
func initialBefore(text string, i, j int) bool {
	k := j - 1
	for k > i && !utf8.RuneStart(text[k]) {
		k--
	}
	return k == i || text[k-1] == '.'
}

// appendWord appends the token of the word text[i:j]; lower is
// matchkey.LowerASCII(text).
func appendWord(toks []token, text, lower string, i, j int, sent int32, first bool) []token {
	w := text[i:j]
	t := token{start: int32(i), end: int32(j), sent: sent}
	if first {
		t.flags |= tokSentStart
	}
	t.flags |= caseFlags(w)
	key, split := w, false
	switch {
	case isKey(w):
	case isAlnumASCII(w):
		key = lower[i:j] // matchkey.Key's, without a copy of its own
	default:
		key = matchkey.Key(w)
		split = strings.IndexByte(key, ' ') >= 0
	}
	if split {
		for _, k := range strings.Fields(key) {
			t.key = k
			toks = append(toks, t)
			t.flags &^= tokSentStart
		}
		return toks
	}
	t.key = key
	if isNumber(key) {
		t.flags |= tokNumber
	}
	if n := len(w); n > 2 && (w[n-1] == 's' || w[n-1] == 'S') && len(key) > 1 {
		if r, _ := utf8.DecodeLastRuneInString(w[:n-1]); isApostrophe(r) {
			t.flags |= tokPossessive
			t.alt = key[:len(key)-1]
		}
	}
	return append(toks, t)
}

// isKey reports a word that is its own match key: lower-case ASCII letters
// and digits, as most words of prose are. matchkey.Key would copy it.
func isKey(w string) bool {
	if len(w) > matchkey.MaxInput {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// isAlnumASCII reports a word of ASCII letters and digits short enough
// for matchkey.Key to keep whole: its key is the word in lower case.
func isAlnumASCII(w string) bool {
	if len(w) > matchkey.MaxInput {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func caseFlags(w string) tokFlag {
	if f, ok := asciiCaseFlags(w); ok {
		return f
	}
	var f tokFlag
	upper, letters := 0, 0
	for k, r := range w {
		if !unicode.IsLetter(r) {
			if r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r) {
				f |= tokAccent
			}
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if k == 0 {
				f |= tokCap
			}
		}
		if r >= utf8.RuneSelf && norm.NFD.PropertiesString(string(r)).Decomposition() != nil {
			f |= tokAccent // "é" decomposes to "e" and an accent
		}
	}
	if letters > 1 && upper == letters {
		f |= tokUpper
	}
	return f
}

// asciiCaseFlags is caseFlags for an ASCII word, without decoding runes;
// ok is false for any other word.
func asciiCaseFlags(w string) (f tokFlag, ok bool) {
	upper, letters := 0, 0
	for k := 0; k < len(w); k++ {
		switch c := w[k]; {
		case c >= 'A' && c <= 'Z':
			letters++
			upper++
			if k == 0 {
				f |= tokCap
			}
		case c >= 'a' && c <= 'z':
			letters++
		case c >= utf8.RuneSelf:
			return 0, false
		}
	}
	if letters > 1 && upper == letters {
		f |= tokUpper
	}
	return f, true
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// endsSentence reports whether the character r at text[i] ends a sentence: a
// full stop, question or exclamation mark not closing an initial or a common
// abbreviation, a blank line, or a line that starts a list item or heading.
func endsSentence(text string, i int, r rune, toks []token) bool {
	switch r {
	case '!', '?':
		return true
	case '.':
		if len(toks) == 0 {
			return true
		}
		prev := toks[len(toks)-1]
		w := text[prev.start:prev.end]
		if int(prev.end) != i {
			// Tokenised corpora set every period off with spaces: "mr . hulot",
			// "u . s . marshals" do not end sentences either.
			return text[prev.end:i] != " " || utf8.RuneCountInString(w) > 1 && !abbreviations[strings.ToLower(w)]
		}
		// "L." (an initial), "L.A." (an initialism), "Mr." do not end sentences
		return utf8.RuneCountInString(w) > 1 && !strings.Contains(w, ".") && !abbreviations[strings.ToLower(w)]
	case '\n':
		rest := strings.TrimLeft(text[i+1:], " \t")
		return strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "#") || strings.HasPrefix(rest, "- ") ||
			strings.HasPrefix(rest, "* ") || strings.HasPrefix(rest, ">")
	case ':', ';':
		return false
	}
	return false
}

var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true,
	"sr": true, "vs": true, "mt": true, "prof": true, "gen": true, "col": true, "lt": true, "sgt": true, "no": true,
	"capt": true, "cpt": true, "det": true, "cpl": true, "pvt": true, "rev": true, "maj": true, "adm": true,
	"cmdr": true, "insp": true, "supt": true, "fr": true, "gov": true, "sen": true}
