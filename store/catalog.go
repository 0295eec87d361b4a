package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"reel"
)

const filmColumns = "id, type, title, original_title, adult, year, end_year, runtime, genres, rating, votes"

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

func scanFilm(sc scanner) (reel.Film, error) {
	var f reel.Film
	var year, endYear, runtime sql.NullInt64
	var rating sql.NullFloat64
	var genres string
	var adult int
	err := sc.Scan(&f.ID, &f.Type, &f.Title, &f.OriginalTitle, &adult, &year, &endYear, &runtime, &genres, &rating, &f.Votes)
	f.Year, f.EndYear, f.Runtime = int(year.Int64), int(endYear.Int64), int(runtime.Int64)
	f.Rating, f.Adult = rating.Float64, adult != 0
	f.Genres = splitList(genres)
	return f, err
}

// splitList splits IMDb's comma-separated cells; never nil, so JSON shows [].
func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// Film returns one film with its alternate titles and credits.
func (s *Store) Film(ctx context.Context, id reel.FilmID) (reel.FilmDetail, error) {
	var d reel.FilmDetail
	f, err := scanFilm(s.queryRow(ctx, s.rebind("SELECT "+filmColumns+" FROM films WHERE id = ?"), id))
	if err != nil {
		return d, s.wrapErr(err, "film "+id.String())
	}
	d.Film = f
	if d.AltTitles, err = s.altTitles(ctx, id); err != nil {
		return d, err
	}
	d.Credits, err = s.filmCredits(ctx, id)
	return d, err
}

// Films returns the films with the given ids that exist, in no set order.
func (s *Store) Films(ctx context.Context, ids []reel.FilmID) ([]reel.Film, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.query(ctx, s.rebind("SELECT "+filmColumns+" FROM films WHERE id IN ("+placeholders(len(ids))+")"), args...)
	if err != nil {
		return nil, s.wrapErr(err, "films")
	}
	defer rows.Close()
	var out []reel.Film
	for rows.Next() {
		f, err := scanFilm(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan film")
		}
		out = append(out, f)
	}
	return out, s.wrapErr(rows.Err(), "films")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func (s *Store) altTitles(ctx context.Context, id reel.FilmID) ([]reel.AltTitle, error) {
	rows, err := s.query(ctx, s.rebind(`SELECT title, region, language, types, is_original
		FROM film_titles WHERE film_id = ? ORDER BY ordering`), id)
	if err != nil {
		return nil, s.wrapErr(err, "alternate titles")
	}
	defer rows.Close()
	out := []reel.AltTitle{}
	for rows.Next() {
		var a reel.AltTitle
		var orig int
		if err := rows.Scan(&a.Title, &a.Region, &a.Language, &a.Types, &orig); err != nil {
			return nil, s.wrapErr(err, "scan alternate title")
		}
		a.Original = orig != 0
		out = append(out, a)
	}
	return out, s.wrapErr(rows.Err(), "alternate titles")
}

func (s *Store) filmCredits(ctx context.Context, id reel.FilmID) ([]reel.PersonCredit, error) {
	rows, err := s.query(ctx, s.rebind(`SELECT c.film_id, c.person_id, c.ordering, c.category, c.job, c.characters,
		COALESCE(p.name, '') FROM credits c LEFT JOIN people p ON p.id = c.person_id
		WHERE c.film_id = ? ORDER BY c.ordering`), id)
	if err != nil {
		return nil, s.wrapErr(err, "credits")
	}
	defer rows.Close()
	out := []reel.PersonCredit{}
	for rows.Next() {
		var c reel.PersonCredit
		var chars string
		if err := rows.Scan(&c.FilmID, &c.PersonID, &c.Ordering, &c.Category, &c.Job, &chars, &c.Name); err != nil {
			return nil, s.wrapErr(err, "scan credit")
		}
		c.Characters = parseCharacters(chars)
		out = append(out, c)
	}
	return out, s.wrapErr(rows.Err(), "credits")
}

// parseCharacters reads the JSON array IMDb stores for a role; a malformed
// cell yields no characters rather than failing the whole page.
func parseCharacters(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	if json.Unmarshal([]byte(s), &out) != nil {
		return nil
	}
	return out
}

const personColumns = "id, name, birth_year, death_year, professions"

func scanPerson(sc scanner) (reel.Person, error) {
	var p reel.Person
	var birth, death sql.NullInt64
	var profs string
	err := sc.Scan(&p.ID, &p.Name, &birth, &death, &profs)
	p.BirthYear, p.DeathYear = int(birth.Int64), int(death.Int64)
	p.Professions = splitList(profs)
	return p, err
}

// Person returns one person with their filmography, newest first.
func (s *Store) Person(ctx context.Context, id reel.PersonID) (reel.PersonDetail, error) {
	var d reel.PersonDetail
	p, err := scanPerson(s.queryRow(ctx, s.rebind("SELECT "+personColumns+" FROM people WHERE id = ?"), id))
	if err != nil {
		return d, s.wrapErr(err, "person "+id.String())
	}
	d.Person = p
	d.Filmography, err = s.filmography(ctx, id)
	return d, err
}

func (s *Store) filmography(ctx context.Context, id reel.PersonID) ([]reel.FilmCredit, error) {
	rows, err := s.query(ctx, s.rebind(`SELECT c.film_id, c.person_id, c.ordering, c.category, c.job, c.characters,
		f.title, COALESCE(f.year, 0) FROM credits c JOIN films f ON f.id = c.film_id
		WHERE c.person_id = ? ORDER BY COALESCE(f.year, 0) DESC, f.id, c.ordering`), id)
	if err != nil {
		return nil, s.wrapErr(err, "filmography")
	}
	defer rows.Close()
	out := []reel.FilmCredit{}
	for rows.Next() {
		var c reel.FilmCredit
		var chars string
		if err := rows.Scan(&c.FilmID, &c.PersonID, &c.Ordering, &c.Category, &c.Job, &chars, &c.Title, &c.Year); err != nil {
			return nil, s.wrapErr(err, "scan filmography")
		}
		c.Characters = parseCharacters(chars)
		out = append(out, c)
	}
	return out, s.wrapErr(rows.Err(), "filmography")
}

// CatalogCounts reports the number of rows of each catalog table.
func (s *Store) CatalogCounts(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range []string{"films", "film_titles", "people", "credits", "search_keys"} {
		var n int64
		if err := s.queryRow(ctx, "SELECT COUNT(*) FROM "+t).Scan(&n); err != nil {
			return nil, s.wrapErr(err, "count "+t)
		}
		out[t] = n
	}
	return out, nil
}
