package copydesk_test

import (
	"context"
	"testing"

	"reel/copydesk"
	"reel/demo"
	"reel/grade"
	"reel/store"
	"reel/store/storetest"
)

// reviewsOf returns every review of the named user, as the user sees them.
func reviewsOf(t *testing.T, st *store.Store, name string) []store.Review {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByName(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Review
	for p := (store.Page{Limit: store.MaxPageLimit}); ; {
		page, err := st.ReviewsByUser(ctx, u.ID, u.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Reviews...)
		if p.After = page.Next; p.After == "" {
			return out
		}
	}
}

func TestDemoLoadInfersUngradedReviews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st); err != nil {
			t.Fatal(err)
		}
		files, err := demo.ReadReviews()
		if err != nil {
			t.Fatal(err)
		}
		inferred := 0
		for _, f := range files {
			for _, r := range reviewsOf(t, st, f.Author) {
				if r.FilmID != f.Film || r.Body != f.Input.Body {
					continue
				}
				switch {
				case r.Grade == nil:
					t.Errorf("%s: no grade after demo.Load", f.File)
				case f.Grade == "":
					inferred++
					if r.Grade.Source != store.GradeInferred || r.Verdict == "" {
						t.Errorf("%s: ungraded review got %+v, verdict %q; want an inferred grade", f.File, r.Grade, r.Verdict)
					}
				case r.Grade.Source == store.GradeInferred || r.Grade.Text != f.Input.Grade.Text:
					t.Errorf("%s: the critic's grade %q became %+v", f.File, f.Grade, r.Grade)
				}
			}
		}
		if inferred != 2 {
			t.Errorf("%d inferred grades, want the demo's 2 ungraded reviews", inferred)
		}
		if rs, err := st.UngradedReviews(ctx, 0, 100); err != nil || len(rs) != 0 {
			t.Errorf("after demo.Load: %d ungraded reviews, %v", len(rs), err)
		}
		if n, err := copydesk.InferScores(ctx, st); n != 0 || err != nil {
			t.Errorf("second pass: %d inferred, %v; want nothing to do", n, err)
		}
	})
}

func TestInferScoresKeepsGivenGrades(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st); err != nil {
			t.Fatal(err)
		}
		critic := reviewsOf(t, st, "margot.vell")[0]
		given, err := grade.Parse("2/10")
		if err != nil {
			t.Fatal(err)
		}
		// A rave graded low by its author, a stated grade in the body, and a
		// body with nothing to read.
		in := []store.ReviewInput{
			{FilmID: critic.FilmID, Body: "A masterpiece, the finest film of the decade.", Grade: given},
			{FilmID: critic.FilmID, Body: "Dull and lifeless from start to finish.\n\nGrade: B+"},
			{FilmID: critic.FilmID, Body: "![](poster.png)"},
		}
		var ids []store.ReviewID
		for _, ri := range in {
			r, err := st.CreateReview(ctx, critic.UserID, ri)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		n, err := copydesk.InferScores(ctx, st)
		if n != 1 || err != nil {
			t.Fatalf("InferScores = %d, %v; want the one readable ungraded review", n, err)
		}
		want := []struct {
			text   string
			source store.GradeSource
		}{{"2/10", store.GradeConverted}, {"B+", store.GradeInferred}, {"", ""}}
		for i, id := range ids {
			r, err := st.Review(ctx, critic.UserID, id)
			if err != nil {
				t.Fatal(err)
			}
			var text string
			var source store.GradeSource
			if r.Grade != nil {
				text, source = r.Grade.Text, r.Grade.Source
			}
			if text != want[i].text || source != want[i].source {
				t.Errorf("review %d: grade %q from %q, want %q from %q", i, text, source, want[i].text, want[i].source)
			}
		}
	})
}
