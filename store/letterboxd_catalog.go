package store

import (
	"context"
	"strconv"
	"strings"

	"reel"
	"reel/letterboxd"
	"reel/matchkey"
)

// LetterboxdCatalog matches Letterboxd titles against the catalog, for
// letterboxd.NewMatcher.
type LetterboxdCatalog struct{ s *Store }

// LetterboxdCatalog returns the store's catalog as a letterboxd.Catalog.
func (s *Store) LetterboxdCatalog() LetterboxdCatalog { return LetterboxdCatalog{s} }

// maxCandidates bounds the films one title can match: a title common
// enough to pass it ("Hamlet") is ambiguous without a year anyway.
const maxCandidates = 200

// Candidates returns the films one of whose titles (primary, original or
// alternate) has exactly the match key of title, within a year of year
// (any year when year is 0). search_keys also holds each title's word
// suffixes ("talk to her", "to her", "her"), so a key hit is confirmed
// against the film's own titles before it counts.
func (c LetterboxdCatalog) Candidates(ctx context.Context, title string, year int) ([]letterboxd.Candidate, error) {
	key := matchkey.Key(title)
	if key == "" {
		return nil, nil
	}
	q := `SELECT f.id, f.title, f.original_title, COALESCE(f.year, 0), f.votes
		FROM search_keys k JOIN films f ON f.id = k.ref
		WHERE k.key = ? AND k.kind = ?`
	args := []any{key, kindFilm}
	if year != 0 {
		q += " AND f.year BETWEEN ? AND ?"
		args = append(args, year-1, year+1)
	}
	q += " ORDER BY f.votes DESC, f.id LIMIT " + strconv.Itoa(maxCandidates)
	rows, err := c.s.db.QueryContext(ctx, c.s.rebind(q), args...)
	if err != nil {
		return nil, c.s.wrapErr(err, "letterboxd candidates")
	}
	var out []letterboxd.Candidate
	var unsure []int // candidates whose primary and original titles do not match
	for rows.Next() {
		var id reel.FilmID
		var primary, orig string
		var cd letterboxd.Candidate
		if err := rows.Scan(&id, &primary, &orig, &cd.Year, &cd.Popularity); err != nil {
			rows.Close()
			return nil, c.s.wrapErr(err, "scan candidate")
		}
		cd.ID, cd.Title = id.String(), primary
		switch key {
		case matchkey.Key(primary):
			cd.MatchedTitle = primary
		case matchkey.Key(orig):
			cd.MatchedTitle = orig
		default:
			unsure = append(unsure, len(out))
		}
		out = append(out, cd)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, c.s.wrapErr(err, "letterboxd candidates")
	}
	return c.confirmAlternates(ctx, key, out, unsure)
}

// confirmAlternates keeps, of the unsure candidates, those with an
// alternate title of the key, and drops the rest (suffix-only hits).
func (c LetterboxdCatalog) confirmAlternates(ctx context.Context, key string, cs []letterboxd.Candidate, unsure []int) ([]letterboxd.Candidate, error) {
	drop := map[int]bool{}
	for _, i := range unsure {
		alt, err := c.alternateTitle(ctx, cs[i].ID, key)
		if err != nil {
			return nil, err
		}
		if alt == "" {
			drop[i] = true
		}
		cs[i].MatchedTitle = alt
	}
	out := cs[:0]
	for i, cd := range cs {
		if !drop[i] {
			out = append(out, cd)
		}
	}
	return out, nil
}

// alternateTitle returns the film's first alternate title with the key, or "".
func (c LetterboxdCatalog) alternateTitle(ctx context.Context, id, key string) (string, error) {
	fid, err := reel.ParseFilmID(id)
	if err != nil {
		return "", reel.Wrap(err, reel.Internal, "film id %q", id)
	}
	rows, err := c.s.db.QueryContext(ctx, c.s.rebind("SELECT title FROM film_titles WHERE film_id = ? ORDER BY ordering"), fid)
	if err != nil {
		return "", c.s.wrapErr(err, "alternate titles")
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", c.s.wrapErr(err, "scan alternate title")
		}
		if strings.TrimSpace(t) != "" && matchkey.Key(t) == key {
			return t, nil
		}
	}
	return "", c.s.wrapErr(rows.Err(), "alternate titles")
}
