package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"reel/letterboxd"
)

type apiEntry struct {
	ID        int64
	FilmID    int64  `json:"film_id"`
	WatchedOn string `json:"watched_on"`
	Liked     bool
	Grade     *struct{ Value float64 }
}

func testAPIJournal(t *testing.T, base string, ann, bob apiUser) {
	var e apiEntry
	call(t, base, ann, "POST", "/diary", map[string]any{"film_id": "tt0017136", "watched_on": "2024-05-01", "grade": "B+"}, 201, &e)
	path := "/diary/" + itoa(e.ID)
	if e.FilmID != 17136 || e.Grade == nil {
		t.Fatalf("logged %+v", e)
	}
	call(t, base, ann, "PATCH", path, map[string]any{"watched_on": "2024-05-02", "liked": true}, 200, &e)
	if e.WatchedOn != "2024-05-02" || !e.Liked || e.Grade == nil {
		t.Fatalf("patched entry %+v: the date and like change, the grade stays", e)
	}
	failsWith(t, base, bob, "PATCH", path, map[string]any{"liked": false}, 403, "unauthorized")
	failsWith(t, base, bob, "DELETE", path, nil, 403, "unauthorized")
	failsWith(t, base, apiUser{}, "DELETE", path, nil, 401, "unauthorized")
	failsWith(t, base, ann, "POST", "/diary", map[string]any{"film_id": "tt0017136"}, 400, "invalid")
	call(t, base, ann, "DELETE", path, nil, 204, nil)
	failsWith(t, base, ann, "DELETE", path, nil, 404, "not_found")

	// The watchlist: idempotent PUT and DELETE.
	var wl struct {
		Films []struct {
			FilmID int64 `json:"film_id"`
		}
	}
	call(t, base, ann, "PUT", "/watchlist/tt0017925", nil, 204, nil)
	call(t, base, ann, "PUT", "/watchlist/tt0017925", nil, 204, nil)
	call(t, base, bob, "GET", "/users/ann/watchlist", nil, 200, &wl)
	if len(wl.Films) != 1 || wl.Films[0].FilmID != 17925 {
		t.Fatalf("watchlist %+v", wl)
	}
	call(t, base, ann, "DELETE", "/watchlist/tt0017925", nil, 204, nil)
	call(t, base, ann, "GET", "/users/ann/watchlist", nil, 200, &wl)
	if len(wl.Films) != 0 {
		t.Fatalf("watchlist after delete %+v", wl)
	}
	failsWith(t, base, ann, "PUT", "/watchlist/tt9999999", nil, 404, "not_found")

	// Likes count everyone's and say whether the caller's is among them.
	var like struct {
		Count int
		Liked bool
	}
	call(t, base, ann, "PUT", "/likes/film/tt0017925", nil, 200, &like)
	call(t, base, bob, "PUT", "/likes/film/tt0017925", nil, 200, &like)
	if like.Count != 2 || !like.Liked {
		t.Fatalf("like %+v", like)
	}
	call(t, base, bob, "DELETE", "/likes/film/tt0017925", nil, 200, &like)
	if like.Count != 1 || like.Liked {
		t.Fatalf("unlike %+v", like)
	}
	failsWith(t, base, ann, "PUT", "/likes/person/nm0000033", nil, 400, "invalid")
	failsWith(t, base, ann, "PUT", "/likes/review/999999", nil, 404, "not_found")
	failsWith(t, base, ann, "DELETE", "/likes/film/tt9999999", nil, 404, "not_found")

	// Another's private review cannot be liked, nor its likes counted by unliking.
	var rv apiReview
	call(t, base, ann, "POST", "/reviews", map[string]any{"film_id": "tt0017925", "body": "Mine.", "visibility": "private"}, 201, &rv)
	call(t, base, ann, "PUT", "/likes/review/"+itoa(rv.ID), nil, 200, &like)
	if like.Count != 1 || !like.Liked {
		t.Fatalf("like own private review %+v", like)
	}
	for _, m := range []string{"PUT", "DELETE"} {
		failsWith(t, base, bob, m, "/likes/review/"+itoa(rv.ID), nil, 404, "not_found")
	}
}

type apiList struct {
	ID         int64
	Name       string
	Visibility string
	Count      int
	Entries    []struct {
		FilmID int64 `json:"film_id"`
		Note   string
	}
}

func testAPILists(t *testing.T, base string, ann, bob apiUser) {
	var l apiList
	call(t, base, ann, "POST", "/lists", map[string]any{"name": "Silents", "ranked": true, "entries": []map[string]any{
		{"film_id": "tt0017136", "note": "the city"}, {"film_id": 18455}}}, 201, &l)
	path := "/lists/" + itoa(l.ID)
	if l.Count != 2 || len(l.Entries) != 2 || l.Entries[1].FilmID != 18455 {
		t.Fatalf("created list %+v", l)
	}
	call(t, base, ann, "PATCH", path, map[string]any{"name": "Silent", "entries": []map[string]any{{"film_id": "tt0018455"}}}, 200, &l)
	if l.Name != "Silent" || l.Count != 1 || l.Visibility != "public" {
		t.Fatalf("patched list %+v", l)
	}
	call(t, base, bob, "GET", path, nil, 200, nil)
	failsWith(t, base, bob, "PATCH", path, map[string]any{"name": "Mine"}, 403, "unauthorized")

	// Private: gone for everyone else, there for ann, in her own lists.
	call(t, base, ann, "PATCH", path, map[string]any{"visibility": "private"}, 200, &l)
	failsWith(t, base, bob, "GET", path, nil, 404, "not_found")
	failsWith(t, base, bob, "DELETE", path, nil, 404, "not_found")
	var mine, public struct{ Lists []apiList }
	call(t, base, ann, "GET", "/lists", nil, 200, &mine)
	call(t, base, bob, "GET", "/users/ann/lists", nil, 200, &public)
	if len(mine.Lists) != 1 || len(public.Lists) != 0 {
		t.Fatalf("ann's lists: %d to her, %d to bob", len(mine.Lists), len(public.Lists))
	}
	failsWith(t, base, ann, "POST", "/lists", map[string]any{"name": ""}, 400, "invalid")
	call(t, base, ann, "DELETE", path, nil, 204, nil)
	failsWith(t, base, ann, "GET", path, nil, 404, "not_found")
}

// lbExport is a small invented export over demo films, with one film the
// catalog lacks.
func lbExport() *letterboxd.Export {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	film := func(name string, year int) letterboxd.Film { return letterboxd.Film{Name: name, Year: year} }
	return &letterboxd.Export{
		Diary: []letterboxd.DiaryEntry{
			{Film: film("Vertigo", 1958), Logged: day("2021-03-05"), Watched: day("2021-03-04"), Rating: "4.5", Review: "Green."},
			{Film: film("Nowhere in the Catalog", 2001), Logged: day("2022-02-02"), Watched: day("2022-02-01"), Rating: "2"},
		},
		Reviews:   []letterboxd.Review{{Film: film("Persona", 1966), Logged: day("2020-11-11"), Rating: "4", Text: "Two faces."}},
		Watchlist: []letterboxd.WatchlistEntry{{Film: film("Stalker", 1979), Date: day("2024-01-01")}},
	}
}

// upload posts zip as the multipart file part to path as u.
func upload(t *testing.T, base string, u apiUser, path string, zip []byte, want int, out any) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", "letterboxd.zip")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(zip)
	mw.Close()
	req, err := http.NewRequest("POST", base+path, &b)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	send(t, req, want, out)
}

func testAPIImport(t *testing.T, base string, bob apiUser) {
	var zip bytes.Buffer
	if err := letterboxd.WriteZip(&zip, lbExport()); err != nil {
		t.Fatal(err)
	}
	type result struct {
		DryRun bool `json:"dry_run"`
		Report struct{ Matched, Unmatched int }
		Stored *struct{ Diary, Reviews, Watchlist, Unmatched int }
	}
	// Every row but the unknown film's matches.
	var dry result
	upload(t, base, bob, "/import/letterboxd?dry_run=1", zip.Bytes(), 200, &dry)
	if !dry.DryRun || dry.Stored != nil || dry.Report.Matched != 4 || dry.Report.Unmatched != 1 {
		t.Fatalf("dry run %+v", dry)
	}
	var diary struct{ Entries []apiEntry }
	call(t, base, bob, "GET", "/users/bob/diary", nil, 200, &diary)
	if len(diary.Entries) != 0 {
		t.Fatalf("a dry run stored %d diary entries", len(diary.Entries))
	}

	var res result
	upload(t, base, bob, "/import/letterboxd", zip.Bytes(), 200, &res)
	if res.DryRun || res.Stored == nil || res.Stored.Diary != 1 || res.Stored.Reviews != 1 || res.Stored.Watchlist != 1 {
		t.Fatalf("import %+v stored %+v", res, res.Stored)
	}
	call(t, base, bob, "GET", "/users/bob/diary", nil, 200, &diary)
	if len(diary.Entries) != 1 || diary.Entries[0].FilmID != 52357 {
		t.Fatalf("diary after import %+v", diary.Entries)
	}

	upload(t, base, apiUser{}, "/import/letterboxd", zip.Bytes(), 401, nil)
	upload(t, base, bob, "/import/letterboxd", []byte("not a zip"), 400, nil)
	upload(t, base, bob, "/import/letterboxd?dry_run=maybe", zip.Bytes(), 400, nil)
	failsWith(t, base, bob, "POST", "/import/letterboxd", `{}`, 400, "invalid")
}
