package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"reel"
	"reel/store"
)

// The account pages register here, like the journal's in review.go, so they
// can grow without editing render.go's list.
func init() {
	pageNames = append(pageNames, "login", "signup", "settings", "admin")
}

// accounts serves sign-in, sign-up, settings and the admin pages. It holds
// the sign-in limits beside the server so each handler (and each test
// server) has its own.
type accounts struct {
	*Server
	limits *signInLimits
}

func newAccounts(s *Server) *accounts {
	return &accounts{Server: s, limits: newSignInLimits()}
}

// authForm is the view-model of the sign-in and sign-up pages. Errors maps a
// field name to its message; Error is a message about the whole form.
type authForm struct {
	Name   string
	Next   string
	Error  string
	Errors map[string]string
	Closed bool // sign-up is closed
}

// Focus names the field the page should focus: the first with an error.
func (f authForm) Focus() string {
	for _, k := range []string{"name", "password", "confirm"} {
		if f.Errors[k] != "" {
			return k
		}
	}
	if f.Name == "" {
		return "name"
	}
	return "password"
}

func (a *accounts) loginForm(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if next == "" {
		next = refererPath(r)
	}
	next = safeNext(next)
	if _, ok := viewer(r); ok {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	a.renderAuth(w, r, http.StatusOK, "login", authForm{Next: next})
}

// login checks a name and password, within the sign-in limits, and starts a
// new session: the id always changes at sign-in, so a session id planted
// before it (session fixation) is worthless after.
func (a *accounts) login(w http.ResponseWriter, r *http.Request) {
	f := authForm{Name: store.NormalizeName(r.PostFormValue("name")), Next: safeNext(r.PostFormValue("next"))}
	if ok, wait := a.limits.allow(r, f.Name); !ok {
		a.tooMany(w, r, "login", f, retryAfter(wait))
		return
	}
	u, err := a.store.Authenticate(r.Context(), f.Name, r.PostFormValue("password"))
	if reel.ErrorCode(err) == reel.Unauthorized {
		// One answer whether the name or the password was wrong, so the
		// form does not tell which names exist.
		f.Error = "Wrong user name or password."
		a.renderAuth(w, r, statusOf(reel.Unauthorized), "login", f)
		return
	}
	if err == nil {
		err = a.startSession(w, r, u)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// logout ends the session. Signing out when already signed out is not an
// error: the result is the same.
func (a *accounts) logout(w http.ResponseWriter, r *http.Request) {
	if err := a.endSession(w, r); err != nil {
		a.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *accounts) signupForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := viewer(r); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	open, err := a.store.SignupOpen(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f := authForm{Next: safeNext(r.URL.Query().Get("next")), Closed: !open}
	a.renderAuth(w, r, signupStatus(open), "signup", f)
}

// signupStatus is 403 for a closed sign-up: the page explains, but nothing
// may be created there.
func signupStatus(open bool) int {
	if open {
		return http.StatusOK
	}
	return statusOf(reel.Unauthorized)
}

// signup creates a member account and signs it in. It shares the sign-in
// limit per address: each attempt costs a password hash.
func (a *accounts) signup(w http.ResponseWriter, r *http.Request) {
	f := authForm{Name: store.NormalizeName(r.PostFormValue("name")), Next: safeNext(r.PostFormValue("next"))}
	open, err := a.store.SignupOpen(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !open {
		f.Closed = true
		a.renderAuth(w, r, signupStatus(false), "signup", f)
		return
	}
	if ok, wait := a.limits.allow(r, ""); !ok {
		a.tooMany(w, r, "signup", f, retryAfter(wait))
		return
	}
	u, err := a.createMember(r, &f)
	if reel.ErrorCode(err) == reel.Invalid || reel.ErrorCode(err) == reel.Conflict {
		a.renderAuth(w, r, statusOf(reel.ErrorCode(err)), "signup", f)
		return
	}
	if err == nil {
		err = a.startSession(w, r, u)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// createMember checks the sign-up form and creates the account, putting
// each problem on its field in f.
func (a *accounts) createMember(r *http.Request, f *authForm) (store.User, error) {
	pw := r.PostFormValue("password")
	f.Errors = map[string]string{}
	switch {
	case len(pw) < store.MinPasswordLen:
		f.Errors["password"] = "Use at least " + strconv.Itoa(store.MinPasswordLen) + " characters."
	case len(pw) > store.MaxPasswordLen:
		f.Errors["password"] = "Use at most " + strconv.Itoa(store.MaxPasswordLen) + " bytes."
	case pw != r.PostFormValue("confirm"):
		f.Errors["confirm"] = "The two passwords differ."
	}
	if len(f.Errors) > 0 {
		return store.User{}, reel.Errorf(reel.Invalid, "check the form")
	}
	u, err := a.store.CreateUser(r.Context(), f.Name, pw, store.RoleMember)
	if c := reel.ErrorCode(err); c == reel.Invalid || c == reel.Conflict {
		f.Errors["name"] = reel.ErrorMessage(err)
	}
	return u, err
}

// tooMany answers an attempt over the limits with the form, its message
// and a Retry-After. 429 is a statement about request rate, not an error
// code of the application, so it does not go through statusOf.
func (a *accounts) tooMany(w http.ResponseWriter, r *http.Request, page string, f authForm, secs int) {
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	f.Error = "Too many attempts. Please wait " + strconv.Itoa(secs) + " seconds and try again."
	a.renderAuth(w, r, http.StatusTooManyRequests, page, f)
}

func (a *accounts) renderAuth(w http.ResponseWriter, r *http.Request, status int, page string, f authForm) {
	title := "Sign in"
	if page == "signup" {
		title = "Create an account"
	}
	noStore(w)
	a.render(w, r, status, page, view{Title: title, Page: f})
}

// noStore keeps a personal or secret-bearing page out of every cache,
// the browser's back-forward copy included.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}

// safeNext returns next when it is a path on this site, else "/": a
// redirect after sign-in must never lead to another site (open redirect).
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// refererPath is the page of this site the visitor came from, so the
// header's plain "Sign in" link (the same on every cached page) still
// leads back there. Another site's address, or none, gives "".
func refererPath(r *http.Request) string {
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || ref.Path == "/login" || ref.Path == "/signup" {
		return ""
	}
	return ref.RequestURI()
}

// loginURL is the sign-in page that comes back to r's page afterwards.
func loginURL(r *http.Request) string {
	return "/login?next=" + url.QueryEscape(r.URL.RequestURI())
}
