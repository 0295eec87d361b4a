package learn

import "math"

// NBSVMConfig holds the hyper-parameters of Wang & Manning's NBSVM.
type NBSVMConfig struct {
	Alpha float64 // Laplace smoothing of the log-count ratio
	C     float64 // SVM cost
	Beta  float64 // interpolation between NB (0) and SVM (1) weights
}

// NBSVM trains an NBSVM and folds the log-count ratio and the
// interpolation into one weight per bucket, so that the model scores a
// binary feature vector with a plain dot product.
func NBSVM(X []Vec, y []bool, cost []float64, dim int, cfg NBSVMConfig, seed uint64) Linear {
	r := NBRatio(X, y, dim, cfg.Alpha)
	Xs := make([]Vec, len(X))
	for i, x := range X {
		Xs[i] = x.Scaled(r)
	}
	m := SVM(Xs, y, cost, dim, cfg.C, seed)
	var sum float64
	used := 0
	for j, v := range m.W {
		if r[j] != 0 {
			sum += math.Abs(v)
			used++
		}
	}
	mean := 0.0
	if used > 0 {
		mean = sum / float64(used)
	}
	w := make([]float64, dim)
	for j := range w {
		if r[j] != 0 {
			w[j] = r[j] * ((1-cfg.Beta)*mean + cfg.Beta*m.W[j])
		}
	}
	return Linear{W: w, B: m.B}
}
