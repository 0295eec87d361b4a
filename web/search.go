package web

import (
	"net/http"
	"strings"

	"reel"
)

// searchPage is the search page's view-model.
type searchPage struct {
	Query  string
	Films  []reel.SearchHit
	People []reel.SearchHit
	Error  string // why the query could not run, shown above the form
}

// searchLimit bounds the results of a page; the store ranks them first.
const searchLimit = 40

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := searchPage{Query: q}
	v := view{Title: "Search", Description: "Search films and people.", Query: q, Page: &p}
	if q == "" {
		s.render(w, r, http.StatusOK, "search", v)
		return
	}
	v.Title = "Search: " + q
	hits, err := s.store.Search(r.Context(), q, searchLimit)
	if reel.ErrorCode(err) == reel.Invalid {
		p.Error = reel.ErrorMessage(err)
		s.render(w, r, statusOf(reel.Invalid), "search", v)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, h := range hits {
		if h.Kind == "film" {
			p.Films = append(p.Films, h)
		} else {
			p.People = append(p.People, h)
		}
	}
	s.render(w, r, http.StatusOK, "search", v)
}
