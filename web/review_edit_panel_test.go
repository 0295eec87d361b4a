package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"reel"
	"reel/store"
)

// panelBody names Pedro Almodóvar and Volver with a wrong year (twice, so
// that the pull quote, the closing verdict, holds a slip), misspells
// Penélope Cruz and gives the ending away.
const panelBody = "Pedro Almodóvar's Volver (2005) is a warm, funny and generous film, and Penelope Cruz gives the performance of her career as Raimunda.\n\n" +
	"Almodóvar directs with a lightness that hides real grief. In the end it turns out that the mother was alive all along, hiding from the village.\n\n" +
	"Volver (2005) is a triumph: the best film Almodóvar has made in years."

// panelOf returns the copy desk aside of an editor page, failing when the
// page has none.
func panelOf(t *testing.T, page string) string {
	t.Helper()
	start := strings.Index(page, `<aside class="desk"`)
	if start < 0 {
		t.Fatalf("no copy desk panel in\n%s", page)
	}
	end := strings.Index(page[start:], "</aside>")
	if end < 0 {
		t.Fatal("copy desk panel not closed")
	}
	return page[start : start+end]
}

func mustNotContain(t *testing.T, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(body, s) {
			t.Errorf("%s holds %q", what, s)
		}
	}
}

// TestEditorPanelPreview: Preview runs the copy desk on the body with the
// chosen film and the panel shows the score, the film, linked names, the
// wrong year, the misspelling and the spoiler.
func TestEditorPanelPreview(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	juno := signIn(t, st, "juno")
	form := url.Values{"film": {"tt0441909"}, "body": {panelBody}, "visibility": {"public"}, "action": {"preview"}}
	status, page, _ := fetch(t, juno, "POST", srv.URL+"/reviews/new", form)
	if status != http.StatusOK {
		t.Fatalf("preview: status %d\n%s", status, page)
	}
	p := panelOf(t, page)
	mustContain(t, "panel", p,
		`<h2 id="desk-h">Copy desk</h2>`, `aria-live="polite"`,
		`desk__value--positive`, // the score's verdict
		`<h3 id="desk-film-h">Film under review</h3>`,
		`<h4>Films</h4>`, `<a href="/films/tt0441909">Volver</a>`,
		`<h4>People</h4>`, `<a href="/people/nm0000264">Pedro Almodóvar</a> <span class="note">×3</span></li>`, // "Almodóvar" is no misspelling
		`<a href="/people/nm0004851">Penélope Cruz</a> <span class="note">written “Penelope Cruz”</span>`,
		`<h4>Characters</h4>`, `Raimunda, played by <a href="/people/nm0004851">Penélope Cruz</a> in <a href="/films/tt0441909">Volver (2006)</a>`,
		`<span class="desk__kind">year</span> Volver is from 2006, not 2005.`, `Suggested: <strong>2006</strong>`,
		`<span class="desk__kind">spelling</span>`, `Suggested: <strong>Penélope Cruz</strong>`,
		`<q>In the end it turns out that the mother was alive all along, hiding from the village.</q>`,
		`reveals the ending`, `||double bars||`,
		`<blockquote class="desk__quote">`, "It holds a slip flagged under Checks") // the quote says Volver (2005)
	// A member's review has no pull quote (store rule): no field, no button.
	mustNotContain(t, "member's page", page, `name="pull_quote"`, `data-use-quote`)
	// The form keeps what was typed, and the page's own preview still renders.
	mustContain(t, "page", page, `id="review-form"`, `class="review-preview"`, `<a href="#desk-h">`)
	checkNoInlineScript(t, "editor", page)
	if n := len(reviewsOf(t, st, "juno")); n != 4 {
		t.Errorf("juno has %d reviews after a preview, want the demo's 4", n)
	}
}

// TestEditorPanelEmptyStates: a form with nothing written says so, and a
// clean text says each section found nothing rather than showing nothing.
func TestEditorPanelEmptyStates(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	juno := signIn(t, st, "juno")
	status, page, _ := fetch(t, juno, "GET", srv.URL+"/reviews/new?film=tt0441909", nil)
	if status != http.StatusOK {
		t.Fatalf("new form: status %d", status)
	}
	mustContain(t, "blank panel", panelOf(t, page), "Nothing to read yet")

	form := url.Values{"film": {"tt0441909"}, "body": {"A quiet, dull and tedious picture that never finds its footing."}, "action": {"preview"}}
	_, page, _ = fetch(t, juno, "POST", srv.URL+"/reviews/new", form)
	p := panelOf(t, page)
	mustContain(t, "clean panel", p, `desk__value--negative`, "No film, person or character of the catalog named",
		"No slips found in names, years or credits.", "No sentence gives the plot away.")
	mustNotContain(t, "clean panel", p, "Nothing to read yet", `<ul class="desk__list desk__checks">`)
}

// TestEditorPanelFragment: review.js's endpoint answers the panel alone to
// a signed-in writer, refuses a signed-out caller, and keeps the site's
// cross-origin protection although it is called by fetch.
func TestEditorPanelFragment(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	juno := signIn(t, st, "juno")
	form := url.Values{"film": {"tt0441909"}, "body": {panelBody}}

	status, frag, _ := fetch(t, juno, "POST", srv.URL+"/reviews/analyze", form)
	if status != http.StatusOK {
		t.Fatalf("fragment: status %d\n%s", status, frag)
	}
	mustContain(t, "fragment", frag, `<a href="/films/tt0441909">Volver</a>`, `Volver is from 2006, not 2005.`, `reveals the ending`)
	mustNotContain(t, "fragment", frag, "<html", "<aside", `class="site-header"`)

	if status, _, _ := fetch(t, nil, "POST", srv.URL+"/reviews/analyze", form); status != http.StatusForbidden {
		t.Errorf("signed out: status %d, want 403", status)
	}
	for site, want := range map[string]int{"same-origin": http.StatusOK, "cross-site": http.StatusForbidden, "same-site": http.StatusForbidden} {
		req, err := http.NewRequest("POST", srv.URL+"/reviews/analyze", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", site)
		req.AddCookie(juno)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Sec-Fetch-Site %s: status %d, want %d", site, resp.StatusCode, want)
		}
		if want == http.StatusOK && !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
			t.Errorf("Cache-Control = %q, want no-store", resp.Header.Get("Cache-Control"))
		}
	}

	// Bad input is an explicit state of the panel, not an error page.
	status, frag, _ = fetch(t, juno, "POST", srv.URL+"/reviews/analyze", url.Values{"body": {"\x00\x01\x02 binary"}})
	if status != http.StatusOK || !strings.Contains(frag, "The copy desk cannot read this text") {
		t.Errorf("binary body: status %d\n%s", status, frag)
	}
}

// TestEditorPanelEdits: the buttons review.js shows under a check and a
// spoiler carry offsets into the text as the textarea holds it, with LF line
// breaks, although a form posts CRLF.
func TestEditorPanelEdits(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	juno := signIn(t, st, "juno")
	posted := strings.ReplaceAll(panelBody, "\n", "\r\n")
	_, frag, _ := fetch(t, juno, "POST", srv.URL+"/reviews/analyze", url.Values{"film": {"tt0441909"}, "body": {posted}})
	span := func(re string) string {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(frag)
		if m == nil {
			t.Fatalf("no %s in\n%s", re, frag)
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if a < 0 || a > b || b > len(panelBody) {
			t.Fatalf("offsets %d–%d out of the text", a, b)
		}
		return panelBody[a:b]
	}
	if got := span(`data-desk-edit="replace" data-start="(\d+)" data-end="(\d+)" data-text="2006" hidden>`); got != "2005" {
		t.Errorf("the year fix replaces %q, want 2005", got)
	}
	if got := span(`data-desk-edit="replace" data-start="(\d+)" data-end="(\d+)" data-text="Penélope Cruz" hidden>`); got != "Penelope Cruz" {
		t.Errorf("the spelling fix replaces %q", got)
	}
	if got := span(`data-desk-edit="spoiler" data-start="(\d+)" data-end="(\d+)" hidden>`); got != "In the end it turns out that the mother was alive all along, hiding from the village." {
		t.Errorf("the spoiler button wraps %q", got)
	}

	// A marked spoiler has no button, and says it is hidden.
	marked := "A fine film. ||In the end it turns out that the mother was alive all along.||"
	_, frag, _ = fetch(t, juno, "POST", srv.URL+"/reviews/analyze", url.Values{"body": {marked}})
	mustContain(t, "marked spoiler", frag, "already hidden")
	mustNotContain(t, "marked spoiler", frag, `data-desk-edit="spoiler"`, "||double bars||")
}

// TestEditorPanelAuthz: the panel comes with the editor and only to whom
// the editor already answers: the author edits, nobody else sees the form.
func TestEditorPanelAuthz(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	margot, juno := signIn(t, st, "margot.vell"), signIn(t, st, "juno")
	rv := volverReviewOf(t, st, "margot.vell")
	edit := fmt.Sprintf("%s/reviews/%d/edit", srv.URL, rv.ID)

	status, page, _ := fetch(t, margot, "GET", edit, nil)
	if status != http.StatusOK {
		t.Fatalf("author's edit form: %d", status)
	}
	// The saved body is read at once, without a preview.
	mustContain(t, "author's panel", panelOf(t, page), `<a href="/people/nm0004851">Penélope Cruz</a>`)

	preview := url.Values{"body": {panelBody}, "action": {"preview"}}
	for name, c := range map[string]*http.Cookie{"signed out": nil, "another writer": juno} {
		for _, method := range []string{"GET", "POST"} {
			var form url.Values
			if method == "POST" {
				form = preview
			}
			status, page, _ := fetch(t, c, method, edit, form)
			if status != http.StatusForbidden && status != http.StatusSeeOther {
				t.Errorf("%s %s: status %d", name, method, status)
			}
			mustNotContain(t, name+" "+method, page, `class="desk"`, "Volver is from 2006")
		}
	}
	if status, page, _ := fetch(t, nil, "GET", srv.URL+"/reviews/new", nil); strings.Contains(page, `class="desk"`) {
		t.Errorf("signed out: the new-review page (status %d) shows the panel", status)
	}
}

// TestEditorPullQuote: a critic's form has the pull quote field; the
// panel's button (a submit without JavaScript) puts the suggestion into it
// without saving, and saving through the form keeps the critic's source
// URL and pull quote, which the form once dropped.
func TestEditorPullQuote(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	margot := signIn(t, st, "margot.vell")
	rv := volverReviewOf(t, st, "margot.vell")
	if rv.SourceURL == "" || rv.PullQuote == "" {
		t.Fatalf("demo review %d has no source or quote: %+v", rv.ID, rv)
	}
	edit := fmt.Sprintf("%s/reviews/%d/edit", srv.URL, rv.ID)

	_, page, _ := fetch(t, margot, "GET", edit, nil)
	mustContain(t, "critic's form", page, `name="pull_quote"`, `name="source_url" value="`+rv.SourceURL+`"`)

	form := url.Values{"body": {panelBody}, "grade": {"★★★★"}, "visibility": {"public"}, "pull_quote": {rv.PullQuote},
		"source_url": {rv.SourceURL}, "action": {"use-quote"}}
	status, page, _ := fetch(t, margot, "POST", edit, form)
	if status != http.StatusOK {
		t.Fatalf("use-quote: status %d\n%s", status, page)
	}
	quote := between(t, panelOf(t, page), `<blockquote class="desk__quote">`, `</blockquote>`)
	mustContain(t, "form after use-quote", page, `>`+quote+`</textarea>`, "This is the review’s pull quote.")
	if got := reviewByID(t, st, rv.ID); got.PullQuote != rv.PullQuote || got.Body != rv.Body {
		t.Errorf("use-quote saved the review: %+v", got)
	}

	form.Set("action", "save")
	form.Set("pull_quote", "A new quote.")
	if status, page, _ := fetch(t, margot, "POST", edit, form); status != http.StatusSeeOther {
		t.Fatalf("save: status %d\n%s", status, page)
	}
	got := reviewByID(t, st, rv.ID)
	if got.PullQuote != "A new quote." || got.SourceURL != rv.SourceURL {
		t.Errorf("after save: quote %q, source %q; want the new quote and %q", got.PullQuote, got.SourceURL, rv.SourceURL)
	}
}

func between(t *testing.T, s, open, close string) string {
	t.Helper()
	i := strings.Index(s, open)
	if i < 0 {
		t.Fatalf("no %q in\n%s", open, s)
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		t.Fatalf("no %q after %q", close, open)
	}
	return s[:j]
}

func reviewsOf(t *testing.T, st *store.Store, name string) []store.Review {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByName(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.ReviewsByUser(ctx, u.ID, u.ID, store.Page{Limit: store.MaxPageLimit})
	if err != nil {
		t.Fatal(err)
	}
	return page.Reviews
}

// volverReviewOf is name's demo review of Volver.
func volverReviewOf(t *testing.T, st *store.Store, name string) store.Review {
	t.Helper()
	for _, rv := range reviewsOf(t, st, name) {
		if rv.FilmID == reel.FilmID(441909) {
			return rv
		}
	}
	t.Fatalf("%s has no demo review of Volver", name)
	return store.Review{}
}

func reviewByID(t *testing.T, st *store.Store, id store.ReviewID) store.Review {
	t.Helper()
	rv, err := st.Review(context.Background(), 0, id)
	if err != nil {
		t.Fatal(err)
	}
	return rv
}
