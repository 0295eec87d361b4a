package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"reel"
	"reel/grade"
)

// The journal is what a writer keeps for themselves: a diary of viewings, a
// watchlist, lists, likes and follows. Diary and lists are public by default
// (as on Letterboxd); a diary entry's link to a private review is shown only
// to its author.

// DiaryID identifies a diary entry.
type DiaryID int64

// DiaryEntry is one viewing of a film. A film watched again is another entry
// with Rewatch set.
type DiaryEntry struct {
	ID        DiaryID      `json:"id"`
	UserID    UserID       `json:"user_id"`
	FilmID    reel.FilmID  `json:"film_id"`
	WatchedOn string       `json:"watched_on"` // YYYY-MM-DD
	Rewatch   bool         `json:"rewatch"`
	Liked     bool         `json:"liked"`
	Grade     *ReviewGrade `json:"grade,omitempty"`
	ReviewID  ReviewID     `json:"review_id,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// DiaryInput is what a writer logs or edits.
type DiaryInput struct {
	FilmID    reel.FilmID
	WatchedOn string // YYYY-MM-DD, required
	Rewatch   bool
	Liked     bool
	Grade     grade.Grade // zero for none
	ReviewID  ReviewID    // 0 for none; must be the writer's review of the same film
}

// diaryRow is a checked DiaryInput.
type diaryRow struct {
	in    DiaryInput
	value sql.NullInt64
	rid   sql.NullInt64
}

func (s *Store) prepareDiary(ctx context.Context, tx *sql.Tx, user UserID, in DiaryInput) (diaryRow, error) {
	d := diaryRow{in: in}
	if in.WatchedOn == "" {
		return d, reel.Errorf(reel.Invalid, "a diary entry needs the date the film was watched")
	}
	if err := checkDate(in.WatchedOn); err != nil {
		return d, err
	}
	r := reviewRow{in: ReviewInput{Grade: in.Grade}}
	if err := checkGrade(&r, User{}); err != nil {
		return d, err
	}
	d.value = r.gradeValue
	if err := s.filmExists(ctx, tx, in.FilmID); err != nil {
		return d, err
	}
	if in.ReviewID != 0 {
		var author UserID
		var film reel.FilmID
		err := tx.QueryRowContext(ctx, s.rebind("SELECT user_id, film_id FROM reviews WHERE id = ?"), in.ReviewID).Scan(&author, &film)
		if err != nil {
			return d, s.wrapErr(err, fmt.Sprintf("review %d", in.ReviewID))
		}
		if author != user || film != in.FilmID {
			return d, reel.Errorf(reel.Invalid, "a diary entry can only link to its writer's review of the same film")
		}
		d.rid = sql.NullInt64{Int64: int64(in.ReviewID), Valid: true}
	}
	return d, nil
}

// LogFilm adds a diary entry. Logging a film takes it off the user's
// watchlist unless the user keeps watched films there (SetKeepWatchlist).
func (s *Store) LogFilm(ctx context.Context, user UserID, in DiaryInput) (DiaryEntry, error) {
	var id DiaryID
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.lockUser(ctx, tx, user)
		if err != nil {
			return err
		}
		d, err := s.prepareDiary(ctx, tx, user, in)
		if err != nil {
			return err
		}
		now := millis(time.Now())
		err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO diary_entries (user_id, film_id, watched_on, rewatch, liked,
			grade_text, grade_scale, grade_value, review_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			user, in.FilmID, in.WatchedOn, boolInt(in.Rewatch), boolInt(in.Liked), in.Grade.Text, in.Grade.Scale,
			d.value, d.rid, now, now).Scan(&id)
		if err != nil {
			return s.wrapErr(err, "log film")
		}
		if u.KeepWatchlist {
			return nil
		}
		_, err = tx.ExecContext(ctx, s.rebind("DELETE FROM watchlist WHERE user_id = ? AND film_id = ?"), user, in.FilmID)
		return s.wrapErr(err, "update watchlist")
	})
	if err != nil {
		return DiaryEntry{}, err
	}
	return s.DiaryEntry(ctx, user, id)
}

// UpdateDiaryEntry replaces an entry's content (its date included); only its
// writer may.
func (s *Store) UpdateDiaryEntry(ctx context.Context, user UserID, id DiaryID, in DiaryInput) (DiaryEntry, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownDiaryEntry(ctx, tx, user, id); err != nil {
			return err
		}
		d, err := s.prepareDiary(ctx, tx, user, in)
		if err != nil {
			return err
		}
		return s.execOne(ctx, tx, "diary entry", `UPDATE diary_entries SET film_id = ?, watched_on = ?, rewatch = ?,
			liked = ?, grade_text = ?, grade_scale = ?, grade_value = ?, review_id = ?, updated_at = ? WHERE id = ?`,
			in.FilmID, in.WatchedOn, boolInt(in.Rewatch), boolInt(in.Liked), in.Grade.Text, in.Grade.Scale,
			d.value, d.rid, millis(time.Now()), id)
	})
	if err != nil {
		return DiaryEntry{}, err
	}
	return s.DiaryEntry(ctx, user, id)
}

// DeleteDiaryEntry deletes one of the user's entries.
func (s *Store) DeleteDiaryEntry(ctx context.Context, user UserID, id DiaryID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownDiaryEntry(ctx, tx, user, id); err != nil {
			return err
		}
		return s.execOne(ctx, tx, "diary entry", "DELETE FROM diary_entries WHERE id = ?", id)
	})
}

// ownDiaryEntry is NotFound for a missing entry and Unauthorized for another
// user's.
func (s *Store) ownDiaryEntry(ctx context.Context, tx *sql.Tx, user UserID, id DiaryID) error {
	var owner UserID
	err := tx.QueryRowContext(ctx, s.rebind("SELECT user_id FROM diary_entries WHERE id = ?"), id).Scan(&owner)
	if err != nil {
		return s.wrapErr(err, fmt.Sprintf("diary entry %d", id))
	}
	if owner != user {
		return reel.Errorf(reel.Unauthorized, "only its writer can change a diary entry")
	}
	return nil
}

// diarySelect reads entries for a viewer (the first parameter): a link to a
// private review shows only to the review's author.
const diarySelect = `SELECT d.id, d.user_id, d.film_id, d.watched_on, d.rewatch, d.liked, d.grade_text,
	d.grade_scale, d.grade_value,
	CASE WHEN r.visibility <> 'private' OR r.user_id = ? THEN d.review_id END,
	d.created_at, d.updated_at
	FROM diary_entries d LEFT JOIN reviews r ON r.id = d.review_id`

func scanDiary(sc scanner) (DiaryEntry, error) {
	var e DiaryEntry
	var g ReviewGrade
	var value, rid sql.NullInt64
	var rewatch, liked int
	var created, updated int64
	err := sc.Scan(&e.ID, &e.UserID, &e.FilmID, &e.WatchedOn, &rewatch, &liked, &g.Text, &g.Scale, &value,
		&rid, &created, &updated)
	if value.Valid {
		g.Value = float64(value.Int64) / 10
		g.Source = GradeConverted
		if g.Scale == grade.ScaleOutOf100 || g.Scale == grade.ScalePercent {
			g.Source = GradeGiven
		}
		e.Grade = &g
	}
	e.Rewatch, e.Liked = rewatch != 0, liked != 0
	e.ReviewID = ReviewID(rid.Int64)
	e.CreatedAt, e.UpdatedAt = fromMillis(created), fromMillis(updated)
	return e, err
}

// DiaryEntry returns one entry as viewer sees it.
func (s *Store) DiaryEntry(ctx context.Context, viewer UserID, id DiaryID) (DiaryEntry, error) {
	e, err := scanDiary(s.queryRow(ctx, s.rebind(diarySelect+" WHERE d.id = ?"), viewer, id))
	return e, s.wrapErr(err, fmt.Sprintf("diary entry %d", id))
}

// DiaryPage is one page of a diary; Next is "" on the last page.
type DiaryPage struct {
	Entries []DiaryEntry `json:"entries"`
	Next    string       `json:"next,omitempty"`
}

// Diary lists a user's entries, latest viewing first (then latest logged).
func (s *Store) Diary(ctx context.Context, viewer, user UserID, p Page) (DiaryPage, error) {
	out := DiaryPage{Entries: []DiaryEntry{}}
	where, args := "d.user_id = ?", []any{viewer, user}
	if p.After != "" {
		date, id, err := decodeCursor(p.After)
		if err != nil {
			return out, err
		}
		where += " AND (d.watched_on, d.id) < (?, ?)"
		args = append(args, date, id)
	}
	limit := p.limit()
	rows, err := s.query(ctx, s.rebind(diarySelect+" WHERE "+where+
		" ORDER BY d.watched_on DESC, d.id DESC LIMIT ?"), append(args, limit+1)...)
	if err != nil {
		return out, s.wrapErr(err, "diary")
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanDiary(rows)
		if err != nil {
			return out, s.wrapErr(err, "scan diary entry")
		}
		out.Entries = append(out.Entries, e)
	}
	if len(out.Entries) > limit {
		out.Entries = out.Entries[:limit]
		last := out.Entries[limit-1]
		out.Next = encodeCursor(last.WatchedOn, int64(last.ID))
	}
	return out, s.wrapErr(rows.Err(), "diary")
}

// FilmDiary lists a user's viewings of one film, first viewing first.
func (s *Store) FilmDiary(ctx context.Context, viewer, user UserID, film reel.FilmID) ([]DiaryEntry, error) {
	rows, err := s.query(ctx, s.rebind(diarySelect+" WHERE d.user_id = ? AND d.film_id = ? ORDER BY d.watched_on, d.id"),
		viewer, user, film)
	if err != nil {
		return nil, s.wrapErr(err, "film diary")
	}
	defer rows.Close()
	out := []DiaryEntry{}
	for rows.Next() {
		e, err := scanDiary(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan diary entry")
		}
		out = append(out, e)
	}
	return out, s.wrapErr(rows.Err(), "film diary")
}

// WatchlistItem is a film a user means to see.
type WatchlistItem struct {
	FilmID  reel.FilmID `json:"film_id"`
	AddedAt time.Time   `json:"added_at"`
}

// AddToWatchlist puts a film on the user's watchlist; adding it twice is not
// an error and keeps the first date.
func (s *Store) AddToWatchlist(ctx context.Context, user UserID, film reel.FilmID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, user); err != nil {
			return err
		}
		if err := s.filmExists(ctx, tx, film); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO watchlist (user_id, film_id, added_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id, film_id) DO NOTHING`), user, film, millis(time.Now()))
		return s.wrapErr(err, "add to watchlist")
	})
}

// RemoveFromWatchlist takes a film off the watchlist; removing one that is
// not there is not an error.
func (s *Store) RemoveFromWatchlist(ctx context.Context, user UserID, film reel.FilmID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.rebind("DELETE FROM watchlist WHERE user_id = ? AND film_id = ?"), user, film)
		return s.wrapErr(err, "remove from watchlist")
	})
}

// Watchlist lists a user's watchlist, most recently added first.
func (s *Store) Watchlist(ctx context.Context, user UserID) ([]WatchlistItem, error) {
	rows, err := s.query(ctx, s.rebind(`SELECT film_id, added_at FROM watchlist WHERE user_id = ?
		ORDER BY added_at DESC, film_id DESC`), user)
	if err != nil {
		return nil, s.wrapErr(err, "watchlist")
	}
	defer rows.Close()
	out := []WatchlistItem{}
	for rows.Next() {
		var w WatchlistItem
		var added int64
		if err := rows.Scan(&w.FilmID, &added); err != nil {
			return nil, s.wrapErr(err, "scan watchlist")
		}
		w.AddedAt = fromMillis(added)
		out = append(out, w)
	}
	return out, s.wrapErr(rows.Err(), "watchlist")
}
