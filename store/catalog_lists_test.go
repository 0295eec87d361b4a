package store_test

import (
	"context"
	"testing"

	"reel/store"
	"reel/store/storetest"
)

func TestPopularFilms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedCatalog(t, s)
		ctx := context.Background()
		// A second director row for the same person (IMDb's crew file repeats
		// principals) must not list him twice.
		if _, err := s.DB().ExecContext(ctx, s.Rebind("INSERT INTO credits (film_id, ordering, person_id, category) VALUES (441909, 1000, 264, 'director')")); err != nil {
			t.Fatal(err)
		}
		films, err := s.PopularFilms(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range films {
			got = append(got, f.ID.String())
		}
		want := []string{"tt1798709", "tt0287467", "tt0056801"} // by votes: 650k, 130k, 120k
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Fatalf("PopularFilms(3) = %v, want %v", got, want)
		}
		all, err := s.PopularFilms(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 5 {
			t.Fatalf("PopularFilms(0) returned %d films, want all 5", len(all))
		}
		for _, f := range all {
			switch f.ID {
			case 441909, 8291806:
				if len(f.Directors) != 1 || f.Directors[0].Name != "Pedro Almodóvar" {
					t.Errorf("%s directors = %+v, want Pedro Almodóvar once", f.ID, f.Directors)
				}
			default:
				if len(f.Directors) != 0 {
					t.Errorf("%s directors = %+v, want none", f.ID, f.Directors)
				}
			}
		}
	})
}
