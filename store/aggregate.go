package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"reel"
	"reel/grade"
)

// Film scores are kept as integer sums per film and audience (film_scores).
// Every write that changes what a review contributes applies the difference
// in the same transaction; RebuildAggregates recomputes the same sums from the
// reviews. Both go through one function, contribution.add, and hold only
// integers, so the two give equal rows bit for bit.
//
// What counts: for each user and film, the user's latest (by creation, then
// id) review that has a grade (given, converted or inferred) and is public or
// unlisted. Unlisted reviews count because unlisted hides a review from lists,
// not its opinion; private ones are the author's own notes. One review per
// user and film keeps a member who reviews every rewatch from counting thrice.

// Audience names a group whose reviews are scored together.
type Audience string

// The audiences. A top critic's review counts in both Critics and TopCritics;
// admins' and members' reviews count in Members.
const (
	AudienceCritics    Audience = "critics"
	AudienceMembers    Audience = "members"
	AudienceTopCritics Audience = "top_critics"
)

var audiences = [...]Audience{AudienceCritics, AudienceMembers, AudienceTopCritics}

// Score display thresholds and bands, after Rotten Tomatoes and Metacritic.
const (
	DefaultMinPositive = 5 // reviews before a % positive is shown
	MinWeightedReviews = 4 // critics' reviews before the weighted score is shown
)

// Band is the Metacritic-style label of a weighted score.
type Band string

// The bands, from the top.
const (
	BandAcclaim      Band = "universal acclaim"      // 81–100
	BandFavourable   Band = "generally favourable"   // 61–80
	BandMixed        Band = "mixed or average"       // 40–60
	BandUnfavourable Band = "generally unfavourable" // 20–39
	BandDislike      Band = "overwhelming dislike"   // 0–19
)

// BandOf returns the band of a 0–100 score.
func BandOf(score int) Band {
	switch {
	case score >= 81:
		return BandAcclaim
	case score >= 61:
		return BandFavourable
	case score >= 40:
		return BandMixed
	case score >= 20:
		return BandUnfavourable
	}
	return BandDislike
}

// AudienceScores are one audience's sums for a film. Values are tenths of
// the 0–100 scale and weights hundredths; the methods derive what pages show.
type AudienceScores struct {
	Count       int64     `json:"count"`
	ValueSum    int64     `json:"value_sum_tenths"`
	Positive    int64     `json:"positive"`
	WeightSum   int64     `json:"weight_sum_hundredths"`
	WeightedSum int64     `json:"weighted_sum"`
	Histogram   [11]int64 `json:"half_stars"` // index = half stars, 0 to 10
}

// Mean is the plain mean on 0–100; false when there are no reviews.
func (a AudienceScores) Mean() (float64, bool) {
	if a.Count == 0 {
		return 0, false
	}
	return float64(a.ValueSum) / 10 / float64(a.Count), true
}

// PercentPositive is the share of positive reviews, rounded to a whole
// percent, shown from min reviews (DefaultMinPositive when min is 0 or less).
func (a AudienceScores) PercentPositive(min int) (int, bool) {
	if min <= 0 {
		min = DefaultMinPositive
	}
	if a.Count == 0 || a.Count < int64(min) {
		return 0, false
	}
	return int((200*a.Positive + a.Count) / (2 * a.Count)), true
}

// WeightedScore is the weighted mean (each critic's weight times their
// value), rounded half up to a whole number, shown from MinWeightedReviews
// reviews and when some weight is not zero.
func (a AudienceScores) WeightedScore() (int, bool) {
	if a.Count < MinWeightedReviews || a.WeightSum <= 0 {
		return 0, false
	}
	// WeightedSum/WeightSum is in tenths: round(x/10) = (2x + 10w) / 20w.
	return int((2*a.WeightedSum + 10*a.WeightSum) / (20 * a.WeightSum)), true
}

// FilmScores are a film's scores per audience.
type FilmScores struct {
	FilmID     reel.FilmID    `json:"film_id"`
	Critics    AudienceScores `json:"critics"`
	Members    AudienceScores `json:"members"`
	TopCritics AudienceScores `json:"top_critics"`
}

func (f *FilmScores) of(a Audience) *AudienceScores {
	switch a {
	case AudienceCritics:
		return &f.Critics
	case AudienceMembers:
		return &f.Members
	}
	return &f.TopCritics
}

// scoreColumns are film_scores' sum columns, in AudienceScores.fields order.
const scoreColumns = "n, value_sum, positive, weight_sum, weighted_sum, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10"

func (a *AudienceScores) fields() []any {
	f := []any{&a.Count, &a.ValueSum, &a.Positive, &a.WeightSum, &a.WeightedSum}
	for i := range a.Histogram {
		f = append(f, &a.Histogram[i])
	}
	return f
}

func (a *AudienceScores) values() []any {
	f := []any{a.Count, a.ValueSum, a.Positive, a.WeightSum, a.WeightedSum}
	for _, h := range a.Histogram {
		f = append(f, h)
	}
	return f
}

// FilmScores returns a film's scores; a film nobody has graded has zero
// scores. An unknown film is NotFound.
func (s *Store) FilmScores(ctx context.Context, film reel.FilmID) (FilmScores, error) {
	out := FilmScores{FilmID: film}
	if err := s.filmExists(ctx, s.db, film); err != nil {
		return out, err
	}
	rows, err := s.query(ctx, s.rebind("SELECT audience, "+scoreColumns+" FROM film_scores WHERE film_id = ?"), film)
	if err != nil {
		return out, s.wrapErr(err, "film scores")
	}
	defer rows.Close()
	for rows.Next() {
		var a Audience
		var sc AudienceScores
		if err := rows.Scan(append([]any{&a}, sc.fields()...)...); err != nil {
			return out, s.wrapErr(err, "scan film scores")
		}
		*out.of(a) = sc
	}
	return out, s.wrapErr(rows.Err(), "film scores")
}

// contribution is what one user's counted review of a film adds to the
// film's scores.
type contribution struct {
	value   int64 // tenths of 0–100
	verdict grade.Verdict
	role    Role
	weight  int64 // hundredths
	top     bool
}

// add adds c, times sign (+1 or -1), to the sums of the audiences it counts in.
func (c contribution) add(f *FilmScores, sign int64) {
	if c.role == RoleCritic {
		c.addTo(&f.Critics, sign, c.weight)
		if c.top {
			c.addTo(&f.TopCritics, sign, c.weight)
		}
		return
	}
	c.addTo(&f.Members, sign, 0) // weights are a critics' matter
}

func (c contribution) addTo(a *AudienceScores, sign, weight int64) {
	a.Count += sign
	a.ValueSum += sign * c.value
	if effectiveVerdict(c.verdict, c.value) == grade.Positive {
		a.Positive += sign
	}
	a.WeightSum += sign * weight
	a.WeightedSum += sign * weight * c.value
	a.Histogram[grade.HalfStars(float64(c.value)/10)] += sign
}

// effectiveVerdict is the verdict a review states, or else the one its
// grade implies (60 and up positive, under 40 negative).
func effectiveVerdict(explicit grade.Verdict, tenths int64) grade.Verdict {
	if explicit != "" {
		return explicit
	}
	return grade.VerdictOf(float64(tenths) / 10)
}

type userFilm struct {
	user UserID
	film reel.FilmID
}

// countedSQL selects, per user and film, the review that counts, with its
// author's role and weight. %s narrows the reviews scanned.
const countedSQL = `SELECT c.user_id, c.film_id, c.grade_value, c.verdict, u.role, u.weight, u.top_critic
	FROM (SELECT user_id, film_id, grade_value, verdict,
			ROW_NUMBER() OVER (PARTITION BY user_id, film_id ORDER BY created_at DESC, id DESC) AS rn
		FROM reviews WHERE visibility <> 'private' AND grade_value IS NOT NULL%s) c
	JOIN users u ON u.id = c.user_id
	WHERE c.rn = 1`

// eachContribution calls fn for every counted review matching where (a
// condition on reviews' columns, "" for all).
func (s *Store) eachContribution(ctx context.Context, q querier, where string, args []any, fn func(userFilm, contribution)) error {
	if where != "" {
		where = " AND " + where
	}
	rows, err := q.QueryContext(ctx, s.rebind(fmt.Sprintf(countedSQL, where)), args...)
	if err != nil {
		return s.wrapErr(err, "counted reviews")
	}
	defer rows.Close()
	for rows.Next() {
		var k userFilm
		var c contribution
		var top int
		if err := rows.Scan(&k.user, &k.film, &c.value, &c.verdict, &c.role, &c.weight, &top); err != nil {
			return s.wrapErr(err, "scan counted review")
		}
		c.top = top != 0
		fn(k, c)
	}
	return s.wrapErr(rows.Err(), "counted reviews")
}

// contributions maps each film to the user's contribution to it, for the
// reviews matching where.
func (s *Store) contributions(ctx context.Context, tx *sql.Tx, where string, args ...any) (map[reel.FilmID]contribution, error) {
	out := map[reel.FilmID]contribution{}
	err := s.eachContribution(ctx, tx, where, args, func(k userFilm, c contribution) { out[k.film] = c })
	return out, err
}

// rescore runs change, which may alter user's reviews of film, and applies
// the difference it makes to the film's scores. The caller holds lockUser.
// This is the path of every review write, so it reads the one counted review
// with a plain indexed query rather than countedSQL's window.
func (s *Store) rescore(ctx context.Context, tx *sql.Tx, user UserID, film reel.FilmID, change func() error) error {
	before, counted, err := s.contributionOf(ctx, tx, user, film)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, countsNow, err := s.contributionOf(ctx, tx, user, film)
	if err != nil {
		return err
	}
	d := FilmScores{FilmID: film}
	if counted {
		before.add(&d, -1)
	}
	if countsNow {
		after.add(&d, +1)
	}
	return s.applyDelta(ctx, tx, d)
}

// contributionOf reads user's counted review of film, if there is one.
func (s *Store) contributionOf(ctx context.Context, tx *sql.Tx, user UserID, film reel.FilmID) (contribution, bool, error) {
	var c contribution
	var top int
	err := tx.QueryRowContext(ctx, s.rebind(`SELECT r.grade_value, r.verdict, u.role, u.weight, u.top_critic
		FROM reviews r JOIN users u ON u.id = r.user_id
		WHERE r.user_id = ? AND r.film_id = ? AND r.visibility <> 'private' AND r.grade_value IS NOT NULL
		ORDER BY r.created_at DESC, r.id DESC LIMIT 1`), user, film).Scan(&c.value, &c.verdict, &c.role, &c.weight, &top)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	c.top = top != 0
	return c, err == nil, s.wrapErr(err, "counted review")
}

// rescoreUser is rescore for a change to the user (role, weight, top flag),
// which alters their contribution to every film they graded.
func (s *Store) rescoreUser(ctx context.Context, tx *sql.Tx, user UserID, change func() error) error {
	return s.rescoreWhere(ctx, tx, change, "user_id = ?", user)
}

func (s *Store) rescoreWhere(ctx context.Context, tx *sql.Tx, change func() error, where string, args ...any) error {
	before, err := s.contributions(ctx, tx, where, args...)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := s.contributions(ctx, tx, where, args...)
	if err != nil {
		return err
	}
	films := make([]reel.FilmID, 0, len(before)+len(after))
	for f := range before {
		films = append(films, f)
	}
	for f := range after {
		if _, ok := before[f]; !ok {
			films = append(films, f)
		}
	}
	// A fixed order of row locks keeps concurrent rescores from deadlocking.
	slices.Sort(films)
	for _, f := range films {
		d := FilmScores{FilmID: f}
		if c, ok := before[f]; ok {
			c.add(&d, -1)
		}
		if c, ok := after[f]; ok {
			c.add(&d, +1)
		}
		if err := s.applyDelta(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

// applyDelta adds d's sums to the film's rows in one upsert, and deletes
// rows whose count fell to zero so that the table only ever holds rows a
// rebuild would write.
func (s *Store) applyDelta(ctx context.Context, tx *sql.Tx, d FilmScores) error {
	var rows []string
	var args []any
	shrank := false
	for _, a := range audiences {
		sc := d.of(a)
		if *sc == (AudienceScores{}) {
			continue
		}
		shrank = shrank || sc.Count < 0
		rows = append(rows, scoreRowPlaceholders)
		args = append(append(args, d.FilmID, a), sc.values()...)
	}
	if len(rows) == 0 {
		return nil
	}
	q := "INSERT INTO film_scores (film_id, audience, " + scoreColumns + ") VALUES " + strings.Join(rows, ", ") +
		" ON CONFLICT (film_id, audience) DO UPDATE SET " + scoreUpdates
	if _, err := tx.ExecContext(ctx, s.rebind(q), args...); err != nil {
		return s.wrapErr(err, "update film scores")
	}
	if shrank {
		_, err := tx.ExecContext(ctx, s.rebind("DELETE FROM film_scores WHERE film_id = ? AND n = 0"), d.FilmID)
		return s.wrapErr(err, "update film scores")
	}
	return nil
}

var (
	scoreRowPlaceholders = "(" + placeholders(2+len(strings.Split(scoreColumns, ", "))) + ")"
	scoreUpdates         = func() string {
		cols := strings.Split(scoreColumns, ", ")
		for i, c := range cols {
			cols[i] = c + " = film_scores." + c + " + excluded." + c
		}
		return strings.Join(cols, ", ")
	}()
)

// RebuildAggregates recomputes every film's scores from the reviews, in one
// transaction, and returns the number of film and audience rows written. It
// must give exactly what the incremental updates maintain; it exists for
// recovery and for `reel aggregates rebuild` after a bulk import that wrote
// reviews directly.
func (s *Store) RebuildAggregates(ctx context.Context) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if s.dialect == Postgres {
			// Writers queue behind the rebuild instead of adding deltas to rows
			// it is about to replace; readers carry on.
			if _, err := tx.ExecContext(ctx, "LOCK TABLE film_scores IN EXCLUSIVE MODE"); err != nil {
				return s.wrapErr(err, "lock film scores")
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM film_scores"); err != nil {
			return s.wrapErr(err, "clear film scores")
		}
		sums := map[reel.FilmID]*FilmScores{}
		err := s.eachContribution(ctx, tx, "", nil, func(k userFilm, c contribution) {
			f := sums[k.film]
			if f == nil {
				f = &FilmScores{FilmID: k.film}
				sums[k.film] = f
			}
			c.add(f, +1)
		})
		if err != nil {
			return err
		}
		n, err = s.insertScores(ctx, tx, sums)
		return err
	})
	return n, err
}

// insertScores writes rebuilt sums in batches, films in id order.
func (s *Store) insertScores(ctx context.Context, tx *sql.Tx, sums map[reel.FilmID]*FilmScores) (int, error) {
	const batch = 200 // rows per INSERT: 18 parameters each, far below both engines' limits
	films := make([]reel.FilmID, 0, len(sums))
	for f := range sums {
		films = append(films, f)
	}
	slices.Sort(films)
	var rows []string
	var args []any
	n := 0
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		q := "INSERT INTO film_scores (film_id, audience, " + scoreColumns + ") VALUES " + strings.Join(rows, ", ")
		_, err := tx.ExecContext(ctx, s.rebind(q), args...)
		rows, args = rows[:0], args[:0]
		return s.wrapErr(err, "write film scores")
	}
	for _, f := range films {
		for _, a := range audiences {
			sc := sums[f].of(a)
			if sc.Count == 0 {
				continue
			}
			rows = append(rows, scoreRowPlaceholders)
			args = append(append(args, f, a), sc.values()...)
			n++
			if len(rows) == batch {
				if err := flush(); err != nil {
					return 0, err
				}
			}
		}
	}
	return n, flush()
}

// querier is what *sql.DB and *sql.Tx share for reads.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// filmExists returns NotFound for a film not in the catalog.
func (s *Store) filmExists(ctx context.Context, q querier, film reel.FilmID) error {
	var one int
	err := q.QueryRowContext(ctx, s.rebind("SELECT 1 FROM films WHERE id = ?"), film).Scan(&one)
	return s.wrapErr(err, "film "+film.String())
}
