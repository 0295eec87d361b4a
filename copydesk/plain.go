package copydesk

import (
	"html"
	"strings"
	"unicode/utf8"
)

// plain is a text with markup removed and, for each of its bytes, the span of
// the input it came from: a decoded entity maps every byte of its character to
// the whole entity, and a line break made up for a block tag maps to the tag.
// A plain text that is its input byte for byte (identity) keeps no map.
type plain struct {
	text       []byte
	start, end []int32
	identity   bool
}

func newPlain(capacity int) *plain {
	return &plain{
		text:  make([]byte, 0, capacity),
		start: make([]int32, 0, capacity),
		end:   make([]int32, 0, capacity),
	}
}

// copyRun appends in[from:to] byte for byte, replacing invalid UTF-8 and
// control characters by a space so the offsets stay one to one.
func (p *plain) copyRun(in string, from, to int) {
	for i := from; i < to; {
		if j := cleanPrefix(in, i, to); j > i {
			p.copyClean(in, i, j)
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(in[i:to])
		if unreadable(r, n) {
			p.add(" ", i, i+1)
			i++
			continue
		}
		p.copyClean(in, i, i+n)
		i += n
	}
}

// unreadable reports a rune copyRun replaces: an invalid byte or a
// control character other than a newline or a tab.
func unreadable(r rune, n int) bool {
	return r == utf8.RuneError && n <= 1 || r < ' ' && r != '\n' && r != '\t' || r == 0x7f
}

// cleanPrefix returns the end of the run of printable ASCII, newlines and
// tabs at in[i:to]: text that is copied as it is, the common case.
func cleanPrefix(in string, i, to int) int {
	for i < to {
		c := in[i]
		if c >= 0x7f || c < ' ' && c != '\n' && c != '\t' {
			break
		}
		i++
	}
	return i
}

// copyClean appends in[from:to], which needs no replacement, with each
// byte mapped to itself.
func (p *plain) copyClean(in string, from, to int) {
	p.text = append(p.text, in[from:to]...)
	for i := from; i < to; i++ {
		p.start = append(p.start, int32(i))
		p.end = append(p.end, int32(i+1))
	}
}

// add appends s as standing for the whole input span [from, to).
func (p *plain) add(s string, from, to int) {
	for k := 0; k < len(s); k++ {
		p.text = append(p.text, s[k])
		p.start = append(p.start, int32(from))
		p.end = append(p.end, int32(to))
	}
}

// breakAt appends a paragraph break standing for the input at pos, unless the
// text already ends with one.
func (p *plain) breakAt(pos int) {
	n := len(p.text)
	if n == 0 || n >= 2 && p.text[n-1] == '\n' && p.text[n-2] == '\n' {
		return
	}
	if p.text[n-1] == '\n' {
		p.add("\n", pos, pos)
		return
	}
	p.add("\n\n", pos, pos)
}

// span maps the plain byte range [s, e) to the input.
func (p *plain) span(s, e int) (int, int) {
	if len(p.text) == 0 {
		return 0, 0
	}
	s = clamp(s, 0, len(p.text)-1)
	e = clamp(e, s+1, len(p.text))
	if p.identity {
		return s, e
	}
	return int(p.start[s]), int(p.end[e-1])
}

// needsNoCopy reports whether copyRun would keep every byte of in: valid
// UTF-8 without control characters other than newlines and tabs.
func needsNoCopy(in string) bool {
	for i := 0; i < len(in); {
		if j := cleanPrefix(in, i, len(in)); j > i {
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(in[i:])
		if unreadable(r, n) {
			return false
		}
		i += n
	}
	return true
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// fromPlain is the identity map over a text that needs no markup removed.
func fromPlain(in string) *plain {
	if needsNoCopy(in) {
		return &plain{text: []byte(in), identity: true}
	}
	p := newPlain(len(in))
	p.copyRun(in, 0, len(in))
	return p
}

// blockTags end a paragraph: their text reads as a sentence of its own.
var blockTags = map[string]bool{
	"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true,
	"section": true, "article": true, "header": true, "footer": true, "hr": true, "table": true,
	"td": true, "th": true, "dd": true, "dt": true, "pre": true, "figcaption": true, "title": true,
}

// hiddenTags hold no readable text: a review's scripts and styles must never
// reach the scorer, nor the pull quote.
var hiddenTags = []string{"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}

// fromHTML keeps the text of an HTML document, decoding entities and turning
// block elements into paragraph breaks. It is a forgiving scanner, not a
// parser: a review pasted from a blog is rarely valid HTML, and a stray "<"
// is kept as text.
func fromHTML(in string) *plain {
	p := newPlain(len(in))
	for i := 0; i < len(in); {
		switch {
		case in[i] == '<':
			i = htmlTag(p, in, i)
		case in[i] == '&':
			i = htmlEntity(p, in, i)
		default:
			j := i + 1
			for j < len(in) && in[j] != '<' && in[j] != '&' {
				j++
			}
			p.copyRun(in, i, j)
			i = j
		}
	}
	return p
}

// htmlTag handles the markup starting at in[i] == '<' and returns where the
// text resumes.
func htmlTag(p *plain, in string, i int) int {
	rest := in[i:]
	if strings.HasPrefix(rest, "<!--") {
		if k := strings.Index(rest[4:], "-->"); k >= 0 {
			return i + 4 + k + 3
		}
		return len(in)
	}
	name, closing := tagName(rest)
	if name == "" {
		if !strings.HasPrefix(rest, "<!") && !strings.HasPrefix(rest, "<?") {
			p.copyRun(in, i, i+1)
			return i + 1
		}
	}
	k := strings.IndexByte(rest, '>')
	if k < 0 {
		return len(in) // an unterminated tag: nothing after it is readable text
	}
	end := i + k + 1
	if blockTags[name] {
		p.breakAt(i)
	}
	if !closing && isHidden(name) {
		return skipElement(in, end, name)
	}
	return end
}

func isHidden(name string) bool {
	for _, h := range hiddenTags {
		if name == h {
			return true
		}
	}
	return false
}

// skipElement returns the offset after the closing tag of name, searched
// case-insensitively from pos, or the end of the input.
func skipElement(in string, pos int, name string) int {
	closer := "</" + name
	for j := pos; j < len(in); j++ {
		if in[j] == '<' && len(in)-j >= len(closer) && strings.EqualFold(in[j:j+len(closer)], closer) {
			if k := strings.IndexByte(in[j:], '>'); k >= 0 {
				return j + k + 1
			}
			return len(in)
		}
	}
	return len(in)
}

// tagName reads the lower-cased element name of a tag such as "<P class=x>"
// or "</div>"; "" when rest does not start a tag.
func tagName(rest string) (string, bool) {
	j := 1
	closing := false
	if j < len(rest) && rest[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(rest) && (isASCIILetter(rest[k]) || k > j && rest[k] >= '0' && rest[k] <= '9') {
		k++
	}
	if k == j {
		return "", false
	}
	return strings.ToLower(rest[j:k]), closing
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// htmlEntity decodes the character reference at in[i] == '&'.
func htmlEntity(p *plain, in string, i int) int {
	k := strings.IndexByte(in[i:min(len(in), i+12)], ';')
	if k > 1 {
		ref := in[i : i+k+1]
		if dec := html.UnescapeString(ref); dec != ref {
			if dec == "\u00a0" {
				dec = " "
			}
			p.add(strings.ToValidUTF8(dec, " "), i, i+k+1)
			return i + k + 1
		}
	}
	p.copyRun(in, i, i+1)
	return i + 1
}
