package linker_test

import (
	"context"
	"strings"
	"testing"

	"reel"
	"reel/linker"
)

// catalog is a small hand-made catalog with the traps the copy desk must
// handle: accents, everyday-word titles, shared surnames, two films of one
// title, characters.
func catalog() *linker.Mem {
	f := func(id int64, title, orig string, year, votes int) reel.Film {
		return reel.Film{ID: reel.FilmID(id), Type: "movie", Title: title, OriginalTitle: orig, Year: year, Votes: votes}
	}
	p := func(id int64, name string) reel.Person { return reel.Person{ID: reel.PersonID(id), Name: name} }
	cr := func(film, person int64, ord int, cat string, chars ...string) reel.Credit {
		return reel.Credit{FilmID: reel.FilmID(film), PersonID: reel.PersonID(person), Ordering: ord, Category: cat, Characters: chars}
	}
	return &linker.Mem{
		Films: []reel.Film{
			f(441909, "Volver", "Volver", 2006, 104000),
			f(287467, "Talk to Her", "Hable con ella", 2002, 128000),
			f(8291806, "Pain and Glory", "Dolor y gloria", 2019, 62000),
			f(95675, "Women on the Verge of a Nervous Breakdown", "Mujeres al borde de un ataque de nervios", 1988, 52000),
			f(56801, "8½", "Otto e mezzo", 1963, 125000),
			f(1798709, "Her", "Her", 2013, 700000),
			f(113277, "Heat", "Heat", 1995, 750000),
			f(90000, "Heat", "Heat", 1986, 9000),
			f(1602620, "Amour", "Amour", 2012, 110000),
			f(1049413, "Up", "Up", 2009, 1200000),
		},
		AltTitles: []linker.AltTitle{{Film: 287467, AltTitle: reel.AltTitle{Title: "Hable con ella", Region: "ES"}}},
		People: []reel.Person{
			p(264, "Pedro Almodóvar"), p(4851, "Penélope Cruz"), p(104, "Antonio Banderas"), p(9990001, "Carmen Maura"),
			p(9990003, "Javier Cámara"), p(9990009, "Mónica Cruz"), p(520, "Michael Mann"), p(199, "Al Pacino"),
			p(134, "Robert De Niro"), p(5069, "Spike Jonze"), p(1618, "Joaquin Phoenix"), p(424060, "Scarlett Johansson"),
			p(359734, "Michael Haneke"), p(19, "Federico Fellini"), p(52, "Marcello Mastroianni"), p(77777, "Burt Reynolds"),
			p(230032, "Pete Docter"),
		},
		Credits: []reel.Credit{
			cr(441909, 264, 1, "director"), cr(441909, 4851, 2, "actress", "Raimunda"), cr(441909, 9990001, 3, "actress", "Irene"),
			cr(287467, 264, 1, "director"), cr(287467, 9990003, 2, "actor", "Benigno Martín"),
			cr(8291806, 264, 1, "director"), cr(8291806, 104, 2, "actor", "Salvador Mallo"), cr(8291806, 4851, 3, "actress", "Jacinta Mallo"),
			cr(95675, 264, 1, "director"), cr(95675, 9990001, 2, "actress", "Pepa"), cr(95675, 104, 3, "actor", "Carlos"),
			cr(56801, 19, 1, "director"), cr(56801, 52, 2, "actor", "Guido Anselmi"),
			cr(1798709, 5069, 1, "director"), cr(1798709, 1618, 2, "actor", "Theodore"), cr(1798709, 424060, 3, "actress", "Samantha"),
			cr(113277, 520, 1, "director"), cr(113277, 199, 2, "actor", "Lt. Vincent Hanna"), cr(113277, 134, 3, "actor", "Neil McCauley"),
			cr(90000, 77777, 1, "actor", "Nick 'Mex' Escalante"),
			cr(1602620, 359734, 1, "director"),
			cr(1049413, 230032, 1, "director"),
			cr(1000001, 9990009, 1, "actress"), // a film the catalog lacks: Mónica Cruz is kept only if credited
		},
	}
}

var built *linker.Linker

func testLinker(t testing.TB) *linker.Linker {
	t.Helper()
	if built == nil {
		src := catalog()
		src.Films = append(src.Films, reel.Film{ID: 1000001, Type: "movie", Title: "Sin noticias de Dios", OriginalTitle: "Sin noticias de Dios", Year: 2001, Votes: 4000})
		l, err := linker.Build(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		built = l
	}
	return built
}

// want describes one expected mention: the text it covers and the id.
type want struct{ text, id string }

func linked(res linker.Result) map[string]string {
	out := map[string]string{}
	for _, m := range res.Mentions {
		out[m.Text] = m.ID
	}
	return out
}

func TestLinkExamples(t *testing.T) {
	l := testLinker(t)
	tests := []struct {
		name string
		text string
		hint linker.FilmHint
		want []want
		not  []string // texts that must not be linked
	}{
		{"accent-free name of the director of the film under review", "Almodovar returns to La Mancha.",
			linker.FilmHint{ID: "tt0441909"}, []want{{"Almodovar", "nm0000264"}}, nil},
		{"original title", "I prefer Hable con ella to anything since.", linker.FilmHint{},
			[]want{{"Hable con ella", "tt0287467"}}, nil},
		{"ampersand and numeral variants", "From Pain & Glory back to 8 1/2 and *8½*.", linker.FilmHint{},
			[]want{{"Pain & Glory", "tt8291806"}, {"8 1/2", "tt0056801"}, {"8½", "tt0056801"}}, nil},
		{"possessive", "Pedro Almodóvar's Volver is his warmest film.", linker.FilmHint{},
			[]want{{"Pedro Almodóvar", "nm0000264"}, {"Volver", "tt0441909"}}, nil},
		{"surname and first name after the full name", "Antonio Banderas and Penélope Cruz star in Pain and Glory. Banderas is superb; Penélope is luminous.",
			linker.FilmHint{}, []want{{"Banderas", "nm0000104"}, {"Penélope", "nm0004851"}}, nil},
		{"character links to its actor and film", "In Volver, Raimunda hides the body.", linker.FilmHint{},
			[]want{{"Raimunda", "tt0441909/nm0004851"}}, nil},
		{"film under review named in part", "Women on the Verge made Almodóvar famous; Carmen Maura is Pepa.",
			linker.FilmHint{ID: "tt0095675"}, []want{{"Women on the Verge", "tt0095675"}, {"Pepa", "tt0095675/nm9990001"}}, nil},
		{"everyday words without evidence stay words", "Her face lit up. It was the heat of the summer, and up close her eyes shone.",
			linker.FilmHint{}, nil, []string{"Her", "It", "heat", "up", "her"}},
		{"everyday-word titles with evidence", `Spike Jonze's *Her* and Michael Mann's Heat (1995), and "Up" too.`,
			linker.FilmHint{}, []want{{"Her", "tt1798709"}, {"Heat", "tt0113277"}, {"Up", "tt1049413"}}, nil},
		{"year picks between two films of one title", "Burt Reynolds was in Heat (1986).", linker.FilmHint{},
			[]want{{"Heat", "tt0090000"}}, nil},
		{"title-cased everyday words mid-sentence", "Nothing prepared me for Amour, Haneke's gentlest film.", linker.FilmHint{},
			[]want{{"Amour", "tt1602620"}, {"Haneke", "nm0359734"}}, nil}, // a linked film's director goes by surname
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := l.Link(tt.text, tt.hint)
			got := linked(res)
			for _, w := range tt.want {
				if got[w.text] != w.id {
					t.Errorf("%q linked to %q, want %s (all: %v)", w.text, got[w.text], w.id, got)
				}
			}
			for _, n := range tt.not {
				if id, ok := got[n]; ok {
					t.Errorf("%q linked to %s, want no link", n, id)
				}
			}
			for _, m := range res.Mentions {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("mention %+v: offsets do not cover its text", m)
				}
			}
		})
	}
}

func TestCharacterMentionFields(t *testing.T) {
	res := testLinker(t).Link("In Talk to Her, Benigno (Javier Cámara) is a nurse.", linker.FilmHint{})
	for _, m := range res.Mentions {
		if m.Text != "Benigno" {
			continue
		}
		if m.Kind != linker.KindCharacter || m.FilmID != "tt0287467" || m.ActorID != "nm9990003" || m.Name != "Benigno Martín" {
			t.Errorf("character mention = %+v", m)
		}
		return
	}
	t.Errorf("Benigno not linked: %+v", res.Mentions)
}

func TestFilmUnderReview(t *testing.T) {
	l := testLinker(t)
	res := l.Link("Almodóvar's new film stars Antonio Banderas as a director in pain. Penélope Cruz plays his mother. Pain and Glory is a confession.", linker.FilmHint{})
	if res.Film == nil || res.Film.ID != "tt8291806" {
		t.Fatalf("film under review = %+v, want Pain and Glory", res.Film)
	}
	res = l.Link("A film about two women.", linker.FilmHint{Title: "Hable con ella"})
	if res.Film == nil || res.Film.ID != "tt0287467" || res.Film.Title != "Talk to Her" {
		t.Errorf("film from a title hint = %+v, want Talk to Her", res.Film)
	}
	res = l.Link("Nothing here.", linker.FilmHint{})
	if res.Film != nil {
		t.Errorf("film under review of an empty text = %+v", res.Film)
	}
}

func TestSharedSurnameFollowsTheText(t *testing.T) {
	res := testLinker(t).Link("Penélope Cruz and her sister Mónica Cruz were both at the premiere. Later, Penélope Cruz spoke; Cruz was moved.", linker.FilmHint{})
	var last linker.Mention
	for _, m := range res.Mentions {
		if m.Text == "Cruz" {
			last = m
		}
	}
	if last.ID != "nm0004851" {
		t.Errorf("Cruz after Penélope Cruz was named last = %q, want nm0004851 (%+v)", last.ID, res.Mentions)
	}
}

func TestCaselessText(t *testing.T) {
	res := testLinker(t).Link("ok so her destroyed me . joaquin phoenix is so good and scarlett johansson does it with just her voice . spike jonze wrote samantha for her .", linker.FilmHint{})
	got := linked(res)
	for _, w := range []want{{"joaquin phoenix", "nm0001618"}, {"scarlett johansson", "nm0424060"}, {"spike jonze", "nm0005069"}} {
		if got[w.text] != w.id {
			t.Errorf("%q = %q, want %s", w.text, got[w.text], w.id)
		}
	}
	for _, m := range res.Mentions {
		if m.Text == "her" || m.Text == "it" {
			t.Errorf("pronoun %q linked as %s %s", m.Text, m.Kind, m.ID)
		}
	}
}

func TestLinkEmptyAndOddInput(t *testing.T) {
	l := testLinker(t)
	for _, text := range []string{"", " ", "\n\n", "((((", "\xff\xfe", strings.Repeat("Volver ", 2000)} {
		res := l.Link(text, linker.FilmHint{})
		if res.Mentions == nil || res.Checks == nil {
			t.Errorf("Link(%.20q) returned nil slices", text)
		}
		for _, m := range res.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Errorf("Link(%.20q): bad offsets %d..%d", text, m.Start, m.End)
			}
		}
	}
}

func TestLinkConcurrent(t *testing.T) {
	l := testLinker(t)
	done := make(chan bool)
	for range 4 {
		go func() {
			for range 20 {
				l.Link("Pedro Almodóvar's Volver (2006) stars Penélope Cruz as Raimunda.", linker.FilmHint{})
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
