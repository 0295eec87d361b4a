package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"reel"
	"reel/grade"
	"reel/store"
)

// api registers an API route and records its pattern, so the OpenAPI
// document can be checked against what the server really serves.
func (s *Server) api(pattern string, h http.HandlerFunc) {
	s.apiPatterns = append(s.apiPatterns, pattern)
	s.mux.HandleFunc(pattern, h)
}

// apiViewer returns the signed-in user or answers 401. statusOf maps
// Unauthorized to 403, which is right for "signed in but not allowed"; a
// request with no (or an unknown) credential is the one case HTTP calls 401,
// and a 401 must carry a challenge saying how to authenticate.
func (s *Server) apiViewer(w http.ResponseWriter, r *http.Request) (store.User, bool) {
	u, err := requireViewer(r)
	if err != nil {
		var body apiError
		body.Error.Code = reel.Unauthorized
		body.Error.Message = "sign in first: send Authorization: Bearer <token>"
		w.Header().Set("WWW-Authenticate", `Bearer realm="reel"`)
		s.writeJSON(w, http.StatusUnauthorized, body)
		return u, false
	}
	return u, true
}

// decodeJSON reads a JSON request body into v strictly: unknown fields,
// trailing data and wrong types are Invalid with a message naming the
// problem, so a client's typo is not silently ignored. The middleware bounds
// the body's size.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			return reel.Errorf(reel.Invalid, "send a JSON body with Content-Type: application/json, not %q", mt)
		}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return reel.Errorf(reel.Invalid, "the request body holds more than one JSON value")
	}
	return nil
}

// jsonError turns a decoding error into a message a client can act on.
func jsonError(err error) error {
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var own *reel.Error
	switch {
	case errors.As(err, &own):
		return err // a field's own parser, such as a film id, said what is wrong
	case errors.As(err, &tooBig):
		return reel.Errorf(reel.Invalid, "the request body is over the %d-byte limit", tooBig.Limit)
	case errors.Is(err, io.EOF):
		return reel.Errorf(reel.Invalid, "the request body is empty: send a JSON object")
	case errors.As(err, &syntax):
		return reel.Errorf(reel.Invalid, "invalid JSON at byte %d: %v", syntax.Offset, err)
	case errors.As(err, &typ):
		return reel.Errorf(reel.Invalid, "field %q: want %s, not a JSON %s", typ.Field, typ.Type, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return reel.Errorf(reel.Invalid, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return reel.Wrap(err, reel.Invalid, "invalid JSON body")
}

// pageParam reads the cursor parameters ?after= and ?limit= (1 to 100).
func pageParam(r *http.Request) (store.Page, error) {
	q := r.URL.Query()
	p := store.Page{After: q.Get("after")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > store.MaxPageLimit {
			return p, reel.Errorf(reel.Invalid, "limit must be a number from 1 to %d", store.MaxPageLimit)
		}
		p.Limit = n
	}
	return p, nil
}

// pathInt reads a positive integer id from the path.
func pathInt(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, reel.Errorf(reel.Invalid, "invalid %s %q: want a positive number", name, v)
	}
	return n, nil
}

// boolQuery reads a flag such as ?dry_run=1; absent is false.
func boolQuery(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, reel.Errorf(reel.Invalid, "%s must be 1, 0, true or false", name)
	}
	return b, nil
}

// parseGrade reads a grade as its writer typed it; "" is no grade.
func parseGrade(text string) (grade.Grade, error) {
	if text == "" {
		return grade.Grade{}, nil
	}
	return readGrade(text)
}

// storedGrade turns a stored grade back into an input one, so a partial
// update keeps it: re-parsing the text restores what the writer gave.
func storedGrade(g *store.ReviewGrade) grade.Grade {
	if g == nil {
		return grade.Grade{}
	}
	if p, err := grade.Parse(g.Text); err == nil {
		return p
	}
	return grade.Grade{Text: g.Text, Scale: g.Scale, Value: g.Value}
}

// forbidden is the 403 for a signed-in user touching another's item.
func forbidden(what string) error {
	return reel.Errorf(reel.Unauthorized, "%s belongs to another user", what)
}

// created answers a create with 201 and where the new item lives.
func (s *Server) created(w http.ResponseWriter, location string, v any) {
	w.Header().Set("Location", location)
	s.writeJSON(w, http.StatusCreated, v)
}

func apiPath(format string, args ...any) string { return "/api/v1/" + fmt.Sprintf(format, args...) }

// filmIDInput is a film id in a request body: "tt0052357" as the site writes
// it, or the bare number the API's responses carry in film_id.
type filmIDInput reel.FilmID

func (f *filmIDInput) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // as for any JSON value: null leaves the field unset
	}
	var s string
	if len(b) > 0 && b[0] != '"' {
		s = string(b)
	} else if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	id, err := reel.ParseFilmID(s)
	*f = filmIDInput(id)
	return err
}
