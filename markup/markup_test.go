package markup

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func TestRenderSanitises(t *testing.T) {
	tests := []struct {
		name, in string
		absent   []string // must not appear (case-insensitive)
		present  []string
	}{
		{"script block", "Hi\n\n<script>alert(1)</script>\n\nbye", []string{"<script", "alert(1)"}, []string{"<p>Hi</p>", "<p>bye</p>"}},
		{"inline script", "a <script>alert(1)</script> b", []string{"<script"}, []string{"a "}},
		{"onerror", `<img src="x.png" onerror="alert(1)">`, []string{"onerror"}, []string{`<img src="x.png">`}},
		{"onclick in markdown", `text <b onclick="steal()">bold</b>`, []string{"onclick", "steal"}, []string{"<b>bold</b>"}},
		{"javascript link", "[click](javascript:alert(1))", []string{"javascript:", "href"}, []string{"click"}},
		{"javascript html link", `<a href="JaVaScRiPt:alert(1)">x</a>`, []string{"javascript:"}, []string{"x"}},
		{"entity-encoded javascript", `<a href="&#106;avascript:alert(1)">x</a>`, []string{"javascript", "&#106;"}, nil},
		{"data URL", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, []string{"data:"}, nil},
		{"iframe", `<iframe src="https://evil.example"></iframe>`, []string{"iframe"}, nil},
		{"style", `<style>body{display:none}</style><p style="color:red">x</p>`, []string{"<style", "display", "color"}, []string{"<p>x</p>"}},
		{"forged class", `<span class="admin spoiler">x</span>`, []string{"admin"}, nil},
		{"links get nofollow", "[site](https://example.org)", nil, []string{`href="https://example.org"`, `rel="nofollow"`}},
		{"autolink", "see https://example.org now", nil, []string{`<a href="https://example.org"`}},
		{"emphasis and lists", "*a* **b**\n\n- one\n- two", nil, []string{"<em>a</em>", "<strong>b</strong>", "<li>one</li>"}},
		{"strikethrough", "~~old~~ new", nil, []string{"<del>old</del>"}},
		{"pasted html", "line<br>next <i>it</i>", nil, []string{"<br>", "<i>it</i>"}},
	}
	for _, tt := range tests {
		got := Render(tt.in)
		low := strings.ToLower(got)
		for _, a := range tt.absent {
			if strings.Contains(low, strings.ToLower(a)) {
				t.Errorf("%s: output contains %q:\n%s", tt.name, a, got)
			}
		}
		for _, p := range tt.present {
			if !strings.Contains(got, p) {
				t.Errorf("%s: output lacks %q:\n%s", tt.name, p, got)
			}
		}
	}
}

func TestRenderSpoilers(t *testing.T) {
	const open, end = `<span class="spoiler">`, `</span>`
	tests := []struct{ in, want string }{
		{"Hello ||secret|| world", "<p>Hello " + open + "secret" + end + " world</p>\n"},
		{">!the butler did it!<", "<p>" + open + "the butler did it" + end + "</p>\n"},
		{"||**bold** reveal||", "<p>" + open + "<strong>bold</strong> reveal" + end + "</p>\n"},
		// A spoiler ending inside emphasis is split so the HTML nests.
		{"**a ||b** c||", "<p><strong>a " + open + "b" + end + "</strong>" + open + " c" + end + "</p>\n"},
		// Spoilers across paragraphs and list items are hidden piece by piece.
		{"||one\n\ntwo||", "<p>" + open + "one" + end + "</p>\n<p>" + open + "two" + end + "</p>\n"},
		{"- ||a\n- b||", "<ul>\n<li>" + open + "a" + end + "</li>\n<li>" + open + "b" + end + "</li>\n</ul>\n"},
		{"||a >!b!< c||", "<p>" + open + "a " + open + "b" + end + " c" + end + "</p>\n"},
		// Code is not a spoiler, and neither is an unclosed marker.
		{"`||code||` ||x", "<p><code>||code||</code> ||x</p>\n"},
		{"\\||escaped||", "<p>||escaped||</p>\n"},
		{"||![poster](https://example.org/p.jpg)||", "<p>" + open + `<img src="https://example.org/p.jpg" alt="poster">` + end + "</p>\n"},
		// Private-use marks typed by the writer cannot forge a span.
		{"a \uE000b\uE001 c", "<p>a b c</p>\n"},
	}
	for _, tt := range tests {
		if got := Render(tt.in); got != tt.want {
			t.Errorf("Render(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeImportedHTML(t *testing.T) {
	in := `<p>Great <b>film</b>.</p><script>x()</script><img src=a onload=x()><a href="vbscript:x">l</a>`
	got := Sanitize(in)
	for _, bad := range []string{"script", "onload", "vbscript"} {
		if strings.Contains(got, bad) {
			t.Errorf("Sanitize kept %q: %s", bad, got)
		}
	}
	if !strings.Contains(got, "<p>Great <b>film</b>.</p>") {
		t.Errorf("Sanitize lost content: %s", got)
	}
}

// FuzzRender checks, for any input, that the output is valid UTF-8 (when the
// input is), has no script, event handler or javascript: URL, leaves no
// private marks behind, and that its spoiler spans are balanced.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"plain", "||a||", ">!a!<", "**a ||b** c||", "||a\n\n> b||", "<script>x</script>", "[x](javascript:y)",
		"<a href=\"java\tscript:x\">", "||<img src=x onerror=y>||", "- ||a\n  - b||\n\nc", "<em>||a</em>||",
		"```\n||code||\n```", "<table><tr><td>||a</td></tr></table>||", "\uE000x\uE001", "<b ||x|| y>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Render(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 output for %q", in)
		}
		if strings.ContainsAny(out, "\uE000\uE001") {
			t.Fatalf("private marks left in output %q", out)
		}
		checkSafe(t, in, out)
	})
}

// checkSafe parses out as a browser would and rejects dangerous elements and
// attributes, and unbalanced spoiler spans.
func checkSafe(t *testing.T, in, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	spans := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "form", "input", "svg", "math":
				t.Fatalf("element <%s> in output for %q:\n%s", tok.Data, in, out)
			case "span":
				spans++
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || strings.HasPrefix(v, "javascript:") ||
					strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:") {
					t.Fatalf("attribute %s=%q in output for %q:\n%s", a.Key, a.Val, in, out)
				}
			}
		case html.EndTagToken:
			if tok.Data == "span" {
				spans--
			}
		}
	}
	if spans < 0 || (spans != 0 && !strings.Contains(in, "<")) {
		t.Fatalf("unbalanced spans (%d) in output for %q:\n%s", spans, in, out)
	}
}

// BenchmarkRender renders a critic-length essay (about 6 KB, 1,000 words)
// with emphasis, links, a quote and a spoiler.
func BenchmarkRender(b *testing.B) {
	para := "Almodóvar's *Talk to Her* opens on a stage, and [the dancers](https://example.org/pina) " +
		"move like sleepwalkers; Benigno, who watches, will spend the film caring for a woman who cannot answer. "
	var sb strings.Builder
	for i := range 24 {
		sb.WriteString(para)
		if i%4 == 3 {
			sb.WriteString("\n\n")
		}
	}
	sb.WriteString("> A quoted line from the screenplay.\n\n||In the end, Benigno dies in prison.|| **Very good.**\n")
	body := sb.String()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Render(body)
	}
}
