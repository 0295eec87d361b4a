package copydesk

import (
	"context"
	"strings"
	"testing"
)

// longReview repeats the test review's paragraphs to about 1,000 words.
func longReview() string {
	var b strings.Builder
	for len(strings.Fields(b.String())) < 1000 {
		b.WriteString(psychoReview[:strings.Index(psychoReview, "In the final act")])
	}
	b.WriteString(psychoReview[strings.Index(psychoReview, "In the final act"):])
	return b.String()
}

func BenchmarkAnalyze1000Words(b *testing.B) {
	text := longReview()
	for _, c := range []struct {
		name string
		opts Options
	}{{"nocatalog", Options{}}, {"democatalog", Options{Linker: demoLink(b)}}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := Analyze(context.Background(), text, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
