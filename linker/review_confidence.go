package linker

import "math"

// The film under review's inferred strength (best/(best+second+2), see
// inferReview) sits between 0.35 and 0.9 whether the film is right or not;
// as a confidence it said "less likely than not" of picks that are right
// nine times in ten. reviewConfidence maps it through a logistic curve
// fitted on the annotated set's development and validation texts
// (TestReviewCalibration in linkeval, which checks these constants and the
// test half's calibration). A film the caller named (strength 0.9 or 1)
// keeps its strength.
const (
	reviewCalBias  = 0.17
	reviewCalSlope = 4.58
)

func reviewConfidence(strength float64) float64 {
	if strength >= 0.9 {
		return strength
	}
	return 1 / (1 + math.Exp(-(reviewCalBias + reviewCalSlope*strength)))
}

// ReviewCalibration returns the confidence curve's bias and slope, for the
// test that fits them.
func ReviewCalibration() (bias, slope float64) { return reviewCalBias, reviewCalSlope }
