package linker

import (
	"math"
	"slices"
)

// minFranchise is how many films must share a main title before it names
// their series rather than any one of them.
const minFranchise = 3

// franchises puts out of reach the films a span matches only by the main
// title before their colon when three or more films share it: "star trek"
// is the series (or the film of that exact title), not Star Trek: The Next
// Generation because Patrick Stewart is named nearby; "star wars" is the
// 1977 film, not Episode I. Candidates come grouped by span, in the order
// globalCandidates found them.
func (r *run) franchises() {
	r.franchise = r.franchise[:0]
	r.eachSpan(len(r.cands), func(lo, hi int) {
		main := 0
		for n := lo; n < hi; n++ {
			if c := &r.cands[n]; c.kind == kFilm && c.form == formMain {
				main++
			}
		}
		if main < minFranchise {
			return
		}
		r.franchise = append(r.franchise, [2]int{r.cands[lo].i, r.cands[lo].j})
		for n := lo; n < hi; n++ {
			if c := &r.cands[n]; c.kind == kFilm && c.form == formMain && c.strong < 3 {
				c.need = math.Inf(1)
			}
		}
	})
}

// franchiseSpan reports tokens [i, j) as a franchise's shared main title:
// no part of the film under review's title either ("star trek" in a review
// of Star Trek: Insurrection).
func (r *run) franchiseSpan(i, j int) bool {
	return slices.Contains(r.franchise, [2]int{i, j})
}
