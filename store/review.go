package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"reel"
	"reel/grade"
	"reel/markup"
)

// ReviewID identifies a review.
type ReviewID int64

// Visibility says who may see a review or list.
type Visibility string

// The visibilities. Public shows everywhere. Unlisted is readable by anyone
// with its link but appears in listings only to its author. Private is seen
// by its author alone; to anyone else it does not exist (NotFound).
const (
	Public   Visibility = "public"
	Unlisted Visibility = "unlisted"
	Private  Visibility = "private"
)

func (v Visibility) valid() bool { return v == Public || v == Unlisted || v == Private }

// Body formats.
const (
	FormatMarkdown = "markdown"
	FormatHTML     = "html" // imported bodies, sanitised as they are
)

// GradeSource says where a review's grade came from.
type GradeSource string

// The grade sources. An author's grade is given when written on the 0–100
// scale itself (88/100, 88%) and converted when written in another notation
// (stars, letters, words) and converted by grade's conventions. Inferred
// grades come from the copy desk for reviews without one, and never replace
// an author's.
const (
	GradeGiven     GradeSource = "given"
	GradeConverted GradeSource = "converted"
	GradeInferred  GradeSource = "inferred"
)

// ReviewGrade is a grade as written with its 0–100 value (kept to tenths).
type ReviewGrade struct {
	Text   string      `json:"text"`
	Scale  grade.Scale `json:"scale"`
	Value  float64     `json:"value"`
	Source GradeSource `json:"source"`
}

// Limits on what a review holds. MaxBodyBytes bounds the stored source; a
// long essay is 8,000 words, about 50 KB.
const (
	MaxBodyBytes     = 100 * 1024
	maxTags          = 30
	maxTagBytes      = 50
	maxPullQuote     = 500
	maxSourceURL     = 2000
	maxGradeText     = 64
	DefaultPageLimit = 20
	MaxPageLimit     = 100
)

// Review is a review with its author's name.
type Review struct {
	ID          ReviewID      `json:"id"`
	UserID      UserID        `json:"user_id"`
	Author      string        `json:"author"`
	AuthorName  string        `json:"author_display_name,omitempty"`
	FilmID      reel.FilmID   `json:"film_id"`
	Body        string        `json:"body"`
	Format      string        `json:"format"`
	HTML        string        `json:"html"` // sanitised; safe to put on a page as is
	Grade       *ReviewGrade  `json:"grade,omitempty"`
	Verdict     grade.Verdict `json:"verdict,omitempty"` // stated, or implied by the grade
	VerdictSaid bool          `json:"verdict_stated,omitempty"`
	Spoilers    bool          `json:"spoilers"`
	Tags        []string      `json:"tags"`
	WatchedOn   string        `json:"watched_on,omitempty"` // YYYY-MM-DD
	Rewatch     bool          `json:"rewatch"`
	Liked       bool          `json:"liked"`
	Visibility  Visibility    `json:"visibility"`
	SourceURL   string        `json:"source_url,omitempty"`
	PullQuote   string        `json:"pull_quote,omitempty"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

// ReviewInput is what a writer sends to create or replace a review.
type ReviewInput struct {
	FilmID     reel.FilmID
	Body       string
	Format     string        // FormatMarkdown (default) or FormatHTML
	Grade      grade.Grade   // as parsed by grade.Parse; zero for none
	Verdict    grade.Verdict // stated verdict; "" to take the grade's
	Spoilers   bool          // the whole review gives the film away
	Tags       []string
	WatchedOn  string // YYYY-MM-DD or ""
	Rewatch    bool
	Liked      bool
	Visibility Visibility // Public when ""
	SourceURL  string     // critics and admins: where the review was first published
	PullQuote  string     // critics and admins
}

// reviewRow is a review as stored: the input checked and rendered.
type reviewRow struct {
	in         ReviewInput
	html       string
	gradeValue sql.NullInt64
	source     GradeSource
	watchedOn  sql.NullString
	tags       []string
}

// prepareReview validates in for author and renders its body.
func prepareReview(in ReviewInput, author User) (reviewRow, error) {
	r := reviewRow{in: in}
	if in.Format == "" {
		r.in.Format = FormatMarkdown
	}
	if in.Visibility == "" {
		r.in.Visibility = Public
	}
	for _, check := range []func(*reviewRow, User) error{checkBody, checkGrade, checkVerdict, checkDetails, checkCriticFields} {
		if err := check(&r, author); err != nil {
			return r, err
		}
	}
	tags, err := normalizeTags(in.Tags)
	r.tags = tags
	return r, err
}

func checkBody(r *reviewRow, _ User) error {
	if n := len(r.in.Body); n > MaxBodyBytes {
		return reel.Errorf(reel.Invalid, "review too long: %d KB; the limit is %d KB (%d bytes)", (n+1023)/1024, MaxBodyBytes/1024, MaxBodyBytes)
	}
	switch r.in.Format {
	case FormatMarkdown:
		r.html = markup.Render(r.in.Body)
	case FormatHTML:
		r.html = markup.Sanitize(r.in.Body)
	default:
		return reel.Errorf(reel.Invalid, "invalid body format %q: want markdown or html", r.in.Format)
	}
	return nil
}

func checkGrade(r *reviewRow, _ User) error {
	g := r.in.Grade
	if g.IsZero() {
		return nil
	}
	if !g.Scale.Valid() || !(g.Value >= 0 && g.Value <= 100) || len(g.Text) > maxGradeText {
		return reel.Errorf(reel.Invalid, "invalid grade %q", g.Text)
	}
	r.gradeValue = sql.NullInt64{Int64: tenths(g.Value), Valid: true}
	r.source = GradeConverted
	if g.Scale == grade.ScaleOutOf100 || g.Scale == grade.ScalePercent {
		r.source = GradeGiven
	}
	return nil
}

func checkVerdict(r *reviewRow, _ User) error {
	switch r.in.Verdict {
	case "", grade.Positive, grade.Mixed, grade.Negative:
		return nil
	}
	return reel.Errorf(reel.Invalid, "invalid verdict %q: want positive, mixed or negative", r.in.Verdict)
}

func checkDetails(r *reviewRow, _ User) error {
	if !r.in.Visibility.valid() {
		return reel.Errorf(reel.Invalid, "invalid visibility %q: want public, unlisted or private", r.in.Visibility)
	}
	if r.in.WatchedOn != "" {
		if err := checkDate(r.in.WatchedOn); err != nil {
			return err
		}
		r.watchedOn = sql.NullString{String: r.in.WatchedOn, Valid: true}
	}
	return nil
}

func checkCriticFields(r *reviewRow, author User) error {
	r.in.SourceURL = strings.TrimSpace(r.in.SourceURL)
	r.in.PullQuote = strings.TrimSpace(r.in.PullQuote)
	if r.in.SourceURL == "" && r.in.PullQuote == "" {
		return nil
	}
	if author.Role == RoleMember {
		return reel.Errorf(reel.Invalid, "only critics' reviews have a source URL or pull quote")
	}
	if len(r.in.PullQuote) > maxPullQuote {
		return reel.Errorf(reel.Invalid, "pull quote too long: at most %d bytes", maxPullQuote)
	}
	if r.in.SourceURL != "" {
		u, err := url.Parse(r.in.SourceURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(r.in.SourceURL) > maxSourceURL {
			return reel.Errorf(reel.Invalid, "invalid source URL %q: want an http or https address", r.in.SourceURL)
		}
	}
	return nil
}

// checkDate accepts a calendar date YYYY-MM-DD from the first films on.
func checkDate(d string) error {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil || t.Year() < 1870 || t.After(time.Now().AddDate(0, 0, 2)) {
		return reel.Errorf(reel.Invalid, "invalid date %q: want YYYY-MM-DD, not in the future", d)
	}
	return nil
}

// normalizeTags lowercases, trims and de-duplicates tags, keeping their order.
func normalizeTags(in []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range in {
		t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
		if t == "" || seen[t] {
			continue
		}
		if len(t) > maxTagBytes {
			return nil, reel.Errorf(reel.Invalid, "tag %q too long: at most %d bytes", t, maxTagBytes)
		}
		seen[t] = true
		out = append(out, t)
	}
	if len(out) > maxTags {
		return nil, reel.Errorf(reel.Invalid, "too many tags: at most %d", maxTags)
	}
	return out, nil
}

// tenths stores a 0–100 value as an integer number of tenths, so sums of
// values are exact on both engines.
func tenths(v float64) int64 { return int64(math.Round(v * 10)) }

// CreateReview writes a review by author and updates the film's scores in the
// same transaction.
func (s *Store) CreateReview(ctx context.Context, author UserID, in ReviewInput) (Review, error) {
	id, err := s.createReview(ctx, author, in, true)
	if err != nil {
		return Review{}, err
	}
	return s.Review(ctx, author, id)
}

// createReview is CreateReview without reading the review back; scores is
// false only in the benchmark that measures what keeping scores costs.
func (s *Store) createReview(ctx context.Context, author UserID, in ReviewInput, scores bool) (ReviewID, error) {
	var id ReviewID
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.lockUser(ctx, tx, author)
		if err != nil {
			return err
		}
		r, err := prepareReview(in, u)
		if err != nil {
			return err
		}
		if err := s.filmExists(ctx, tx, in.FilmID); err != nil {
			return err
		}
		insert := func() error {
			id, err = s.insertReview(ctx, tx, author, r)
			return err
		}
		if !scores || !r.counts() {
			return insert() // a review that does not count cannot change which one does
		}
		return s.rescore(ctx, tx, author, in.FilmID, insert)
	})
	return id, err
}

// counts reports whether the review would count in its film's scores.
func (r reviewRow) counts() bool { return r.gradeValue.Valid && r.in.Visibility != Private }

func (s *Store) insertReview(ctx context.Context, tx *sql.Tx, author UserID, r reviewRow) (ReviewID, error) {
	var id ReviewID
	now := millis(time.Now())
	g := r.in.Grade
	err := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO reviews (user_id, film_id, body, format, body_html,
		grade_text, grade_scale, grade_value, grade_source, verdict, spoilers, watched_on, rewatch, liked,
		visibility, source_url, pull_quote, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		author, r.in.FilmID, r.in.Body, r.in.Format, r.html, g.Text, g.Scale, r.gradeValue, r.source,
		r.in.Verdict, boolInt(r.in.Spoilers), r.watchedOn, boolInt(r.in.Rewatch), boolInt(r.in.Liked),
		r.in.Visibility, r.in.SourceURL, r.in.PullQuote, now, now).Scan(&id)
	if err != nil {
		return 0, s.wrapErr(err, "create review")
	}
	return id, s.insertTags(ctx, tx, id, r.tags)
}

func (s *Store) insertTags(ctx context.Context, tx *sql.Tx, id ReviewID, tags []string) error {
	if len(tags) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(tags))
	for _, t := range tags {
		args = append(args, id, t)
	}
	q := "INSERT INTO review_tags (review_id, tag) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?), ", len(tags)), ", ")
	_, err := tx.ExecContext(ctx, s.rebind(q), args...)
	return s.wrapErr(err, "tag review")
}

// UpdateReview replaces a review's content; only its author may. The film
// cannot change. An inferred grade is kept when the input has no grade, so
// editing an unscored review does not discard the copy desk's score.
func (s *Store) UpdateReview(ctx context.Context, author UserID, id ReviewID, in ReviewInput) (Review, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.lockUser(ctx, tx, author)
		if err != nil {
			return err
		}
		old, err := s.reviewForWrite(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.UserID != author {
			return reel.Errorf(reel.Unauthorized, "only its author can edit a review")
		}
		in.FilmID = old.FilmID
		r, err := prepareReview(in, u)
		if err != nil {
			return err
		}
		if in.Grade.IsZero() && old.Grade != nil && old.Grade.Source == GradeInferred {
			r.keepInferred(*old.Grade)
		}
		return s.rescore(ctx, tx, author, old.FilmID, func() error { return s.updateReview(ctx, tx, id, r) })
	})
	if err != nil {
		return Review{}, err
	}
	return s.Review(ctx, author, id)
}

func (r *reviewRow) keepInferred(g ReviewGrade) {
	r.in.Grade = grade.Grade{Text: g.Text, Scale: g.Scale, Value: g.Value}
	r.gradeValue = sql.NullInt64{Int64: tenths(g.Value), Valid: true}
	r.source = GradeInferred
}

func (s *Store) updateReview(ctx context.Context, tx *sql.Tx, id ReviewID, r reviewRow) error {
	g := r.in.Grade
	err := s.execOne(ctx, tx, "review", `UPDATE reviews SET body = ?, format = ?, body_html = ?, grade_text = ?,
		grade_scale = ?, grade_value = ?, grade_source = ?, verdict = ?, spoilers = ?, watched_on = ?,
		rewatch = ?, liked = ?, visibility = ?, source_url = ?, pull_quote = ?, updated_at = ? WHERE id = ?`,
		r.in.Body, r.in.Format, r.html, g.Text, g.Scale, r.gradeValue, r.source, r.in.Verdict,
		boolInt(r.in.Spoilers), r.watchedOn, boolInt(r.in.Rewatch), boolInt(r.in.Liked), r.in.Visibility,
		r.in.SourceURL, r.in.PullQuote, millis(time.Now()), id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM review_tags WHERE review_id = ?"), id); err != nil {
		return s.wrapErr(err, "retag review")
	}
	return s.insertTags(ctx, tx, id, r.tags)
}

// DeleteReview deletes a review, as its author or an admin, with its likes,
// and takes it out of its film's scores. Diary entries that linked to it
// stay, without the link.
func (s *Store) DeleteReview(ctx context.Context, actor UserID, id ReviewID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, s.rebind("SELECT "+userColumns+" FROM users WHERE id = ?"), actor))
		if err != nil {
			return s.wrapErr(err, "user")
		}
		old, err := s.lockReviewAuthor(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.UserID != actor && u.Role != RoleAdmin {
			return reel.Errorf(reel.Unauthorized, "only its author or an admin can delete a review")
		}
		return s.rescore(ctx, tx, old.UserID, old.FilmID, func() error {
			if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM likes WHERE kind = 'review' AND target_id = ?"), id); err != nil {
				return s.wrapErr(err, "delete review likes")
			}
			return s.execOne(ctx, tx, "review", "DELETE FROM reviews WHERE id = ?", id)
		})
	})
}

// SetInferredGrade records the copy desk's grade for a review its author did
// not grade, and rescores the film. The review's verdict is then the one its
// author stated, if any, else the inferred grade's. A review with an author's
// grade is a Conflict: inference never overrides one.
func (s *Store) SetInferredGrade(ctx context.Context, id ReviewID, g grade.Grade) error {
	r := reviewRow{in: ReviewInput{Grade: g}}
	if g.IsZero() {
		return reel.Errorf(reel.Invalid, "no grade to record")
	}
	if err := checkGrade(&r, User{}); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.lockReviewAuthor(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Grade != nil && old.Grade.Source != GradeInferred {
			return reel.Errorf(reel.Conflict, "review %d has a grade from its author; an inferred grade does not replace it", id)
		}
		return s.rescore(ctx, tx, old.UserID, old.FilmID, func() error {
			return s.execOne(ctx, tx, "review", `UPDATE reviews SET grade_text = ?, grade_scale = ?, grade_value = ?,
				grade_source = ? WHERE id = ?`, g.Text, g.Scale, r.gradeValue, GradeInferred, id)
		})
	})
}

// reviewForWrite reads a review inside a write transaction, whoever wrote it.
func (s *Store) reviewForWrite(ctx context.Context, tx *sql.Tx, id ReviewID) (Review, error) {
	r, err := scanReview(tx.QueryRowContext(ctx, s.rebind(reviewSelect+" WHERE r.id = ?"), id))
	if err != nil {
		return r, s.wrapErr(err, fmt.Sprintf("review %d", id))
	}
	return r, nil
}

// lockReviewAuthor takes lockUser for a review's author, then reads the
// review, so what the caller checks cannot change before it writes.
func (s *Store) lockReviewAuthor(ctx context.Context, tx *sql.Tx, id ReviewID) (Review, error) {
	var author UserID
	err := tx.QueryRowContext(ctx, s.rebind("SELECT user_id FROM reviews WHERE id = ?"), id).Scan(&author)
	if err != nil {
		return Review{}, s.wrapErr(err, fmt.Sprintf("review %d", id))
	}
	if _, err := s.lockUser(ctx, tx, author); err != nil {
		return Review{}, err
	}
	return s.reviewForWrite(ctx, tx, id)
}
