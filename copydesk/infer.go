package copydesk

import (
	"context"

	"reel"
	"reel/grade"
	"reel/store"
)

// InferredScale is the notation of an inferred grade: the 0–100 value
// itself, a staff score as Metacritic gives an unscored review.
const InferredScale = grade.ScaleOutOf100

// InferScores gives every review in st that has no grade an inferred one,
// read from its body, and returns how many it recorded. A grade the body
// states ("Verdict: a minor work") is kept in its own notation; otherwise
// the score's value is expressed on InferredScale. A grade the author gave
// is never replaced: a review graded meanwhile is skipped, as is one whose
// body has no words to read. It stops at the first store error or when ctx
// ends.
func InferScores(ctx context.Context, st *store.Store) (int, error) {
	n := 0
	var after store.ReviewID
	for {
		rs, err := st.UngradedReviews(ctx, after, store.MaxPageLimit)
		if err != nil || len(rs) == 0 {
			return n, err
		}
		for _, r := range rs {
			after = r.ID
			ok, err := inferOne(ctx, st, r)
			if err != nil {
				return n, err
			}
			if ok {
				n++
			}
		}
	}
}

// inferOne scores one review and records the grade; false when the review
// was skipped.
func inferOne(ctx context.Context, st *store.Store, r store.Review) (bool, error) {
	rep, err := Analyze(ctx, r.Body, Options{Format: bodyFormat(r.Format)})
	if reel.ErrorCode(err) == reel.Invalid {
		return false, nil // nothing readable: it stays ungraded
	}
	if err != nil {
		return false, err
	}
	err = st.SetInferredGrade(ctx, r.ID, inferredGrade(rep.Score))
	switch reel.ErrorCode(err) {
	case "":
		return true, nil
	case reel.Conflict, reel.NotFound:
		return false, nil // graded or deleted since it was listed
	}
	return false, err
}

// inferredGrade is the grade a score stands for: the body's own grade when
// it states one, else the value on InferredScale.
func inferredGrade(s Score) grade.Grade {
	if s.Grade != nil {
		// The phrase may carry its label ("Grade: B+"); the grade is kept
		// in its scale's canonical form.
		if g, err := grade.Parse(s.Grade.Text); err == nil && g.String() != "" {
			g.Text = g.String()
			return g
		}
	}
	return grade.FromValue(s.Value, InferredScale)
}

// bodyFormat maps a stored body's format to Analyze's.
func bodyFormat(f string) string {
	if f == store.FormatHTML {
		return FormatHTML
	}
	return FormatMarkdown
}
