package main

import (
	"fmt"
	"os"
	"sync"

	"reel/sentiment"
	"reel/sentiment/corpus"
	"reel/sentiment/learn"
)

// opts are the features of the shipped model; eval uses the same.
var opts = sentiment.Options{Bits: 22, Bigrams: true, Negation: true, Contrast: true, Tail: true}

// polCfg is the NBSVM setting used when no inner search is run, and the
// grid the inner search chooses from.
var (
	polCfg  = learn.NBSVMConfig{Alpha: 2, C: 0.1, Beta: 0.5}
	polGrid = []learn.NBSVMConfig{{Alpha: 1, C: 0.1, Beta: 0.5}, {Alpha: 2, C: 0.1, Beta: 0.5}, {Alpha: 1, C: 0.1, Beta: 0.25}}
	ridgeC  = []float64{0.03, 0.1, 0.3, 1}
)

const seed = 20120708 // fixed: training is deterministic

// corpora holds every corpus, its feature vectors and the duplicate maps
// that keep evaluation folds out of training.
type corpora struct {
	rt, sst, pv, sc     []corpus.Doc // sst = SST train then dev
	nSSTTrain           int
	Xrt, Xsst, Xpv, Xsc []learn.Vec
	// sstRT[i] lists the rt snippets that are the same text as SST
	// sentence i; scPV[i] the polarity v2.0 reviews that contain scale
	// review i.
	sstRT, scPV [][]int
	rtSST       [][]int
}

func load() (*corpora, error) {
	dir := corpus.Dir()
	if !corpus.Available(dir) {
		return nil, fmt.Errorf("corpora not found at %s (set REEL_DATA)", dir)
	}
	c := &corpora{}
	var err error
	if c.rt, err = corpus.SentencePolarity(dir); err != nil {
		return nil, err
	}
	tr, err := corpus.SST(dir, "train")
	if err != nil {
		return nil, err
	}
	dv, err := corpus.SST(dir, "dev")
	if err != nil {
		return nil, err
	}
	c.nSSTTrain = len(tr)
	c.sst = append(tr, dv...)
	if c.pv, err = corpus.PolarityV2(dir); err != nil {
		return nil, err
	}
	if c.sc, err = corpus.Scale(dir); err != nil {
		return nil, err
	}
	c.sstRT = corpus.MatchSnippets(texts(c.sst), texts(c.rt), 5)
	c.rtSST = make([][]int, len(c.rt))
	for i, l := range c.sstRT {
		for _, j := range l {
			c.rtSST[j] = append(c.rtSST[j], i)
		}
	}
	c.scPV = corpus.NearDuplicates(texts(c.sc), texts(c.pv), 8, 0.5)
	c.Xrt, c.Xsst = featurizeAll(c.rt), featurizeAll(c.sst)
	c.Xpv, c.Xsc = featurizeAll(c.pv), featurizeAll(c.sc)
	return c, nil
}

func texts(d []corpus.Doc) []string {
	s := make([]string, len(d))
	for i := range d {
		s[i] = d[i].Text
	}
	return s
}

func featurizeAll(docs []corpus.Doc) []learn.Vec {
	X := make([]learn.Vec, len(docs))
	parallel(len(docs), func(i int) { X[i] = learn.Featurize(&opts, docs[i].Text) })
	return X
}

// parallel runs f(0..n-1) on two goroutines, the machine's budget.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// set is a training set for the polarity head (Y) and/or the value head
// (T, 0–100). Long marks full reviews for the per-length calibrations.
type set struct {
	X    []learn.Vec
	Y    []bool
	T    []float64
	Long []bool
}

func (s *set) add(x learn.Vec, y bool, t float64, long bool) {
	s.X, s.Y, s.T, s.Long = append(s.X, x), append(s.Y, y), append(s.T, t), append(s.Long, long)
}

func (s *set) subset(keep func(i int) bool) *set {
	o := &set{}
	for i := range s.X {
		if keep(i) {
			o.add(s.X[i], s.Y[i], s.T[i], s.Long[i])
		}
	}
	return o
}

const dim = 1 << 22

func fitPol(s *set, cfg learn.NBSVMConfig) learn.Linear {
	return learn.NBSVM(s.X, s.Y, nil, dim, cfg, seed)
}

func fitVal(s *set, C float64) learn.Linear {
	X := make([]learn.Vec, len(s.X))
	for i, x := range s.X {
		X[i] = x.Normalized()
	}
	return learn.Ridge(X, s.T, nil, dim, C, seed)
}

func valScore(m *learn.Linear, x learn.Vec) float64 { return m.Score(x.Normalized()) }

// oofPol returns out-of-fold polarity scores of s under k folds given by
// fold(i), for each config in cfgs.
func oofPol(s *set, fold func(i int) int, k int, cfgs []learn.NBSVMConfig) [][]float64 {
	out := make([][]float64, len(cfgs))
	for c := range out {
		out[c] = make([]float64, len(s.X))
	}
	parallel(k*len(cfgs), func(job int) {
		f, c := job%k, job/k
		m := fitPol(s.subset(func(i int) bool { return fold(i) != f }), cfgs[c])
		for i := range s.X {
			if fold(i) == f {
				out[c][i] = m.Score(s.X[i])
			}
		}
	})
	return out
}

func logf(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
