package learn

import "math"

// LeastSquares solves min Σ (y_i − b·x_i)² + lambda·|b|² (the intercept,
// x[0] = 1 by convention, is penalised too but lambda is tiny) by the
// normal equations; the stackers it fits have three inputs.
func LeastSquares(X [][]float64, y []float64, lambda float64) []float64 {
	if len(X) == 0 {
		return nil
	}
	k := len(X[0])
	a := make([][]float64, k)
	for i := range a {
		a[i] = make([]float64, k+1)
		a[i][i] = lambda
	}
	for n, x := range X {
		for i := 0; i < k; i++ {
			for j := 0; j < k; j++ {
				a[i][j] += x[i] * x[j]
			}
			a[i][k] += x[i] * y[n]
		}
	}
	return solveAugmented(a)
}

// solveAugmented solves the k×k system whose right-hand side is column k
// of a, by Gaussian elimination with partial pivoting; a is overwritten.
// A zero pivot leaves its unknown at 0.
func solveAugmented(a [][]float64) []float64 {
	k := len(a)
	for c := 0; c < k; c++ {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		if a[c][c] == 0 {
			continue
		}
		for r := 0; r < k; r++ {
			if r != c {
				f := a[r][c] / a[c][c]
				for j := c; j <= k; j++ {
					a[r][j] -= f * a[c][j]
				}
			}
		}
	}
	b := make([]float64, k)
	for i := range b {
		if a[i][i] != 0 {
			b[i] = a[i][k] / a[i][i]
		}
	}
	return b
}

// Thresholds tunes increasing cut points on predicted values so that
// classifying v by them matches labels (0..len(start)) as often as
// possible, by coordinate search from start in steps of 1.
func Thresholds(v []float64, label []int, start []float64) []float64 {
	t := append([]float64(nil), start...)
	best := classAcc(v, label, t)
	for pass := 0; pass < 5; pass++ {
		improved := false
		for i := range t {
			for c := t[i] - 20; c <= t[i]+20; c++ {
				if (i > 0 && c <= t[i-1]) || (i+1 < len(t) && c >= t[i+1]) {
					continue
				}
				old := t[i]
				t[i] = c
				if a := classAcc(v, label, t); a > best {
					best, improved = a, true
				} else {
					t[i] = old
				}
			}
		}
		if !improved {
			break
		}
	}
	return t
}

// Class returns how many thresholds v reaches.
func Class(v float64, t []float64) int {
	c := 0
	for _, x := range t {
		if v >= x {
			c++
		}
	}
	return c
}

func classAcc(v []float64, label []int, t []float64) float64 {
	right := 0
	for i := range v {
		if Class(v[i], t) == label[i] {
			right++
		}
	}
	return float64(right) / float64(max(len(v), 1))
}
