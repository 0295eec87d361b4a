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
	// sentCfg trains the sentence head on ~100k snippets and phrases; it
	// is the setting of the rt-polarity floor test, not tuned further.
	sentCfg = learn.NBSVMConfig{Alpha: 1, C: 0.1, Beta: 0.25}
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
	// The sentence head's input for every text: feature counts and
	// sentence counts (see learn.Counts).
	Crt, Csst, Cpv, Csc counted
	// Xphr/Yphr are the unique SST train/dev phrases with a non-neutral
	// label; phrTrees[p] lists the c.sst sentences phrase p occurs in, so
	// that a phrase is dropped only when all of them are.
	Xphr     []learn.Vec
	Yphr     []bool
	phrTrees [][]int
	// sstSC[j] / rtSC[i] list the scale texts that contain SST sentence j
	// / rt snippet i.
	sstSC, rtSC [][]int
}

// counted holds feature counts and sentence counts of a corpus, over the
// whole texts (C, N) and over their closing sentences (CT, NT).
type counted struct {
	C, CT []learn.Vec
	N, NT []int
}

func countAll(docs []corpus.Doc) counted {
	n := len(docs)
	c := counted{make([]learn.Vec, n), make([]learn.Vec, n), make([]int, n), make([]int, n)}
	parallel(n, func(i int) {
		c.C[i], c.N[i] = learn.Counts(&opts, docs[i].Text)
		c.CT[i], c.NT[i] = learn.TailCounts(&opts, docs[i].Text)
	})
	return c
}

// sentIn is a text's sentence-head input: 10 × the mean sentence score
// over the whole text (what the value stacker reads) and over its closing
// sentences (what the review calibration reads besides), as
// sentiment.Model computes Sent and SentTail.
type sentIn struct{ mean, tail float64 }

func (c counted) sent(m *learn.Linear, i int) sentIn {
	return sentIn{10 * (c.C[i].Dot(m.W)/float64(c.N[i]) + m.B), 10 * (c.CT[i].Dot(m.W)/float64(c.NT[i]) + m.B)}
}

// fitSent trains the sentence head on the rt snippets and SST phrases
// that the drop functions leave (dropTree is on c.sst indices).
func fitSent(c *corpora, dropTree func(j int) bool, dropRT func(i int) bool) learn.Linear {
	var X []learn.Vec
	var y []bool
	for i, d := range c.rt {
		if !dropRT(i) {
			X, y = append(X, c.Xrt[i]), append(y, d.Label == 1)
		}
	}
	for p, trees := range c.phrTrees {
		for _, j := range trees {
			if !dropTree(j) {
				X, y = append(X, c.Xphr[p]), append(y, c.Yphr[p])
				break
			}
		}
	}
	return learn.NBSVM(X, y, nil, dim, sentCfg, seed)
}

// loadPhrases reads the SST train and dev nodes and keeps one copy of
// each non-neutral phrase with the sentences it occurs in.
func (c *corpora) loadPhrases(dir string) error {
	at := map[string]int{}
	var txt []string
	for k, split := range []string{"train", "dev"} {
		nodes, err := corpus.SSTNodes(dir, split)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			if n.Label == 2 {
				continue
			}
			j := n.Tree
			if k == 1 {
				j += c.nSSTTrain
			}
			p, ok := at[n.Text]
			if !ok {
				p = len(txt)
				at[n.Text] = p
				txt = append(txt, n.Text)
				c.Yphr = append(c.Yphr, n.Label > 2)
				c.phrTrees = append(c.phrTrees, nil)
			}
			if l := c.phrTrees[p]; len(l) == 0 || l[len(l)-1] != j {
				c.phrTrees[p] = append(l, j)
			}
		}
	}
	c.Xphr = make([]learn.Vec, len(txt))
	parallel(len(txt), func(i int) { c.Xphr[i] = learn.Featurize(&opts, txt[i]) })
	return nil
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
	c.Crt, c.Csst, c.Cpv, c.Csc = countAll(c.rt), countAll(c.sst), countAll(c.pv), countAll(c.sc)
	c.sstSC = corpus.MatchSnippets(texts(c.sst), texts(c.sc), 5)
	c.rtSC = corpus.MatchSnippets(texts(c.rt), texts(c.sc), 5)
	if err := c.loadPhrases(dir); err != nil {
		return nil, err
	}
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
// (T, 0–100). Long marks full reviews for the per-length calibrations; S
// is the sentence-head input of a value example, from a sentence head
// that did not see the example.
type set struct {
	X    []learn.Vec
	Y    []bool
	T    []float64
	Long []bool
	S    []sentIn
}

func (s *set) add(x learn.Vec, y bool, t float64, long bool) { s.addS(x, y, t, long, sentIn{}) }

func (s *set) addS(x learn.Vec, y bool, t float64, long bool, sent sentIn) {
	s.X, s.Y, s.T, s.Long = append(s.X, x), append(s.Y, y), append(s.T, t), append(s.Long, long)
	s.S = append(s.S, sent)
}

func (s *set) subset(keep func(i int) bool) *set {
	o := &set{}
	for i := range s.X {
		if keep(i) {
			o.addS(s.X[i], s.Y[i], s.T[i], s.Long[i], s.S[i])
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
