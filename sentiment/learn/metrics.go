package learn

import "math"

// Platt is a sigmoid p = 1/(1+exp(−(A·s + B))) that maps a raw score to a
// calibrated probability.
type Platt struct{ A, B float64 }

// Prob returns the calibrated probability of a positive label.
func (p Platt) Prob(s float64) float64 { return 1 / (1 + math.Exp(-(p.A*s + p.B))) }

// FitPlatt fits A, B by Newton's method on the log loss, with Platt's
// smoothed targets so that separable scores do not blow A up.
func FitPlatt(scores []float64, y []bool) Platt {
	var np, nn float64
	for _, v := range y {
		if v {
			np++
		} else {
			nn++
		}
	}
	tp, tn := (np+1)/(np+2), 1/(nn+2)
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
