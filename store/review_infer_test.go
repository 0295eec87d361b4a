package store_test

import (
	"context"
	"testing"

	"reel/store"
	"reel/store/storetest"
)

func TestUngradedReviews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1, 2)
		u := mkUser(t, s, "critic", store.RoleCritic)
		create := func(in store.ReviewInput) store.ReviewID {
			t.Helper()
			r, err := s.CreateReview(ctx, u.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			return r.ID
		}
		create(store.ReviewInput{FilmID: 1, Body: "Graded.", Grade: mustGrade(t, "B+")})
		given := create(store.ReviewInput{FilmID: 1, Body: "Given.", Grade: mustGrade(t, "88/100")})
		first := create(store.ReviewInput{FilmID: 1, Body: "A minor work."})
		private := create(store.ReviewInput{FilmID: 2, Body: "Mine alone.", Visibility: store.Private})
		inferred := create(store.ReviewInput{FilmID: 2, Body: "Fine."})
		if err := s.SetInferredGrade(ctx, inferred, mustGrade(t, "C")); err != nil {
			t.Fatal(err)
		}
		ids := func(after store.ReviewID, limit int) []store.ReviewID {
			t.Helper()
			rs, err := s.UngradedReviews(ctx, after, limit)
			if err != nil {
				t.Fatal(err)
			}
			var out []store.ReviewID
			for _, r := range rs {
				if r.Grade != nil {
					t.Errorf("review %d has grade %+v", r.ID, r.Grade)
				}
				out = append(out, r.ID)
			}
			return out
		}
		if got := ids(0, 10); len(got) != 2 || got[0] != first || got[1] != private {
			t.Errorf("ungraded = %v, want [%d %d] (not %d given, not %d inferred)", got, first, private, given, inferred)
		}
		if got := ids(0, 1); len(got) != 1 || got[0] != first {
			t.Errorf("first page = %v, want [%d]", got, first)
		}
		if got := ids(first, 1); len(got) != 1 || got[0] != private {
			t.Errorf("page after %d = %v, want [%d]", first, got, private)
		}
		if got := ids(private, 10); len(got) != 0 {
			t.Errorf("after the last = %v, want none", got)
		}
	})
}
