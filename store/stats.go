package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"reel"
)

// Viewing is one time a user watched a film, as their stats count it: a
// diary entry, or a review that no diary entry holds (a critic who reviews
// without keeping a diary still has stats).
type Viewing struct {
	FilmID    reel.FilmID `json:"film_id"`
	WatchedOn string      `json:"watched_on"` // YYYY-MM-DD; a review without one counts on the day it was written
	Rewatch   bool        `json:"rewatch"`
	Liked     bool        `json:"liked"`
	Graded    bool        `json:"graded"`
	Value     float64     `json:"value"` // 0–100 when Graded
}

// statsViewingsDiary reads diary entries; the grade of an entry linked to
// another user's private review is left out (params: viewer, user), so
// stats never reveal what a private review said.
const statsViewingsDiary = `SELECT d.film_id, d.watched_on, d.rewatch, d.liked,
	CASE WHEN r.id IS NULL OR r.visibility <> 'private' OR r.user_id = ? THEN d.grade_value END
	FROM diary_entries d LEFT JOIN reviews r ON r.id = d.review_id WHERE d.user_id = ?`

// statsViewingsReviews reads the reviews no diary entry holds, as the
// viewer may see them listed (params: user, viewer).
const statsViewingsReviews = `SELECT r.film_id, r.watched_on, r.created_at, r.rewatch, r.liked, r.grade_value
	FROM reviews r WHERE r.user_id = ? AND (r.visibility = 'public' OR r.user_id = ?)
	AND NOT EXISTS (SELECT 1 FROM diary_entries d WHERE d.review_id = r.id)`

// Viewings returns everything user watched as viewer may see it, latest
// first. It reads the whole journal: callers aggregate it (stats, a year in
// review), which a decade of daily viewings (a few thousand rows) allows.
func (s *Store) Viewings(ctx context.Context, viewer, user UserID) ([]Viewing, error) {
	out, err := s.diaryViewings(ctx, viewer, user)
	if err != nil {
		return nil, err
	}
	more, err := s.reviewViewings(ctx, viewer, user)
	if err != nil {
		return nil, err
	}
	out = append(out, more...)
	slices.SortStableFunc(out, func(a, b Viewing) int { return cmp.Compare(b.WatchedOn, a.WatchedOn) })
	return out, nil
}

func (s *Store) diaryViewings(ctx context.Context, viewer, user UserID) ([]Viewing, error) {
	rows, err := s.query(ctx, s.rebind(statsViewingsDiary), viewer, user)
	if err != nil {
		return nil, s.wrapErr(err, "viewings")
	}
	defer rows.Close()
	out := []Viewing{}
	for rows.Next() {
		var v Viewing
		var rewatch, liked int
		var value sql.NullInt64
		if err := rows.Scan(&v.FilmID, &v.WatchedOn, &rewatch, &liked, &value); err != nil {
			return nil, s.wrapErr(err, "scan viewing")
		}
		v.Rewatch, v.Liked = rewatch != 0, liked != 0
		v.Graded, v.Value = value.Valid, float64(value.Int64)/10
		out = append(out, v)
	}
	return out, s.wrapErr(rows.Err(), "viewings")
}

func (s *Store) reviewViewings(ctx context.Context, viewer, user UserID) ([]Viewing, error) {
	rows, err := s.query(ctx, s.rebind(statsViewingsReviews), user, viewer)
	if err != nil {
		return nil, s.wrapErr(err, "reviewed viewings")
	}
	defer rows.Close()
	var out []Viewing
	for rows.Next() {
		var v Viewing
		var watched sql.NullString
		var created int64
		var rewatch, liked int
		var value sql.NullInt64
		if err := rows.Scan(&v.FilmID, &watched, &created, &rewatch, &liked, &value); err != nil {
			return nil, s.wrapErr(err, "scan reviewed viewing")
		}
		v.WatchedOn = watched.String
		if !watched.Valid || v.WatchedOn == "" {
			v.WatchedOn = fromMillis(created).Format(time.DateOnly)
		}
		v.Rewatch, v.Liked = rewatch != 0, liked != 0
		v.Graded, v.Value = value.Valid, float64(value.Int64)/10
		out = append(out, v)
	}
	return out, s.wrapErr(rows.Err(), "reviewed viewings")
}

// FilmPeople are the people stats count for a film: its directors and its
// top-billed cast.
type FilmPeople struct {
	Directors []reel.Person `json:"directors"`
	Cast      []reel.Person `json:"cast"`
}

// statsBatch bounds the ids in one IN list, well under both engines' limits
// on query parameters.
const statsBatch = 500

// PeopleOfFilms returns the directors and the first castSize billed actors
// of each film, in billing order, reading the films in batches.
func (s *Store) PeopleOfFilms(ctx context.Context, ids []reel.FilmID, castSize int) (map[reel.FilmID]*FilmPeople, error) {
	out := make(map[reel.FilmID]*FilmPeople, len(ids))
	for batch := range slices.Chunk(ids, statsBatch) {
		if err := s.peopleOfFilms(ctx, batch, castSize, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) peopleOfFilms(ctx context.Context, ids []reel.FilmID, castSize int, out map[reel.FilmID]*FilmPeople) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.query(ctx, s.rebind(`SELECT c.film_id, c.category, p.id, p.name
		FROM credits c JOIN people p ON p.id = c.person_id
		WHERE c.category IN ('director', 'actor', 'actress') AND c.film_id IN (`+placeholders(len(ids))+`)
		ORDER BY c.film_id, c.ordering`), args...)
	if err != nil {
		return s.wrapErr(err, "film people")
	}
	defer rows.Close()
	for rows.Next() {
		var film reel.FilmID
		var category string
		var p reel.Person
		if err := rows.Scan(&film, &category, &p.ID, &p.Name); err != nil {
			return s.wrapErr(err, "scan film person")
		}
		fp := out[film]
		if fp == nil {
			fp = &FilmPeople{}
			out[film] = fp
		}
		switch {
		case category == reel.CategoryDirector && !containsPerson(fp.Directors, p.ID):
			fp.Directors = append(fp.Directors, p)
		case category != reel.CategoryDirector && len(fp.Cast) < castSize && !containsPerson(fp.Cast, p.ID):
			fp.Cast = append(fp.Cast, p)
		}
	}
	return s.wrapErr(rows.Err(), "film people")
}

func containsPerson(ps []reel.Person, id reel.PersonID) bool {
	return slices.ContainsFunc(ps, func(p reel.Person) bool { return p.ID == id })
}

// FilmsInBatches is Films for any number of ids.
func (s *Store) FilmsInBatches(ctx context.Context, ids []reel.FilmID) ([]reel.Film, error) {
	var out []reel.Film
	for batch := range slices.Chunk(ids, statsBatch) {
		fs, err := s.Films(ctx, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}
