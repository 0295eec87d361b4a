// Package markup turns review bodies into HTML that is safe to put on a
// page: Markdown is rendered with goldmark (CommonMark plus GitHub's
// tables, strikethrough, autolinks and task lists), inline spoilers
// (||…|| and >!…!<) become <span class="spoiler"> elements, and the result is
// sanitised with bluemonday's policy for user-generated content. Imported
// HTML (Letterboxd keeps reviews as HTML) goes through the same sanitiser.
//
// Raw HTML in Markdown is passed to the sanitiser rather than escaped:
// critics paste <i> and <br> from their own sites, and the sanitiser, not
// the Markdown renderer, is the one place that decides what may appear.
package markup

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"reel/grade"
)

// SpoilerClass is the class of the element wrapping an inline spoiler; the
// site's stylesheet hides its content until asked.
const SpoilerClass = "spoiler"

var (
	md = goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe()), // raw HTML goes on to the sanitiser
	)
	// policy is built once: bluemonday policies are costly to build and safe
	// for concurrent use afterwards.
	policy = sync.OnceValue(func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowAttrs("class").Matching(regexp.MustCompile(`^` + SpoilerClass + `$`)).OnElements("span")
		return p
	})
)

// Render converts a Markdown review body to sanitised HTML.
func Render(markdown string) string {
	src := markSpoilers(limitCost(stripMarks(markdown)))
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails when its writer does, and a bytes.Buffer does
		// not; fall back to the escaped text rather than lose the review.
		return Sanitize("<p>" + escape(markdown) + "</p>")
	}
	return Sanitize(wrapSpoilers(buf.String()))
}

// Sanitize cleans HTML (imported, or rendered from Markdown) with the
// user-generated-content policy: no scripts, styles, event handlers, forms
// or frames; links only to http, https and mailto, with rel="nofollow".
func Sanitize(html string) string {
	return policy().Sanitize(html)
}

// The spoiler markers are replaced, before rendering, by two characters of
// Unicode's private use area, which Markdown passes through as text and which
// are removed from the input first so a writer cannot forge them.
const (
	openMark  = '\uE000'
	closeMark = '\uE001'
)

func stripMarks(s string) string {
	if indexMark(s) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == openMark || r == closeMark {
			return -1
		}
		return r
	}, s)
}

// markSpoilers replaces each spoiler's markers (found by grade.Spoilers,
// which skips code) with the private marks. Spans nest properly, so the
// markers' positions sort into a plain left-to-right edit list.
func markSpoilers(s string) string {
	spans := grade.Spoilers(s)
	if len(spans) == 0 {
		return s
	}
	type edit struct {
		start, end int
		mark       rune
	}
	edits := make([]edit, 0, 2*len(spans))
	for _, sp := range spans {
		edits = append(edits, edit{sp.Start, sp.InnerStart, openMark}, edit{sp.InnerEnd, sp.End, closeMark})
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for _, e := range edits {
		b.WriteString(s[pos:e.start])
		b.WriteRune(e.mark)
		pos = e.end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// indexMark returns the index of the first private mark in s, or -1. Both
// marks are EE 80 8x in UTF-8; searching for the common prefix uses the fast
// byte search, where strings.IndexAny would decode every rune.
func indexMark(s string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "\xee\x80")
		if j < 0 {
			return -1
		}
		k := i + j
		if k+2 < len(s) && (s[k+2] == 0x80 || s[k+2] == 0x81) {
			return k
		}
		i = k + 1
	}
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}
