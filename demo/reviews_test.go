package demo_test

import (
	"context"
	"testing"

	"reel"
	"reel/demo"
	"reel/grade"
	"reel/store"
	"reel/store/storetest"
)

func TestReviewFilesParse(t *testing.T) {
	people, err := demo.ReadPeople()
	if err != nil {
		t.Fatal(err)
	}
	critics, members := 0, 0
	for _, u := range people.Users {
		switch u.Role {
		case store.RoleCritic:
			critics++
		case store.RoleMember:
			members++
		}
	}
	if critics < 2 || members < 3 {
		t.Errorf("demo users: %d critics, %d members; want at least 2 and 3", critics, members)
	}
	reviews, err := demo.ReadReviews()
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) < 35 {
		t.Errorf("%d demo reviews, want about 40", len(reviews))
	}
	ungraded, spoilers := 0, 0
	for _, r := range reviews {
		if r.Grade == "" {
			ungraded++
		} else if _, err := grade.Parse(r.Grade); err != nil {
			t.Errorf("%s: grade %q: %v", r.File, r.Grade, err)
		}
		if r.Input.Spoilers {
			spoilers++
		}
	}
	if ungraded == 0 || spoilers == 0 {
		t.Errorf("%d ungraded and %d spoiler reviews; want some of each", ungraded, spoilers)
	}
}

func TestLoadReviews(t *testing.T) {
	reviews, err := demo.ReadReviews()
	if err != nil {
		t.Fatal(err)
	}
	people, err := demo.ReadPeople()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			st := storetest.Open(t, d)
			if _, err := demo.Load(ctx, st); err != nil {
				t.Fatal(err)
			}
			byName := map[string]store.UserID{}
			for _, p := range people.Users {
				u, err := st.UserByName(ctx, p.Name)
				if err != nil {
					t.Fatalf("demo user %s: %v", p.Name, err)
				}
				if u.Role != p.Role || u.Profile.DisplayName != p.DisplayName {
					t.Errorf("demo user %s: role %s, name %q", p.Name, u.Role, u.Profile.DisplayName)
				}
				byName[p.Name] = u.ID
			}
			// Every review is there, with its grade parsed and its spoiler flag.
			perFilm := map[reel.FilmID]int{}
			for _, r := range reviews {
				perFilm[r.Film]++
			}
			total := 0
			for film, n := range perFilm {
				page, err := st.ReviewsByFilm(ctx, 0, film, store.Page{Limit: store.MaxPageLimit})
				if err != nil {
					t.Fatalf("reviews of %s: %v", film, err)
				}
				if len(page.Reviews) != n {
					t.Errorf("%s: %d reviews, want %d", film, len(page.Reviews), n)
				}
				total += len(page.Reviews)
			}
			if total != len(reviews) {
				t.Errorf("%d reviews stored, want %d", total, len(reviews))
			}
			pg, _ := reel.ParseFilmID("tt8291806")
			page, err := st.ReviewsByFilm(ctx, 0, pg, store.Page{Limit: store.MaxPageLimit})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Reviews {
				if r.Grade == nil || r.Grade.Value <= 0 {
					t.Errorf("Pain and Glory review by %s: grade %+v", r.Author, r.Grade)
				}
			}
			// Pain and Glory has a critics' score from four critics.
			sc, err := st.FilmScores(ctx, pg)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Critics.Count < store.MinWeightedReviews {
				t.Errorf("Pain and Glory: %d critics' reviews, want at least %d", sc.Critics.Count, store.MinWeightedReviews)
			}
			if m, ok := sc.Critics.Mean(); !ok || m < 80 {
				t.Errorf("Pain and Glory critics' mean %v %v, want ≥ 80", m, ok)
			}
			if sc.Members.Count < 2 || sc.TopCritics.Count < 1 {
				t.Errorf("Pain and Glory: %d members' and %d top critics' reviews", sc.Members.Count, sc.TopCritics.Count)
			}
			// A whole-review spoiler is flagged.
			volver, _ := reel.ParseFilmID("tt0441909")
			page, err = st.ReviewsByFilm(ctx, 0, volver, store.Page{Limit: store.MaxPageLimit})
			if err != nil {
				t.Fatal(err)
			}
			flagged := false
			for _, r := range page.Reviews {
				if r.Author == "ana.quiroga" {
					flagged = r.Spoilers
				}
			}
			if !flagged {
				t.Error("ana.quiroga's Volver review is not flagged as a spoiler")
			}
			// Loading again changes nothing.
			if _, err := demo.Load(ctx, st); err != nil {
				t.Fatalf("second load: %v", err)
			}
		})
	}
}
