package learn

import (
	"math"
	"os"
	"testing"

	"reel/sentiment"
	"reel/sentiment/corpus"
)

var opts = sentiment.Options{Bits: 20, Bigrams: true, Negation: true, Contrast: true}

func TestSVMSeparatesToyData(t *testing.T) {
	X := []Vec{{Idx: []uint32{0}, Val: []float32{1}}, {Idx: []uint32{1}, Val: []float32{1}}}
	y := []bool{true, false}
	m := SVM(X, y, nil, 2, 10, 1)
	if m.Score(X[0]) <= 0 || m.Score(X[1]) >= 0 {
		t.Fatalf("toy data not separated: %v", m)
	}
}

// The ridge intercept is the mean target, so the toy feature is centred.
func TestRidgeFitsLine(t *testing.T) {
	var X []Vec
	var y []float64
	for i := 0; i < 50; i++ {
		x := float64(i)/49 - 0.5
		X = append(X, Vec{Idx: []uint32{0}, Val: []float32{float32(x)}})
		y = append(y, 30+40*x)
	}
	m := Ridge(X, y, nil, 1, 1e4, 1)
	for i, x := range X {
		if d := math.Abs(m.Score(x) - y[i]); d > 1 {
			t.Fatalf("ridge off by %.2f at %d", d, i)
		}
	}
}

// Counts keeps repeats (the sentence head sums every occurrence) and
// counts sentences, a last one without a closing mark included.
func TestCounts(t *testing.T) {
	o := sentiment.Options{Bits: 20}
	v, n := Counts(&o, "good. good good! bad")
	if n != 3 {
		t.Errorf("sentences = %d, want 3", n)
	}
	p := Featurize(&o, "good. good good! bad")
	if len(v.Idx) != len(p.Idx) {
		t.Fatalf("counts has %d buckets, presence %d", len(v.Idx), len(p.Idx))
	}
	var total float32
	for k := range v.Idx {
		if v.Idx[k] != p.Idx[k] || (k > 0 && v.Idx[k] <= v.Idx[k-1]) {
			t.Fatalf("bucket %d differs or unsorted", k)
		}
		total += v.Val[k]
	}
	// 4 words and 2 marks as unigrams, no bigrams under these options.
	if total != 6 {
		t.Errorf("total count %v, want 6", total)
	}
	if _, n := Counts(&o, ""); n != 1 {
		t.Errorf("empty text: %d sentences, want 1", n)
	}
}

func TestPlattAndECE(t *testing.T) {
	s := []float64{-2, -1, -0.5, 0.5, 1, 2}
	y := []bool{false, false, true, false, true, true}
	p := FitPlatt(s, y)
	if p.A <= 0 || p.Prob(2) <= p.Prob(-2) {
		t.Fatalf("platt not increasing: %+v", p)
	}
	if e := ECE([]float64{0.9, 0.9}, []bool{true, false}); math.Abs(e-0.4) > 1e-9 {
		t.Fatalf("ECE = %v, want 0.4", e)
	}
}

// TestHeldOutFloor trains NBSVM on 90 % of the sentence polarity data and
// checks the other 10 % against a floor a little under the published
// NBSVM-bi figure (one fold varies by about ±1.5 points).
func TestHeldOutFloor(t *testing.T) {
	dir := corpus.Dir()
	if !corpus.Available(dir) {
		if os.Getenv("CI") != "" {
			t.Fatalf("corpora missing at %s under CI", dir)
		}
		t.Skipf("corpora not present at %s", dir)
	}
	docs, err := corpus.SentencePolarity(dir)
	if err != nil {
		t.Fatal(err)
	}
	var Xtr, Xte []Vec
	var ytr, yte []bool
	for i, d := range docs {
		x := Featurize(&opts, d.Text)
		if i%10 == 3 {
			Xte, yte = append(Xte, x), append(yte, d.Label == 1)
		} else {
			Xtr, ytr = append(Xtr, x), append(ytr, d.Label == 1)
		}
	}
	m := NBSVM(Xtr, ytr, nil, 1<<opts.Bits, NBSVMConfig{Alpha: 1, C: 0.1, Beta: 0.25}, 1)
	right := 0
	for i, x := range Xte {
		if (m.Score(x) > 0) == yte[i] {
			right++
		}
	}
	acc := float64(right) / float64(len(Xte))
	t.Logf("held-out accuracy %.2f%% on %d snippets", 100*acc, len(Xte))
	if acc < 0.765 {
		t.Fatalf("held-out accuracy %.2f%% below the 76.5%% floor", 100*acc)
	}
}

// FitCalib recovers the coefficients of a logistic model drawn from it
// (deterministic pseudo-random data), and without a second input it is
// Platt scaling.
func TestFitCalibRecoversCoefficients(t *testing.T) {
	want := Calib{A: 1.5, B: -0.5, C: 0.8, D: -0.4}
	var s, u, v []float64
	var y []bool
	x := uint64(1)
	next := func() float64 { // xorshift in [-2, 2)
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return float64(x%4000)/1000 - 2
	}
	for i := 0; i < 20000; i++ {
		a, b, c := next(), next(), next()
		s, u, v = append(s, a), append(u, b), append(v, c)
		y = append(y, (next()+2)/4 < want.Prob(a, b, c))
	}
	got := FitCalib(s, u, v, y)
	for _, d := range []float64{got.A - want.A, got.B - want.B, got.C - want.C, got.D - want.D} {
		if math.Abs(d) > 0.1 {
			t.Fatalf("FitCalib = %+v, want about %+v", got, want)
		}
	}
	if p, c := FitPlatt(s, y), FitCalib(s, nil, nil, y); c != (Calib{A: p.A, B: p.B}) {
		t.Fatalf("FitCalib without the sentence inputs = %+v, FitPlatt = %+v", c, p)
	}
}
