package store

import (
	"context"
	"time"

	"reel"
)

// DatedFilm is a film with the time it was put somewhere (watchlist, likes,
// marked watched).
type DatedFilm struct {
	FilmID reel.FilmID `json:"film_id"`
	At     time.Time   `json:"at"`
}

// Journal is everything a user wrote, for exports: private items included.
// Each part is in a stable order (oldest first, ties by id), so the same data
// always exports to the same bytes.
type Journal struct {
	User      User                      `json:"user"`
	Diary     []DiaryEntry              `json:"diary"`
	Reviews   []Review                  `json:"reviews"`
	Watched   []DatedFilm               `json:"watched"` // marked seen without a diary entry or review
	Watchlist []DatedFilm               `json:"watchlist"`
	Likes     []DatedFilm               `json:"likes"` // liked films
	Lists     []ListDetail              `json:"lists"`
	Films     map[reel.FilmID]reel.Film `json:"-"` // every film named above
}

// Journal reads all of user's journal and reviews.
func (s *Store) Journal(ctx context.Context, user UserID) (Journal, error) {
	u, err := s.User(ctx, user)
	if err != nil {
		return Journal{}, err
	}
	j := Journal{User: u}
	steps := []func(context.Context, *Journal) error{s.journalDiary, s.journalReviews, s.journalDated, s.journalLists, s.journalFilms}
	for _, step := range steps {
		if err := step(ctx, &j); err != nil {
			return Journal{}, err
		}
	}
	return j, nil
}

// ids reads one column of int64 ids.
func (s *Store) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, s.wrapErr(err, "journal")
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.wrapErr(err, "journal")
		}
		out = append(out, id)
	}
	return out, s.wrapErr(rows.Err(), "journal")
}

func (s *Store) journalDiary(ctx context.Context, j *Journal) error {
	ids, err := s.ids(ctx, "SELECT id FROM diary_entries WHERE user_id = ? ORDER BY watched_on, created_at, id", j.User.ID)
	if err != nil {
		return err
	}
	j.Diary = []DiaryEntry{}
	for _, id := range ids {
		e, err := s.DiaryEntry(ctx, j.User.ID, DiaryID(id))
		if err != nil {
			return err
		}
		j.Diary = append(j.Diary, e)
	}
	return nil
}

func (s *Store) journalReviews(ctx context.Context, j *Journal) error {
	ids, err := s.ids(ctx, "SELECT id FROM reviews WHERE user_id = ? ORDER BY created_at, id", j.User.ID)
	if err != nil {
		return err
	}
	j.Reviews = []Review{}
	for _, id := range ids {
		r, err := s.Review(ctx, j.User.ID, ReviewID(id))
		if err != nil {
			return err
		}
		j.Reviews = append(j.Reviews, r)
	}
	return nil
}

func (s *Store) journalDated(ctx context.Context, j *Journal) error {
	parts := []struct {
		dst *[]DatedFilm
		q   string
	}{
		{&j.Watched, "SELECT film_id, marked_at FROM watched_films WHERE user_id = ? ORDER BY marked_at, film_id"},
		{&j.Watchlist, "SELECT film_id, added_at FROM watchlist WHERE user_id = ? ORDER BY added_at, film_id"},
		{&j.Likes, "SELECT target_id, created_at FROM likes WHERE user_id = ? AND kind = 'film' ORDER BY created_at, target_id"},
	}
	for _, p := range parts {
		out, err := s.datedFilms(ctx, p.q, j.User.ID)
		if err != nil {
			return err
		}
		*p.dst = out
	}
	return nil
}

func (s *Store) datedFilms(ctx context.Context, q string, user UserID) ([]DatedFilm, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), user)
	if err != nil {
		return nil, s.wrapErr(err, "journal")
	}
	defer rows.Close()
	out := []DatedFilm{}
	for rows.Next() {
		var d DatedFilm
		var at int64
		if err := rows.Scan(&d.FilmID, &at); err != nil {
			return nil, s.wrapErr(err, "journal")
		}
		d.At = fromMillis(at)
		out = append(out, d)
	}
	return out, s.wrapErr(rows.Err(), "journal")
}

func (s *Store) journalLists(ctx context.Context, j *Journal) error {
	ids, err := s.ids(ctx, "SELECT id FROM lists WHERE user_id = ? ORDER BY created_at, id", j.User.ID)
	if err != nil {
		return err
	}
	j.Lists = []ListDetail{}
	for _, id := range ids {
		l, err := s.List(ctx, j.User.ID, ListID(id))
		if err != nil {
			return err
		}
		j.Lists = append(j.Lists, l)
	}
	return nil
}

// journalFilms loads the title and year of every film the journal names.
func (s *Store) journalFilms(ctx context.Context, j *Journal) error {
	set := map[reel.FilmID]bool{}
	for _, e := range j.Diary {
		set[e.FilmID] = true
	}
	for _, r := range j.Reviews {
		set[r.FilmID] = true
	}
	for _, ds := range [][]DatedFilm{j.Watched, j.Watchlist, j.Likes} {
		for _, d := range ds {
			set[d.FilmID] = true
		}
	}
	for _, l := range j.Lists {
		for _, e := range l.Entries {
			set[e.FilmID] = true
		}
	}
	ids := make([]reel.FilmID, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	films, err := s.Films(ctx, ids)
	if err != nil {
		return err
	}
	j.Films = map[reel.FilmID]reel.Film{}
	for _, f := range films {
		j.Films[f.ID] = f
	}
	return nil
}
