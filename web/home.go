package web

import (
	"context"
	"net/http"

	"reel/store"
)

// homePage is the front page's view-model.
type homePage struct {
	Popular []store.ListedFilm
}

// popularCount is how many films the front page lists.
const popularCount = 24

// handleHome serves the front page from the page cache: the popular list
// changes only on import, and computing it sorts the films table.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	s.renderCached(w, r, r.URL.Path, "home", func(ctx context.Context) (view, error) {
		films, err := s.store.PopularFilms(ctx, popularCount)
		return view{
			Description: "Films, people and criticism: search the catalog or start from the most popular films.",
			Page:        homePage{Popular: films},
		}, err
	})
}
