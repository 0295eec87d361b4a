package copydesk

import (
	"strings"
	"testing"
)

// refDetect is detectFormat's guess as first written (a lower-cased copy,
// a newline-prefixed copy per Markdown mark); the in-place version must
// guess alike.
func refDetect(text string) string {
	head := strings.ToLower(text[:min(len(text), 64<<10)])
	for _, tag := range []string{"<!doctype", "<html", "<body", "<p>", "<p ", "<br", "<div", "</p>", "<script", "<em>", "<i>", "<b>", "<strong>", "<a href", "<span", "<li>", "<h1", "<h2", "<h3"} {
		if strings.Contains(head, tag) {
			return FormatHTML
		}
	}
	for _, mark := range []string{"\n#", "\n> ", "\n- ", "\n* ", "**", "__", "](", "||", ">!", "\n```"} {
		if strings.Contains("\n"+head, mark) {
			return FormatMarkdown
		}
	}
	return FormatPlain
}

func TestDetectFormatMatchesReference(t *testing.T) {
	texts := []string{
		"", "plain words", "<P>Upper-case paragraph</P>", "a <BR> b", "x <Script>alert(1)</script>",
		"<", "ends with <", "<<<p", "1 < 2 and 3 > 2", "<A HREF='x'>link</a>", "<!DOCTYPE html>",
		"# Heading\ntext", "text\n# heading", "> quote", "a\n> quote", "- item", "* item", "a **bold** b",
		"snake__case", "[link](url)", "||spoiler||", ">!spoiler!<", "```\ncode\n```", "a\n```go",
		"#hashtag", "-dash", "*star", "emoji 🎬 <em>é</em>", "\xff<p>\xfe", strings.Repeat("x", 70<<10) + "<p>",
		psychoReview, longReview(),
	}
	for _, text := range texts {
		got, err := detectFormat(text, FormatAuto)
		if err != nil {
			t.Fatal(err)
		}
		if want := refDetect(text); got != want {
			t.Errorf("%.40q: %s, reference %s", text, got, want)
		}
	}
}
