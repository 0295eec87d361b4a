package copydesk

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// copyRunSlow is copyRun rune by rune: the reference for its fast paths.
func copyRunSlow(p *plain, in string, from, to int) {
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(in[i:to])
		if unreadable(r, n) {
			p.add(" ", i, i+1)
			i++
			continue
		}
		for k := 0; k < n; k++ {
			p.text = append(p.text, in[i+k])
			p.start = append(p.start, int32(i+k))
			p.end = append(p.end, int32(i+k+1))
		}
		i += n
	}
}

// checkPlainCopy compares fromPlain, with its identity shortcut, and
// copyRun with the reference over every span.
func checkPlainCopy(t *testing.T, in string) {
	want := newPlain(len(in))
	copyRunSlow(want, in, 0, len(in))
	run := newPlain(len(in))
	run.copyRun(in, 0, len(in))
	got := fromPlain(in)
	for _, p := range []*plain{run, got} {
		if string(p.text) != string(want.text) {
			t.Fatalf("plain text of %q = %q, want %q", in, p.text, want.text)
		}
		for s := 0; s < len(in); s++ {
			for _, e := range []int{s, s + 1, len(in)} {
				gs, ge := p.span(s, e)
				ws, we := want.span(s, e)
				if gs != ws || ge != we {
					t.Fatalf("span(%d, %d) of %q = %d, %d, want %d, %d", s, e, in, gs, ge, ws, we)
				}
			}
		}
	}
	if !slices.Equal(run.start, want.start) || !slices.Equal(run.end, want.end) {
		t.Fatalf("copyRun map of %q differs from the reference", in)
	}
}

func TestPlainCopyMatchesReference(t *testing.T) {
	for _, s := range append(wordSamples, "tab\there\r\nx\x7f\x01é", psychoReview) {
		checkPlainCopy(t, s)
	}
}

func FuzzPlainCopy(f *testing.F) {
	for _, s := range wordSamples {
		f.Add(s)
	}
	f.Fuzz(checkPlainCopy)
}
