package web_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"reel/demo"
	"reel/store"
	"reel/store/storetest"
	"reel/web"
)

// demoStore is a fresh store on engine d with the demo catalog. On SQLite it
// is a copy of one database loaded once: loading hashes the demo users'
// passwords, which takes seconds under the race detector.
func demoStore(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	if d != store.SQLite {
		st := storetest.Open(t, d)
		if _, err := demo.Load(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	demoDB.once.Do(loadDemoDB)
	if demoDB.err != nil {
		t.Fatal(demoDB.err)
	}
	path := filepath.Join(t.TempDir(), "reel.db")
	if err := os.WriteFile(path, demoDB.bytes, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// demoDB is the demo catalog loaded once into SQLite, as the file's bytes.
var demoDB struct {
	once  sync.Once
	bytes []byte
	err   error
}

func loadDemoDB() {
	dir, err := os.MkdirTemp("", "reel-web-test-")
	if err != nil {
		demoDB.err = err
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "demo.db")
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{Migrate: true})
	if err != nil {
		demoDB.err = err
		return
	}
	_, err = demo.Load(ctx, st)
	// Closing the last connection checkpoints the WAL into the main file.
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		demoDB.bytes, err = os.ReadFile(path)
	}
	demoDB.err = err
}

// siteServer serves the demo catalog on engine d and returns the store too,
// for tests that add rows of their own.
func siteServer(t *testing.T, d store.Dialect) (*httptest.Server, *store.Store) {
	t.Helper()
	st := demoStore(t, d)
	srv := httptest.NewServer(web.New(st, web.Options{}))
	t.Cleanup(srv.Close)
	return srv, st
}

// noRedirect is a client that reports redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// getPage fetches url and checks the status and that the body is HTML.
func getPage(t *testing.T, url string, wantStatus int) (string, http.Header) {
	t.Helper()
	resp, err := noRedirect.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d\n%s", url, resp.StatusCode, wantStatus, body)
	}
	if ct := resp.Header.Get("Content-Type"); wantStatus < 300 && !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: content type %q", url, ct)
	}
	return string(body), resp.Header
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

var scriptTag = regexp.MustCompile(`<script[^>]*>`)

// checkNoInlineScript: the CSP forbids inline scripts, so every script element
// must load a file or be a JSON-LD data block.
func checkNoInlineScript(t *testing.T, what, body string) {
	t.Helper()
	for _, tag := range scriptTag.FindAllString(body, -1) {
		if !strings.Contains(tag, ` src="/static/`) && tag != `<script type="application/ld+json">` {
			t.Errorf("%s has an inline script: %s", what, tag)
		}
	}
}

func TestPages(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv, _ := siteServer(t, d)
			pages := []struct {
				path   string
				status int
				wants  []string
			}{
				{"/", 200, []string{`<ol class="film-list">`, `href="/films/tt0081505"`, "Stanley Kubrick"}},
				{"/films/tt8291806", 200, []string{"<h1>Pain and Glory</h1>", "<cite>Dolor y gloria</cite>",
					`<a class="cast__name" href="/people/nm0000104">Antonio Banderas</a>`, "Salvador Mallo", "1 h 53 min",
					"Douleur et gloire"}},
				{"/people/nm0000264", 200, []string{"<h1>Pedro Almodóvar</h1>", `id="role-director"`, `href="/films/tt8291806"`, "<title id=\"decades-title\">Films per decade</title>"}},
				{"/search?q=almodovar", 200, []string{`href="/people/nm0000264"`, "Pedro Almodóvar"}},
				{"/search?q=HABLE+CON+ELLA", 200, []string{`href="/films/tt0287467"`}},
				{"/search", 200, []string{`id="search-q"`}},
				{"/search?q=%3F%21", 400, []string{`class="notice"`, "punctuation alone matches nothing"}},
				{"/films/tt0000001", 404, []string{"Page not found", "There is no film tt0000001 in the catalog."}},
				{"/people/nm0000001", 404, []string{"There is no person nm0000001 in the catalog."}},
				{"/films/abc", 400, []string{"invalid id"}},
				{"/no/such/page", 404, []string{"There is no page at /no/such/page."}},
			}
			for _, p := range pages {
				body, h := getPage(t, srv.URL+p.path, p.status)
				mustContain(t, p.path, body, p.wants...)
				mustContain(t, p.path, body, `<form class="site-search" action="/search"`, `<footer class="site-footer">`)
				checkNoInlineScript(t, p.path, body)
				if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
					t.Errorf("%s: CSP %q", p.path, csp)
				}
			}
		})
	}
}

// TestPersonRoleOrder: directing comes before writing whatever the order of
// the credits, and a film is listed once per role.
func TestPersonRoleOrder(t *testing.T) {
	srv, _ := siteServer(t, store.SQLite)
	body, _ := getPage(t, srv.URL+"/people/nm0000264", 200)
	dir, wri := strings.Index(body, `id="role-director"`), strings.Index(body, `id="role-writer"`)
	if dir < 0 || wri < 0 || dir > wri {
		t.Fatalf("director section at %d, writer at %d: want director first", dir, wri)
	}
	section := body[dir:wri]
	if n := strings.Count(section, `href="/films/tt8291806"`); n != 1 {
		t.Errorf("Pain and Glory listed %d times as director, want once", n)
	}
}

func TestCanonicalRedirect(t *testing.T) {
	srv, _ := siteServer(t, store.SQLite)
	for path, want := range map[string]string{
		"/films/8291806":    "/films/tt8291806",
		"/people/264":       "/people/nm0000264",
		"/films/tt08291806": "/films/tt8291806",
	} {
		resp, err := noRedirect.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 301 to %s", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

// TestJSONLD: the Movie data parses, and a title that tries to close the
// script element cannot.
func TestJSONLD(t *testing.T) {
	srv, st := siteServer(t, store.SQLite)
	evil := `</script><script>alert(1)</script>`
	if _, err := st.DB().Exec(`INSERT INTO films (id, type, title, original_title, year, genres) VALUES (9999991, 'movie', ?, ?, 2024, 'Drama')`, evil, evil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, name string
	}{{"/films/tt8291806", "Pain and Glory"}, {"/films/tt9999991", evil}} {
		body, _ := getPage(t, srv.URL+tc.path, 200)
		if strings.Contains(body, "<script>alert") {
			t.Fatalf("%s: title escaped the page: %s", tc.path, body)
		}
		checkNoInlineScript(t, tc.path, body)
		start := strings.Index(body, `<script type="application/ld+json">`)
		if start < 0 {
			t.Fatalf("%s: no JSON-LD block", tc.path)
		}
		end := strings.Index(body[start:], "</script>")
		var ld map[string]any
		raw := body[start+len(`<script type="application/ld+json">`) : start+end]
		if err := json.Unmarshal([]byte(raw), &ld); err != nil {
			t.Fatalf("%s: JSON-LD %q: %v", tc.path, raw, err)
		}
		if ld["@type"] != "Movie" || ld["name"] != tc.name {
			t.Errorf("%s: JSON-LD = %v", tc.path, ld)
		}
	}
}

// TestFilmScores: once reviews are counted, the film page shows the critics'
// score with its band and the members' histogram.
func TestFilmScores(t *testing.T) {
	st := demoStore(t, store.SQLite)
	srv := httptest.NewServer(web.New(st, web.Options{CacheTTL: -1}))
	defer srv.Close()
	exec := func(q string) {
		t.Helper()
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	exec(`DELETE FROM film_scores WHERE film_id = 8291806`) // the demo's own reviews
	body, _ := getPage(t, srv.URL+"/films/tt8291806", 200)
	mustContain(t, "unscored film", body, "No reviews yet.", "No ratings yet.")
	if strings.Contains(body, "aggregateRating") {
		t.Error("an unreviewed film has an aggregateRating")
	}
	// Critics: 5 reviews, mean 82.0, weights 1; 4 positive. Members: 3 ratings
	// of 4, 4 and 2.5 stars (80, 80, 50 → 70 mean = 3.5 stars).
	exec(`INSERT INTO film_scores VALUES (8291806, 'critics', 5, 4100, 4, 500, 410000, 0,0,0,0,0,0,0,0,1,2,2)`)
	exec(`INSERT INTO film_scores VALUES (8291806, 'members', 3, 2100, 2, 0, 0, 0,0,0,0,0,1,0,0,2,0,0)`)
	body, _ = getPage(t, srv.URL+"/films/tt8291806", 200)
	mustContain(t, "film page", body,
		`<p class="score score--good"><span class="score__value">82</span>`,
		"universal acclaim · 5 reviews",
		"<strong>80 %</strong> positive · fresh",
		`<span class="score__value">3.5</span><span class="score__scale">/5</span>`,
		`<title id="members-hist-title">Members&#39; ratings, in half stars</title>`,
		`"aggregateRating":{"@type":"AggregateRating","bestRating":100,"ratingCount":5,"ratingValue":82,"worstRating":0}`,
	)
	if strings.Contains(body, "No reviews of") {
		t.Error(`a film with counted reviews says "No reviews"`)
	}
	if n := strings.Count(body, `<g class="chart__bar">`); n != 11 {
		t.Errorf("histogram has %d bars, want 11 (0 to 5 stars by halves)", n)
	}
}

func TestStaticAssets(t *testing.T) {
	srv, _ := siteServer(t, store.SQLite)
	body, _ := getPage(t, srv.URL+"/", 200)
	css := regexp.MustCompile(`/static/app\.[0-9a-f]{12}\.css`).FindString(body)
	js := regexp.MustCompile(`/static/app\.[0-9a-f]{12}\.js`).FindString(body)
	if css == "" || js == "" {
		t.Fatalf("page links no hashed assets: css %q js %q", css, js)
	}
	req, _ := http.NewRequest("GET", srv.URL+css, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req) // the transport would gunzip silently
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		resp.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %v", css, resp.StatusCode, resp.Header)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !strings.Contains(string(plain), "--paper") {
		t.Fatalf("gzipped stylesheet: %v %.80q", err, plain)
	}
	stale := "/static/app.000000000000.css"
	if r, _ := http.Get(srv.URL + stale); r.StatusCode != 404 {
		t.Errorf("GET %s (stale hash): %d, want 404", stale, r.StatusCode)
	}
	if r, _ := http.Get(srv.URL + "/api/v1/nothing"); r.StatusCode != 404 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("unknown API path: %d %s, want a JSON 404", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

func TestHead(t *testing.T) {
	srv, _ := siteServer(t, store.SQLite)
	resp, err := http.Head(srv.URL + "/films/tt8291806")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) != 0 || resp.ContentLength <= 0 {
		t.Fatalf("HEAD: %d, %d body bytes, length %d", resp.StatusCode, len(body), resp.ContentLength)
	}
}

// TestPageCache: catalog pages are served from memory until the cache's
// time to live, and a negative CacheTTL turns caching off.
func TestPageCache(t *testing.T) {
	for _, tc := range []struct {
		ttl  time.Duration
		want string
	}{{0, "Pedro Almodóvar"}, {-1, "Pedro Almodóvar Caballero"}} {
		st := demoStore(t, store.SQLite)
		srv := httptest.NewServer(web.New(st, web.Options{CacheTTL: tc.ttl}))
		defer srv.Close()
		for _, path := range []string{"/people/nm0000264", "/films/tt8291806"} {
			getPage(t, srv.URL+path, 200)
		}
		if _, err := st.DB().Exec(`UPDATE people SET name = 'Pedro Almodóvar Caballero' WHERE id = 264`); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/people/nm0000264", "/films/tt8291806"} {
			body, _ := getPage(t, srv.URL+path, 200)
			got := "Pedro Almodóvar"
			if strings.Contains(body, "Pedro Almodóvar Caballero") {
				got = "Pedro Almodóvar Caballero"
			}
			if got != tc.want {
				t.Errorf("ttl %v: %s shows %q after the change, want %q", tc.ttl, path, got, tc.want)
			}
		}
	}
}

// TestFilmListsReviews: the film page lists the demo's public reviews with a
// link to each, hides whole-review spoilers behind a reveal, and offers the
// review form.
func TestFilmListsReviews(t *testing.T) {
	st := demoStore(t, store.SQLite)
	srv := httptest.NewServer(web.New(st, web.Options{CacheTTL: -1}))
	defer srv.Close()
	body, _ := getPage(t, srv.URL+"/films/tt8291806", 200)
	mustContain(t, "film page", body, `<ol class="review-list">`, `href="/reviews/new?film=tt8291806"`, "Read the review")
	if n := strings.Count(body, `<li class="review">`); n < 4 {
		t.Errorf("film page lists %d reviews, want the demo's 4 or more", n)
	}
	if strings.Contains(body, "||") {
		t.Error("raw spoiler markup on the film page")
	}
}
