package web

import (
	"net/http"
	"strconv"

	"reel"
	"reel/store"
)

// settingsPage is the view-model of /settings: the viewer's profile,
// password and API tokens, each its own form.
type settingsPage struct {
	User     store.User
	Profile  store.CriticProfile // as submitted, when the profile form failed
	Tokens   []store.Token
	Errors   map[string]string // by field name
	Notice   string            // what the last action did
	NewToken string            // a token's secret, shown this once
}

// settingsNotices are the messages a redirect after a successful change
// may ask for; a fixed set, so the query string cannot put text on the page.
var settingsNotices = map[string]string{
	"profile":  "Your profile is saved.",
	"password": "Your password is changed. Other browsers signed in as you are signed out.",
	"revoked":  "The token is revoked; programs using it can no longer sign in with it.",
}

// signedIn returns the viewer, or sends a signed-out visitor to the sign-in
// page (GET) or answers 403 (any other method: nothing to come back to).
func (a *accounts) signedIn(w http.ResponseWriter, r *http.Request) (store.User, bool) {
	u, err := requireViewer(r)
	if err == nil {
		return u, true
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
	} else {
		a.fail(w, r, err)
	}
	return u, false
}

func (a *accounts) settings(w http.ResponseWriter, r *http.Request) {
	u, ok := a.signedIn(w, r)
	if !ok {
		return
	}
	p := settingsPage{User: u, Profile: u.Profile, Notice: settingsNotices[r.URL.Query().Get("done")]}
	a.renderSettings(w, r, http.StatusOK, p)
}

// renderSettings fills in the token list and renders the page. Settings
// pages are never stored by a cache: one may hold a new token's secret.
func (a *accounts) renderSettings(w http.ResponseWriter, r *http.Request, status int, p settingsPage) {
	var err error
	if p.Tokens, err = a.store.ListTokens(r.Context(), p.User.ID); err != nil {
		a.fail(w, r, err)
		return
	}
	noStore(w)
	a.render(w, r, status, "settings", view{Title: "Settings", Page: p})
}

// saveProfile changes the viewer's display name, publication and bio. The
// critic weight and top flag are an admin's to set, so they are read from
// the stored account, never from the form.
func (a *accounts) saveProfile(w http.ResponseWriter, r *http.Request) {
	u, ok := a.signedIn(w, r)
	if !ok {
		return
	}
	cur, err := a.store.User(r.Context(), u.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p := cur.Profile
	p.DisplayName = r.PostFormValue("display_name")
	p.Publication = r.PostFormValue("publication")
	p.Bio = r.PostFormValue("bio")
	err = a.store.UpdateCriticProfile(r.Context(), u.ID, p)
	if reel.ErrorCode(err) == reel.Invalid {
		page := settingsPage{User: u, Profile: p, Errors: map[string]string{"profile": reel.ErrorMessage(err)}}
		a.renderSettings(w, r, statusOf(reel.Invalid), page)
		return
	}
	a.done(w, r, err, "profile")
}

// changePassword asks for the current password first, so a browser left
// signed in cannot be used to take the account over. The store ends every
// session of the account; this browser gets a fresh one.
func (a *accounts) changePassword(w http.ResponseWriter, r *http.Request) {
	u, ok := a.signedIn(w, r)
	if !ok {
		return
	}
	if ok, wait := a.limits.allow(r, u.Name); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter(wait)))
		page := settingsPage{User: u, Profile: u.Profile, Errors: map[string]string{"current": "Too many attempts. Please wait a minute and try again."}}
		a.renderSettings(w, r, http.StatusTooManyRequests, page)
		return
	}
	errs := a.checkNewPassword(r, u)
	if len(errs) > 0 {
		a.renderSettings(w, r, statusOf(reel.Invalid), settingsPage{User: u, Profile: u.Profile, Errors: errs})
		return
	}
	err := a.store.SetPassword(r.Context(), u.ID, r.PostFormValue("password"))
	if err == nil {
		err = a.startSession(w, r, u)
	}
	a.done(w, r, err, "password")
}

// checkNewPassword checks the password form and returns its problems by
// field; it is empty when the change may go ahead.
func (a *accounts) checkNewPassword(r *http.Request, u store.User) map[string]string {
	errs := map[string]string{}
	pw := r.PostFormValue("password")
	switch {
	case len(pw) < store.MinPasswordLen:
		errs["password"] = "Use at least " + strconv.Itoa(store.MinPasswordLen) + " characters."
	case len(pw) > store.MaxPasswordLen:
		errs["password"] = "Use at most " + strconv.Itoa(store.MaxPasswordLen) + " bytes."
	case pw != r.PostFormValue("confirm"):
		errs["confirm"] = "The two new passwords differ."
	}
	if _, err := a.store.Authenticate(r.Context(), u.Name, r.PostFormValue("current")); err != nil {
		errs["current"] = "That is not your current password."
	}
	return errs
}

// createToken makes an API token and shows its secret on this response
// only: the store keeps just a hash, so there is no page to redirect to
// that could show it again.
func (a *accounts) createToken(w http.ResponseWriter, r *http.Request) {
	u, ok := a.signedIn(w, r)
	if !ok {
		return
	}
	secret, _, err := a.store.CreateToken(r.Context(), u.ID, r.PostFormValue("name"))
	if reel.ErrorCode(err) == reel.Invalid {
		page := settingsPage{User: u, Profile: u.Profile, Errors: map[string]string{"token": reel.ErrorMessage(err)}}
		a.renderSettings(w, r, statusOf(reel.Invalid), page)
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	page := settingsPage{User: u, Profile: u.Profile, NewToken: secret,
		Notice: "Your new token is below. Copy it now: it will not be shown again."}
	a.renderSettings(w, r, http.StatusOK, page)
}

// revokeToken revokes one of the viewer's tokens; another user's token is
// NotFound (the store matches on both), so ids reveal nothing.
func (a *accounts) revokeToken(w http.ResponseWriter, r *http.Request) {
	u, ok := a.signedIn(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, reel.Errorf(reel.NotFound, "no such token"))
		return
	}
	a.done(w, r, a.store.RevokeToken(r.Context(), u.ID, store.TokenID(id)), "revoked")
}

// done ends a settings action: the error page on failure, otherwise a
// redirect (Post/Redirect/Get) to the settings page saying what happened.
func (a *accounts) done(w http.ResponseWriter, r *http.Request, err error, what string) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?done="+what, http.StatusSeeOther)
}
