package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"reel"
	"reel/store"
	"reel/web"
)

// journalServer serves the demo on engine d with caching off, so a page
// read after a write shows the write.
func journalServer(t *testing.T, d store.Dialect) (*httptest.Server, *store.Store) {
	t.Helper()
	st := demoStore(t, d)
	srv := httptest.NewServer(web.New(st, web.Options{CacheTTL: -1}))
	t.Cleanup(srv.Close)
	return srv, st
}

// signIn returns the session cookie of the demo user name.
func signIn(t *testing.T, st *store.Store, name string) *http.Cookie {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByName(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.CreateSession(ctx, u.ID, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	return &http.Cookie{Name: "reel_session", Value: sess.ID}
}

// fetch sends a request as the cookie's user (nil: signed out) without
// following redirects, and returns the status, body and Location.
func fetch(t *testing.T, c *http.Cookie, method, u string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c != nil {
		req.AddCookie(c)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// reviewForm is a complete form for a public review of Volver, which the
// demo's juno has not reviewed.
func reviewForm(grade string) url.Values {
	return url.Values{"film": {"tt0441909"}, "grade": {grade}, "body": {"Raimunda's ||secret|| holds the film together."},
		"watched_on": {"2024-03-12"}, "tags": {"Cinema, with mum"}, "visibility": {"public"}, "action": {"save"}}
}

// ldOf returns the page's JSON-LD block, decoded.
func ldOf(t *testing.T, body string) map[string]any {
	t.Helper()
	const open = `<script type="application/ld+json">`
	start := strings.Index(body, open)
	if start < 0 {
		t.Fatal("no JSON-LD block")
	}
	end := strings.Index(body[start:], "</script>")
	var ld map[string]any
	if err := json.Unmarshal([]byte(body[start+len(open):start+end]), &ld); err != nil {
		t.Fatal(err)
	}
	return ld
}

func TestReviewPage(t *testing.T) {
	srv, _ := journalServer(t, store.SQLite)
	status, body, _ := fetch(t, nil, "GET", srv.URL+"/reviews/1", nil)
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	mustContain(t, "review 1", body, `<a href="/films/tt8291806">Pain and Glory</a>`, `href="/u/margot.vell"`, `class="review-body"`)
	checkNoInlineScript(t, "review 1", body)
	ld := ldOf(t, body)
	rating, _ := ld["reviewRating"].(map[string]any)
	if ld["@type"] != "Review" || rating["bestRating"] != 100.0 || rating["ratingValue"] == nil {
		t.Errorf("JSON-LD = %v", ld)
	}
	if strings.Contains(body, "Edit the review") {
		t.Error("a signed-out reader is offered the edit link")
	}
	for _, path := range []string{"/reviews/999999", "/reviews/abc"} {
		if status, _, _ := fetch(t, nil, "GET", srv.URL+path, nil); status != 404 {
			t.Errorf("%s: status %d, want 404", path, status)
		}
	}
}

// TestWriteReview: a review graded B+ shows 83 and enters the film's scores;
// the author can edit it, nobody else can.
func TestWriteReview(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv, st := journalServer(t, d)
			ctx := context.Background()
			juno := signIn(t, st, "juno")
			film := reel.FilmID(441909)
			before, err := st.FilmScores(ctx, film)
			if err != nil {
				t.Fatal(err)
			}

			status, body, _ := fetch(t, juno, "GET", srv.URL+"/reviews/new?film=tt0441909", nil)
			if status != 200 {
				t.Fatalf("new form: %d\n%s", status, body)
			}
			mustContain(t, "new form", body, `<input type="hidden" name="film" value="tt0441909">`, `name="grade"`, `data-grade-preview="/api/v1/grade"`)

			preview := reviewForm("B+")
			preview.Set("action", "preview")
			_, body, _ = fetch(t, juno, "POST", srv.URL+"/reviews/new", preview)
			mustContain(t, "preview", body, "= 83/100", `<span class="spoiler">secret</span>`)

			status, body, loc := fetch(t, juno, "POST", srv.URL+"/reviews/new", reviewForm("B+"))
			if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/reviews/") {
				t.Fatalf("create: %d %q\n%s", status, loc, body)
			}
			_, body, _ = fetch(t, nil, "GET", srv.URL+loc, nil)
			mustContain(t, "new review", body, "B&#43; · 83/100", "Volver", "12 March 2024", "<li>with mum</li>", `class="spoiler"`)
			after, err := st.FilmScores(ctx, film)
			if err != nil {
				t.Fatal(err)
			}
			if after.Members.Count != before.Members.Count+1 || after.Members.ValueSum != before.Members.ValueSum+830 {
				t.Errorf("members' scores %+v → %+v: want one more review worth 83", before.Members, after.Members)
			}

			// Nobody but the author edits it; a signed-out reader is refused too.
			margot := signIn(t, st, "margot.vell")
			for _, c := range []*http.Cookie{margot, nil} {
				if status, _, _ := fetch(t, c, "GET", srv.URL+loc+"/edit", nil); status != 403 {
					t.Errorf("GET edit as %v: %d, want 403", c, status)
				}
				if status, _, _ := fetch(t, c, "POST", srv.URL+loc+"/edit", reviewForm("F")); status != 403 {
					t.Errorf("POST edit as %v: %d, want 403", c, status)
				}
				if status, _, _ := fetch(t, c, "POST", srv.URL+loc+"/delete", url.Values{}); status != 403 {
					t.Errorf("delete as %v: %d, want 403", c, status)
				}
			}
			status, body, _ = fetch(t, juno, "GET", srv.URL+loc+"/edit", nil)
			if status != 200 {
				t.Fatalf("edit form: %d", status)
			}
			mustContain(t, "edit form", body, `value="B&#43;"`, "= 83/100", "cinema, with mum")
			if status, _, _ = fetch(t, juno, "POST", srv.URL+loc+"/edit", reviewForm("3/5")); status != http.StatusSeeOther {
				t.Fatalf("update: %d", status)
			}
			_, body, _ = fetch(t, nil, "GET", srv.URL+loc, nil)
			mustContain(t, "edited review", body, "3/5 · 60/100")
		})
	}
}

// TestReviewFormErrors: an unreadable grade re-renders the form with the
// error and with everything the writer typed.
func TestReviewFormErrors(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	juno := signIn(t, st, "juno")
	status, body, _ := fetch(t, juno, "POST", srv.URL+"/reviews/new", reviewForm("banana"))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", status)
	}
	mustContain(t, "form with error", body, `class="field__error" id="grade-error"`, "“banana” is not a grade reel can read",
		`aria-invalid="true"`, `value="banana"`, "Raimunda&#39;s ||secret||", `value="2024-03-12"`)

	form := reviewForm("A")
	form.Set("film", "volver")
	_, body, _ = fetch(t, juno, "POST", srv.URL+"/reviews/new", form)
	mustContain(t, "film search", body, `type="radio" name="film" value="tt0441909"`, "Choose one of the films below.")

	form = reviewForm("A")
	form.Set("watched_on", "2999-01-01")
	status, body, _ = fetch(t, juno, "POST", srv.URL+"/reviews/new", form)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "not in the future") {
		t.Errorf("future date: %d", status)
	}
	if status, _, _ := fetch(t, nil, "GET", srv.URL+"/reviews/new", nil); status != 403 {
		t.Errorf("signed-out writer: %d, want 403", status)
	}
}

func TestGradeAPI(t *testing.T) {
	srv, _ := journalServer(t, store.SQLite)
	for _, tc := range []struct {
		text   string
		status int
		want   string
	}{
		{"B+", 200, `"value":83`},
		{"★★★½", 200, `"scale":"stars5"`},
		{"3/10", 200, `"verdict":"negative"`},
		{"banana", 400, `"code":"invalid"`},
	} {
		resp, err := http.Get(srv.URL + "/api/v1/grade?text=" + url.QueryEscape(tc.text))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s: %d %s, want %d with %s", tc.text, resp.StatusCode, b, tc.status, tc.want)
		}
	}
}

// TestLikeReview: a reader likes and unlikes a review with the form button.
func TestLikeReview(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	juno := signIn(t, st, "juno")
	if status, _, loc := fetch(t, juno, "POST", srv.URL+"/reviews/1/like", url.Values{}); status != http.StatusSeeOther || loc != "/reviews/1" {
		t.Fatalf("like: %d %q", status, loc)
	}
	_, body, _ := fetch(t, juno, "GET", srv.URL+"/reviews/1", nil)
	mustContain(t, "liked review", body, "1 like ·", `aria-pressed="true"`)
	fetch(t, juno, "POST", srv.URL+"/reviews/1/like", url.Values{"unlike": {"1"}})
	_, body, _ = fetch(t, juno, "GET", srv.URL+"/reviews/1", nil)
	mustContain(t, "unliked review", body, "0 likes ·", `aria-pressed="false"`)
	if status, _, _ := fetch(t, nil, "POST", srv.URL+"/reviews/1/like", url.Values{}); status != 403 {
		t.Errorf("signed-out like: %d", status)
	}
}

// TestEditKeepsHTMLFormat: a review imported as HTML is edited as HTML. The
// form used to save every body as Markdown, which escaped or dropped the
// imported markup.
func TestEditKeepsHTMLFormat(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	ctx := context.Background()
	u, err := st.CreateUser(ctx, "html-critic", "correct horse battery", store.RoleMember)
	if err != nil {
		t.Fatal(err)
	}
	film, _ := reel.ParseFilmID(volver)
	rv, err := st.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: film, Format: store.FormatHTML,
		Body: "<p>An <em>imported</em> review.</p>", Visibility: store.Public})
	if err != nil {
		t.Fatal(err)
	}
	c := signIn(t, st, "html-critic")
	edit := fmt.Sprintf("%s/reviews/%d/edit", srv.URL, rv.ID)
	_, page, _ := fetch(t, c, "GET", edit, nil)
	if !strings.Contains(page, `name="format" value="html"`) || !strings.Contains(page, "stays HTML") {
		t.Fatalf("the edit form does not keep the HTML format:\n%s", page)
	}
	form := url.Values{"body": {"<p>An <em>edited</em> review.</p>"}, "format": {"html"},
		"visibility": {"public"}, "action": {"save"}}
	if status, page, _ := fetch(t, c, "POST", edit, form); status != http.StatusSeeOther {
		t.Fatalf("save: status %d\n%s", status, page)
	}
	got := reviewByID(t, st, rv.ID)
	if got.Format != store.FormatHTML || !strings.Contains(got.HTML, "<em>edited</em>") {
		t.Errorf("after save: format %q, html %q; want html with <em>edited</em>", got.Format, got.HTML)
	}
}
