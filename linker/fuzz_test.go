package linker_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"reel"
	"reel/linker"
)

// FuzzLink: whatever the text, Link returns mentions and checks whose
// offsets lie in the text, on rune boundaries, covering their Text.
func FuzzLink(f *testing.F) {
	for _, s := range []string{
		"Pedro Almodóvar's *Volver* (2005) stars Penelope Cruz as Irene.",
		"“Her” — Spike Jonze's film — and 8 1/2, Pain & Glory.",
		"l.a. confidential , directed by ( ( 1995 ) as as plays",
		"Almodóvar's' 's 'Volver' \"Heat\" _Up_ <i>It</i> **Amour**",
		"\xe2\x80\x9dVolver\xe2\x80\x9c (",
	} {
		f.Add(s)
	}
	l := testLinker(f)
	f.Fuzz(func(t *testing.T, text string) {
		res := l.Link(text, linker.FilmHint{})
		for _, m := range res.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %+v out of %q", m, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
				t.Fatalf("mention %+v splits a rune of %q", m, text)
			}
		}
		for _, c := range res.Checks {
			if c.Start < 0 || c.End > len(text) || c.Start >= c.End || c.Suggestion == "" {
				t.Fatalf("check %+v out of %q", c, text)
			}
		}
	})
}

// TestMultiMergesDuplicates: a film two sources hold is one film, with the
// titles of both and the later source's facts.
func TestMultiMergesDuplicates(t *testing.T) {
	a := &linker.Mem{Films: []reel.Film{{ID: 441909, Title: "Volver", OriginalTitle: "Volver", Year: 2005, Votes: 10}}}
	b := &linker.Mem{Films: []reel.Film{{ID: 441909, Title: "To Return", OriginalTitle: "Volver", Year: 2006, Votes: 104000}}}
	l, err := linker.Build(context.Background(), linker.Multi(a, b))
	if err != nil {
		t.Fatal(err)
	}
	if l.Stats().Films != 1 {
		t.Fatalf("films = %d, want 1", l.Stats().Films)
	}
	res := l.Link(`"Volver" (2006) and "To Return" are one film.`, linker.FilmHint{})
	if len(res.Mentions) != 2 || res.Mentions[0].ID != "tt0441909" || res.Mentions[1].ID != "tt0441909" || res.Mentions[0].Name != "To Return" {
		t.Errorf("mentions = %+v, want both titles linked to tt0441909 named To Return", res.Mentions)
	}
	if len(res.Checks) != 0 {
		t.Errorf("checks = %+v: the later source's year (2006) should win", res.Checks)
	}
}
