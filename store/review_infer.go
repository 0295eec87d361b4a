package store

import "context"

// UngradedReviews returns up to limit reviews that hold neither a grade
// from their author nor an inferred one, of every visibility, in id order
// after the review after (0 to start). The copy desk walks them with the
// last id it saw, so a review it cannot score (a body with no words) does
// not come back within one pass and block the rest. limit is capped at
// MaxPageLimit; tags are not loaded.
func (s *Store) UngradedReviews(ctx context.Context, after ReviewID, limit int) ([]Review, error) {
	limit = Page{Limit: limit}.limit()
	rows, err := s.db.QueryContext(ctx, s.rebind(reviewSelect+
		" WHERE r.grade_value IS NULL AND r.id > ? ORDER BY r.id LIMIT ?"), after, limit)
	if err != nil {
		return nil, s.wrapErr(err, "ungraded reviews")
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan review")
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrapErr(err, "ungraded reviews")
	}
	return out, nil
}
