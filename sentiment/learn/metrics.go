package learn

import "math"

// Platt is a sigmoid p = 1/(1+exp(−(A·s + B))) that maps a raw score to a
// calibrated probability.
type Platt struct{ A, B float64 }

// Prob returns the calibrated probability of a positive label.
func (p Platt) Prob(s float64) float64 { return 1 / (1 + math.Exp(-(p.A*s + p.B))) }

// plattTargets are Platt's smoothed targets for the positive and the
// negative examples of y.
func plattTargets(y []bool) (tp, tn float64) {
	var np, nn float64
	for _, v := range y {
		if v {
			np++
		} else {
			nn++
		}
	}
	return (np + 1) / (np + 2), 1 / (nn + 2)
}

// FitPlatt fits A, B by Newton's method on the log loss, with Platt's
// smoothed targets so that separable scores do not blow A up.
func FitPlatt(scores []float64, y []bool) Platt {
	tp, tn := plattTargets(y)
	a, b := 1.0, 0.0
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, s := range scores {
			t := tn
			if y[i] {
				t = tp
			}
			p := 1 / (1 + math.Exp(-(a*s + b)))
			d := p - t
			ga += d * s
			gb += d
			h := math.Max(p*(1-p), 1e-12)
			haa += h * s * s
			hab += h * s
			hbb += h
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det == 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da) < 1e-9 && math.Abs(db) < 1e-9 {
			break
		}
	}
	return Platt{A: a, B: b}
}

// ECE is the expected calibration error over 10 equal-width confidence
// bins: the mean |accuracy − confidence| weighted by bin size. conf is
// the probability given to the predicted class and right tells whether
// that prediction was correct.
func ECE(conf []float64, right []bool) float64 {
	const bins = 10
	var n, c, a [bins]float64
	for i, p := range conf {
		k := int(p * bins)
		k = min(max(k, 0), bins-1)
		n[k]++
		c[k] += p
		if right[i] {
			a[k]++
		}
	}
	var e, tot float64
	for k := range n {
		if n[k] > 0 {
			e += math.Abs(a[k] - c[k])
			tot += n[k]
		}
	}
	if tot == 0 {
		return 0
	}
	return e / tot
}

// Calib maps a review's polarity score s and its sentence-head inputs t
// and u (10 × the mean sentence score over the whole text and over its
// closing sentences) to a calibrated probability
// 1/(1+exp(−(A·s + B + C·t + D·u))). With C = D = 0 it is Platt scaling.
type Calib struct{ A, B, C, D float64 }

// Prob returns the calibrated probability of a positive label.
func (c Calib) Prob(s, t, u float64) float64 {
	return 1 / (1 + math.Exp(-(c.A*s + c.B + c.C*t + c.D*u)))
}

// FitCalib fits A, B, C, D by Newton's method on the log loss with Platt's
// smoothed targets; with t nil it fits A, B only, as FitPlatt.
func FitCalib(s, t, u []float64, y []bool) Calib {
	if t == nil {
		p := FitPlatt(s, y)
		return Calib{A: p.A, B: p.B}
	}
	X := make([][]float64, len(s))
	for i := range s {
		X[i] = []float64{s[i], 1, t[i], u[i]}
	}
	w := FitLogistic(X, y)
	return Calib{A: w[0], B: w[1], C: w[2], D: w[3]}
}

// FitLogistic fits a logistic regression without intercept (give X a
// column of ones for one) by Newton's method on the log loss, with
// Platt's smoothed targets so that separable data does not blow the
// weights up; the inputs of the calibrations it fits are a handful.
func FitLogistic(X [][]float64, y []bool) []float64 {
	if len(X) == 0 {
		return nil
	}
	k := len(X[0])
	tp, tn := plattTargets(y)
	w := make([]float64, k)
	a := make([][]float64, k)
	for it := 0; it < 100; it++ {
		for i := range a {
			a[i] = make([]float64, k+1)
			a[i][i] = 1e-9
		}
		for n, x := range X {
			var z float64
			for i := range x {
				z += w[i] * x[i]
			}
			p := 1 / (1 + math.Exp(-z))
			t := tn
			if y[n] {
				t = tp
			}
			h := math.Max(p*(1-p), 1e-12)
			for i := range x {
				a[i][k] += (p - t) * x[i]
				for j := range x {
					a[i][j] += h * x[i] * x[j]
				}
			}
		}
		d := solveAugmented(a)
		step := 0.0
		for i := range w {
			w[i] -= d[i]
			step = math.Max(step, math.Abs(d[i]))
		}
		if step < 1e-9 {
			break
		}
	}
	return w
}
