package store

import "context"

// CreateReviewForBench writes a review like CreateReview, without reading it
// back, and with or without updating the film's scores, so a benchmark can
// measure what keeping scores costs.
func (s *Store) CreateReviewForBench(ctx context.Context, author UserID, in ReviewInput, scores bool) (ReviewID, error) {
	return s.createReview(ctx, author, in, scores)
}
