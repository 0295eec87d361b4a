package main

import (
	"fmt"
	"math"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	"reel/sentiment"
	"reel/sentiment/corpus"
	"reel/sentiment/learn"
)

func corpusFold(d corpus.Doc) int { return corpus.PolarityFold(d) }

type row struct{ metric, ours, anchor string }

// eval runs every cross-validation and prints metric, ours, anchor.
func eval() error {
	t0 := time.Now()
	c, err := load()
	if err != nil {
		return err
	}
	var rows []row
	add := func(r ...row) { rows = append(rows, r...) }

	// Sentence polarity, 10 folds (snippet i in fold i%10; both files are
	// interleaved by the modulo, so folds are balanced).
	rtFold := func(i int) int { return i % 10 }
	only := os.Getenv("REEL_EVAL_ONLY") // a debugging aid: "pv" (polarity v2.0 only), or "scale"/"sst" (those two)
	for _, extra := range []bool{false, true} {
		if only != "" {
			break
		}
		removed := 0
		res := crossPol(10, len(c.rt), func(f int) *set {
			s := &set{}
			for i, d := range c.rt {
				if rtFold(i) != f {
					s.add(c.Xrt[i], d.Label == 1, 0, false)
				}
			}
			if extra {
				for j, d := range c.sst {
					leak := false
					for _, i := range c.sstRT[j] {
						leak = leak || rtFold(i) == f
					}
					if leak {
						removed++
					} else if d.Label != 2 {
						s.add(c.Xsst[j], d.Label > 2, 0, false)
					}
				}
			}
			return s
		}, func(i int) (learn.Vec, bool, int, sentIn) { return c.Xrt[i], c.rt[i].Label == 1, rtFold(i), sentIn{} })
		name := "sentence polarity 10-fold acc (rt only)"
		if extra {
			name = fmt.Sprintf("sentence polarity 10-fold acc (+SST train/dev; %d SST duplicates of eval folds removed, summed over folds)", removed)
		}
		add(row{name, pct(res.acc), "NBSVM-bi 79.4 %, CNN 81.5 %"}, row{"  same model: ECE", f3(res.ece), ""})
		logf("%s done (%v)", name, time.Since(t0).Round(time.Second))
	}

	// Polarity v2.0, 10 folds by cv prefix. The calibration of reviews
	// reads the sentence head, as the shipped model's does; here it is
	// trained without the rt snippets and SST sentences found in any v2.0
	// review, so that no test review's own sentences taught it.
	var sentPV learn.Linear
	dropPV := 0
	if only == "" || only == "pv" {
		sstPV := corpus.MatchSnippets(texts(c.sst), texts(c.pv), 5)
		rtPV := corpus.MatchSnippets(texts(c.rt), texts(c.pv), 5)
		for _, l := range append(sstPV, rtPV...) {
			if len(l) > 0 {
				dropPV++
			}
		}
		sentPV = fitSent(c, func(j int) bool { return len(sstPV[j]) > 0 }, func(i int) bool { return len(rtPV[i]) > 0 })
	}
	for _, extra := range []bool{false, true} {
		if only != "" && only != "pv" {
			break
		}
		removed := 0
		res := crossPol(10, len(c.pv), func(f int) *set {
			s := &set{}
			for i, d := range c.pv {
				if corpus.PolarityFold(d) != f {
					s.addS(c.Xpv[i], d.Label == 1, 0, true, c.Cpv.sent(&sentPV, i))
				}
			}
			if extra {
				for i, d := range c.sc {
					leak := false
					for _, j := range c.scPV[i] {
						leak = leak || corpus.PolarityFold(c.pv[j]) == f
					}
					if leak {
						removed++
					} else if d.Score <= 40 || d.Score >= 70 {
						s.addS(c.Xsc[i], d.Score >= 70, 0, true, c.Csc.sent(&sentPV, i))
					}
				}
			}
			return s
		}, func(i int) (learn.Vec, bool, int, sentIn) {
			return c.Xpv[i], c.pv[i].Label == 1, corpus.PolarityFold(c.pv[i]), c.Cpv.sent(&sentPV, i)
		})
		name := fmt.Sprintf("polarity v2.0 10-fold acc, 1,800 reviews (v2.0 only; sentence head without the %d snippets found in v2.0)", dropPV)
		if extra {
			name = fmt.Sprintf("polarity v2.0 10-fold acc (+scale data, %d near-duplicates of eval folds removed)", removed)
		}
		add(row{name, pct(res.acc), "NBSVM-bi 89.45 % (2,000 reviews)"}, row{"  same model: ECE", f3(res.ece), ""})
		logf("%s: %s, ECE %s (%v)", name, pct(res.acc), f3(res.ece), time.Since(t0).Round(time.Second))
	}

	if only != "pv" {
		add(evalScale(c)...)
		logf("scale done (%v)", time.Since(t0).Round(time.Second))
		add(evalSST(c)...)
		logf("sst done (%v)", time.Since(t0).Round(time.Second))
	}

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tours\tanchor")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.metric, r.ours, r.anchor)
	}
	tw.Flush()
	fmt.Printf("(%v on %d goroutines)\n", time.Since(t0).Round(time.Second), 2)
	return nil
}

type polResult struct{ acc, ece float64 }

// crossPol runs k outer folds: trainSet(f) builds the training set, test(i)
// gives example i's vector, label, fold and sentence-head input. Inside
// each training set a 3-fold inner CV picks the NBSVM setting and fits the
// calibration (reading the sentence head when the set is of full reviews,
// as the shipped model does); accuracy is that of the calibrated p ≥ ½.
func crossPol(k, n int, trainSet func(f int) *set, test func(i int) (learn.Vec, bool, int, sentIn)) polResult {
	probs := make([]float64, n)
	for f := 0; f < k; f++ {
		s := trainSet(f)
		cfg, cal := innerPol(s)
		m := fitPol(s, cfg)
		for i := 0; i < n; i++ {
			if x, _, fi, sent := test(i); fi == f {
				probs[i] = cal.Prob(m.Score(x), sent.mean, sent.tail)
			}
		}
	}
	var conf []float64
	var right []bool
	nr := 0
	for i := 0; i < n; i++ {
		_, y, _, _ := test(i)
		ok := (probs[i] >= 0.5) == y
		if ok {
			nr++
		}
		conf = append(conf, math.Max(probs[i], 1-probs[i]))
		right = append(right, ok)
	}
	return polResult{acc: float64(nr) / float64(n), ece: learn.ECE(conf, right)}
}

func innerPol(s *set) (learn.NBSVMConfig, learn.Calib) {
	fold := func(i int) int { return i % 3 }
	scores := oofPol(s, fold, 3, polGrid)
	var mean, tail []float64
	if !slices.Contains(s.Long, false) {
		for _, v := range s.S {
			mean, tail = append(mean, v.mean), append(tail, v.tail)
		}
	}
	best, bestAcc := 0, -1.0
	var bestPl learn.Calib
	for c, sc := range scores {
		pl := learn.FitCalib(sc, mean, tail, s.Y)
		right := 0
		for i, v := range sc {
			if (pl.Prob(v, s.S[i].mean, s.S[i].tail) >= 0.5) == s.Y[i] {
				right++
			}
		}
		if a := float64(right) / float64(len(sc)); a > bestAcc {
			best, bestAcc, bestPl = c, a, pl
		}
	}
	return polGrid[best], bestPl
}

// valueModel is the value pipeline of the shipped model (ridge head,
// polarity head, Platt, stacker, spread) fitted on one training set; the
// sentence head is trained outside it, on other corpora.
type valueModel struct {
	pol, val  learn.Linear
	pl        learn.Calib
	stack     [4]float64
	sigma     float64
	threshold []float64
}

// predict returns the value of a text with presence vector x and
// sentence-head input sent.
func (v *valueModel) predict(x learn.Vec, sent sentIn) float64 {
	p := v.pl.Prob(v.pol.Score(x), sent.mean, sent.tail)
	return stackValue(v.stack, valScore(&v.val, x), p, sent.mean)
}

// fitValue fits the pipeline on pol/val sets with groups for the inner
// cross-validation, picking the ridge C and fitting Platt, the stacker,
// sigma and class thresholds on out-of-group predictions; classes(i) is
// val example i's class label for thresholds. val.S must already hold
// sentence-head inputs that did not see the example.
func fitValue(pol, val *set, polG, valG []int, groups int, classes []int, start []float64) valueModel {
	type oof struct{ pol, ridge []float64 }
	res := make([]oof, len(ridgeC))
	for r := range res {
		res[r] = oof{make([]float64, len(val.X)), make([]float64, len(val.X))}
	}
	parallel(groups, func(g int) {
		pm := fitPol(pol.subset(func(i int) bool { return polG[i] != g }), polCfg)
		vs := val.subset(func(i int) bool { return valG[i] != g })
		for r, C := range ridgeC {
			vm := fitVal(vs, C)
			for i := range val.X {
				if valG[i] == g {
					res[r].pol[i] = pm.Score(val.X[i])
					res[r].ridge[i] = valScore(&vm, val.X[i])
				}
			}
		}
	})
	// The calibration on the inner polarity scores of the clearly graded
	// examples; for full reviews it reads the sentence head too, as the
	// shipped model does.
	var ps, pt, pu []float64
	var py []bool
	long := false
	for i := range val.X {
		if valG[i] >= 0 && (val.T[i] <= 40 || val.T[i] >= 70) {
			ps, py = append(ps, res[0].pol[i]), append(py, val.T[i] >= 70)
			pt, pu = append(pt, val.S[i].mean), append(pu, val.S[i].tail)
			long = val.Long[i]
		}
	}
	if !long {
		pt, pu = nil, nil
	}
	pl := learn.FitCalib(ps, pt, pu, py)
	inner := make([]bool, len(val.X))
	for i := range inner {
		inner[i] = valG[i] >= 0 // the rest were in every inner training set
	}
	best := math.Inf(1)
	var vm valueModel
	var bestC float64
	for r, C := range ridgeC {
		st, sigma := stack(res[r].ridge, res[r].pol, val.S, val.T, inner, true, pl)
		if sigma >= best {
			continue
		}
		best, bestC = sigma, C
		vm = valueModel{pl: pl, stack: st, sigma: sigma}
		var pred []float64
		var cls []int
		for i := range val.X {
			if inner[i] {
				pred = append(pred, stackValue(st, res[r].ridge[i], pl.Prob(res[r].pol[i], val.S[i].mean, val.S[i].tail), val.S[i].mean))
				cls = append(cls, classes[i])
			}
		}
		vm.threshold = learn.Thresholds(pred, cls, start)
	}
	parallel(2, func(k int) {
		if k == 0 {
			vm.pol = fitPol(pol, polCfg)
		} else {
			vm.val = fitVal(val, bestC)
		}
	})
	return vm
}

// criticTargets maps each scale review's score to the value head's
// target with the critic's habit removed: score − critic mean + the mean
// over the critics kept. A critic's mean grade is not in the text (a harsh
// and a lenient critic write alike about the same film), so learning it
// would only teach the heads to recognise the critics' styles, which does
// not carry over to a new critic. keep selects the critics used.
func criticTargets(sc []corpus.Doc, keep func(i int) bool) []float64 {
	sum, n := map[string]float64{}, map[string]float64{}
	var all, nAll float64
	for i, d := range sc {
		if keep(i) {
			sum[d.Group] += d.Score
			n[d.Group]++
			all += d.Score
			nAll++
		}
	}
	t := make([]float64, len(sc))
	for i, d := range sc {
		if keep(i) {
			t[i] = d.Score - sum[d.Group]/n[d.Group] + all/nAll
		}
	}
	return t
}

// evalScale holds each critic out in turn: the value pipeline is fitted on
// the other critics, on polarity v2.0 (minus the reviews that contain one
// of the held-out critic's reviews) and, for the polarity head, on the rt
// and SST snippets the shipped model reads; the polarity and sentence
// heads drop the rt snippets and SST sentences found in the held-out
// critic's reviews.
func evalScale(c *corpora) []row {
	critics := []string{}
	idx := map[string]int{}
	for _, d := range c.sc {
		if _, ok := idx[d.Group]; !ok {
			idx[d.Group] = len(critics)
			critics = append(critics, d.Group)
		}
	}
	var absErr, constErr float64
	right, n, removed, removedSent := 0, 0, 0, 0
	var conf []float64
	var ok []bool
	var perCritic []string
	for k, name := range critics {
		held := func(l []int) bool {
			for _, i := range l {
				if idx[c.sc[i].Group] == k {
					return true
				}
			}
			return false
		}
		dropTree := func(j int) bool { return held(c.sstSC[j]) }
		dropRT := func(i int) bool { return held(c.rtSC[i]) }
		for j := range c.sst {
			if dropTree(j) {
				removedSent++
			}
		}
		for i := range c.rt {
			if dropRT(i) {
				removedSent++
			}
		}
		sm := fitSent(c, dropTree, dropRT)
		pol, val := &set{}, &set{}
		var polG, valG, classes []int
		leak := make([]bool, len(c.pv))
		for i, d := range c.sc {
			if idx[d.Group] == k {
				for _, j := range c.scPV[i] {
					leak[j] = true
				}
			}
		}
		// The polarity head reads snippets too, as the shipped one does
		// (the same rt and SST texts as in train).
		for i, d := range c.rt {
			if len(c.rtSST[i]) > 0 && !dropRT(i) {
				pol.add(c.Xrt[i], d.Label == 1, 0, false)
				polG = append(polG, -1)
			}
		}
		for j, d := range c.sst {
			if d.Label != 2 && !dropTree(j) {
				pol.add(c.Xsst[j], d.Label > 2, 0, false)
				polG = append(polG, -1)
			}
		}
		for i, d := range c.pv {
			if leak[i] {
				removed++
				continue
			}
			pol.add(c.Xpv[i], d.Label == 1, 0, true)
			polG = append(polG, -1) // in every inner training set
			val.addS(c.Xpv[i], d.Label == 1, pvTarget(d), true, c.Cpv.sent(&sm, i))
			valG = append(valG, -1)
			classes = append(classes, -1)
		}
		train := func(i int) bool { return idx[c.sc[i].Group] != k }
		target := criticTargets(c.sc, train)
		var mean, nMean float64
		for i, d := range c.sc {
			if !train(i) {
				continue
			}
			// Inner folds are random, not by critic: with only two
			// training critics, by-critic folds teach the stacker each
			// critic's mean instead of how to read the text.
			g := i % 3
			if d.Score <= 40 || d.Score >= 70 {
				pol.add(c.Xsc[i], d.Score >= 70, target[i], true)
				polG = append(polG, g)
			}
			val.addS(c.Xsc[i], d.Score >= 70, target[i], true, c.Csc.sent(&sm, i))
			valG = append(valG, g)
			classes = append(classes, d.Label)
			mean += d.Score
			nMean++
		}
		mean /= nMean
		vm := fitValue(pol, val, polG, valG, 3, classes, []float64{35, 55, 75})
		var ae, mp, mt float64
		cr, cn := 0, 0
		for i, d := range c.sc {
			if train(i) {
				continue
			}
			v := vm.predict(c.Xsc[i], c.Csc.sent(&sm, i))
			ae += math.Abs(v - d.Score)
			mp += v
			mt += d.Score
			constErr += math.Abs(mean - d.Score)
			if learn.Class(v, vm.threshold) == d.Label {
				cr++
			}
			cn++
			conf = append(conf, sentiment.BandProb(v, vm.sigma))
			ok = append(ok, sentiment.VerdictOf(v) == sentiment.VerdictOf(d.Score))
		}
		absErr += ae
		right += cr
		n += cn
		perCritic = append(perCritic, fmt.Sprintf("%s %.1f / %.1f %%", name, ae/float64(cn), 100*float64(cr)/float64(cn)))
		logf("scale: %s MAE %.2f 4-class %.1f%% (thresholds %v; mean predicted %.1f, true %.1f; stack %.3g)", name, ae/float64(cn), 100*float64(cr)/float64(cn), vm.threshold, mp/float64(cn), mt/float64(cn), vm.stack)
	}
	nv := 0
	for _, b := range ok {
		if b {
			nv++
		}
	}
	return []row{
		{"scale data leave-one-critic-out MAE (0–100)", fmt.Sprintf("%.2f", absErr/float64(n)), "floor ≤ 12"},
		{"  constant guess (training critics' mean), same folds", fmt.Sprintf("%.2f", constErr/float64(n)), ""},
		{"scale data leave-one-critic-out 4-class acc", pct(float64(right) / float64(n)), "floor ≥ 50 %"},
		{"  per critic (MAE / 4-class)", fmt.Sprint(perCritic), ""},
		{"  verdict (pos/mixed/neg) acc", pct(float64(nv) / float64(n)), ""},
		{"  same model: verdict confidence ECE", f3(learn.ECE(conf, ok)), ""},
		{fmt.Sprintf("  (v2.0 reviews containing a held-out critic's review, removed: %d over the 3 folds)", removed), "", ""},
		{fmt.Sprintf("  (rt snippets and SST sentences found in a held-out critic's review, dropped from the polarity and sentence heads: %d over the 3 folds)", removedSent), "", ""},
	}
}

// evalSST trains on SST train (plus rt-polarity snippets that are not an
// SST dev sentence) and tests on SST dev. The sentence head of the
// stacker's inner folds leaves out that fold's SST sentences (phrases
// found only there) and their rt twins.
func evalSST(c *corpora) []row {
	devRT := map[int]bool{}
	for j := c.nSSTTrain; j < len(c.sst); j++ {
		for _, i := range c.sstRT[j] {
			devRT[i] = true
		}
	}
	isDev := func(j int) bool { return j >= c.nSSTTrain }
	inFold := func(g int) (func(int) bool, func(int) bool) {
		tree := func(j int) bool { return isDev(j) || j%3 == g }
		rt := func(i int) bool {
			if devRT[i] {
				return true
			}
			for _, j := range c.rtSST[i] {
				if tree(j) {
					return true
				}
			}
			return false
		}
		return tree, rt
	}
	heads := make([]learn.Linear, 4) // folds 0–2, then all of train
	parallel(4, func(g int) {
		dt, dr := inFold(g)
		heads[g] = fitSent(c, dt, dr)
	})
	pol, val := &set{}, &set{}
	var polG, valG, classes []int
	for j := 0; j < c.nSSTTrain; j++ {
		d := c.sst[j]
		if d.Label != 2 {
			pol.add(c.Xsst[j], d.Label > 2, d.Score, false)
			polG = append(polG, j%3)
		}
		val.addS(c.Xsst[j], d.Label > 2, d.Score, false, c.Csst.sent(&heads[j%3], j))
		valG = append(valG, j%3)
		classes = append(classes, d.Label)
	}
	for i, d := range c.rt {
		if devRT[i] {
			continue
		}
		g := -1
		if l := c.rtSST[i]; len(l) > 0 {
			g = l[0] % 3 // same inner fold as its SST twin
		}
		pol.add(c.Xrt[i], d.Label == 1, 0, false)
		polG = append(polG, g)
	}
	vm := fitValue(pol, val, polG, valG, 3, classes, []float64{20, 40, 60, 80})
	right5, right2, n2 := 0, 0, 0
	var conf []float64
	var ok []bool
	for j := c.nSSTTrain; j < len(c.sst); j++ {
		d := c.sst[j]
		x := c.Xsst[j]
		if learn.Class(vm.predict(x, c.Csst.sent(&heads[3], j)), vm.threshold) == d.Label {
			right5++
		}
		if d.Label == 2 {
			continue
		}
		p := vm.pl.Prob(vm.pol.Score(x), 0, 0) // a snippet: no sentence terms
		n2++
		hit := (p >= 0.5) == (d.Label > 2)
		if hit {
			right2++
		}
		conf = append(conf, math.Max(p, 1-p))
		ok = append(ok, hit)
	}
	nDev := len(c.sst) - c.nSSTTrain
	return []row{
		{"SST-5 dev acc (root)", pct(float64(right5) / float64(nDev)), "CNN 48.0 % (test)"},
		{"binary SST dev acc (root, neutral dropped)", pct(float64(right2) / float64(n2)), "CNN 88.1 % (test)"},
		{"  same model: ECE", f3(learn.ECE(conf, ok)), ""},
		{fmt.Sprintf("  (rt snippets equal to an SST dev sentence, removed from training: %d)", len(devRT)), "", ""},
	}
}

// pvTarget is the value the ridge head learns for a polarity v2.0
// review, whose only label is its polarity: the typical score of a
// positive (resp. negative) review in the scale data.
func pvTarget(d corpus.Doc) float64 {
	if d.Label == 1 {
		return 75
	}
	return 35
}

func pct(x float64) string { return fmt.Sprintf("%.2f %%", 100*x) }
func f3(x float64) string  { return fmt.Sprintf("%.3f", x) }
