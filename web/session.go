package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"reel"
	"reel/store"
)

// sessionCookie names the cookie holding a signed-in browser's session id.
const sessionCookie = "reel_session"

type viewerKey struct{}

// viewerState is resolved at most once per request.
type viewerState struct {
	user store.User
	ok   bool
}

// withViewer resolves who is asking: a session cookie for browsers, a bearer
// token for API clients. It never rejects a request; handlers that need a
// signed-in user ask requireViewer.
func (s *Server) withViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := s.resolveViewer(r)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), viewerKey{}, v)))
	})
}

func (s *Server) resolveViewer(r *http.Request) viewerState {
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		u, err := s.store.UserByToken(r.Context(), strings.TrimPrefix(auth, "Bearer "))
		return viewerState{user: u, ok: err == nil}
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return viewerState{}
	}
	u, err := s.store.UserBySession(r.Context(), c.Value)
	return viewerState{user: u, ok: err == nil}
}

// viewer returns the signed-in user making the request, if any.
func viewer(r *http.Request) (store.User, bool) {
	v, _ := r.Context().Value(viewerKey{}).(viewerState)
	return v.user, v.ok
}

// viewerID is the id to pass to store methods that apply visibility rules;
// 0 for anonymous readers.
func viewerID(r *http.Request) store.UserID {
	u, _ := viewer(r)
	return u.ID
}

// requireViewer returns the signed-in user or an Unauthorized error.
func requireViewer(r *http.Request) (store.User, error) {
	u, ok := viewer(r)
	if !ok {
		return store.User{}, reel.Errorf(reel.Unauthorized, "sign in first")
	}
	return u, nil
}

// startSession signs u in: it creates a session, replacing (and so
// invalidating) any the browser already had, and sets the cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u store.User) error {
	old := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		old = c.Value
	}
	sess, err := s.store.CreateSession(r.Context(), u.ID, 0, old)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: sess.ID, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isTLS(r),
	})
	return nil
}

// endSession signs the browser out and clears the cookie.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.store.DeleteSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		Expires: time.Unix(0, 0), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isTLS(r)})
	return nil
}

// isTLS reports whether the browser reached us over TLS, directly or through
// a proxy that says so; cookies are then marked Secure.
func isTLS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
