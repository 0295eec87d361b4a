package store_test

import (
	"context"
	"strings"
	"testing"

	"reel"
	"reel/matchkey"
	"reel/store"
	"reel/store/storetest"
)

// seedCatalog writes a tiny catalog straight through SQL, so the read paths are
// tested independently of the IMDb importer.
func seedCatalog(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.DB().ExecContext(ctx, s.Rebind(q), args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	films := []struct {
		id    int64
		title string
		orig  string
		year  int
		votes int64
	}{
		{287467, "Talk to Her", "Hable con ella", 2002, 130000},
		{8291806, "Pain and Glory", "Dolor y gloria", 2019, 110000},
		{56801, "8½", "Otto e mezzo", 1963, 120000},
		{441909, "Volver", "Volver", 2006, 100000},
		{1798709, "Her", "Her", 2013, 650000},
	}
	for _, f := range films {
		exec("INSERT INTO films (id, type, title, original_title, year, genres, votes) VALUES (?, 'movie', ?, ?, ?, 'Drama', ?)", f.id, f.title, f.orig, f.year, f.votes)
		for _, title := range []string{f.title, f.orig} {
			addKeys(t, s, 1, f.id, f.votes, title)
		}
	}
	exec("INSERT INTO film_titles (film_id, ordering, title, region, language, is_original) VALUES (287467, 1, 'Hable con ella', 'ES', 'es', 1)")
	people := []struct {
		id   int64
		name string
		pop  int64
	}{{264, "Pedro Almodóvar", 130000}, {4851, "Penélope Cruz", 100000}, {104, "Antonio Banderas", 110000}, {9990001, "Agustín Almodóvar", 500}}
	for _, p := range people {
		exec("INSERT INTO people (id, name, birth_year, professions, popularity) VALUES (?, ?, 1949, 'director,writer', ?)", p.id, p.name, p.pop)
		addKeys(t, s, 2, p.id, p.pop, p.name)
	}
	exec(`INSERT INTO credits (film_id, ordering, person_id, category, characters) VALUES (8291806, 1, 104, 'actor', '["Salvador Mallo"]')`)
	exec("INSERT INTO credits (film_id, ordering, person_id, category) VALUES (8291806, 5, 264, 'director')")
	exec("INSERT INTO credits (film_id, ordering, person_id, category) VALUES (441909, 5, 264, 'director')")
}

func addKeys(t *testing.T, s *store.Store, kind int, ref, pop int64, name string) {
	words := matchkey.Words(name)
	for i := range words {
		key := strings.Join(words[i:], " ")
		q := "INSERT INTO search_keys (key, kind, ref, pop) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
		if _, err := s.DB().Exec(s.Rebind(q), key, kind, ref, pop); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedCatalog(t, s)
		tests := []struct{ q, wantFirst string }{
			{"almodovar", "nm0000264"},
			{"ALMODÓVAR", "nm0000264"},
			{"pedro almod", "nm0000264"},
			{"pain & glory", "tt8291806"},
			{"pain and glory", "tt8291806"},
			{"hable con ella", "tt0287467"},
			{"8 1/2", "tt0056801"},
			{"otto e mezzo", "tt0056801"},
			{"penelope", "nm0004851"},
			{"her", "tt1798709"},
		}
		for _, tt := range tests {
			hits, err := s.Search(context.Background(), tt.q, 10)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			if len(hits) == 0 || hits[0].ID != tt.wantFirst {
				t.Errorf("Search(%q) = %+v, want %s first", tt.q, hits, tt.wantFirst)
			}
		}
		if _, err := s.Search(context.Background(), "?!", 10); reel.ErrorCode(err) != reel.Invalid {
			t.Errorf("empty query: %v, want invalid", err)
		}
	})
}

func TestFilmAndPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedCatalog(t, s)
		ctx := context.Background()
		f, err := s.Film(ctx, 8291806)
		if err != nil {
			t.Fatal(err)
		}
		if f.Title != "Pain and Glory" || len(f.Credits) != 2 || f.Credits[0].Name != "Antonio Banderas" ||
			len(f.Credits[0].Characters) != 1 || f.Credits[0].Characters[0] != "Salvador Mallo" {
			t.Fatalf("film = %+v", f)
		}
		p, err := s.Person(ctx, 264)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Pedro Almodóvar" || len(p.Filmography) != 2 || p.Filmography[0].Year != 2019 {
			t.Fatalf("person = %+v", p)
		}
		if _, err := s.Film(ctx, 1); reel.ErrorCode(err) != reel.NotFound {
			t.Fatalf("missing film: %v, want not found", err)
		}
		if _, err := s.Person(ctx, 1); reel.ErrorCode(err) != reel.NotFound {
			t.Fatalf("missing person: %v, want not found", err)
		}
	})
}
