package copydesk

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"reel/sentiment"
)

// pickQuoteAll is pickQuote without its bound: every quotable sentence is
// scored, in text order, and the first of the highest rank wins.
func pickQuoteAll(m *sentiment.Model, cands []quoteCandidate, verdict string) int {
	best, bestRank := -1, 0.0
	for _, c := range cands {
		if !quotable(c) {
			continue
		}
		h := m.Heads(c.text)
		v := m.Value(h)
		agree := agreement(v, verdict)
		if agree <= 0 {
			continue
		}
		rank := agree*sentiment.BandProb(v, m.Sigma(h)) + fixedRank(c)
		if rank > bestRank {
			best, bestRank = c.index, rank
		}
	}
	return best
}

// quoteTexts are reviews to compare the two searches on: the tests' own, the
// demo's and, when present, the research corpus's full reviews.
func quoteTexts(t *testing.T) []string {
	texts := []string{psychoReview, longReview()}
	for _, pattern := range []string{"../demo/reviews/*.md", polarityDir + "/*/cv*.txt"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	return texts
}

// polarityDir holds the Pang & Lee v2.0 full reviews (see its SOURCE.md).
const polarityDir = "../../shared/data/pang-lee-polarity-v2.0/txt_sentoken"

// TestPickQuoteBoundIsExact checks that stopping early never changes the
// choice, for every verdict, not just the text's own.
func TestPickQuoteBoundIsExact(t *testing.T) {
	m := sentiment.Default()
	texts := quoteTexts(t)
	if len(texts) < 1000 && os.Getenv("CI") != "" {
		t.Fatalf("research data missing in CI: %d texts", len(texts))
	}
	picked := 0
	for _, text := range texts {
		if !utf8.ValidString(text) {
			continue
		}
		a, err := analyze(context.Background(), text, Options{Linker: demoLink(t)})
		if err != nil {
			t.Fatal(err)
		}
		for _, verdict := range []string{sentiment.Positive, sentiment.Mixed, sentiment.Negative} {
			got, want := pickQuote(m, a.cands, verdict), pickQuoteAll(m, a.cands, verdict)
			if got != want {
				t.Fatalf("%s quote of %.60q: bounded search picks %d, exhaustive %d", verdict, text, got, want)
			}
			if got >= 0 {
				picked++
			}
		}
	}
	t.Logf("%d texts, %d quotes picked", len(texts), picked)
}
