package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"reel"
	"reel/grade"
)

const reviewSelect = `SELECT r.id, r.user_id, u.name, u.display_name, r.film_id, r.body, r.format, r.body_html,
	r.grade_text, r.grade_scale, r.grade_value, r.grade_source, r.verdict, r.spoilers, r.watched_on,
	r.rewatch, r.liked, r.visibility, r.source_url, r.pull_quote, r.created_at, r.updated_at
	FROM reviews r JOIN users u ON u.id = r.user_id`

func scanReview(sc scanner) (Review, error) {
	var r Review
	var g ReviewGrade
	var value sql.NullInt64
	var watched sql.NullString
	var spoilers, rewatch, liked int
	var created, updated int64
	err := sc.Scan(&r.ID, &r.UserID, &r.Author, &r.AuthorName, &r.FilmID, &r.Body, &r.Format, &r.HTML,
		&g.Text, &g.Scale, &value, &g.Source, &r.Verdict, &spoilers, &watched,
		&rewatch, &liked, &r.Visibility, &r.SourceURL, &r.PullQuote, &created, &updated)
	if value.Valid {
		g.Value = float64(value.Int64) / 10
		r.Grade = &g
	}
	r.VerdictSaid = r.Verdict != ""
	if !r.VerdictSaid && value.Valid {
		r.Verdict = grade.VerdictOf(g.Value)
	}
	r.Spoilers, r.Rewatch, r.Liked = spoilers != 0, rewatch != 0, liked != 0
	r.WatchedOn = watched.String
	r.CreatedAt, r.UpdatedAt = fromMillis(created), fromMillis(updated)
	r.Tags = []string{}
	return r, err
}

// Review returns a review as viewer (0 for a signed-out reader) may see it:
// another user's private review is NotFound, as if it did not exist.
func (s *Store) Review(ctx context.Context, viewer UserID, id ReviewID) (Review, error) {
	r, err := scanReview(s.queryRow(ctx, s.rebind(reviewSelect+
		" WHERE r.id = ? AND (r.visibility <> 'private' OR r.user_id = ?)"), id, viewer))
	if err != nil {
		return r, s.wrapErr(err, fmt.Sprintf("review %d", id))
	}
	rs := []Review{r}
	err = s.loadTags(ctx, rs)
	return rs[0], err
}

// Page asks for one page of a list ordered newest first. After is the Next of
// the previous page ("" for the first); Limit defaults to DefaultPageLimit and
// is capped at MaxPageLimit.
type Page struct {
	Limit int
	After string
}

func (p Page) limit() int {
	switch {
	case p.Limit <= 0:
		return DefaultPageLimit
	case p.Limit > MaxPageLimit:
		return MaxPageLimit
	}
	return p.Limit
}

// ReviewPage is one page of reviews; Next is "" on the last page.
type ReviewPage struct {
	Reviews []Review `json:"reviews"`
	Next    string   `json:"next,omitempty"`
}

// A cursor is the (key, id) of the last row of a page, written "key~id":
// the key is the creation time in milliseconds for reviews, the watch date
// for the diary. The next page starts after that row.
func encodeCursor(key string, id int64) string { return key + "~" + strconv.FormatInt(id, 10) }

func decodeCursor(c string) (key string, id int64, err error) {
	i := strings.LastIndexByte(c, '~')
	if i > 0 {
		id, err = strconv.ParseInt(c[i+1:], 10, 64)
	}
	if i <= 0 || err != nil {
		return "", 0, reel.Errorf(reel.Invalid, "invalid page cursor %q", c)
	}
	return c[:i], id, nil
}

// timeCursor decodes a review cursor, whose key is milliseconds.
func timeCursor(c string) (int64, int64, error) {
	key, id, err := decodeCursor(c)
	if err != nil {
		return 0, 0, err
	}
	ms, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return 0, 0, reel.Errorf(reel.Invalid, "invalid page cursor %q", c)
	}
	return ms, id, nil
}

// ReviewsByFilm lists a film's reviews newest first: the public ones, and
// the viewer's own whatever their visibility.
func (s *Store) ReviewsByFilm(ctx context.Context, viewer UserID, film reel.FilmID, p Page) (ReviewPage, error) {
	return s.reviewPage(ctx, p, "r.film_id = ? AND (r.visibility = 'public' OR r.user_id = ?)", film, viewer)
}

// ReviewsByUser lists a user's reviews newest first: all of them to the user,
// the public ones to anyone else.
func (s *Store) ReviewsByUser(ctx context.Context, viewer, author UserID, p Page) (ReviewPage, error) {
	return s.reviewPage(ctx, p, "r.user_id = ? AND (r.visibility = 'public' OR r.user_id = ?)", author, viewer)
}

// LatestReviews lists everyone's public reviews newest first.
func (s *Store) LatestReviews(ctx context.Context, p Page) (ReviewPage, error) {
	return s.reviewPage(ctx, p, "r.visibility = 'public'")
}

// ReviewsByTag lists public reviews with a tag, and the viewer's own, newest
// first.
func (s *Store) ReviewsByTag(ctx context.Context, viewer UserID, tag string, p Page) (ReviewPage, error) {
	tag = strings.Join(strings.Fields(strings.ToLower(tag)), " ")
	return s.reviewPage(ctx, p, `r.id IN (SELECT review_id FROM review_tags WHERE tag = ?)
		AND (r.visibility = 'public' OR r.user_id = ?)`, tag, viewer)
}

// reviewPage runs one keyset-paginated query over reviews: ordered by
// (created_at, id) descending, resuming after the cursor's row, so pages
// stay stable while reviews are added.
func (s *Store) reviewPage(ctx context.Context, p Page, where string, args ...any) (ReviewPage, error) {
	out := ReviewPage{Reviews: []Review{}}
	if p.After != "" {
		ms, id, err := timeCursor(p.After)
		if err != nil {
			return out, err
		}
		// A row-value comparison, which both engines use as an index bound.
		where += " AND (r.created_at, r.id) < (?, ?)"
		args = append(args, ms, id)
	}
	limit := p.limit()
	args = append(args, limit+1)
	rows, err := s.query(ctx, s.rebind(reviewSelect+" WHERE "+where+
		" ORDER BY r.created_at DESC, r.id DESC LIMIT ?"), args...)
	if err != nil {
		return out, s.wrapErr(err, "reviews")
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return out, s.wrapErr(err, "scan review")
		}
		out.Reviews = append(out.Reviews, r)
	}
	if err := rows.Err(); err != nil {
		return out, s.wrapErr(err, "reviews")
	}
	if len(out.Reviews) > limit {
		out.Reviews = out.Reviews[:limit]
		last := out.Reviews[limit-1]
		out.Next = encodeCursor(strconv.FormatInt(millis(last.CreatedAt), 10), int64(last.ID))
	}
	return out, s.loadTags(ctx, out.Reviews)
}

// loadTags fills in the tags of rs with one query.
func (s *Store) loadTags(ctx context.Context, rs []Review) error {
	if len(rs) == 0 {
		return nil
	}
	index := make(map[ReviewID]int, len(rs))
	args := make([]any, len(rs))
	for i, r := range rs {
		index[r.ID] = i
		args[i] = r.ID
	}
	rows, err := s.query(ctx, s.rebind("SELECT review_id, tag FROM review_tags WHERE review_id IN ("+
		placeholders(len(rs))+") ORDER BY review_id, tag"), args...)
	if err != nil {
		return s.wrapErr(err, "review tags")
	}
	defer rows.Close()
	for rows.Next() {
		var id ReviewID
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return s.wrapErr(err, "scan review tag")
		}
		r := &rs[index[id]]
		r.Tags = append(r.Tags, tag)
	}
	return s.wrapErr(rows.Err(), "review tags")
}
