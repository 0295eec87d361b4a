package copydesk

import (
	"context"
	"strings"
	"testing"
)

// The pull quote is chosen among sentences whose spoiler score is under
// quote.go's cut-off, which must stay below the threshold at which a
// sentence is reported as a spoiler: a reported spoiler can then never be
// the quote, whatever the model's weights.
func TestPullQuoteCutoffBelowSpoilerThreshold(t *testing.T) {
	c := quoteCandidate{text: "A superb, gripping and beautifully acted film that is the best of the year.",
		words: words("A superb, gripping and beautifully acted film that is the best of the year.", nil)}
	c.spoiler = 0
	if _, ok := quotable(c); !ok {
		t.Fatalf("the probe sentence is not quotable even without a spoiler score")
	}
	c.spoiler = SpoilerThreshold
	if _, ok := quotable(c); ok {
		t.Errorf("a sentence scored at the spoiler threshold (%.2f) can be the pull quote", SpoilerThreshold)
	}
}

// TestPullQuoteNeverASpoiler analyzes reviews whose last paragraphs give the
// plot away and checks that the pull quote never overlaps a reported
// spoiler. It also counts, on the annotated research reviews, how often the
// quote is a sentence the annotator marked as a spoiler that the detector
// missed: that cannot be excluded, only measured.
func TestPullQuoteNeverASpoiler(t *testing.T) {
	var own strings.Builder
	for _, s := range ownSpoilers {
		own.WriteString(s.text + "\n\n")
	}
	texts := []string{psychoReview, own.String(), longReview()}
	for _, in := range texts {
		rep, err := Analyze(context.Background(), in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkQuoteNotSpoiler(t, rep)
	}

	// The research reviews: one sentence a line, lower case, so each line
	// becomes its own paragraph for the splitter.
	set := loadSpoilerSet(t)
	quoted, goldQuoted := 0, 0
	for _, r := range set {
		var b strings.Builder
		var spans [][2]int
		for _, s := range r.doc.sentences {
			spans = append(spans, [2]int{b.Len(), b.Len() + len(s)})
			b.WriteString(s + "\n\n")
		}
		rep, err := Analyze(context.Background(), b.String(), Options{Format: FormatPlain})
		if err != nil {
			t.Fatalf("%s: %v", r.file, err)
		}
		checkQuoteNotSpoiler(t, rep)
		if q := rep.PullQuote; q != nil {
			quoted++
			for i, sp := range spans {
				if r.doc.spoiler[i] && q.Start < sp[1] && sp[0] < q.End {
					goldQuoted++
					t.Logf("%s: the quote is an annotated spoiler the detector missed: %q", r.file, q.Text)
				}
			}
		}
	}
	t.Logf("research reviews: %d of %d have a pull quote; %d of those quotes are annotated spoilers", quoted, len(set), goldQuoted)
}

func checkQuoteNotSpoiler(t *testing.T, rep Report) {
	t.Helper()
	q := rep.PullQuote
	if q == nil {
		return
	}
	for _, s := range rep.Spoilers {
		if q.Start < s.End && s.Start < q.End {
			t.Errorf("the pull quote %q overlaps the spoiler %q (score %.2f)", q.Text, s.Text, s.Score)
		}
	}
}
