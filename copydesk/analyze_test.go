package copydesk

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"reel"
	"reel/linker"
)

// A review written for these tests: a verdict line, a body that names the
// film, its director, an actor and a character, and a last paragraph that
// gives the ending away.
const psychoReview = `Psycho (1960)

Alfred Hitchcock made Psycho on a television budget, and it shows only in the best way.
The black-and-white photography is stark, the score by Bernard Herrmann is unforgettable,
and Anthony Perkins gives a nervous, brilliant performance as the motel keeper.

Psycho is a masterpiece of suspense that still grips an audience sixty years on.
Vera Miles is fine as the sister who comes looking, though the script gives her little to do.

In the final act, Lila finds the mother in the cellar. It turns out that Norman Bates was
the killer all along, dressed as his dead mother, and the psychiatrist explains it all.

Verdict: masterpiece.
`

var (
	demoOnce   sync.Once
	demoLinker *linker.Linker
	demoErr    error
)

// demoCatalog is the bundled demo catalog's directory. The tests read the
// files rather than import reel/demo, which imports this package to score
// its ungraded reviews.
const demoCatalog = "../demo/catalog"

// demoLink builds the linker over the bundled demo catalog once per test run.
func demoLink(tb testing.TB) *linker.Linker {
	tb.Helper()
	demoOnce.Do(func() {
		demoLinker, demoErr = linker.Build(context.Background(), &linker.TSV{FS: os.DirFS(demoCatalog)})
	})
	if demoErr != nil {
		tb.Fatalf("build demo linker: %v", demoErr)
	}
	return demoLinker
}

func TestAnalyzeReviewWithCatalog(t *testing.T) {
	rep, err := Analyze(context.Background(), psychoReview, Options{Linker: demoLink(t)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Score.Verdict != "positive" || rep.Score.Value < 80 {
		t.Errorf("score = %+v, want a positive verdict from the stated masterpiece", rep.Score)
	}
	if rep.Film == nil || rep.Film.ID != "tt0054215" {
		t.Errorf("film = %+v, want Psycho tt0054215", rep.Film)
	}
	kinds := map[string]bool{}
	for _, m := range rep.Mentions {
		kinds[m.Kind] = true
		if got := psychoReview[m.Start:m.End]; got != m.Text {
			t.Errorf("mention %q has offsets of %q", m.Text, got)
		}
	}
	if !kinds["film"] || !kinds["person"] {
		t.Errorf("mention kinds = %v, want films and people", kinds)
	}
	assertSpoilerAtEnd(t, psychoReview, rep)
	if rep.PullQuote == nil {
		t.Fatal("no pull quote")
	}
	if q := rep.PullQuote.Text; !strings.Contains(q, "masterpiece") && !strings.Contains(q, "brilliant") {
		t.Errorf("pull quote = %q, want one of the two verdict sentences", q)
	}
}

func assertSpoilerAtEnd(t *testing.T, in string, rep Report) {
	t.Helper()
	var found bool
	for _, s := range rep.Spoilers {
		if strings.Contains(s.Text, "killer all along") {
			found = true
		}
		if strings.Contains(s.Text, "masterpiece of suspense") {
			t.Errorf("the verdict sentence is marked as a spoiler: %+v", s)
		}
		if s.Score < SpoilerThreshold || s.Score > 1 || len(s.Reasons) == 0 {
			t.Errorf("spoiler %+v: score out of range or no reasons", s)
		}
		if s.Start < 0 || s.End > len(in) || s.Start >= s.End {
			t.Errorf("spoiler %+v: bad offsets", s)
		}
	}
	if !found {
		t.Errorf("the twist sentence is not a spoiler; spoilers = %+v", rep.Spoilers)
	}
}

func TestAnalyzeWithoutCatalog(t *testing.T) {
	rep, err := Analyze(context.Background(), psychoReview, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Catalog || rep.Film != nil || len(rep.Mentions) != 0 {
		t.Errorf("without a catalog: catalog=%v film=%v mentions=%d", rep.Catalog, rep.Film, len(rep.Mentions))
	}
	if rep.Score.Verdict != "positive" {
		t.Errorf("verdict = %s", rep.Score.Verdict)
	}
	assertSpoilerAtEnd(t, psychoReview, rep)
}

func TestAnalyzeHTMLWithScript(t *testing.T) {
	in := `<!DOCTYPE html><html><head><title>Review</title><script>var good = "brilliant masterpiece";</script></head>
<body><h1>Vertigo</h1><p>Vertigo is a dreadful, tedious bore &mdash; the worst film Hitchcock ever made.</p>
<script>alert("superb")</script><p>James Stewart looks lost and the plot is a mess.</p>
<p><em>Skip it.</em></p></body></html>`
	rep, err := Analyze(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != FormatHTML {
		t.Errorf("format = %s, want html", rep.Format)
	}
	if rep.Score.Verdict != "negative" {
		t.Errorf("verdict = %+v, want negative (the script's words must not count)", rep.Score)
	}
	for _, ph := range rep.Score.Evidence {
		if strings.Contains(in[ph.Start:ph.End], "<script") || strings.Contains(ph.Text, "alert") {
			t.Errorf("evidence from the script: %+v", ph)
		}
	}
	if q := rep.PullQuote; q == nil || !strings.HasPrefix(q.Text, "Vertigo is a dreadful") {
		t.Fatalf("pull quote = %+v", q)
	}
	// The quote's offsets cover the input's own spelling, entity and all.
	if got := in[rep.PullQuote.Start:rep.PullQuote.End]; !strings.Contains(got, "&mdash;") {
		t.Errorf("quote offsets give %q", got)
	}
}

func TestAnalyzeMarkdownSpoilerMarkup(t *testing.T) {
	in := "**Arrival** is a *quietly moving* film, and the best science fiction of the year.\n\n" +
		"Its structure hides a secret: ||the flashes are of the future, not the past||.\n"
	rep, err := Analyze(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != FormatMarkdown {
		t.Errorf("format = %s", rep.Format)
	}
	if len(rep.Spoilers) != 1 || rep.Spoilers[0].Score != 1 || rep.Spoilers[0].Reasons[0] != ReasonMarked {
		t.Fatalf("spoilers = %+v, want the marked sentence at 1.0", rep.Spoilers)
	}
	if q := rep.PullQuote; q == nil || in[q.Start:q.End] != "Arrival** is a *quietly moving* film, and the best science fiction of the year." {
		t.Errorf("pull quote = %+v", rep.PullQuote)
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":       "",
		"spaces":      " \n\t ",
		"binary":      "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
		"too long":    strings.Repeat("A fine film. ", MaxInput/12+1),
		"only markup": "<html><script>alert(1)</script></html>",
	} {
		_, err := Analyze(context.Background(), in, Options{})
		var e *reel.Error
		if !errors.As(err, &e) || e.Code != reel.Invalid {
			t.Errorf("%s: err = %v, want a reel.Invalid error", name, err)
		}
	}
	if _, err := Analyze(context.Background(), "fine", Options{Format: "rtf"}); reel.ErrorCode(err) != reel.Invalid {
		t.Errorf("unknown format: err = %v", err)
	}
}

func TestAnalyzeOddText(t *testing.T) {
	for name, in := range map[string]string{
		"invalid utf-8": "A superb film \xff\xfe with a \xc3 great cast.",
		"french":        "Un film magnifique, d'une beauté rare, porté par des acteurs formidables. Je le recommande.",
		"one word":      "Meh",
	} {
		rep, err := Analyze(context.Background(), in, Options{Linker: demoLink(t)})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if name == "french" && rep.Score.Confidence > 0.75 {
			t.Errorf("french: confidence %.2f, want a low one", rep.Score.Confidence)
		}
		checkOffsets(t, in, rep)
	}
}

// checkOffsets asserts every span of a report lies within the input.
func checkOffsets(t testing.TB, in string, rep Report) {
	t.Helper()
	ok := func(s, e int) bool { return 0 <= s && s <= e && e <= len(in) }
	for _, p := range rep.Score.Evidence {
		if !ok(p.Start, p.End) {
			t.Errorf("evidence %+v out of the input (%d bytes)", p, len(in))
		}
	}
	for _, m := range rep.Mentions {
		if !ok(m.Start, m.End) {
			t.Errorf("mention %+v out of range", m)
		}
	}
	for _, s := range rep.Spoilers {
		if !ok(s.Start, s.End) || s.Score < 0 || s.Score > 1 {
			t.Errorf("spoiler %+v out of range", s)
		}
	}
	if q := rep.PullQuote; q != nil && !ok(q.Start, q.End) {
		t.Errorf("quote %+v out of range", q)
	}
}

// A text written in a given year names no film released after the next
// one: Arrival (2016) in a review written in 1998 is the word, not the film.
func TestWrittenYearBoundsFilms(t *testing.T) {
	text := "The first contact in *Arrival* is a long wait; the linguist's patience carries the film. " +
		"Nothing else this year sounds like it."
	linked := func(written int) bool {
		t.Helper()
		rep, err := Analyze(context.Background(), text, Options{Linker: demoLink(t), FilmHint: linker.FilmHint{Written: written}})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range rep.Mentions {
			if m.ID == "tt2543164" {
				return true
			}
		}
		return false
	}
	if !linked(0) || !linked(2016) || !linked(2015) {
		t.Errorf("Arrival (2016) not linked without a bound, or in a text of 2015 or 2016")
	}
	if linked(2014) || linked(1998) {
		t.Errorf("Arrival (2016) linked in a text written in 2014 or 1998")
	}
	for _, bad := range []int{-1, 1700, 10000} {
		_, err := Analyze(context.Background(), text, Options{FilmHint: linker.FilmHint{Written: bad}})
		if reel.ErrorCode(err) != reel.Invalid {
			t.Errorf("written %d: err = %v, want invalid", bad, err)
		}
	}
}
