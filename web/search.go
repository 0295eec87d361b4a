package web

import (
	"context"
	"net/http"
	"strings"

	"reel"
	"reel/matchkey"
)

// searchPage is the search page's view-model.
type searchPage struct {
	Query  string
	Groups []hitGroup // films and people, the group with the best hit first; empty groups left out
	Error  string     // why the query could not run, shown above the form
}

// hitGroup is the hits of one kind.
type hitGroup struct {
	Kind  string // film or person: the id of the section
	Label string
	Hits  []reel.SearchHit
}

// searchLimit bounds the results of a page; the store ranks them first.
const searchLimit = 40

// handleSearch serves search results from the page cache: they change only
// on import, and the same few queries make most of the traffic.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	// The header's search box stays empty here: the page has its own.
	v := view{Title: "Search", Description: "Search films and people."}
	switch {
	case q == "":
		v.Page = searchPage{}
		s.render(w, r, http.StatusOK, "search", v)
		return
	case matchkey.Key(q) == "":
		v.Page = searchPage{Query: q, Error: "Type some letters or digits: punctuation alone matches nothing."}
		s.render(w, r, statusOf(reel.Invalid), "search", v)
		return
	}
	s.renderCached(w, r, "search\x00"+q, "search", func(ctx context.Context) (view, error) {
		hits, err := s.store.Search(ctx, q, searchLimit)
		v.Title = "Search: " + q
		v.Page = searchPage{Query: q, Groups: groupHits(hits)}
		return v, err
	})
}

// groupHits splits ranked hits into films and people. Hits arrive best
// first, so the group of the first hit leads.
func groupHits(hits []reel.SearchHit) []hitGroup {
	films := hitGroup{Kind: "film", Label: "Films"}
	people := hitGroup{Kind: "person", Label: "People"}
	var order []*hitGroup
	for _, h := range hits {
		g := &people
		if h.Kind == "film" {
			g = &films
		}
		if len(g.Hits) == 0 {
			order = append(order, g)
		}
		g.Hits = append(g.Hits, h)
	}
	out := make([]hitGroup, len(order))
	for i, g := range order {
		out[i] = *g
	}
	return out
}
