package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"reel/store"
)

// homePage is the front page's view-model.
type homePage struct {
	Popular []store.ListedFilm
}

// popularCount is how many films the front page lists.
const popularCount = 24

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	films, err := s.popular.get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", view{
		Description: "Films, people and criticism: search the catalog or start from the most popular films.",
		Page:        homePage{Popular: films},
	})
}

// popularCache keeps the front page's film list for a while: it changes only
// when the catalog is re-imported, and computing it sorts the films table.
type popularCache struct {
	load func(ctx context.Context) ([]store.ListedFilm, error)
	ttl  time.Duration

	mu    sync.Mutex
	at    time.Time
	films []store.ListedFilm
}

// get returns the cached list, reloading it when older than ttl. Requests
// that arrive during a reload wait for it rather than all querying at once.
func (c *popularCache) get(ctx context.Context) ([]store.ListedFilm, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.films != nil && time.Since(c.at) < c.ttl {
		return c.films, nil
	}
	films, err := c.load(ctx)
	if err != nil {
		return nil, err
	}
	c.films, c.at = films, time.Now()
	return films, nil
}
