package letterboxd

import (
	"context"

	"reel/matchkey"
)

// MemCatalog is a Catalog held in memory, for tests and dry runs against
// a handful of films. The zero value is empty and ready to use.
type MemCatalog struct {
	byKey map[string][]Candidate
}

// Add records a film under its title and each alternate title.
func (c *MemCatalog) Add(id, title string, year int, popularity int64, alternates ...string) {
	if c.byKey == nil {
		c.byKey = make(map[string][]Candidate)
	}
	for _, t := range append([]string{title}, alternates...) {
		k := matchkey.Key(t)
		c.byKey[k] = append(c.byKey[k], Candidate{ID: id, Title: title, Year: year, Popularity: popularity, MatchedTitle: t})
	}
}

// Candidates implements Catalog.
func (c *MemCatalog) Candidates(ctx context.Context, title string, year int) ([]Candidate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Candidate
	for _, cand := range c.byKey[matchkey.Key(title)] {
		if year == 0 || cand.Year >= year-1 && cand.Year <= year+1 {
			out = append(out, cand)
		}
	}
	return out, nil
}
