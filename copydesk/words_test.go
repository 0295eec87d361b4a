package copydesk

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// wordsSlow is words written the obvious way, rune by rune into a builder:
// the reference the faster version must agree with.
func wordsSlow(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0 && i+n < len(s) && isLetterAt(s, i+n):
			b.WriteByte('\'')
		default:
			flush()
		}
		i += n
	}
	flush()
	return out
}

var wordSamples = []string{
	"", "Didn't O'Brien’s film — the BEST? 3.5/10, «Amélie» isn't", "'quoted' words'", "it's’ x'",
	"İstanbul ǅemal ΣΊΣΥΦΟΣ straße", "a\xffb \x80", "don’t’", "end'", "Ǆ'a", "12'ab 'n' rock",
}

func TestWordsMatchesReference(t *testing.T) {
	for _, s := range append(wordSamples, psychoReview) {
		if got, want := words(s, nil), wordsSlow(s); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := words(s, nil), wordsSlow(s); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", s, got, want)
		}
	})
}
