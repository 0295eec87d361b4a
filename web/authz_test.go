package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"reel"
	"reel/store"
	"reel/web"
)

// The authorisation table: every state-changing route (and the pages only
// some roles may see), requested as each role, with the status each must
// get. Targets belong to a fourth account, "owner", so the signed-in roles
// act on something that is not theirs. A new state-changing API route
// fails TestAuthzCoversAPI until it has a row here; add rows for new
// website forms too.

// The roles a request is made as, in the order of authzCase.want.
var authzRoles = [...]string{"anonymous", "member", "critic", "admin"}

// authzTargets are things of owner's, made fresh for each request so that
// one request's change (a delete) cannot change another's answer.
type authzTargets struct {
	review, diary, list, token int64
}

type authzCase struct {
	route string                    // the pattern as registered, for the coverage check
	path  func(authzTargets) string // the concrete path; nil when route has no wildcard
	form  url.Values                // website forms; nil for API requests
	json  string                    // API request body
	want  [len(authzRoles)]int      // status as anonymous, member, critic, admin
}

// volver is a demo film none of the test accounts has touched.
const volver = "tt0441909"

func fixed(p string) func(authzTargets) string { return func(authzTargets) string { return p } }

var authzCases = []authzCase{
	// Accounts.
	{route: "POST /logout", form: url.Values{}, want: [4]int{303, 303, 303, 303}},
	{route: "GET /settings", want: [4]int{303, 200, 200, 200}},
	{route: "POST /settings/profile", form: url.Values{"display_name": {"X"}}, want: [4]int{403, 303, 303, 303}},
	{route: "POST /settings/password", form: url.Values{"current": {"wrong wrong"}, "password": {"new password"}, "confirm": {"new password"}}, want: [4]int{403, 400, 400, 400}},
	{route: "POST /settings/tokens", form: url.Values{"name": {"t"}}, want: [4]int{403, 200, 200, 200}},
	{route: "POST /settings/tokens/{id}/revoke", path: func(x authzTargets) string { return fmt.Sprintf("/settings/tokens/%d/revoke", x.token) },
		form: url.Values{}, want: [4]int{403, 404, 404, 404}},
	{route: "GET /admin", want: [4]int{303, 403, 403, 200}},
	{route: "POST /admin/signup", form: url.Values{"open": {"1"}}, want: [4]int{403, 403, 403, 303}},
	{route: "POST /admin/users/{name}/role", path: fixed("/admin/users/owner/role"), form: url.Values{"role": {"member"}}, want: [4]int{403, 403, 403, 303}},
	{route: "POST /admin/users/{name}/critic", path: fixed("/admin/users/owner/critic"), form: url.Values{"weight": {"1"}}, want: [4]int{403, 403, 403, 303}},

	// Reviews on the website: anyone signed in may write; only the author
	// edits; the author or an admin deletes.
	{route: "POST /reviews/new", form: url.Values{"film": {volver}, "grade": {"not a grade at all"}}, want: [4]int{403, 422, 422, 422}},
	{route: "POST /reviews/{id}/edit", path: func(x authzTargets) string { return fmt.Sprintf("/reviews/%d/edit", x.review) },
		form: url.Values{"body": {"Mine now."}}, want: [4]int{403, 403, 403, 403}},
	{route: "POST /reviews/{id}/delete", path: func(x authzTargets) string { return fmt.Sprintf("/reviews/%d/delete", x.review) },
		form: url.Values{}, want: [4]int{403, 403, 403, 303}},
	// Import jobs are their owner's alone; another's id (or one that
	// never was) is not found, whatever the role.
	{route: "POST /import/{job}/resolve", path: fixed("/import/AAAAAAAAAAAAAAAAAAAAAAAAAA/resolve"), form: url.Values{"store": {"1"}}, want: [4]int{403, 404, 404, 404}},
	// The editor's copy desk panel (review.js): any writer, nobody signed out.
	{route: "POST /reviews/analyze", form: url.Values{"body": {"A fine film."}}, want: [4]int{403, 200, 200, 200}},

	// The JSON API, with bearer tokens. A signed-out caller gets 401 before
	// the body is even read; a body that is wrong is the caller's own 400.
	{route: "POST /api/v1/analyze", json: `{"text":"A fine film."}`, want: [4]int{401, 200, 200, 200}},
	{route: "POST /api/v1/reviews", json: `{}`, want: [4]int{401, 400, 400, 400}},
	{route: "PATCH /api/v1/reviews/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/reviews/%d", x.review) },
		json: `{"body":"Mine now."}`, want: [4]int{401, 403, 403, 403}},
	{route: "DELETE /api/v1/reviews/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/reviews/%d", x.review) },
		want: [4]int{401, 403, 403, 204}},
	{route: "POST /api/v1/diary", json: `{}`, want: [4]int{401, 400, 400, 400}},
	{route: "PATCH /api/v1/diary/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/diary/%d", x.diary) },
		json: `{"liked":true}`, want: [4]int{401, 403, 403, 403}}, // diaries are public: no secret to keep with a 404
	{route: "DELETE /api/v1/diary/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/diary/%d", x.diary) },
		want: [4]int{401, 403, 403, 403}},
	{route: "PUT /api/v1/watchlist/{film_id}", path: fixed("/api/v1/watchlist/" + volver), want: [4]int{401, 204, 204, 204}},
	{route: "DELETE /api/v1/watchlist/{film_id}", path: fixed("/api/v1/watchlist/" + volver), want: [4]int{401, 204, 204, 204}},
	{route: "POST /api/v1/lists", json: `{}`, want: [4]int{401, 400, 400, 400}},
	{route: "PATCH /api/v1/lists/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/lists/%d", x.list) },
		json: `{"name":"Mine now"}`, want: [4]int{401, 404, 404, 404}}, // a private list: its existence is owner's to know
	{route: "DELETE /api/v1/lists/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/lists/%d", x.list) },
		want: [4]int{401, 404, 404, 404}},
	{route: "PUT /api/v1/likes/{kind}/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/likes/review/%d", x.review) },
		want: [4]int{401, 200, 200, 200}},
	{route: "DELETE /api/v1/likes/{kind}/{id}", path: func(x authzTargets) string { return fmt.Sprintf("/api/v1/likes/review/%d", x.review) },
		want: [4]int{401, 200, 200, 200}},
	{route: "POST /api/v1/import/letterboxd", want: [4]int{401, 400, 400, 400}},
}

// TestAuthz makes every request of the table as every role.
func TestAuthz(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	ctx := context.Background()
	owner := mkAccount(t, st, "owner", store.RoleMember)
	actors := map[string]store.User{}
	tokens := map[string]string{}
	for _, role := range authzRoles[1:] {
		u := mkAccount(t, st, "as-"+role, store.Role(role))
		secret, _, err := st.CreateToken(ctx, u.ID, "authz")
		if err != nil {
			t.Fatal(err)
		}
		actors[role], tokens[role] = u, secret
	}
	n := 0
	for _, c := range authzCases {
		for i, role := range authzRoles {
			n++
			x := newTargets(t, st, owner)
			req := c.request(t, srv.URL, x)
			// A different client address per request keeps the sign-in
			// limits (password checks) out of the table's answers.
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("192.0.2.%d", n%250+1))
			if role != "anonymous" {
				if c.form != nil || !strings.Contains(c.route, "/api/") {
					req.AddCookie(sessionFor(t, st, actors[role]))
				} else {
					req.Header.Set("Authorization", "Bearer "+tokens[role])
				}
			}
			if got := status(t, req); got != c.want[i] {
				t.Errorf("%s as %s: status %d, want %d", c.route, role, got, c.want[i])
			}
		}
	}
}

// request builds the case's request against base.
func (c authzCase) request(t *testing.T, base string, x authzTargets) *http.Request {
	t.Helper()
	method, path, _ := strings.Cut(c.route, " ")
	if c.path != nil {
		path = c.path(x)
	}
	var body io.Reader
	switch {
	case c.form != nil:
		body = strings.NewReader(c.form.Encode())
	case c.json != "":
		body = strings.NewReader(c.json)
	}
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case c.form != nil:
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case c.json != "":
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// newTargets makes a review, a diary entry, a private list and an API
// token, all owner's.
func newTargets(t *testing.T, st *store.Store, owner store.User) authzTargets {
	t.Helper()
	ctx := context.Background()
	film, err := reel.ParseFilmID("tt0287467")
	if err != nil {
		t.Fatal(err)
	}
	rv, err := st.CreateReview(ctx, owner.ID, store.ReviewInput{FilmID: film, Body: "Owner's words."})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.LogFilm(ctx, owner.ID, store.DiaryInput{FilmID: film, WatchedOn: "2024-01-02"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.CreateList(ctx, owner.ID, store.ListInput{Name: "Owner's list", Visibility: store.Private}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := st.CreateToken(ctx, owner.ID, "owner's")
	if err != nil {
		t.Fatal(err)
	}
	return authzTargets{review: int64(rv.ID), diary: int64(d.ID), list: int64(l.ID), token: int64(tok.ID)}
}

// sessionFor is a fresh session cookie for u: a case that signs out must
// not sign out the next.
func sessionFor(t *testing.T, st *store.Store, u store.User) *http.Cookie {
	t.Helper()
	sess, err := st.CreateSession(context.Background(), u.ID, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	return &http.Cookie{Name: "reel_session", Value: sess.ID}
}

func status(t *testing.T, req *http.Request) int {
	t.Helper()
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestAuthzCoversAPI fails when a state-changing API route has no row in
// the table above.
func TestAuthzCoversAPI(t *testing.T) {
	st := demoStore(t, store.SQLite)
	var listed []string
	for _, c := range authzCases {
		listed = append(listed, c.route)
	}
	for _, p := range web.APIPatterns(st) {
		if strings.HasPrefix(p, "GET ") || slices.Contains(listed, p) {
			continue
		}
		t.Errorf("state-changing route %q has no row in authzCases (web/authz_test.go)", p)
	}
}
