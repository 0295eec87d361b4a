package store

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"

	"reel"
	"reel/matchkey"
)

// Search limits. A prefix scan reads at most scanLimit keys before ranking, so
// a one-letter query costs the same as a precise one on a full IMDb catalog.
const (
	MaxSearchResults = 100
	scanLimit        = 2000
	rankLimit        = 300
)

// Kinds of search_keys rows.
const (
	kindFilm   = 1
	kindPerson = 2
)

// keyHit is one search_keys row that matched.
type keyHit struct {
	key  string
	kind int
	ref  int64
	pop  int64
}

// Search finds films and people whose title, alternate title or name starts
// with the query, or has a word that does, ignoring case, accents and
// punctuation. Exact matches rank first, then whole-name prefixes, then word
// prefixes; popularity (IMDb votes) orders each tier.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]reel.SearchHit, error) {
	q := matchkey.Key(query)
	if q == "" {
		return nil, reel.Errorf(reel.Invalid, "search query %q has no letters or digits", query)
	}
	if limit <= 0 || limit > MaxSearchResults {
		limit = MaxSearchResults
	}
	hits, err := s.matchKeys(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.rankHits(ctx, q, hits, limit)
}

// matchKeys returns the best key for each matching entity.
func (s *Store) matchKeys(ctx context.Context, q string) (map[[2]int64]keyHit, error) {
	best := map[[2]int64]keyHit{}
	add := func(h keyHit) {
		id := [2]int64{int64(h.kind), h.ref}
		if old, ok := best[id]; !ok || len(h.key) < len(old.key) {
			best[id] = h
		}
	}
	queries := []struct {
		sql  string
		args []any
	}{
		{"SELECT key, kind, ref, pop FROM search_keys WHERE key = ? ORDER BY pop DESC LIMIT 100", []any{q}},
		{`SELECT key, kind, ref, pop FROM (SELECT key, kind, ref, pop FROM search_keys
			WHERE key >= ? AND key < ? ORDER BY key LIMIT ` + strconv.Itoa(scanLimit) + `) AS k ORDER BY pop DESC LIMIT ` + strconv.Itoa(rankLimit),
			[]any{q, q + "\U0010FFFF"}},
	}
	for _, qq := range queries {
		rows, err := s.query(ctx, s.rebind(qq.sql), qq.args...)
		if err != nil {
			return nil, s.wrapErr(err, "search")
		}
		for rows.Next() {
			var h keyHit
			if err := rows.Scan(&h.key, &h.kind, &h.ref, &h.pop); err != nil {
				rows.Close()
				return nil, s.wrapErr(err, "scan search key")
			}
			add(h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.wrapErr(err, "search")
		}
	}
	return best, nil
}

func (s *Store) rankHits(ctx context.Context, q string, hits map[[2]int64]keyHit, limit int) ([]reel.SearchHit, error) {
	var filmIDs []reel.FilmID
	var personIDs []reel.PersonID
	for id := range hits {
		if id[0] == kindFilm {
			filmIDs = append(filmIDs, reel.FilmID(id[1]))
		} else {
			personIDs = append(personIDs, reel.PersonID(id[1]))
		}
	}
	out := make([]reel.SearchHit, 0, len(hits))
	films, err := s.Films(ctx, filmIDs)
	if err != nil {
		return nil, err
	}
	for _, f := range films {
		h := hits[[2]int64{kindFilm, int64(f.ID)}]
		hit := reel.SearchHit{Kind: "film", ID: f.ID.String(), Name: f.Title, Year: f.Year}
		hit.Score = score(q, h, f.Title)
		if k := matchkey.Key(f.Title); !strings.HasPrefix(k, h.key) && !strings.HasSuffix(k, h.key) {
			hit.Extra = matchedAlt(h.key, f.OriginalTitle)
		}
		out = append(out, hit)
	}
	people, err := s.peopleByID(ctx, personIDs)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		h := hits[[2]int64{kindPerson, int64(p.ID)}]
		out = append(out, reel.SearchHit{Kind: "person", ID: p.ID.String(), Name: p.Name,
			Extra: strings.Join(p.Professions, ", "), Score: score(q, h, p.Name)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// matchedAlt names the original title when the hit came through it, so a
// result for "hable con ella" shows why "Talk to Her" matched.
func matchedAlt(key, original string) string {
	if strings.Contains(matchkey.Key(original), key) {
		return original
	}
	return "alternate title"
}

// score ranks a hit: the tier (exact, whole-name prefix, word prefix) dominates
// and popularity orders within a tier.
func score(q string, h keyHit, name string) float64 {
	tier := 1.0
	full := h.key == matchkey.Key(name) || strings.HasPrefix(matchkey.Key(name), h.key)
	switch {
	case h.key == q && full:
		tier = 4
	case h.key == q:
		tier = 3
	case full:
		tier = 2
	}
	return tier*10 + math.Log10(1+float64(h.pop))
}

func (s *Store) peopleByID(ctx context.Context, ids []reel.PersonID) ([]reel.Person, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.query(ctx, s.rebind("SELECT "+personColumns+" FROM people WHERE id IN ("+placeholders(len(ids))+")"), args...)
	if err != nil {
		return nil, s.wrapErr(err, "people")
	}
	defer rows.Close()
	var out []reel.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan person")
		}
		out = append(out, p)
	}
	return out, s.wrapErr(rows.Err(), "people")
}
