package main

import (
	"math"
	"os"
	"slices"

	"reel/sentiment"
	"reel/sentiment/learn"
)

// productSets builds the shipped model's training sets, with the 3-fold
// assignment its calibrations and stackers are fitted on (out-of-fold
// head outputs). The spread of values a new critic would see is wider than
// these within-critic folds show; train widens σ for it.
//
// rt-polarity snippets are used only when they are the same text as an
// SST train/dev sentence: the others include the SST test sentences that
// are held back for independent evaluation.
//
// sent[f] is the sentence head without SST fold f (f < 3) and with all of
// SST (f = 3): an SST sentence's stacker input comes from the head that
// did not see it; reviews, which no head saw, use the full head.
func productSets(c *corpora, sent []learn.Linear) (pol, val *set, polFold, valFold []int, skipped int) {
	pol, val = &set{}, &set{}
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
		val.addS(c.Xsst[j], d.Label > 2, d.Score, false, c.Csst.sent(&sent[sstFold(j)], j))
		valFold = append(valFold, sstFold(j))
	}
	// A scale review is in fold i%3 for both heads, and a v2.0 review
	// that contains it joins that fold, so that the stacker only ever sees
	// polarity scores of reviews the polarity head did not train on.
	scFold := func(i int) int { return i % 3 }
	pvFold := make([]int, len(c.pv))
	for i, d := range c.pv {
		pvFold[i] = corpusFold(d) % 3
	}
	for i := range c.sc {
		for _, j := range c.scPV[i] {
			pvFold[j] = scFold(i)
		}
	}
	for i, d := range c.pv {
		pol.addS(c.Xpv[i], d.Label == 1, 0, true, c.Cpv.sent(&sent[3], i))
		polFold = append(polFold, pvFold[i])
		// In the value head's training only (fold -1): its target is a
		// stand-in, so it must not shape the stacker.
		val.addS(c.Xpv[i], d.Label == 1, pvTarget(d), true, c.Cpv.sent(&sent[3], i))
		valFold = append(valFold, -1)
	}
	target := criticTargets(c.sc, func(int) bool { return true })
	for i, d := range c.sc {
		if d.Score <= 40 || d.Score >= 70 {
			pol.addS(c.Xsc[i], d.Score >= 70, d.Score, true, c.Csc.sent(&sent[3], i))
			polFold = append(polFold, scFold(i))
		}
		val.addS(c.Xsc[i], d.Score >= 70, target[i], true, c.Csc.sent(&sent[3], i))
		// Random folds, not by critic: by-critic folds would teach the
		// stacker the critics' mean grades instead of how to read the text.
		valFold = append(valFold, scFold(i))
	}
	return
}

func train(out string) error {
	c, err := load()
	if err != nil {
		return err
	}
	sent := make([]learn.Linear, 4)
	parallel(4, func(f int) {
		dropTree := func(j int) bool { return sstFold(j) == f }
		sent[f] = fitSent(c, dropTree, func(i int) bool {
			if len(c.rtSST[i]) == 0 {
				return true // may be an SST test sentence
			}
			for _, j := range c.rtSST[i] {
				if dropTree(j) {
					return true
				}
			}
			return false
		})
	})
	pol, val, polFold, valFold, skipped := productSets(c, sent)
	logf("training on %d polarity and %d value examples (%d rt snippets not traced to SST train/dev left out)", len(pol.X), len(val.X), skipped)
	// Out-of-fold heads for calibration and stacking.
	oofPolScore := make([]float64, len(pol.X))
	valPol := make([]float64, len(val.X))
	valRidge := make([]float64, len(val.X))
	parallel(3, func(f int) {
		pm := fitPol(pol.subset(func(i int) bool { return polFold[i] != f }), polCfg)
		vl, vs := fitValBoth(val, func(i int) bool { return valFold[i] != f })
		for i := range pol.X {
			if polFold[i] == f {
				oofPolScore[i] = pm.Score(pol.X[i])
			}
		}
		for i := range val.X {
			if valFold[i] == f {
				valPol[i] = pm.Score(val.X[i])
				vm := &vl
				if !val.Long[i] {
					vm = &vs
				}
				valRidge[i] = valScore(vm, val.X[i])
			}
		}
	})
	var p sentiment.Params
	short, long := platt(oofPolScore, pol.S, pol.Y, pol.Long, false), platt(oofPolScore, pol.S, pol.Y, pol.Long, true)
	p.PlattShort, p.PlattLong = [2]float64{short.A, short.B}, [4]float64{long.A, long.B, long.C, long.D}
	var r, ps, t []float64
	var ss []sentIn
	var isLong []bool
	for i := range val.X {
		if valFold[i] >= 0 {
			r, ps, ss = append(r, valRidge[i]), append(ps, valPol[i]), append(ss, val.S[i])
			t, isLong = append(t, val.T[i]), append(isLong, val.Long[i])
		}
	}
	p.StackShort, p.SigmaShort = stack(r, ps, ss, t, isLong, false, short)
	p.StackLong, p.SigmaLong = stack(r, ps, ss, t, isLong, true, long)
	// Within-critic folds understate the error on a critic the model
	// never read; 1.15 is a hand-set margin for that (see docs/quality.md).
	p.SigmaLong *= 1.15
	logf("calibration: platt short %v long %v; stack short %v σ=%.1f, long %v σ=%.1f",
		p.PlattShort, p.PlattLong, p.StackShort, p.SigmaShort, p.StackLong, p.SigmaLong)

	var pm, vl, vs learn.Linear
	parallel(2, func(k int) {
		if k == 0 {
			pm = fitPol(pol, polCfg)
		} else {
			vl, vs = fitValBoth(val, func(int) bool { return true })
		}
	})
	p.PolBias, p.ValBias, p.SentBias, p.ValShortBias = pm.B, vl.B, sent[3].B, vs.B
	const nh = sentiment.NumHeads
	m := &sentiment.Model{Opts: opts, Params: p, W: make([]float32, nh*dim)}
	for j := 0; j < dim; j++ {
		m.W[nh*j], m.W[nh*j+1] = float32(pm.W[j]), float32(vl.W[j])
		m.W[nh*j+2], m.W[nh*j+3] = float32(sent[3].W[j]), float32(vs.W[j])
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

// fitValBoth fits the value heads for reviews and for snippets on the
// examples keep selects. One shared head fitted the reviews worse (the
// 11k SST snippets pulled it: out-of-fold RMS 10.6 against 9.9 apart),
// and splitting costs the snippets nothing (RMS 23.4 either way).
func fitValBoth(val *set, keep func(i int) bool) (long, short learn.Linear) {
	long = fitVal(val.subset(func(i int) bool { return keep(i) && val.Long[i] }), 1)
	short = fitVal(val.subset(func(i int) bool { return keep(i) && !val.Long[i] }), 1)
	return long, short
}

// platt fits the calibration of the short or the long examples; the
// long one reads the sentence-head input sent too.
func platt(score []float64, sent []sentIn, y, long []bool, wantLong bool) learn.Calib {
	var s, sm, stl []float64
	var t []bool
	for i := range score {
		if long[i] == wantLong {
			s, t = append(s, score[i]), append(t, y[i])
			sm, stl = append(sm, sent[i].mean), append(stl, sent[i].tail)
		}
	}
	if !wantLong {
		sm, stl = nil, nil
	}
	return learn.FitCalib(s, sm, stl, t)
}

// stack fits Value = a + b·ridge + c·(100p − 50) + d·sent on the
// out-of-fold heads of the examples whose long equals wantLong, and
// returns it with the RMS residual.
func stack(ridge, polScore []float64, sent []sentIn, target []float64, long []bool, wantLong bool, pl learn.Calib) ([4]float64, float64) {
	var X [][]float64
	var y []float64
	for i := range ridge {
		if long[i] == wantLong {
			p := pl.Prob(polScore[i], sent[i].mean, sent[i].tail)
			X = append(X, []float64{1, ridge[i], 100*p - 50, sent[i].mean})
			y = append(y, target[i])
		}
	}
	var st [4]float64
	copy(st[:], learn.LeastSquares(X, y, 1e-6))
	var ss float64
	for i, x := range X {
		v := stackValue(st, x[1], (x[2]+50)/100, x[3])
		ss += (v - y[i]) * (v - y[i])
	}
	return st, math.Sqrt(ss / float64(max(len(X), 1)))
}

// stackValue is sentiment.Model.Value on the heads: ridge value, polarity
// probability p and sentence input sent (10 × the mean sentence score).
func stackValue(st [4]float64, ridge, p, sent float64) float64 {
	return math.Min(math.Max(st[0]+st[1]*ridge+st[2]*(100*p-50)+st[3]*sent, 0), 100)
}

// sstFold is the 3-fold assignment of SST sentence j in training.
func sstFold(j int) int { return j % 3 }

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
