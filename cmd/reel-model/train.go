package main

import (
	"math"
	"os"
	"slices"

	"reel/sentiment"
	"reel/sentiment/learn"
)

// productSets builds the shipped model's training sets, with a 3-fold
// assignment used for its calibration: scale reviews by critic, so that
// the spread of its values is the one a new critic would see.
//
// rt-polarity snippets are used only when they are the same text as an
// SST train/dev sentence: the others include the SST test sentences that
// are held back for independent evaluation.
func productSets(c *corpora) (pol, val *set, polFold, valFold []int, skipped int) {
	pol, val = &set{}, &set{}
	sstFold := func(j int) int { return j % 3 }
	for i, d := range c.rt {
		if len(c.rtSST[i]) == 0 {
			skipped++
			continue
		}
		pol.add(c.Xrt[i], d.Label == 1, 0, false)
		polFold = append(polFold, sstFold(c.rtSST[i][0]))
	}
	for j, d := range c.sst {
		if d.Label != 2 {
			pol.add(c.Xsst[j], d.Label > 2, 0, false)
			polFold = append(polFold, sstFold(j))
		}
		val.add(c.Xsst[j], d.Label > 2, d.Score, false)
		valFold = append(valFold, sstFold(j))
	}
	critic := map[string]int{}
	pvFold := make([]int, len(c.pv))
	for i, d := range c.pv {
		pvFold[i] = corpusFold(d) % 3
	}
	for i, d := range c.sc {
		if _, ok := critic[d.Group]; !ok {
			critic[d.Group] = len(critic) % 3
		}
		for _, j := range c.scPV[i] {
			pvFold[j] = critic[d.Group]
		}
	}
	for i, d := range c.pv {
		pol.add(c.Xpv[i], d.Label == 1, 0, true)
		polFold = append(polFold, pvFold[i])
		// In the value head's training only (fold -1): its target is a
		// stand-in, so it must not shape the stacker.
		val.add(c.Xpv[i], d.Label == 1, pvTarget(d), true)
		valFold = append(valFold, -1)
	}
	for i, d := range c.sc {
		if d.Score <= 40 || d.Score >= 70 {
			pol.add(c.Xsc[i], d.Score >= 70, d.Score, true)
			polFold = append(polFold, critic[d.Group])
		}
		val.add(c.Xsc[i], d.Score >= 70, d.Score, true)
		// Random folds for the stacker: by-critic folds would teach it
		// the critics' mean grades instead of how to read the text.
		valFold = append(valFold, i%3)
	}
	return
}

func train(out string) error {
	c, err := load()
	if err != nil {
		return err
	}
	pol, val, polFold, valFold, skipped := productSets(c)
	logf("training on %d polarity and %d value examples (%d rt snippets not traced to SST train/dev left out)", len(pol.X), len(val.X), skipped)
	// Out-of-fold heads for calibration and stacking.
	oofPolScore := make([]float64, len(pol.X))
	valPol := make([]float64, len(val.X))
	valRidge := make([]float64, len(val.X))
	parallel(3, func(f int) {
		pm := fitPol(pol.subset(func(i int) bool { return polFold[i] != f }), polCfg)
		vm := fitVal(val.subset(func(i int) bool { return valFold[i] != f }), 1)
		for i := range pol.X {
			if polFold[i] == f {
				oofPolScore[i] = pm.Score(pol.X[i])
			}
		}
		for i := range val.X {
			if valFold[i] == f {
				valPol[i] = pm.Score(val.X[i])
				valRidge[i] = valScore(&vm, val.X[i])
			}
		}
	})
	var p sentiment.Params
	p.PlattShort, p.PlattLong = platt(oofPolScore, pol.Y, pol.Long, false), platt(oofPolScore, pol.Y, pol.Long, true)
	var r, ps, t []float64
	var long []bool
	for i := range val.X {
		if valFold[i] >= 0 {
			r, ps, t, long = append(r, valRidge[i]), append(ps, valPol[i]), append(t, val.T[i]), append(long, val.Long[i])
		}
	}
	p.StackShort, p.SigmaShort = stack(r, ps, t, long, false, p.PlattShort)
	p.StackLong, p.SigmaLong = stack(r, ps, t, long, true, p.PlattLong)
	// Within-critic folds understate the error on a critic the model
	// never read; 1.15 is a hand-set margin for that (see docs/quality.md).
	p.SigmaLong *= 1.15
	logf("calibration: platt short %v long %v; stack short %v σ=%.1f, long %v σ=%.1f",
		p.PlattShort, p.PlattLong, p.StackShort, p.SigmaShort, p.StackLong, p.SigmaLong)

	var pm, vm learn.Linear
	parallel(2, func(k int) {
		if k == 0 {
			pm = fitPol(pol, polCfg)
		} else {
			vm = fitVal(val, 1)
		}
	})
	p.PolBias, p.ValBias = pm.B, vm.B
	m := &sentiment.Model{Opts: opts, Params: p, W: make([]float32, 2*dim)}
	for j := 0; j < dim; j++ {
		m.W[2*j], m.W[2*j+1] = float32(pm.W[j]), float32(vm.W[j])
	}
	m.Vocab = vocab(c)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, _ := os.Stat(out)
	logf("wrote %s (%.1f MB)", out, float64(st.Size())/1e6)
	return nil
}

func platt(score []float64, y, long []bool, wantLong bool) [2]float64 {
	var s []float64
	var t []bool
	for i := range score {
		if long[i] == wantLong {
			s, t = append(s, score[i]), append(t, y[i])
		}
	}
	pl := learn.FitPlatt(s, t)
	return [2]float64{pl.A, pl.B}
}

// stack fits Value = a + b·ridge + c·(100p − 50) on the out-of-fold heads
// and returns it with the RMS residual.
func stack(ridge, polScore, target []float64, long []bool, wantLong bool, pl [2]float64) ([3]float64, float64) {
	var X [][]float64
	var y []float64
	for i := range ridge {
		if long[i] == wantLong {
			p := learn.Platt{A: pl[0], B: pl[1]}.Prob(polScore[i])
			X = append(X, []float64{1, ridge[i], 100*p - 50})
			y = append(y, target[i])
		}
	}
	b := learn.LeastSquares(X, y, 1e-6)
	var ss float64
	for i, x := range X {
		v := math.Min(math.Max(b[0]+b[1]*x[1]+b[2]*x[2], 0), 100)
		ss += (v - y[i]) * (v - y[i])
	}
	return [3]float64{b[0], b[1], b[2]}, math.Sqrt(ss / float64(max(len(X), 1)))
}

// vocab lists the words that occur in at least 3 training texts, the
// coverage test for English film talk.
func vocab(c *corpora) []uint64 {
	df := map[uint64]int{}
	for _, docs := range [][]string{texts(c.rt), texts(c.sst), texts(c.pv), texts(c.sc)} {
		for _, t := range docs {
			seen := map[uint64]bool{}
			for _, tok := range sentiment.Tokenize(t, nil) {
				if tok.Kind == sentiment.Word && !seen[tok.H] {
					seen[tok.H] = true
					df[tok.H]++
				}
			}
		}
	}
	var v []uint64
	for h, n := range df {
		if n >= 3 {
			v = append(v, h)
		}
	}
	slices.Sort(v)
	return v
}
