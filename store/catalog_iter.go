package store

import (
	"context"
	"database/sql"
	"strings"

	"reel"
)

// The Each* methods stream the whole catalog row by row, for consumers that
// build their own in-memory structures (the copy desk's entity linker). They
// run one plain query each, with no transaction: a concurrent import may be
// seen half-applied, which an index rebuilt after imports tolerates. fn's
// error stops the iteration and is returned as is.

// EachFilm calls fn for every film, in id order.
func (s *Store) EachFilm(ctx context.Context, fn func(reel.Film) error) error {
	return s.eachRow(ctx, "films", "SELECT "+filmColumns+" FROM films ORDER BY id", func(rows *sql.Rows) error {
		f, err := scanFilm(rows)
		if err != nil {
			return s.wrapErr(err, "scan film")
		}
		return fn(f)
	})
}

// EachAltTitle calls fn for every alternate title, grouped by film.
func (s *Store) EachAltTitle(ctx context.Context, fn func(reel.FilmID, reel.AltTitle) error) error {
	q := "SELECT film_id, title, region, language, types, is_original FROM film_titles ORDER BY film_id, ordering"
	return s.eachRow(ctx, "alternate titles", q, func(rows *sql.Rows) error {
		var id reel.FilmID
		var a reel.AltTitle
		var orig int
		if err := rows.Scan(&id, &a.Title, &a.Region, &a.Language, &a.Types, &orig); err != nil {
			return s.wrapErr(err, "scan alternate title")
		}
		a.Original = orig != 0
		return fn(id, a)
	})
}

// EachPerson calls fn for every person, in id order.
func (s *Store) EachPerson(ctx context.Context, fn func(reel.Person) error) error {
	return s.eachRow(ctx, "people", "SELECT "+personColumns+" FROM people ORDER BY id", func(rows *sql.Rows) error {
		p, err := scanPerson(rows)
		if err != nil {
			return s.wrapErr(err, "scan person")
		}
		return fn(p)
	})
}

// EachCredit calls fn for every credit, grouped by film in billing order.
func (s *Store) EachCredit(ctx context.Context, fn func(reel.Credit) error) error {
	q := "SELECT film_id, person_id, ordering, category, job, characters FROM credits ORDER BY film_id, ordering"
	return s.eachRow(ctx, "credits", q, func(rows *sql.Rows) error {
		var c reel.Credit
		var chars string
		if err := rows.Scan(&c.FilmID, &c.PersonID, &c.Ordering, &c.Category, &c.Job, &chars); err != nil {
			return s.wrapErr(err, "scan credit")
		}
		c.Characters = iterCharacters(chars)
		return fn(c)
	})
}

// iterCharacters reads a credit's characters cell. IMDb's dumps are not
// always valid JSON there (bare quotes inside a name: ["Stephen "Dr" Love"]),
// so a cell JSON rejects is split leniently instead of being dropped.
func iterCharacters(s string) []string {
	if out := parseCharacters(s); out != nil || s == "" {
		return out
	}
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil
	}
	var out []string
	for _, part := range strings.Split(s[1:len(s)-1], `","`) {
		part = strings.ReplaceAll(strings.Trim(strings.TrimSpace(part), `"`), `\"`, `"`)
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// eachRow runs query and calls fn on each row as it streams.
func (s *Store) eachRow(ctx context.Context, what, query string, fn func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, s.rebind(query))
	if err != nil {
		return s.wrapErr(err, what)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return s.wrapErr(rows.Err(), what)
}
