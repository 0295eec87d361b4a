package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"reel/store"
)

// browser is a test client with a cookie jar that does not follow
// redirects. addr goes out as X-Forwarded-For: requests reach the test
// server from loopback, where reel trusts that header, so each browser has
// a sign-in rate limit of its own.
type browser struct {
	t      *testing.T
	base   string
	addr   string
	client *http.Client
	header http.Header // extra headers on every request
}

func newBrowser(t *testing.T, base, addr string) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: t, base: base, addr: addr, client: c, header: http.Header{}}
}

// do sends a request (a form POST when form is not nil) and returns the
// response with its body read.
func (b *browser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Forwarded-For", b.addr)
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return resp, string(raw)
}

// expect sends a request and fails the test unless the status is want.
func (b *browser) expect(want int, method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	resp, body := b.do(method, path, form)
	if resp.StatusCode != want {
		b.t.Fatalf("%s %s: status %d, want %d\n%.2000s", method, path, resp.StatusCode, want, body)
	}
	return resp, body
}

// session is the browser's current session cookie value, "" when none.
func (b *browser) session() string {
	u, _ := url.Parse(b.base)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == "reel_session" {
			return c.Value
		}
	}
	return ""
}

// setSession replaces the jar's session cookie, to replay an old one.
func (b *browser) setSession(v string) {
	u, _ := url.Parse(b.base)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "reel_session", Value: v, Path: "/"}})
}

func (b *browser) login(name, password string) *http.Response {
	b.t.Helper()
	resp, _ := b.expect(http.StatusSeeOther, "POST", "/login", url.Values{"name": {name}, "password": {password}})
	return resp
}

const testPassword = "correct horse battery"

// mkAccount creates an account with testPassword.
func mkAccount(t *testing.T, st *store.Store, name string, role store.Role) store.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), name, testPassword, role)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSignUpSignsIn(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	b := newBrowser(t, srv.URL, "198.51.100.1")
	_, page := b.expect(http.StatusOK, "GET", "/signup", nil)
	mustContain(t, "sign-up page", page, `for="f-name"`, `autocomplete="new-password"`, `>Sign in</a>`)
	resp, _ := b.expect(http.StatusSeeOther, "POST", "/signup", url.Values{
		"name": {"Newbie"}, "password": {testPassword}, "confirm": {testPassword}, "next": {"/search"}})
	if loc := resp.Header.Get("Location"); loc != "/search" {
		t.Fatalf("after sign-up: Location %q, want /search", loc)
	}
	_, page = b.expect(http.StatusOK, "GET", "/settings", nil)
	mustContain(t, "settings after sign-up", page, "Signed in as newbie", `action="/logout"`)
	u, err := st.UserByName(context.Background(), "newbie")
	if err != nil || u.Role != store.RoleMember {
		t.Fatalf("new account: %+v, %v; want a member", u, err)
	}
}

func TestSignUpErrors(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "taken", store.RoleMember)
	b := newBrowser(t, srv.URL, "198.51.100.2")
	tests := []struct {
		form  url.Values
		field string
	}{
		{url.Values{"name": {"taken"}, "password": {testPassword}, "confirm": {testPassword}}, "name"},
		{url.Values{"name": {"x"}, "password": {testPassword}, "confirm": {testPassword}}, "name"},
		{url.Values{"name": {"fresh"}, "password": {"short"}, "confirm": {"short"}}, "password"},
		{url.Values{"name": {"fresh"}, "password": {testPassword}, "confirm": {"other words"}}, "confirm"},
	}
	for _, tt := range tests {
		resp, page := b.do("POST", "/signup", tt.form)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Fatalf("sign-up %v: status %d, want a 4xx form", tt.form, resp.StatusCode)
		}
		mustContain(t, "sign-up error", page, `id="`+tt.field+`-error"`, `aria-invalid="true"`, `role="alert"`)
		if b.session() != "" {
			t.Fatalf("failed sign-up %v set a session", tt.form)
		}
	}
}

func TestLoginWrongPassword(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	b := newBrowser(t, srv.URL, "198.51.100.3")
	resp, page := b.expect(http.StatusForbidden, "POST", "/login", url.Values{"name": {"ann"}, "password": {"not it at all"}})
	mustContain(t, "failed sign-in", page, "Wrong user name or password.", `aria-invalid="true"`, `value="ann"`)
	if len(resp.Cookies()) != 0 || b.session() != "" {
		t.Fatalf("failed sign-in set cookies %v", resp.Cookies())
	}
}

// TestSessionRotation: signing in replaces the session the browser had, so
// a session id known before sign-in is useless after; signing out ends it.
func TestSessionRotation(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	b := newBrowser(t, srv.URL, "198.51.100.4")
	b.login("ann", testPassword)
	first := b.session()
	b.login("ann", testPassword)
	second := b.session()
	if first == "" || second == "" || first == second {
		t.Fatalf("sessions %q then %q: want two different ids", first, second)
	}
	b.expect(http.StatusOK, "GET", "/settings", nil)
	b.setSession(first)
	resp, _ := b.expect(http.StatusSeeOther, "GET", "/settings", nil)
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
		t.Fatalf("old session: Location %q, want the sign-in page", loc)
	}
	b.setSession(second)
	resp, _ = b.expect(http.StatusSeeOther, "POST", "/logout", url.Values{})
	if c := resp.Cookies(); len(c) != 1 || c[0].MaxAge >= 0 {
		t.Fatalf("sign-out cookies %v: want the session cookie deleted", c)
	}
	b.setSession(second) // a copy kept by someone else no longer works either
	b.expect(http.StatusSeeOther, "GET", "/settings", nil)
}

func TestCookieFlags(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	for _, tls := range []bool{false, true} {
		b := newBrowser(t, srv.URL, "198.51.100.5")
		if tls {
			b.header.Set("X-Forwarded-Proto", "https")
		}
		resp := b.login("ann", testPassword)
		cs := resp.Cookies()
		if len(cs) != 1 {
			t.Fatalf("sign-in cookies %v, want one", cs)
		}
		c := cs[0]
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != tls || c.Path != "/" {
			t.Errorf("behind TLS %v: cookie %s, want HttpOnly, SameSite=Lax, Path=/, Secure=%v", tls, c, tls)
		}
	}
}

func TestLoginRateLimit(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	attacker := newBrowser(t, srv.URL, "203.0.113.9")
	wrong := url.Values{"name": {"ann"}, "password": {"guess guess"}}
	for range 5 {
		attacker.expect(http.StatusForbidden, "POST", "/login", wrong)
	}
	resp, page := attacker.expect(http.StatusTooManyRequests, "POST", "/login", wrong)
	if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Fatalf("429 without a Retry-After (%q)", ra)
	}
	mustContain(t, "rate-limited sign-in", page, "Too many attempts")
	// The right password is refused too while the limit holds: otherwise
	// the limit would not slow guessing.
	attacker.expect(http.StatusTooManyRequests, "POST", "/login", url.Values{"name": {"ann"}, "password": {testPassword}})
	// The name's own bucket is spent: a guesser moving to other addresses
	// gets no further with ann.
	other := newBrowser(t, srv.URL, "203.0.113.10")
	other.expect(http.StatusTooManyRequests, "POST", "/login", url.Values{"name": {"ann"}, "password": {testPassword}})
}

// TestLoginComesBack: the header's plain link returns the reader to the page
// they were reading, known from the Referer, if it is on this site.
func TestLoginComesBack(t *testing.T) {
	srv, _ := journalServer(t, store.SQLite)
	b := newBrowser(t, srv.URL, "198.51.100.19")
	for ref, want := range map[string]string{
		srv.URL + "/films/tt0287467?x=1": `value="/films/tt0287467?x=1"`,
		"https://evil.example/films/1":   `name="next" value="/"`,
		"":                               `name="next" value="/"`,
	} {
		b.header.Set("Referer", ref)
		_, page := b.expect(http.StatusOK, "GET", "/login", nil)
		mustContain(t, "sign-in from "+ref, page, want)
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		b := newBrowser(t, srv.URL, "198.51.100.6")
		resp, _ := b.expect(http.StatusSeeOther, "POST", "/login", url.Values{"name": {"ann"}, "password": {testPassword}, "next": {next}})
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("next %q: Location %q, want /", next, loc)
		}
	}
}

// TestClosedSignup: once an admin closes sign-up, the form and its POST
// are refused and no account appears.
func TestClosedSignup(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "root", store.RoleAdmin)
	admin := newBrowser(t, srv.URL, "198.51.100.7")
	admin.login("root", testPassword)
	admin.expect(http.StatusSeeOther, "POST", "/admin/signup", url.Values{"open": {"0"}})
	_, page := admin.expect(http.StatusOK, "GET", "/admin", nil)
	mustContain(t, "admin page", page, "Open sign-up")

	b := newBrowser(t, srv.URL, "198.51.100.8")
	_, page = b.expect(http.StatusForbidden, "GET", "/signup", nil)
	mustContain(t, "closed sign-up", page, "Sign-up is closed")
	b.expect(http.StatusForbidden, "POST", "/signup", url.Values{"name": {"sneaky"}, "password": {testPassword}, "confirm": {testPassword}})
	if _, err := st.UserByName(context.Background(), "sneaky"); err == nil {
		t.Fatal("closed sign-up created an account")
	}
	admin.expect(http.StatusSeeOther, "POST", "/admin/signup", url.Values{"open": {"1"}})
	b.expect(http.StatusOK, "GET", "/signup", nil)
}

var (
	tokenRE  = regexp.MustCompile(`value="(reel_[A-Za-z0-9_-]+)"`)
	revokeRE = regexp.MustCompile(`action="(/settings/tokens/[0-9]+/revoke)"`)
)

// TestTokenLifecycle: a token made on the settings page authenticates API
// requests until it is revoked there.
func TestTokenLifecycle(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	b := newBrowser(t, srv.URL, "198.51.100.11")
	b.login("ann", testPassword)
	resp, page := b.expect(http.StatusOK, "POST", "/settings/tokens", url.Values{"name": {"sync script"}})
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page showing a secret: Cache-Control %q, want no-store", cc)
	}
	m := tokenRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no token secret on the page:\n%.3000s", page)
	}
	api := apiUser{name: "ann", token: m[1]}
	var me struct{ Name string }
	call(t, srv.URL, api, "GET", "/api/v1/me", nil, http.StatusOK, &me)
	if me.Name != "ann" {
		t.Fatalf("/api/v1/me with the token: %q, want ann", me.Name)
	}
	_, page = b.expect(http.StatusOK, "GET", "/settings", nil)
	if strings.Contains(page, m[1]) {
		t.Fatal("the settings page shows the secret again")
	}
	mustContain(t, "token list", page, "sync script")
	rv := revokeRE.FindStringSubmatch(page)
	if rv == nil {
		t.Fatal("no revoke button on the settings page")
	}
	other := newBrowser(t, srv.URL, "198.51.100.12")
	mkAccount(t, st, "bob", store.RoleMember)
	other.login("bob", testPassword)
	other.expect(http.StatusNotFound, "POST", rv[1], url.Values{}) // not bob's token
	call(t, srv.URL, api, "GET", "/api/v1/me", nil, http.StatusOK, nil)
	b.expect(http.StatusSeeOther, "POST", rv[1], url.Values{})
	call(t, srv.URL, api, "GET", "/api/v1/me", nil, http.StatusUnauthorized, nil)
}

// TestPasswordChange: the current password is required; a change ends the
// account's other sessions but keeps this browser signed in.
func TestPasswordChange(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	mkAccount(t, st, "ann", store.RoleMember)
	b := newBrowser(t, srv.URL, "198.51.100.13")
	b.login("ann", testPassword)
	elsewhere := newBrowser(t, srv.URL, "198.51.100.14")
	elsewhere.login("ann", testPassword)
	const next = "a brand new secret"
	_, page := b.expect(http.StatusBadRequest, "POST", "/settings/password", url.Values{"current": {"nope nope"}, "password": {next}, "confirm": {next}})
	mustContain(t, "wrong current password", page, `id="current-error"`, "Your password is unchanged")
	b.expect(http.StatusSeeOther, "POST", "/settings/password", url.Values{"current": {testPassword}, "password": {next}, "confirm": {next}})
	b.expect(http.StatusOK, "GET", "/settings", nil)
	elsewhere.expect(http.StatusSeeOther, "GET", "/settings", nil)
	if _, err := st.Authenticate(context.Background(), "ann", next); err != nil {
		t.Fatalf("new password refused: %v", err)
	}
}

// TestProfileKeepsCriticStanding: a user edits their own profile but not
// the weight or top flag an admin gave them, whatever the form carries.
func TestProfileKeepsCriticStanding(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	ctx := context.Background()
	u := mkAccount(t, st, "crit", store.RoleCritic)
	if err := st.UpdateCriticProfile(ctx, u.ID, store.CriticProfile{Weight: 2, Top: true}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, srv.URL, "198.51.100.15")
	b.login("crit", testPassword)
	b.expect(http.StatusSeeOther, "POST", "/settings/profile", url.Values{
		"display_name": {"C. Crit"}, "publication": {"The Daily"}, "bio": {"Writes."}, "weight": {"10"}, "top": {""}})
	got, err := st.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := store.CriticProfile{DisplayName: "C. Crit", Publication: "The Daily", Bio: "Writes.", Weight: 2, Top: true}
	if got.Profile != want {
		t.Fatalf("profile %+v, want %+v", got.Profile, want)
	}
	_, page := b.expect(http.StatusOK, "GET", "/settings?done=profile", nil)
	mustContain(t, "saved profile", page, "Your profile is saved.", `value="C. Crit"`)
}

// TestAdminSetsRoleAndWeight: an admin changes a role and a critic's
// standing; not their own role.
func TestAdminSetsRoleAndWeight(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	ctx := context.Background()
	mkAccount(t, st, "root", store.RoleAdmin)
	u := mkAccount(t, st, "writer", store.RoleMember)
	b := newBrowser(t, srv.URL, "198.51.100.16")
	b.login("root", testPassword)
	b.expect(http.StatusSeeOther, "POST", "/admin/users/writer/role", url.Values{"role": {"critic"}})
	b.expect(http.StatusSeeOther, "POST", "/admin/users/writer/critic", url.Values{"weight": {"1.5"}, "top": {"1"}})
	got, err := st.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Role != store.RoleCritic || got.Profile.Weight != 1.5 || !got.Profile.Top {
		t.Fatalf("after admin changes: %+v", got)
	}
	_, page := b.expect(http.StatusBadRequest, "POST", "/admin/users/writer/critic", url.Values{"weight": {"11"}})
	mustContain(t, "bad weight", page, "out of range", `role="alert"`)
	b.expect(http.StatusBadRequest, "POST", "/admin/users/writer/role", url.Values{"role": {"emperor"}})
	b.expect(http.StatusConflict, "POST", "/admin/users/root/role", url.Values{"role": {"member"}})
	b.expect(http.StatusNotFound, "POST", "/admin/users/nobody/role", url.Values{"role": {"member"}})
}

// TestHeaderShowsViewer: the header shows the signed-in viewer on cached
// pages too, and a signed-in request never leaks into what others see.
func TestHeaderShowsViewer(t *testing.T) {
	srv, st := siteServer(t, store.SQLite) // caching on
	mkAccount(t, st, "root", store.RoleAdmin)
	b := newBrowser(t, srv.URL, "198.51.100.17")
	b.login("root", testPassword)
	for _, path := range []string{"/", "/films/tt0287467", "/search?q=talk", "/no-such-page"} {
		resp, page := b.do("GET", path, nil)
		mustContain(t, "signed-in "+path, page, `href="/u/root"`, `action="/logout"`, `href="/admin"`)
		if cc := resp.Header.Get("Cache-Control"); cc != "private" {
			t.Errorf("%s: personalised page with Cache-Control %q, want private", path, cc)
		}
		if strings.Contains(page, `href="/login"`) {
			t.Errorf("%s: signed-in page still offers Sign in", path)
		}
		anon := newBrowser(t, srv.URL, "198.51.100.18")
		_, page = anon.do("GET", path, nil)
		mustContain(t, "anonymous "+path, page, `href="/login">Sign in</a>`)
		if strings.Contains(page, "/u/root") {
			t.Errorf("%s: the anonymous page shows root's links", path)
		}
	}
}
