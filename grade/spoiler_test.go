package grade

import (
	"reflect"
	"strings"
	"testing"
)

// hidden renders the spans as the texts they hide, which reads better in
// a table than offsets; the offsets themselves are checked by checkSpans.
func hidden(s string, spans []Span) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, s[sp.InnerStart:sp.InnerEnd])
	}
	return out
}

func TestSpoilers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"none", "A plain review.", nil},
		{"empty text", "", nil},
		{"pipes", "The twist: ||he was dead all along||.", []string{"he was dead all along"}},
		{"reddit", "The twist: >!he was dead!< indeed.", []string{"he was dead"}},
		{"two", "||a|| and >!b!<", []string{"a", "b"}},
		{"adjacent", "||a||||b||", []string{"a", "b"}},
		{"unicode", "||été à Paris||", []string{"été à Paris"}},
		{"unterminated pipes", "I love || this", nil},
		{"unterminated reddit", "wow >!this", nil},
		{"stray closer", "wow!< ok", nil},
		{"odd pipes", "||a|| then ||b", []string{"a"}},
		{"empty pipes", "a |||| b", nil},
		{"empty reddit", "a >!!< b", nil},
		{"three pipes", "|||a|||", []string{"|a"}},
		{"nested kinds", ">!outer ||inner|| end!<", []string{"outer ||inner|| end", "inner"}},
		{"nested reddit", ">!a >!b!< c!<", []string{"a >!b!< c", "b"}},
		{"nested pipes in reddit twice", ">!||a|| ||b||!<", []string{"||a|| ||b||", "a", "b"}},
		{"crossing", "||a >!b|| c!<", []string{"a >!b"}},
		{"crossing other way", ">!a ||b!< c||", []string{"a ||b"}},
		{"multi-line", "It ends\n||when she\nleaves||.", []string{"when she\nleaves"}},
		{"multi-paragraph", "Verdict: good.\n\n||The last act\n\nreveals all.||", []string{"The last act\n\nreveals all."}},
		{"code span", "Type `||x||` to hide.", nil},
		{"code span beside", "`a` ||b|| `c`", []string{"b"}},
		{"code span inside", "||the `killer` is||", []string{"the `killer` is"}},
		{"code span wins over closer", "||a `b|| c` d||", []string{"a `b|| c` d"}},
		{"double backticks", "``a ` ||b|| ``", nil},
		{"unmatched backtick", "`a ||b||", []string{"b"}},
		{"backtick run lengths differ", "``a` ||b||", []string{"b"}},
		{"code span stops at paragraph", "`a\n\n||b|| `", []string{"b"}},
		{"code span across lines", "`a\n||b||`", nil},
		{"fenced", "```\n||a||\n```\n||b||", []string{"b"}},
		{"fenced tilde", "~~~go\n>!a!<\n~~~\n>!b!<", []string{"b"}},
		{"fence needs same char", "```\n||a||\n~~~\n||b||\n```\n||c||", []string{"c"}},
		{"fence longer close", "````\n||a||\n```\n||b||\n`````\n||c||", []string{"c"}},
		{"unterminated fence", "||a||\n```\n||b||", []string{"a"}},
		{"inline triple backticks", "```x``` ||a||", []string{"a"}},
		{"spoiler around a fence", "||start\n```\n||x||\n```\nend||", []string{"start\n```\n||x||\n```\nend"}},
		{"indented code", "Para.\n\n    ||a||\n\n||b||", []string{"b"}},
		{"indented code with tab", "Para.\n\n\t||a||\n", nil},
		{"indented continuation", "Para\n    ||a||", []string{"a"}},
		{"list continuation", "- item\n\n    ||a||", []string{"a"}},
		{"list then paragraph then code", "- item\n\nPara.\n\n    ||a||", nil},
		{"escaped pipe", `\||a||`, nil},
		{"escaped reddit", `\>!a!<`, nil},
		{"escaped backtick", "\\`||a||`", []string{"a"}},
		{"crlf fence", "```\r\n||a||\r\n```\r\n||b||", []string{"b"}},
	}
	for _, tt := range tests {
		got := Spoilers(tt.in)
		checkSpans(t, tt.in, got)
		if h := hidden(tt.in, got); !reflect.DeepEqual(h, tt.want) {
			t.Errorf("%s: Spoilers(%q) hides %q, want %q", tt.name, tt.in, h, tt.want)
		}
	}
}

func TestSpoilerOffsets(t *testing.T) {
	s := "a ||bc|| d"
	want := []Span{{Start: 2, End: 8, InnerStart: 4, InnerEnd: 6}}
	if got := Spoilers(s); !reflect.DeepEqual(got, want) {
		t.Errorf("Spoilers(%q) = %+v, want %+v", s, got, want)
	}
}

// TestSpoilersLinear guards the memo: thousands of unmatched backtick runs
// must not make the scan quadratic.
func TestSpoilersLinear(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		b.WriteString(strings.Repeat("`", 1+i%7) + " x ")
	}
	b.WriteString("||end||")
	if got := Spoilers(b.String()); len(got) != 1 {
		t.Fatalf("got %d spans", len(got))
	}
}

// checkSpans asserts what holds for every result: offsets in range and in
// order, markers where the offsets say, non-empty insides, and nesting.
func checkSpans(t *testing.T, s string, spans []Span) {
	t.Helper()
	for i, sp := range spans {
		if !(0 <= sp.Start && sp.Start+2 == sp.InnerStart && sp.InnerStart < sp.InnerEnd && sp.InnerEnd+2 == sp.End && sp.End <= len(s)) {
			t.Fatalf("Spoilers(%q): bad span %+v", s, sp)
		}
		open, close := s[sp.Start:sp.InnerStart], s[sp.InnerEnd:sp.End]
		if !(open == "||" && close == "||" || open == ">!" && close == "!<") {
			t.Fatalf("Spoilers(%q): span %+v is %q…%q", s, sp, open, close)
		}
		if i > 0 {
			prev := spans[i-1]
			if sp.Start <= prev.Start {
				t.Fatalf("Spoilers(%q): spans out of order: %+v", s, spans)
			}
			for _, q := range spans[:i] {
				inside := sp.Start >= q.InnerStart && sp.End <= q.InnerEnd
				after := sp.Start >= q.End
				if !inside && !after {
					t.Fatalf("Spoilers(%q): %+v and %+v cross", s, q, sp)
				}
			}
		}
	}
}

func FuzzSpoilers(f *testing.F) {
	for _, s := range []string{
		"||a||", ">!a!<", ">!a ||b|| c!<", "||a >!b|| c!<", "`||a||`", "```\n||a||\n```\n||b||",
		"Para.\n\n    ||a||", "- x\n\n    ||a||", `\||a||`, "||||", ">!!<", "||a\n\nb||", "``a`b``||c||",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spans := Spoilers(s)
		checkSpans(t, s, spans)
		// Wrapping text that has no markup of its own makes exactly one span.
		if s != "" && !strings.ContainsAny(s, "|>!<`\\~ \t\r\n") {
			w := "||" + s + "||"
			if got := Spoilers(w); len(got) != 1 || got[0].Start != 0 || got[0].End != len(w) {
				t.Fatalf("Spoilers(%q) = %+v, want the whole text", w, got)
			}
		}
	})
}
