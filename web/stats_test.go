package web_test

import (
	"context"
	"testing"

	"reel/grade"
	"reel/store"
)

// TestStatsPages: stats and a year in review draw the demo's journal, and
// count a review the diary does not hold.
func TestStatsPages(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv, _ := journalServer(t, d)
			body, _ := getPage(t, srv.URL+"/u/juno/stats", 200)
			mustContain(t, "stats", body, `<title id="per-year-title">Films watched per year</title>`,
				`<title id="ratings-title">Ratings, in half stars</title>`, `<title id="decades-title">Films per decade of release</title>`,
				"Most watched directors", `href="/people/nm0000264">Pedro Almodóvar</a>`, "Most watched actors", "Most watched genres",
				`href="/u/juno/year/2024"`)
			checkNoInlineScript(t, "stats", body)
			body, _ = getPage(t, srv.URL+"/u/juno/year/2024", 200)
			mustContain(t, "year", body, "2024 in film", "Films watched per month in 2024", "Highest rated")
			body, _ = getPage(t, srv.URL+"/u/juno/year/1999", 200)
			mustContain(t, "empty year", body, "Nothing logged in 1999.")
			getPage(t, srv.URL+"/u/juno/year/abcd", 404)
		})
	}
}

// TestStatsCountReviews: a new review shows in the stats, once, with its
// grade in the ratings chart.
func TestStatsCountReviews(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	ctx := context.Background()
	u, err := st.UserByName(ctx, "teo.sask")
	if err != nil {
		t.Fatal(err)
	}
	before, err := st.Viewings(ctx, 0, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := grade.Parse("B+")
	if _, err := st.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 441909, Body: "x", Grade: g, WatchedOn: "2021-06-01"}); err != nil {
		t.Fatal(err)
	}
	after, err := st.Viewings(ctx, 0, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 || !hasViewing(after, "2021-06-01", 83) {
		t.Errorf("viewings %d → %d, want the review's viewing on 2021-06-01 worth 83", len(before), len(after))
	}
	body, _ := getPage(t, srv.URL+"/u/teo.sask/year/2021", 200)
	mustContain(t, "2021", body, `href="/films/tt0441909"`, "<strong class=\"big-number\">1</strong> film")
}

func hasViewing(vs []store.Viewing, date string, value float64) bool {
	for _, v := range vs {
		if v.WatchedOn == date && v.Graded && v.Value == value {
			return true
		}
	}
	return false
}
