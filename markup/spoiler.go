package markup

import (
	"strings"

	"golang.org/x/net/html"
)

// spoilerOpen is what a spoiler's opening mark becomes.
const spoilerOpen = `<span class="` + SpoilerClass + `">`

// wrapSpoilers turns the private marks in rendered HTML into spoiler spans.
// Spoilers may cross paragraphs, list items and the end of an emphasis, and a
// span cannot, so a span is closed wherever the element it was opened in
// ends (or a block starts) and reopened at the next content: every piece of
// the spoiler is hidden and the HTML stays well formed.
func wrapSpoilers(h string) string {
	if indexMark(h) < 0 {
		return h
	}
	z := html.NewTokenizer(strings.NewReader(h))
	w := &spoilerWriter{}
	w.out.Grow(len(h) + 64)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		switch tt {
		case html.TextToken:
			w.text(raw)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			w.start(string(name), raw, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(string(name), raw)
		default: // comments, doctypes
			w.marks(raw)
			w.out.WriteString(stripMarks(raw))
		}
	}
	w.closeSpans(-1)
	return w.out.String()
}

type spoilerWriter struct {
	out   strings.Builder
	stack []string // open elements
	depth int      // spoilers open in the text
	spans []int    // for each span written and not yet closed, len(stack) when it opened
}

// text writes a text token, opening and closing spans at the marks in it.
func (w *spoilerWriter) text(raw string) {
	for raw != "" {
		i := indexMark(raw)
		seg := raw
		if i >= 0 {
			seg = raw[:i]
		}
		if strings.TrimSpace(seg) != "" {
			w.reopen()
		}
		w.out.WriteString(seg)
		if i < 0 {
			return
		}
		r := []rune(raw[i : i+3])[0] // both marks are three bytes in UTF-8
		w.mark(r)
		raw = raw[i+3:]
	}
}

func (w *spoilerWriter) start(name, raw string, selfClosing bool) {
	w.marks(raw)
	if blockElements[name] {
		w.closeSpans(-1)
	} else {
		w.reopen() // spans go outside inline elements, and cover images
	}
	w.out.WriteString(stripMarks(raw))
	if !selfClosing && !voidElements[name] {
		w.stack = append(w.stack, name)
	}
}

func (w *spoilerWriter) end(name, raw string) {
	w.marks(raw)
	k := len(w.stack) - 1
	for k >= 0 && w.stack[k] != name {
		k--
	}
	// Spans opened inside the closing element end before it; an end tag
	// with no matching start tag ends them all, not knowing what it closes.
	w.closeSpans(k)
	if k >= 0 {
		w.stack = w.stack[:k]
	}
	w.out.WriteString(stripMarks(raw))
}

// marks applies the marks inside a tag or comment, where no span can go.
func (w *spoilerWriter) marks(raw string) {
	for _, r := range raw {
		if r == openMark || r == closeMark {
			w.mark(r)
		}
	}
}

func (w *spoilerWriter) mark(r rune) {
	if r == openMark {
		w.depth++
		return
	}
	if w.depth > 0 {
		w.depth--
	}
	for len(w.spans) > w.depth {
		w.out.WriteString("</span>")
		w.spans = w.spans[:len(w.spans)-1]
	}
}

// reopen writes the spans of the open spoilers that have none here yet.
func (w *spoilerWriter) reopen() {
	for len(w.spans) < w.depth {
		w.out.WriteString(spoilerOpen)
		w.spans = append(w.spans, len(w.stack))
	}
}

// closeSpans closes the spans opened inside stack[level] or deeper; -1
// closes all.
func (w *spoilerWriter) closeSpans(level int) {
	for n := len(w.spans); n > 0 && (level < 0 || w.spans[n-1] > level); n-- {
		w.out.WriteString("</span>")
		w.spans = w.spans[:n-1]
	}
}

var blockElements = setOf("address", "article", "aside", "blockquote", "caption", "colgroup", "dd",
	"details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p",
	"pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul")

var voidElements = setOf("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
