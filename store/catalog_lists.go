package store

import (
	"context"

	"reel"
)

// ListedFilm is a film as a list shows it: the film and its directors.
type ListedFilm struct {
	reel.Film
	Directors []reel.PersonCredit `json:"directors"`
}

// MaxListedFilms bounds the films one list call returns.
const MaxListedFilms = 200

// PopularFilms returns the non-adult titles with the most IMDb votes, most
// voted first, with their directors: two queries whatever the limit.
//
// films has no index on votes, so on a full IMDb catalog this sorts the table;
// callers that serve it on every request should cache the result, which only
// changes on import.
func (s *Store) PopularFilms(ctx context.Context, limit int) ([]ListedFilm, error) {
	if limit <= 0 || limit > MaxListedFilms {
		limit = MaxListedFilms
	}
	rows, err := s.query(ctx, s.rebind("SELECT "+filmColumns+
		" FROM films WHERE adult = 0 AND type <> 'tvEpisode' ORDER BY votes DESC, id LIMIT ?"), limit)
	if err != nil {
		return nil, s.wrapErr(err, "popular films")
	}
	defer rows.Close()
	out := []ListedFilm{}
	for rows.Next() {
		f, err := scanFilm(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan film")
		}
		out = append(out, ListedFilm{Film: f})
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrapErr(err, "popular films")
	}
	return out, s.addDirectors(ctx, out)
}

// addDirectors fills in the directors of films in one query. A person
// credited twice as director of one film (a principal and a crew row) is
// listed once.
func (s *Store) addDirectors(ctx context.Context, films []ListedFilm) error {
	if len(films) == 0 {
		return nil
	}
	at := make(map[reel.FilmID]int, len(films))
	args := make([]any, len(films))
	for i, f := range films {
		at[f.ID] = i
		args[i] = f.ID
	}
	rows, err := s.query(ctx, s.rebind(`SELECT c.film_id, c.person_id, c.ordering, c.category, c.job, p.name
		FROM credits c JOIN people p ON p.id = c.person_id
		WHERE c.category = 'director' AND c.film_id IN (`+placeholders(len(films))+`)
		ORDER BY c.film_id, c.ordering`), args...)
	if err != nil {
		return s.wrapErr(err, "directors")
	}
	defer rows.Close()
	for rows.Next() {
		var c reel.PersonCredit
		if err := rows.Scan(&c.FilmID, &c.PersonID, &c.Ordering, &c.Category, &c.Job, &c.Name); err != nil {
			return s.wrapErr(err, "scan director")
		}
		f := &films[at[c.FilmID]]
		if !hasPerson(f.Directors, c.PersonID) {
			f.Directors = append(f.Directors, c)
		}
	}
	return s.wrapErr(rows.Err(), "directors")
}

func hasPerson(cs []reel.PersonCredit, id reel.PersonID) bool {
	for _, c := range cs {
		if c.PersonID == id {
			return true
		}
	}
	return false
}
