package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"reel"
	"reel/grade"
	"reel/letterboxd"
)

// LetterboxdImport counts what ImportLetterboxd wrote and left out.
type LetterboxdImport struct {
	Diary       int `json:"diary"`
	Reviews     int `json:"reviews"` // reviews.csv rows without a diary entry, and ratings stored as grade-only reviews
	Watched     int `json:"watched"`
	Watchlist   int `json:"watchlist"`
	Likes       int `json:"likes"`
	Lists       int `json:"lists"`
	ListEntries int `json:"list_entries"`
	Covered     int `json:"covered"`   // ratings and watched rows another row already stores
	Skipped     int `json:"skipped"`   // rows imported before (their key is recorded)
	Unmatched   int `json:"unmatched"` // rows whose film the matcher did not settle
}

// lbImport is one import in progress: its transaction and tallies.
type lbImport struct {
	s    *Store
	ctx  context.Context
	tx   *sql.Tx
	user User
	n    LetterboxdImport
	seen map[string]int // occurrences of each fallback key, so identical rows stay distinct
}

// ImportLetterboxd stores every matched row of exp (after MatchExport) for
// user, in one transaction: a failure anywhere changes nothing. Each row's
// import key is recorded in letterboxd_imports, so importing the same or a
// newer export again adds nothing twice.
func (s *Store) ImportLetterboxd(ctx context.Context, user UserID, exp *letterboxd.Export) (LetterboxdImport, error) {
	var n LetterboxdImport
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.lockUser(ctx, tx, user)
		if err != nil {
			return err
		}
		im := &lbImport{s: s, ctx: ctx, tx: tx, user: u, seen: map[string]int{}}
		// Order matters: ratings and watched rows are stored only when the
		// diary and reviews did not already cover their film.
		for _, step := range []func(*letterboxd.Export) error{im.diary, im.reviews, im.ratings, im.watched, im.watchlist, im.likes, im.lists} {
			if err := step(exp); err != nil {
				return err
			}
		}
		n = im.n
		return nil
	})
	return n, err
}

// key is the row's import key: its Letterboxd link, or else kind, film and
// dates, numbered when the same export repeats them.
func (im *lbImport) key(kind string, f letterboxd.Film, dates ...time.Time) string {
	if f.URI != "" {
		return kind + " " + f.URI
	}
	k := kind + " " + f.Name + " (" + strconv.Itoa(f.Year) + ")"
	for _, d := range dates {
		k += " " + day(d)
	}
	im.seen[k]++
	if c := im.seen[k]; c > 1 {
		k += " #" + strconv.Itoa(c)
	}
	return k
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// claim records key, reporting false when an earlier import did.
func (im *lbImport) claim(key, kind string) (bool, error) {
	res, err := im.tx.ExecContext(im.ctx, im.s.rebind(`INSERT INTO letterboxd_imports (user_id, key, kind, target_id)
		VALUES (?, ?, ?, 0) ON CONFLICT (user_id, key) DO NOTHING`), im.user.ID, key, kind)
	if err != nil {
		return false, im.s.wrapErr(err, "record import key")
	}
	n, err := res.RowsAffected()
	if n == 0 && err == nil {
		im.n.Skipped++
	}
	return n == 1, im.s.wrapErr(err, "record import key")
}

// target records what the row became.
func (im *lbImport) target(key string, id int64) error {
	_, err := im.tx.ExecContext(im.ctx, im.s.rebind("UPDATE letterboxd_imports SET target_id = ? WHERE user_id = ? AND key = ?"), id, im.user.ID, key)
	return im.s.wrapErr(err, "record import target")
}

// film returns the matched film, or false (counted) when there is none.
func (im *lbImport) film(f letterboxd.Film) (reel.FilmID, bool, error) {
	if f.ID == "" {
		im.n.Unmatched++
		return 0, false, nil
	}
	id, err := reel.ParseFilmID(f.ID)
	if err != nil {
		return 0, false, reel.Wrap(err, reel.Invalid, "film id %q", f.ID)
	}
	return id, true, nil
}

// begin resolves the row's film and claims its key; ok is false when the
// row is to be left out.
func (im *lbImport) begin(kind string, f letterboxd.Film, dates ...time.Time) (film reel.FilmID, key string, ok bool, err error) {
	film, ok, err = im.film(f)
	if !ok || err != nil {
		return 0, "", false, err
	}
	key = im.key(kind, f, dates...)
	ok, err = im.claim(key, kind)
	return film, key, ok, err
}

func rowErr(src letterboxd.Source, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", src.Where(), err)
}

func stars(s letterboxd.Stars) (grade.Grade, error) {
	if s == "" {
		return grade.Grade{}, nil
	}
	return grade.ParseLetterboxd(string(s))
}

func (im *lbImport) diary(exp *letterboxd.Export) error {
	for _, e := range exp.Diary {
		if err := rowErr(e.Source, im.diaryEntry(e)); err != nil {
			return err
		}
	}
	return nil
}

func (im *lbImport) diaryEntry(e letterboxd.DiaryEntry) error {
	film, key, ok, err := im.begin("diary", e.Film, e.Watched, e.Logged)
	if !ok || err != nil {
		return err
	}
	g, err := stars(e.Rating)
	if err != nil {
		return err
	}
	watched := e.Watched
	if watched.IsZero() {
		watched = e.Logged
	}
	var rid ReviewID
	if e.Review != "" || len(e.Tags) > 0 {
		// Tags live on reviews, so a tagged entry gets one even without text.
		in := ReviewInput{FilmID: film, Body: e.Review, Format: FormatHTML, Grade: g, Tags: e.Tags, WatchedOn: day(watched), Rewatch: e.Rewatch}
		if rid, err = im.review(in, e.Logged); err != nil {
			return err
		}
	}
	d, err := im.s.prepareDiary(im.ctx, im.tx, im.user.ID, DiaryInput{FilmID: film, WatchedOn: day(watched), Rewatch: e.Rewatch, Grade: g, ReviewID: rid})
	if err != nil {
		return err
	}
	var id int64
	at := millis(e.Logged)
	err = im.tx.QueryRowContext(im.ctx, im.s.rebind(`INSERT INTO diary_entries (user_id, film_id, watched_on, rewatch, liked,
		grade_text, grade_scale, grade_value, review_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) RETURNING id`),
		im.user.ID, film, d.in.WatchedOn, boolInt(e.Rewatch), g.Text, g.Scale, d.value, d.rid, at, at).Scan(&id)
	if err != nil {
		return im.s.wrapErr(err, "import diary entry")
	}
	im.n.Diary++
	return im.target(key, id)
}

// review writes a review dated at (its Letterboxd log date) and rescores
// its film, as CreateReview does.
func (im *lbImport) review(in ReviewInput, at time.Time) (ReviewID, error) {
	r, err := prepareReview(in, im.user)
	if err != nil {
		return 0, err
	}
	if err := im.s.filmExists(im.ctx, im.tx, in.FilmID); err != nil {
		return 0, err
	}
	var id ReviewID
	err = im.s.rescore(im.ctx, im.tx, im.user.ID, in.FilmID, func() error {
		if id, err = im.s.insertReview(im.ctx, im.tx, im.user.ID, r); err != nil {
			return err
		}
		// Dated before rescore reads it back, so the latest review counts.
		_, err := im.tx.ExecContext(im.ctx, im.s.rebind("UPDATE reviews SET created_at = ?, updated_at = ? WHERE id = ?"), millis(at), millis(at), id)
		return im.s.wrapErr(err, "date review")
	})
	return id, err
}

func (im *lbImport) reviews(exp *letterboxd.Export) error {
	for _, rv := range exp.Reviews {
		if rv.InDiary {
			continue // stored with its diary entry
		}
		if err := rowErr(rv.Source, im.reviewRow(rv)); err != nil {
			return err
		}
	}
	return nil
}

func (im *lbImport) reviewRow(rv letterboxd.Review) error {
	film, key, ok, err := im.begin("review", rv.Film, rv.Watched, rv.Logged)
	if !ok || err != nil {
		return err
	}
	g, err := stars(rv.Rating)
	if err != nil {
		return err
	}
	in := ReviewInput{FilmID: film, Body: rv.Text, Format: FormatHTML, Grade: g, Tags: rv.Tags, WatchedOn: day(rv.Watched), Rewatch: rv.Rewatch}
	id, err := im.review(in, rv.Logged)
	if err != nil {
		return err
	}
	im.n.Reviews++
	return im.target(key, int64(id))
}

// exists runs a yes/no query in the import's transaction.
func (im *lbImport) exists(q string, args ...any) (bool, error) {
	var n int
	err := im.tx.QueryRowContext(im.ctx, im.s.rebind("SELECT COUNT(*) FROM ("+q+") AS x"), args...).Scan(&n)
	return n > 0, im.s.wrapErr(err, "import check")
}

// ratings stores a rating as a grade-only review, unless the user's diary
// or reviews already grade the film.
func (im *lbImport) ratings(exp *letterboxd.Export) error {
	for _, r := range exp.Ratings {
		if err := rowErr(r.Source, im.rating(r)); err != nil {
			return err
		}
	}
	return nil
}

func (im *lbImport) rating(r letterboxd.Rating) error {
	film, key, ok, err := im.begin("rating", r.Film, r.Date)
	if !ok || err != nil {
		return err
	}
	graded, err := im.exists(`SELECT 1 FROM reviews WHERE user_id = ? AND film_id = ? AND grade_value IS NOT NULL
		UNION ALL SELECT 1 FROM diary_entries WHERE user_id = ? AND film_id = ? AND grade_value IS NOT NULL`, im.user.ID, film, im.user.ID, film)
	if err != nil || graded {
		im.n.Covered++
		return err
	}
	g, err := stars(r.Rating)
	if err != nil || g.IsZero() {
		return err
	}
	id, err := im.review(ReviewInput{FilmID: film, Format: FormatHTML, Grade: g}, r.Date)
	if err != nil {
		return err
	}
	im.n.Reviews++
	return im.target(key, int64(id))
}

// watched marks films seen that no diary entry or review covers.
func (im *lbImport) watched(exp *letterboxd.Export) error {
	for _, w := range exp.Watched {
		if err := rowErr(w.Source, im.watchedRow(w)); err != nil {
			return err
		}
	}
	return nil
}

func (im *lbImport) watchedRow(w letterboxd.Watched) error {
	film, _, ok, err := im.begin("watched", w.Film, w.Date)
	if !ok || err != nil {
		return err
	}
	seen, err := im.exists(`SELECT 1 FROM reviews WHERE user_id = ? AND film_id = ?
		UNION ALL SELECT 1 FROM diary_entries WHERE user_id = ? AND film_id = ?`, im.user.ID, film, im.user.ID, film)
	if err != nil || seen {
		im.n.Covered++
		return err
	}
	if err := im.s.filmExists(im.ctx, im.tx, film); err != nil {
		return err
	}
	n, err := im.insert(`INSERT INTO watched_films (user_id, film_id, marked_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id, film_id) DO NOTHING`, im.user.ID, film, millis(w.Date))
	im.n.Watched += n
	return err
}

// insert runs an INSERT … DO NOTHING and returns the rows it added.
func (im *lbImport) insert(q string, args ...any) (int, error) {
	res, err := im.tx.ExecContext(im.ctx, im.s.rebind(q), args...)
	if err != nil {
		return 0, im.s.wrapErr(err, "import")
	}
	n, err := res.RowsAffected()
	return int(n), im.s.wrapErr(err, "import")
}

func (im *lbImport) watchlist(exp *letterboxd.Export) error {
	for _, w := range exp.Watchlist {
		film, _, ok, err := im.begin("watchlist", w.Film, w.Date)
		if err == nil && ok {
			if err = im.s.filmExists(im.ctx, im.tx, film); err == nil {
				var n int
				n, err = im.insert(`INSERT INTO watchlist (user_id, film_id, added_at) VALUES (?, ?, ?)
					ON CONFLICT (user_id, film_id) DO NOTHING`, im.user.ID, film, millis(w.Date))
				im.n.Watchlist += n
			}
		}
		if err != nil {
			return rowErr(w.Source, err)
		}
	}
	return nil
}

func (im *lbImport) likes(exp *letterboxd.Export) error {
	for _, l := range exp.Likes {
		film, _, ok, err := im.begin("like", l.Film, l.Date)
		if err == nil && ok {
			if err = im.s.filmExists(im.ctx, im.tx, film); err == nil {
				var n int
				n, err = im.insert(`INSERT INTO likes (user_id, kind, target_id, created_at) VALUES (?, 'film', ?, ?)
					ON CONFLICT (user_id, kind, target_id) DO NOTHING`, im.user.ID, film, millis(l.Date))
				im.n.Likes += n
			}
		}
		if err != nil {
			return rowErr(l.Source, err)
		}
	}
	return nil
}

func (im *lbImport) lists(exp *letterboxd.Export) error {
	for _, l := range exp.Lists {
		if err := rowErr(l.Source, im.list(l)); err != nil {
			return err
		}
	}
	return nil
}

// list creates the list with its matched entries, each film once. The whole
// list is one import key: a later export's changes to it are not merged.
func (im *lbImport) list(l letterboxd.List) error {
	key := "list " + l.URL
	if l.URL == "" {
		key = im.key("list", letterboxd.Film{Name: l.Name}, l.Date)
	}
	var entries []EntryInput
	taken := map[reel.FilmID]bool{}
	for _, e := range l.Entries {
		film, ok, err := im.film(e.Film)
		if err != nil {
			return err
		}
		if ok && !taken[film] {
			taken[film] = true
			entries = append(entries, EntryInput{FilmID: film, Note: e.Description})
		}
	}
	if ok, err := im.claim(key, "list"); !ok || err != nil {
		return err
	}
	in := ListInput{Name: l.Name, Description: l.Description, Ranked: l.Ranked}
	if err := checkList(&in); err != nil {
		return err
	}
	var id ListID
	at := millis(l.Date)
	err := im.tx.QueryRowContext(im.ctx, im.s.rebind(`INSERT INTO lists (user_id, name, description, ranked, visibility,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		im.user.ID, in.Name, in.Description, boolInt(in.Ranked), in.Visibility, at, at).Scan(&id)
	if err != nil {
		return im.s.wrapErr(err, "import list")
	}
	if err := im.s.writeEntries(im.ctx, im.tx, id, 1, entries); err != nil {
		return err
	}
	im.n.Lists++
	im.n.ListEntries += len(entries)
	return im.target(key, int64(id))
}
