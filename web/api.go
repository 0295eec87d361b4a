package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"reel"
)

// apiError is the one error shape of the JSON API.
type apiError struct {
	Error struct {
		Code    reel.Code `json:"code"`
		Message string    `json:"message"`
	} `json:"error"`
}

// statusOf maps an error code to its HTTP status; the only place that does.
func statusOf(code reel.Code) int {
	switch code {
	case reel.Invalid:
		return http.StatusBadRequest
	case reel.NotFound:
		return http.StatusNotFound
	case reel.Conflict:
		return http.StatusConflict
	case reel.Unauthorized:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		s.logger.Warn("write json", "err", err)
	}
}

// apiFail writes err in the API's error shape, logging internal errors once.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	code := reel.ErrorCode(err)
	if code == reel.Internal {
		s.logger.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body apiError
	body.Error.Code = code
	body.Error.Message = reel.ErrorMessage(err)
	s.writeJSON(w, statusOf(code), body)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if q == "" {
		s.apiFail(w, r, reel.Errorf(reel.Invalid, "missing query parameter q"))
		return
	}
	limit := 20
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			s.apiFail(w, r, reel.Errorf(reel.Invalid, "limit must be a number from 1 to 100"))
			return
		}
		limit = n
	}
	hits, err := s.store.Search(r.Context(), q, limit)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"query": q, "results": hits})
}

func (s *Server) apiFilm(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParseFilmID(r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	f, err := s.store.Film(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, f)
}

func (s *Server) apiPerson(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParsePersonID(r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.store.Person(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, p)
}
