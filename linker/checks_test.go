package linker_test

import (
	"testing"

	"reel/linker"
)

// TestChecksFindSlips seeds one slip per sentence and expects exactly the
// check that fixes it.
func TestChecksFindSlips(t *testing.T) {
	l := testLinker(t)
	tests := []struct {
		name, text     string
		kind, suggests string
	}{
		{"missing accents where the text uses them", "Penelope Cruz plays Raimunda in Almodóvar's Volver.", linker.CheckSpelling, "Penélope Cruz"},
		{"surname without its accent", "Pedro Almodóvar's Volver is warm; Almodovar never pushes.", linker.CheckSpelling, "Almodóvar"},
		{"wrong year", "Pedro Almodóvar's Volver (2005) is warm.", linker.CheckYear, "2006"},
		{"wrong year after the maker", "Pedro Almodóvar's Volver (released in 2005) is warm.", linker.CheckYear, "2006"},
		{"wrong director", "*Volver*, directed by Michael Mann, is warm.", linker.CheckCredit, "Pedro Almodóvar"},
		{"wrong actor for a character", "In Volver, Carmen Maura as Raimunda is superb.", linker.CheckCredit, "Penélope Cruz"},
		{"character with the wrong actor in parentheses", "In Heat, Neil McCauley (Al Pacino) leads the crew.", linker.CheckCredit, "Robert De Niro"},
		{"near-miss spelling", "Antonio Banderas is superb in Pain and Glory; Banderes never overplays.", linker.CheckSpelling, "Banderas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := l.Link(tt.text, linker.FilmHint{})
			if len(res.Checks) != 1 {
				t.Fatalf("checks = %+v, want one %s check", res.Checks, tt.kind)
			}
			c := res.Checks[0]
			if c.Kind != tt.kind || c.Suggestion != tt.suggests || c.Message == "" {
				t.Errorf("check = %+v, want %s suggesting %q", c, tt.kind, tt.suggests)
			}
			if c.Start < 0 || c.End > len(tt.text) || c.Start >= c.End {
				t.Errorf("check %+v: bad offsets", c)
			}
		})
	}
}

// TestChecksQuietOnCorrectText: the same facts, written correctly, raise
// nothing.
func TestChecksQuietOnCorrectText(t *testing.T) {
	l := testLinker(t)
	for _, text := range []string{
		"Penélope Cruz plays Raimunda in Almodóvar's Volver (2006), directed by Pedro Almodóvar.",
		"In Volver, Penélope Cruz as Raimunda is superb, and Carmen Maura as Irene is better still.",
		"Penelope Cruz plays Raimunda in Almodovar's Volver.", // no accents anywhere: a house style, not a slip
		"In Heat (1995), Neil McCauley (Robert De Niro) and Lt. Vincent Hanna (Al Pacino) finally meet.",
		"Antonio Banderas is superb in Pain & Glory; Banderas never overplays.",
		"Pedro Almodóvar's Volver (so still around 1980 in La Mancha) is warm.", // a date of the story
	} {
		if res := l.Link(text, linker.FilmHint{}); len(res.Checks) != 0 {
			t.Errorf("%q: checks %+v, want none", text, res.Checks)
		}
	}
}
