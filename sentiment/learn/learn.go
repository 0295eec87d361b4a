// Package learn holds the training algorithms behind the sentiment model:
// Naive Bayes log-count ratios, an L2-regularised squared-hinge SVM and a
// ridge regression, both solved by dual coordinate descent (the liblinear
// algorithms of Hsieh et al. 2008), Platt scaling and the metrics the
// evaluation reports. Everything is deterministic for a given seed.
package learn

import (
	"math"
	"math/rand/v2"
	"slices"

	"reel/sentiment"
)

// Vec is a sparse feature vector with sorted, unique indices.
type Vec struct {
	Idx []uint32
	Val []float32
}

// Featurize turns text into a binary presence vector under opts.
func Featurize(opts *sentiment.Options, text string) Vec {
	toks := sentiment.Tokenize(text, nil)
	var ids []uint32
	opts.Extract(toks, func(id uint32, _, _ int32) { ids = append(ids, id) })
	slices.Sort(ids)
	ids = slices.Compact(ids)
	val := make([]float32, len(ids))
	for i := range val {
		val[i] = 1
	}
	return Vec{Idx: ids, Val: val}
}

// Counts turns text into a vector of feature counts under opts, with the
// number of sentences: Counts(…)·w / sentences is the mean over the text's
// sentences of a linear sentence model w, the way Model.Heads computes its
// sentence head.
func Counts(opts *sentiment.Options, text string) (Vec, int) {
	toks := sentiment.Tokenize(text, nil)
	var ids []uint32
	opts.Extract(toks, func(id uint32, _, _ int32) { ids = append(ids, id) })
	return countIDs(ids), sentiment.Sentences(toks)
}

// countIDs turns feature ids, in any order, into a sparse count vector.
func countIDs(ids []uint32) Vec {
	slices.Sort(ids)
	var v Vec
	for _, id := range ids {
		if n := len(v.Idx); n > 0 && v.Idx[n-1] == id {
			v.Val[n-1]++
			continue
		}
		v.Idx, v.Val = append(v.Idx, id), append(v.Val, 1)
	}
	return v
}

// TailCounts is Counts over the closing sentences of text (see
// sentiment.TailStart): the features that start in them, and their number;
// Counts itself when the text is too short to have them. The heads
// compute their SentTail input from it the same way.
func TailCounts(opts *sentiment.Options, text string) (Vec, int) {
	toks := sentiment.Tokenize(text, nil)
	ts := sentiment.TailStart(toks)
	if ts >= len(toks) {
		return Counts(opts, text)
	}
	from := toks[ts].Start
	var ids []uint32
	opts.Extract(toks, func(id uint32, s, _ int32) {
		if s >= from {
			ids = append(ids, id)
		}
	})
	return countIDs(ids), sentiment.Sentences(toks[ts:])
}

// Scaled returns a copy of v whose values are multiplied per index by r.
func (v Vec) Scaled(r []float64) Vec {
	out := Vec{Idx: v.Idx, Val: make([]float32, len(v.Val))}
	for k, j := range v.Idx {
		out.Val[k] = v.Val[k] * float32(r[j])
	}
	return out
}

// Normalized returns a copy of v with unit L2 norm (v itself if empty).
func (v Vec) Normalized() Vec {
	var s float64
	for _, x := range v.Val {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return v
	}
	f := float32(1 / math.Sqrt(s))
	out := Vec{Idx: v.Idx, Val: make([]float32, len(v.Val))}
	for k := range v.Val {
		out.Val[k] = v.Val[k] * f
	}
	return out
}

// Dot returns w·v.
func (v Vec) Dot(w []float64) float64 {
	var s float64
	for k, j := range v.Idx {
		s += w[j] * float64(v.Val[k])
	}
	return s
}

func (v Vec) sq() float64 {
	var s float64
	for _, x := range v.Val {
		s += float64(x) * float64(x)
	}
	return s
}

// NBRatio returns the Naive Bayes log-count ratio of Wang & Manning (2012)
// for binary labels y (true = positive), smoothed by alpha over the
// buckets that occur in X.
func NBRatio(X []Vec, y []bool, dim int, alpha float64) []float64 {
	p := make([]float64, dim)
	q := make([]float64, dim)
	seen := make([]bool, dim)
	for i, x := range X {
		c := q
		if y[i] {
			c = p
		}
		for k, j := range x.Idx {
			c[j] += float64(x.Val[k])
			seen[j] = true
		}
	}
	var np, nq float64
	used := 0
	for j := range p {
		if seen[j] {
			np += p[j]
			nq += q[j]
			used++
		}
	}
	np += alpha * float64(used)
	nq += alpha * float64(used)
	r := make([]float64, dim)
	for j := range r {
		if seen[j] {
			r[j] = math.Log((p[j]+alpha)/np) - math.Log((q[j]+alpha)/nq)
		}
	}
	return r
}

// Linear is a trained linear scorer: f(x) = W·x + B.
type Linear struct {
	W []float64
	B float64
}

// Score returns W·x + B.
func (m *Linear) Score(x Vec) float64 { return x.Dot(m.W) + m.B }

// SVM trains an L2-regularised squared-hinge SVM, min ½|w|² + C Σ
// cost_i·max(0, 1 − y_i(w·x_i + b))², by dual coordinate descent. The bias
// is an extra feature of value 1 (regularised, as in liblinear). cost may
// be nil (all 1); it weights examples, e.g. to balance corpora.
func SVM(X []Vec, y []bool, cost []float64, dim int, C float64, seed uint64) Linear {
	n := len(X)
	w := make([]float64, dim)
	var b float64
	alpha := make([]float64, n)
	diag := make([]float64, n)
	qii := make([]float64, n)
	sgn := make([]float64, n)
	for i := range X {
		c := C
		if cost != nil {
			c *= cost[i]
		}
		diag[i] = 0.5 / c
		qii[i] = X[i].sq() + 1 + diag[i]
		sgn[i] = -1
		if y[i] {
			sgn[i] = 1
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	const eps, maxIter = 0.05, 400
	for iter := 0; iter < maxIter; iter++ {
		rng.Shuffle(n, func(a, c int) { order[a], order[c] = order[c], order[a] })
		pgMax, pgMin := math.Inf(-1), math.Inf(1)
		for _, i := range order {
			x := X[i]
			g := sgn[i]*(x.Dot(w)+b) - 1 + diag[i]*alpha[i]
			pg := g
			if alpha[i] == 0 && g > 0 {
				pg = 0
			}
			pgMax = max(pgMax, pg)
			pgMin = min(pgMin, pg)
			if pg == 0 {
				continue
			}
			old := alpha[i]
			alpha[i] = max(old-g/qii[i], 0)
			d := (alpha[i] - old) * sgn[i]
			for k, j := range x.Idx {
				w[j] += d * float64(x.Val[k])
			}
			b += d
		}
		if pgMax-pgMin < eps {
			break
		}
	}
	return Linear{W: w, B: b}
}

// Ridge trains min ½|w|² + C Σ cost_i (y_i − w·x_i − b)² by dual coordinate
// descent, with b fixed to the (weighted) mean of y so that only the
// deviations are regularised. cost may be nil.
func Ridge(X []Vec, y, cost []float64, dim int, C float64, seed uint64) Linear {
	n := len(X)
	var mean, tot float64
	for i := range y {
		c := 1.0
		if cost != nil {
			c = cost[i]
		}
		mean += c * y[i]
		tot += c
	}
	if tot > 0 {
		mean /= tot
	}
	w := make([]float64, dim)
	beta := make([]float64, n)
	diag := make([]float64, n)
	hii := make([]float64, n)
	for i := range X {
		c := C
		if cost != nil {
			c *= cost[i]
		}
		diag[i] = 0.5 / c
		hii[i] = X[i].sq() + diag[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x41d6e))
	const tol, maxIter = 1e-3, 300
	for iter := 0; iter < maxIter; iter++ {
		rng.Shuffle(n, func(a, c int) { order[a], order[c] = order[c], order[a] })
		var maxStep float64
		for _, i := range order {
			x := X[i]
			g := x.Dot(w) - (y[i] - mean) + diag[i]*beta[i]
			d := -g / hii[i]
			if d == 0 {
				continue
			}
			beta[i] += d
			maxStep = max(maxStep, math.Abs(d*math.Sqrt(hii[i])))
			for k, j := range x.Idx {
				w[j] += d * float64(x.Val[k])
			}
		}
		if maxStep < tol {
			break
		}
	}
	return Linear{W: w, B: mean}
}
