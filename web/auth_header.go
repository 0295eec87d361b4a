package web

import (
	"bytes"
	"net/http"
	"sync"

	"reel/store"
)

// The header's account links are the one personal part of every page. Pages
// are rendered once and cached for all readers, so the layout always holds
// the signed-out links ("Sign in"), and writeHTML swaps them for the
// viewer's own on the way out. The caches stay shared, and the swap costs
// one search through the page for signed-in readers.

// accountView is what the "account" template shows a signed-in viewer.
type accountView struct {
	Name    string // the handle, for the profile URL
	Display string // display name, or the handle
	Admin   bool
}

// signedOut holds the signed-out links exactly as pages hold them. They
// come from the embedded templates alone, so every Server renders the same
// bytes and one copy serves them all.
var signedOut struct {
	once sync.Once
	b    []byte
	err  error
}

func (s *Server) signedOutAccount() ([]byte, error) {
	signedOut.once.Do(func() { signedOut.b, signedOut.err = s.execute("error", "account", nil) })
	return signedOut.b, signedOut.err
}

// personalise returns body with the header's account links for r's viewer.
// Anonymous readers, and bodies without the links, get body itself. A
// personalised page is marked private, so no shared cache keeps it.
func (s *Server) personalise(w http.ResponseWriter, r *http.Request, body []byte) []byte {
	u, ok := viewer(r)
	if !ok {
		return body
	}
	anon, err := s.signedOutAccount()
	if err != nil {
		s.logger.Error("render account links", "err", err)
		return body
	}
	i := bytes.Index(body, anon)
	if i < 0 {
		return body
	}
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "private")
	}
	display := u.Profile.DisplayName
	if display == "" {
		display = u.Name
	}
	mine, err := s.execute("error", "account", accountView{Name: u.Name, Display: display, Admin: u.Role == store.RoleAdmin})
	if err != nil {
		s.logger.Error("render account links", "err", err)
		return body
	}
	out := make([]byte, 0, len(body)-len(anon)+len(mine))
	return append(append(append(out, body[:i]...), mine...), body[i+len(anon):]...)
}
