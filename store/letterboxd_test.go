package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"reel/letterboxd"
	"reel/store"
	"reel/store/storetest"
)

func TestLetterboxdCatalog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedCatalog(t, s)
		cat := s.LetterboxdCatalog()
		ctx := context.Background()
		cs, err := cat.Candidates(ctx, "HER", 2013)
		if err != nil {
			t.Fatal(err)
		}
		// "Talk to Her" has the key "her" as a word suffix; it must not count.
		if len(cs) != 1 || cs[0].ID != "tt1798709" || cs[0].Popularity != 650000 || cs[0].MatchedTitle != "Her" {
			t.Fatalf("Her 2013: %+v", cs)
		}
		cs, err = cat.Candidates(ctx, "Hable con ella", 2003)
		if err != nil || len(cs) != 1 || cs[0].Title != "Talk to Her" || cs[0].MatchedTitle != "Hable con ella" {
			t.Fatalf("original title a year off: %+v, %v", cs, err)
		}
		if cs, _ := cat.Candidates(ctx, "Volver", 1990); len(cs) != 0 {
			t.Fatalf("Volver 1990: %+v", cs)
		}
	})
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// smallExport is an invented export over seedCatalog's films, with one
// film the catalog does not hold.
func smallExport() *letterboxd.Export {
	src := func(file string, line int) letterboxd.Source { return letterboxd.Source{File: file, Line: line} }
	film := func(name string, year int, uri string) letterboxd.Film {
		return letterboxd.Film{Name: name, Year: year, URI: uri}
	}
	return &letterboxd.Export{
		Diary: []letterboxd.DiaryEntry{
			{Source: src("diary.csv", 2), Film: film("Volver", 2006, "https://boxd.it/d1"), Logged: date("2024-01-02"), Watched: date("2024-01-01"), Rating: "4.5", Tags: []string{"Cinema"}, Review: "<p>Great <b>film</b></p><script>x</script>"},
			{Source: src("diary.csv", 3), Film: film("Volver", 2006, "https://boxd.it/d2"), Logged: date("2024-03-02"), Watched: date("2024-03-01"), Rating: "5", Rewatch: true},
			{Source: src("diary.csv", 4), Film: film("Nowhere Film", 2001, "https://boxd.it/d3"), Logged: date("2024-03-02"), Watched: date("2024-03-01")},
		},
		Reviews: []letterboxd.Review{
			{Source: src("reviews.csv", 2), Film: film("Her", 2013, "https://boxd.it/r1"), Logged: date("2023-05-05"), Rating: "3", Text: "Lonely."},
		},
		Ratings: []letterboxd.Rating{
			{Source: src("ratings.csv", 2), Film: film("Volver", 2006, "https://boxd.it/f1"), Date: date("2024-03-02"), Rating: "5"},
			{Source: src("ratings.csv", 3), Film: film("Pain and Glory", 2019, "https://boxd.it/f2"), Date: date("2024-02-02"), Rating: "4"},
		},
		Watched: []letterboxd.Watched{
			{Source: src("watched.csv", 2), Film: film("Volver", 2006, "https://boxd.it/f1"), Date: date("2024-01-02")},
			{Source: src("watched.csv", 3), Film: film("8½", 1963, "https://boxd.it/f3"), Date: date("2022-01-02")},
		},
		Watchlist: []letterboxd.WatchlistEntry{{Source: src("watchlist.csv", 2), Film: film("Talk to Her", 2002, "https://boxd.it/f4"), Date: date("2021-01-01")}},
		Likes:     []letterboxd.LikedFilm{{Source: src("likes/films.csv", 2), Film: film("Volver", 2006, "https://boxd.it/f1"), Date: date("2024-01-03")}},
		Lists: []letterboxd.List{{Source: src("lists/almodovar.csv", 1), Date: date("2024-04-01"), Name: "Almodóvar", URL: "https://boxd.it/l1", Ranked: true,
			Entries: []letterboxd.ListEntry{
				{Source: src("lists/almodovar.csv", 5), Film: film("Volver", 2006, "https://boxd.it/f1"), Position: 1, Description: "best"},
				{Source: src("lists/almodovar.csv", 6), Film: film("Nowhere Film", 2001, ""), Position: 2},
				{Source: src("lists/almodovar.csv", 7), Film: film("Talk to Her", 2002, "https://boxd.it/f4"), Position: 3},
			}}},
	}
}

// countRows counts the rows of every table an import writes.
func countRows(t *testing.T, s *store.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"diary_entries", "reviews", "review_tags", "watchlist", "likes", "lists", "list_entries", "watched_films", "letterboxd_imports"} {
		var n int
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func importLetterboxd(t *testing.T, s *store.Store, user store.UserID, exp *letterboxd.Export) (*letterboxd.Report, store.LetterboxdImport) {
	t.Helper()
	ctx := context.Background()
	rep, err := letterboxd.NewMatcher(s.LetterboxdCatalog(), nil).MatchExport(ctx, exp)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.ImportLetterboxd(ctx, user, exp)
	if err != nil {
		t.Fatal(err)
	}
	return rep, n
}

func TestImportLetterboxd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedCatalog(t, s)
		u := mkUser(t, s, "ann", store.RoleMember)
		rep, n := importLetterboxd(t, s, u.ID, smallExport())
		if rep.Unmatched != 2 {
			t.Errorf("report: %d unmatched, want 2 (Nowhere Film twice)", rep.Unmatched)
		}
		want := store.LetterboxdImport{Diary: 2, Reviews: 2, Watched: 1, Watchlist: 1, Likes: 1, Lists: 1, ListEntries: 2, Covered: 2, Unmatched: 2}
		if n != want {
			t.Errorf("import: %+v\nwant    %+v", n, want)
		}
		before := countRows(t, s)
		if before["review_tags"] != 1 || before["reviews"] != 3 {
			t.Errorf("rows: %v", before)
		}
		// The review's HTML went through the store's sanitiser.
		page, err := s.ReviewsByUser(context.Background(), u.ID, u.ID, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Reviews {
			if len(r.Tags) == 1 && (r.HTML == "" || strings.Contains(r.HTML, "script")) {
				t.Errorf("review html not sanitised: %q", r.HTML)
			}
		}
		_, again := importLetterboxd(t, s, u.ID, smallExport())
		if after := countRows(t, s); !equalCounts(before, after) {
			t.Errorf("second import changed rows:\n%v\n%v", before, after)
		}
		if again.Skipped != 10 || again.Diary+again.Reviews+again.Lists+again.Watched != 0 {
			t.Errorf("second import: %+v", again)
		}
	})
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
