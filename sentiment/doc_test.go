package sentiment

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// spanPieces are what texts around Tokenize's context rules are made of:
// paragraph breaks with and without blanks, dotted ellipses that cross a
// space, dashes, joiners at a word's edge, multi-byte and invalid bytes.
var spanPieces = []string{"Don't", "isn't", "well-made", "3.5", "1,000", "4/10", "film", "Good", "bad",
	" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\r\n", "\n\r\n", "\t", ".", ". . .", " . .", "...", "…",
	"!", "?", ",", ";", ":", "(", ")", "-", "--", "–", "—", "\"", "“", "”", "'", "’", "n't", "é", "ß",
	"€", "\xff", "\xe2\x80", "*", "#", "not", "but", "however", "never", "k-19", "Amélie"}

// TestSpanHeadsIsHeadsOfTheSpan checks SpanHeads against Heads of the span
// alone over every span of random texts built from spanPieces, and that
// it reads the doc's tokens for the sentences of a plain review.
func TestSpanHeadsIsHeadsOfTheSpan(t *testing.T) {
	m := model(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		var b strings.Builder
		for b.Len() < 40 {
			b.WriteString(spanPieces[rng.IntN(len(spanPieces))])
		}
		text := b.String()
		d := NewDoc(text)
		for s := 0; s < len(text); s++ {
			for e := s + 1; e <= len(text); e++ {
				checkSpanHeads(t, m, d, text, s, e)
			}
		}
	}
	text := review()
	d := NewDoc(text)
	start := 0
	for _, sent := range strings.SplitAfter(text, ". ") {
		trimmed := strings.TrimSpace(sent)
		s := start + strings.Index(sent, trimmed)
		e := s + len(trimmed)
		start += len(sent)
		if s == e {
			continue
		}
		checkSpanHeads(t, m, d, text, s, e)
		if _, ok := d.spanTokens(s, e); !ok {
			t.Errorf("sentence %q is tokenized again", text[s:e])
		}
	}
}

func checkSpanHeads(t *testing.T, m *Model, d *Doc, text string, s, e int) {
	t.Helper()
	got, want := m.SpanHeads(d, s, e), m.Heads(text[s:e])
	if got.Pol != want.Pol || got.Val != want.Val || got.Sent != want.Sent || got.SentTail != want.SentTail ||
		got.Words != want.Words || got.Coverage != want.Coverage {
		t.Fatalf("SpanHeads(%q, %d, %d) = %+v, Heads(%q) = %+v", text, s, e, got, text[s:e], want)
	}
}

// TestEvidenceFromStrongest checks that evidence, which ranks only the
// strongest candidates when they suffice, finds what ranking them all
// finds.
func TestEvidenceFromStrongest(t *testing.T) {
	m := model(t)
	for _, text := range []string{review(), strings.Repeat("Not bad. Not good. Good, bad, good! ", 40), strings.ToUpper(review())} {
		sc := getScratch()
		h := m.heads(text, sc)
		var all []cand
		for _, f := range h.feats {
			if w := float64(m.W[NumHeads*f.id]); w != 0 {
				all = append(all, cand{f, w})
			}
		}
		slices.SortFunc(all, strongerFirst)
		want := pickEvidence(text, all)
		got := m.evidence(text, h, sc)
		putScratch(sc)
		if !slices.Equal(got, want) {
			t.Errorf("evidence = %v, want %v", got, want)
		}
	}
}
