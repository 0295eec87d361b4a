package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"reel"
	"reel/store"
	"reel/store/storetest"
)

func TestEachCatalogRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedCatalog(t, s)
		ctx := context.Background()

		var films []reel.Film
		if err := s.EachFilm(ctx, func(f reel.Film) error { films = append(films, f); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(films) != 5 || films[0].ID != 56801 || films[0].Title != "8½" || films[4].ID != 8291806 {
			t.Fatalf("films = %+v, want 5 in id order", films)
		}
		if films[1].Votes != 130000 || films[1].Year != 2002 || films[1].OriginalTitle != "Hable con ella" {
			t.Errorf("film 287467 = %+v", films[1])
		}

		var akas []string
		err := s.EachAltTitle(ctx, func(id reel.FilmID, a reel.AltTitle) error {
			if !a.Original || a.Region != "ES" {
				t.Errorf("alt title %+v: want original, region ES", a)
			}
			akas = append(akas, id.String()+" "+a.Title)
			return nil
		})
		if err != nil || !slices.Equal(akas, []string{"tt0287467 Hable con ella"}) {
			t.Errorf("alt titles = %q, %v", akas, err)
		}

		var names []string
		if err := s.EachPerson(ctx, func(p reel.Person) error { names = append(names, p.Name); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names, []string{"Antonio Banderas", "Pedro Almodóvar", "Penélope Cruz", "Agustín Almodóvar"}) {
			t.Errorf("people = %q, want id order", names)
		}

		var credits []reel.Credit
		if err := s.EachCredit(ctx, func(c reel.Credit) error { credits = append(credits, c); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(credits) != 3 || credits[0].FilmID != 441909 || credits[2].Category != reel.CategoryDirector {
			t.Fatalf("credits = %+v, want 3 grouped by film in billing order", credits)
		}
		if c := credits[1]; c.PersonID != 104 || !slices.Equal(c.Characters, []string{"Salvador Mallo"}) {
			t.Errorf("credit = %+v, want Banderas as Salvador Mallo", c)
		}
	})
}

func TestEachCreditReadsMalformedCharacters(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	for _, q := range []string{
		"INSERT INTO films (id, type, title, original_title) VALUES (1, 'movie', 'A', 'A')",
		`INSERT INTO credits (film_id, ordering, person_id, category, characters) VALUES (1, 1, 7, 'actor', '["Stephen "Dr" Love","Himself"]')`,
	} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	if err := s.EachCredit(ctx, func(c reel.Credit) error { got = c.Characters; return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{`Stephen "Dr" Love`, "Himself"}) {
		t.Errorf("characters = %q", got)
	}
}

func TestEachStopsOnError(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	seedCatalog(t, s)
	stop := errors.New("stop")
	n := 0
	err := s.EachFilm(context.Background(), func(reel.Film) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachFilm = %v after %d rows, want the callback's error after 1", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.EachPerson(ctx, func(reel.Person) error { return nil }); err == nil {
		t.Error("EachPerson on a cancelled context succeeded")
	}
}
