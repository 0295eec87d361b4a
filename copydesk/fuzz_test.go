package copydesk

import (
	"context"
	"testing"
)

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{psychoReview, "<p>A <b>fine</b> film &amp; a &#x263A; &bogus; <script>x", "||a||>!b!<", "# T\n\n- a\n- **b** [c](d)",
		"Mr. J. R. R. Tolkien... wrote. \"Yes!\" (No.) U.S. 3.5", "\xff\xfe", "&", "<", "a\u2026 B"} {
		f.Add(s, "")
		f.Add(s, "html")
		f.Add(s, "markdown")
	}
	l := demoLink(f)
	f.Fuzz(func(t *testing.T, in, format string) {
		opts := Options{Format: format}
		if len(format)%2 == 0 {
			opts.Linker = l
		}
		rep, err := Analyze(context.Background(), in, opts)
		if err != nil {
			return
		}
		checkOffsets(t, in, rep)
	})
}
