package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"reel/store"
)

// apiUser is a test account with a bearer token.
type apiUser struct {
	name, token string
}

// newAPIUser makes a member account on st and a token for it.
func newAPIUser(t *testing.T, st *store.Store, name string) apiUser {
	t.Helper()
	ctx := context.Background()
	u, err := st.CreateUser(ctx, name, "correct horse battery", store.RoleMember)
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := st.CreateToken(ctx, u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return apiUser{name: name, token: secret}
}

// call sends method path with body (JSON-encoded unless a string or nil) as
// u (anonymous when u.token is ""), checks the status and decodes the answer
// into out when out is not nil. It returns the response headers.
func call(t *testing.T, base string, u apiUser, method, path string, body any, want int, out any) http.Header {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	return send(t, req, want, out)
}

func send(t *testing.T, req *http.Request, want int, out any) http.Header {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v in %s", req.Method, req.URL.Path, err, raw)
		}
	}
	return resp.Header
}

// apiErr is the API's one error shape.
type apiErr struct {
	Error struct{ Code, Message string }
}

// failsWith checks a call fails with status and code, returning the message.
func failsWith(t *testing.T, base string, u apiUser, method, path string, body any, status int, code string) string {
	t.Helper()
	var e apiErr
	call(t, base, u, method, path, body, status, &e)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Fatalf("%s %s: error %+v, want code %s", method, path, e.Error, code)
	}
	return e.Error.Message
}

type apiReview struct {
	ID         int64
	FilmID     int64 `json:"film_id"`
	Body       string
	Visibility string
	Grade      *struct{ Value float64 }
}

type apiScores struct {
	Members struct {
		Count int64
		Mean  *float64
	}
}

// TestAPI runs the write API on each engine over the demo catalog, as two
// users, ann and bob.
func TestAPI(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv, st := siteServer(t, d)
			ann, bob := newAPIUser(t, st, "ann"), newAPIUser(t, st, "bob")
			base := srv.URL + "/api/v1"
			t.Run("auth", func(t *testing.T) { testAPIAuth(t, base, ann) })
			t.Run("reviews", func(t *testing.T) { testAPIReviews(t, base, ann, bob) })
			t.Run("strict", func(t *testing.T) { testAPIStrict(t, base, ann) })
			t.Run("paging", func(t *testing.T) { testAPIPaging(t, base, ann) })
			t.Run("journal", func(t *testing.T) { testAPIJournal(t, base, ann, bob) })
			t.Run("lists", func(t *testing.T) { testAPILists(t, base, ann, bob) })
			t.Run("import", func(t *testing.T) { testAPIImport(t, base, bob) })
			t.Run("session", func(t *testing.T) { testAPISession(t, base, st) })
		})
	}
}

func testAPIAuth(t *testing.T, base string, ann apiUser) {
	nobody, forged := apiUser{}, apiUser{token: "reel_not-a-real-token"}
	body := map[string]any{"film_id": "tt0033467", "body": "Rosebud."}
	for _, u := range []apiUser{nobody, forged} {
		var e apiErr
		h := call(t, base, u, "POST", "/reviews", body, 401, &e)
		if e.Error.Code != "unauthorized" || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
			t.Fatalf("401 answer: %+v, WWW-Authenticate %q", e, h.Get("WWW-Authenticate"))
		}
		failsWith(t, base, u, "GET", "/me", nil, 401, "unauthorized")
	}
	var me struct{ Name string }
	call(t, base, ann, "GET", "/me", nil, 200, &me)
	if me.Name != "ann" {
		t.Fatalf("me = %+v", me)
	}
	// Reads need no token.
	var user struct{ Name, Role string }
	call(t, base, nobody, "GET", "/users/ann", nil, 200, &user)
	if user.Name != "ann" || user.Role != "member" {
		t.Fatalf("user ann = %+v", user)
	}
	failsWith(t, base, nobody, "GET", "/users/nobody-here", nil, 404, "not_found")
}

// testAPISession writes as a signed-in browser: the session cookie is a
// credential like a token, and cross-site requests with it are refused.
func testAPISession(t *testing.T, base string, st *store.Store) {
	ctx := context.Background()
	u, err := st.UserByName(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.CreateSession(ctx, u.ID, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	put := func(site string, want int) {
		t.Helper()
		req, _ := http.NewRequest("PUT", base+"/watchlist/tt0021749", nil)
		req.AddCookie(&http.Cookie{Name: "reel_session", Value: sess.ID})
		req.Header.Set("Sec-Fetch-Site", site)
		send(t, req, want, nil)
	}
	put("same-origin", 204)
	put("cross-site", 403)
}

func membersOf(t *testing.T, base, film string) apiScores {
	t.Helper()
	var sc apiScores
	call(t, base, apiUser{}, "GET", "/films/"+film+"/scores", nil, 200, &sc)
	return sc
}

func testAPIReviews(t *testing.T, base string, ann, bob apiUser) {
	const film = "tt0052357"
	before := membersOf(t, base, film)
	var rv apiReview
	h := call(t, base, ann, "POST", "/reviews", map[string]any{"film_id": film, "body": "Green, *obsessive*.",
		"grade": "4/5", "tags": []string{"hitchcock"}}, 201, &rv)
	path := "/reviews/" + itoa(rv.ID)
	if h.Get("Location") != "/api/v1"+path || rv.Grade == nil || rv.Grade.Value != 80 || rv.Visibility != "public" {
		t.Fatalf("created %+v at %q", rv, h.Get("Location"))
	}
	after := membersOf(t, base, film)
	if after.Members.Count != before.Members.Count+1 {
		t.Fatalf("members count %d after a review, was %d", after.Members.Count, before.Members.Count)
	}

	// Only the body changes; the grade stays. Then the grade changes and the score follows.
	call(t, base, ann, "PATCH", path, map[string]any{"body": "Green, obsessive, vertiginous."}, 200, &rv)
	if rv.Body != "Green, obsessive, vertiginous." || rv.Grade == nil || rv.Grade.Value != 80 {
		t.Fatalf("patched body: %+v", rv)
	}
	call(t, base, ann, "PATCH", path, map[string]any{"grade": "1/5"}, 200, &rv)
	lowered := membersOf(t, base, film)
	if lowered.Members.Count != after.Members.Count || *lowered.Members.Mean >= *after.Members.Mean {
		t.Fatalf("mean %v after lowering the grade, was %v", *lowered.Members.Mean, *after.Members.Mean)
	}

	// Another user may read a public review but not touch it.
	call(t, base, bob, "GET", path, nil, 200, nil)
	failsWith(t, base, bob, "PATCH", path, map[string]any{"body": "mine now"}, 403, "unauthorized")
	failsWith(t, base, bob, "DELETE", path, nil, 403, "unauthorized")

	// A private review does not exist for anyone else.
	call(t, base, ann, "PATCH", path, map[string]any{"visibility": "private"}, 200, &rv)
	call(t, base, ann, "GET", path, nil, 200, nil)
	for _, u := range []apiUser{bob, {}} {
		failsWith(t, base, u, "GET", path, nil, 404, "not_found")
	}
	failsWith(t, base, bob, "PATCH", path, map[string]any{"body": "x"}, 404, "not_found")
	failsWith(t, base, bob, "DELETE", path, nil, 404, "not_found")

	call(t, base, ann, "DELETE", path, nil, 204, nil)
	failsWith(t, base, ann, "GET", path, nil, 404, "not_found")
	if gone := membersOf(t, base, film); gone.Members.Count != before.Members.Count {
		t.Fatalf("members count %d after delete, want %d", gone.Members.Count, before.Members.Count)
	}
	failsWith(t, base, ann, "POST", "/reviews", map[string]any{"film_id": "tt9999999", "body": "x"}, 404, "not_found")
	failsWith(t, base, ann, "POST", "/reviews", map[string]any{"film_id": film, "grade": "eleventy"}, 400, "invalid")
}

func testAPIStrict(t *testing.T, base string, ann apiUser) {
	cases := []struct {
		name, body, want string
	}{
		{"unknown field", `{"film_id":"tt0033467","bdy":"typo"}`, `"bdy"`},
		{"wrong type", `{"film_id":"tt0033467","spoilers":"yes"}`, "spoilers"},
		{"bad film id", `{"film_id":"vertigo"}`, "vertigo"},
		{"two values", `{"film_id":"tt0033467"} {}`, "more than one"},
		{"not JSON", `film_id=tt0033467`, "invalid JSON"},
		{"empty", ``, "empty"},
		{"no film", `{"body":"x"}`, "film_id"},
		{"null film", `{"film_id":null}`, "film_id"},
	}
	for _, c := range cases {
		msg := failsWith(t, base, ann, "POST", "/reviews", c.body, 400, "invalid")
		if !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q does not mention %q", c.name, msg, c.want)
		}
	}
	// The film of a review cannot change, so PATCH does not know film_id.
	var rv apiReview
	call(t, base, ann, "POST", "/reviews", map[string]any{"film_id": 33467, "body": "Rosebud."}, 201, &rv)
	failsWith(t, base, ann, "PATCH", "/reviews/"+itoa(rv.ID), map[string]any{"film_id": "tt0052357"}, 400, "invalid")

	req, _ := http.NewRequest("POST", base+"/reviews", strings.NewReader(`{"film_id":"tt0033467"}`))
	req.Header.Set("Authorization", "Bearer "+ann.token)
	req.Header.Set("Content-Type", "text/plain")
	send(t, req, 400, nil)

	big := `{"film_id":"tt0033467","body":"` + strings.Repeat("x", 2<<20) + `"}`
	if msg := failsWith(t, base, ann, "POST", "/reviews", big, 400, "invalid"); !strings.Contains(msg, "limit") {
		t.Errorf("oversized body: %q", msg)
	}
	failsWith(t, base, ann, "GET", "/reviews?limit=0", nil, 400, "invalid")
	failsWith(t, base, ann, "GET", "/reviews?after=garbage", nil, 400, "invalid")
	failsWith(t, base, ann, "GET", "/reviews/abc", nil, 400, "invalid")
}

// pagingFilms are demo films the paging test reviews and logs.
var pagingFilms = []string{"tt0010323", "tt0012349", "tt0012364", "tt0013442", "tt0015324", "tt0015648", "tt0015864"}

func testAPIPaging(t *testing.T, base string, ann apiUser) {
	for i, f := range pagingFilms {
		call(t, base, ann, "POST", "/reviews", map[string]any{"film_id": f, "body": "Silent."}, 201, nil)
		// Two entries share a date, so the cursor's tie-break on id matters.
		day := "2024-01-0" + itoa(int64(1+i/2))
		call(t, base, ann, "POST", "/diary", map[string]any{"film_id": f, "watched_on": day}, 201, nil)
	}
	var all struct{ Reviews []apiReview }
	call(t, base, ann, "GET", "/users/ann/reviews?limit=100", nil, 200, &all)
	for _, limit := range []string{"1", "2", "3"} {
		got := walk(t, base, "/users/ann/reviews?limit="+limit, "reviews")
		if len(got) != len(all.Reviews) {
			t.Fatalf("limit %s: %d reviews over the pages, want %d", limit, len(got), len(all.Reviews))
		}
	}
	if got := walk(t, base, "/users/ann/diary?limit=2", "entries"); len(got) != len(pagingFilms) {
		t.Fatalf("diary pages hold %d entries, want %d", len(got), len(pagingFilms))
	}
	// The demo's most reviewed film, page by page.
	var film struct{ Reviews []apiReview }
	call(t, base, apiUser{}, "GET", "/films/tt8291806/reviews?limit=100", nil, 200, &film)
	if got := walk(t, base, "/films/tt8291806/reviews?limit=2", "reviews"); len(got) != len(film.Reviews) || len(got) < 3 {
		t.Fatalf("film pages hold %d reviews, want %d (at least 3)", len(got), len(film.Reviews))
	}
	failsWith(t, base, ann, "GET", "/films/tt9999999/reviews", nil, 404, "not_found")
}

// walk follows next cursors from path and returns the ids seen, failing on
// a duplicate.
func walk(t *testing.T, base, path, key string) []int64 {
	t.Helper()
	var ids []int64
	seen := map[int64]bool{}
	for after := ""; ; {
		var page map[string]json.RawMessage
		call(t, base, apiUser{}, "GET", path+"&after="+url.QueryEscape(after), nil, 200, &page)
		var items []struct{ ID int64 }
		if err := json.Unmarshal(page[key], &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if seen[it.ID] {
				t.Fatalf("%s: id %d on two pages", path, it.ID)
			}
			seen[it.ID] = true
			ids = append(ids, it.ID)
		}
		if page["next"] == nil {
			return ids
		}
		if err := json.Unmarshal(page["next"], &after); err != nil {
			t.Fatal(err)
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
