package sentiment

import (
	"math"
	"slices"
	"sync"
)

// Result is what the model infers from one review.
type Result struct {
	Value      float64 // 0–100
	Verdict    string  // positive (Value ≥ 60), negative (≤ 39) or mixed
	Confidence float64 // calibrated probability that Verdict is right
	Evidence   []Phrase
	// Grade is set when the text states its own grade ("Grade: B+",
	// "★★★½", "Verdict: very good"); it then sets Value.
	Grade *Phrase `json:",omitempty"`
	// Truncated reports that the text was longer than MaxInput and only
	// its first MaxInput bytes were read.
	Truncated bool `json:",omitempty"`
}

// Phrase is a span of the input with the weight it carried; a positive
// Weight pushed the score up.
type Phrase struct {
	Start, End int // byte offsets into the input text
	Text       string
	Weight     float64
}

// Verdicts, by the product's rule on the 0–100 value.
const (
	Positive = "positive"
	Mixed    = "mixed"
	Negative = "negative"
)

// VerdictOf applies the product's bands: ≥ 60 positive, ≤ 39 negative.
func VerdictOf(v float64) string {
	switch {
	case v >= 59.5:
		return Positive
	case v < 39.5:
		return Negative
	}
	return Mixed
}

// Model is a trained score-and-verdict model. It is read-only after
// loading and safe for concurrent use.
type Model struct {
	Opts Options
	// W interleaves the heads per bucket (a lookup touches one cache
	// line): W[4i] is the polarity (NBSVM) weight, W[4i+1] the value
	// (ridge) weight for reviews, W[4i+2] the sentence-head weight and
	// W[4i+3] the value weight for snippets. Reviews and snippets get
	// separate value heads: sharing one fitted the reviews worse.
	W []float32
	Params
	// Vocab holds the sorted hashes of the words seen often in training;
	// the share of a text's words found there tells English film talk
	// from anything else.
	Vocab []uint64
	// vocabSet is Vocab as an open-addressing hash set (0 = empty slot),
	// built by Load.
	vocabSet []uint64
}

// Params are the scalars of a model: biases, calibrations and the
// stacker that turns the two heads into a 0–100 value.
type Params struct {
	PolBias      float64
	ValBias      float64 // the reviews' value head
	SentBias     float64
	ValShortBias float64 // the snippets' value head
	// PlattShort calibrates the polarity score of short texts (snippets,
	// under LongWords words): p = σ(A·Pol + B).
	PlattShort [2]float64
	// PlattLong calibrates full reviews and also reads the sentence head,
	// over the whole review and over its closing sentences (the verdict):
	// p = σ(A·Pol + B + C·10·Sent + D·10·SentTail). The bag of words of
	// a whole review and how its sentences sound (learnt from 100k
	// snippets and phrases) err on different reviews.
	PlattLong [4]float64
	// Value = Stack[0] + Stack[1]·ridge + Stack[2]·(100·p − 50) +
	// Stack[3]·10·sent, with StackShort for short texts and StackLong for
	// reviews.
	StackShort, StackLong [4]float64
	// SigmaShort/SigmaLong are the residual spreads of Value, used to
	// turn Value into the probability that its verdict band is right.
	SigmaShort, SigmaLong float64
}

// NumHeads is the number of weights per feature bucket in Model.W.
const NumHeads = 4

// LongWords is where a text stops being a snippet and becomes a review.
const LongWords = 100

// Heads are the raw outputs of the linear heads for one text.
type Heads struct {
	Pol float64 // polarity margin
	// Val is the ridge value of the value head for the text's length.
	Val float64
	// Sent is the mean over the text's sentences of the sentence head, a
	// polarity model of single sentences and phrases (Rotten Tomatoes
	// snippets and the labelled phrases of SST). It reads a review the
	// way its sentences read, whoever wrote it, which is what carries
	// over to a critic the value head never saw.
	Sent float64
	// SentTail is the same mean over the closing sentences only (see
	// TailStart); Sent when the text is too short to have them.
	SentTail float64
	Words    int     // word tokens
	Coverage float64 // share of words in the model's vocabulary
	// feats are the text's distinct features at their first occurrence,
	// for Score's evidence; only set while Score holds the scratch they
	// live in.
	feats []feat
}

type feat struct {
	id         uint32
	start, end int32
}

// scratch holds one call's buffers. Scoring runs once per review and once
// per candidate sentence of the pull quote, so the buffers are pooled: a
// call then allocates nothing.
type scratch struct {
	toks  []Token
	occ   []feat // every feature occurrence, in Extract's order
	feats []feat
	// slots is an open-addressing set of the bucket ids seen (id+1, 0 is
	// empty), which finds a feature's first occurrence in one pass; it
	// replaced sorting 4 × tokens keys per call.
	slots []uint32
	cands []cand // Score's evidence candidates
	top   []cand // the strongest of them (see evidence)
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledSlots keeps the buffers of a rare huge input out of the pool.
const maxPooledSlots = 1 << 20

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if len(sc.slots) <= maxPooledSlots {
		scratchPool.Put(sc)
	}
}

// Heads runs the tokenizer, the feature extractor and the heads.
func (m *Model) Heads(text string) Heads {
	sc := getScratch()
	h := m.heads(text, sc)
	h.feats = nil // they live in sc
	putScratch(sc)
	return h
}

// heads is Heads with the caller's buffers; h.feats points into sc.
func (m *Model) heads(text string, sc *scratch) Heads {
	sc.toks = Tokenize(text, sc.toks)
	return m.headsOf(sc.toks, sc)
}

// headsOf is heads over tokens made by Tokenize: the heads read nothing of
// a text but its tokens, and of their offsets only their order.
func (m *Model) headsOf(toks []Token, sc *scratch) Heads {
	var h Heads
	h.countWords(m, toks)
	if len(m.W) == 0 { // the empty fallback model of Default
		return h
	}
	// At most maxFeatsPerToken features per token, so a table of twice
	// that many slots stays at most half full and probes stay short.
	size := 64
	for size < 2*maxFeatsPerToken*len(toks) {
		size *= 2
	}
	if cap(sc.slots) < size {
		sc.slots = make([]uint32, size)
	}
	slots := sc.slots[:size]
	clear(slots)
	mask := uint32(size - 1)
	vh, vb := 1, m.ValBias
	if h.Words < LongWords {
		vh, vb = 3, m.ValShortBias
	}
	// One pass: the sentence head counts every occurrence (the sum over
	// sentences of each one's score, divided by their number); the
	// polarity and value heads read presence, so only a bucket's first
	// occurrence adds to them.
	var sent, sentTail, pol, val float64
	feats := sc.feats[:0]
	W := m.W
	// The closing sentences' features are those that start in them (the
	// tail copies among them weigh 0 in the sentence head, which was
	// trained on snippets too short to have a tail).
	ends := Sentences(toks)
	ts := tailStart(toks, ends)
	tailFrom := int32(math.MaxInt32)
	if ts < len(toks) {
		tailFrom = toks[ts].Start
	}
	sc.occ = m.Opts.appendFeatures(sc.occ[:0], toks, ts)
	for _, f := range sc.occ {
		w := W[NumHeads*f.id : NumHeads*f.id+NumHeads : NumHeads*f.id+NumHeads]
		sent += float64(w[2])
		if f.start >= tailFrom {
			sentTail += float64(w[2])
		}
		for i := f.id & mask; ; i = (i + 1) & mask {
			if slots[i] == 0 {
				slots[i] = f.id + 1
				pol += float64(w[0])
				val += float64(w[vh])
				feats = append(feats, f)
				break
			}
			if slots[i] == f.id+1 {
				break
			}
		}
	}
	sc.feats = feats
	h.feats = feats
	h.Sent = sent/float64(ends) + m.SentBias
	h.SentTail = h.Sent
	if ts < len(toks) {
		h.SentTail = sentTail/float64(Sentences(toks[ts:])) + m.SentBias
	}
	h.Pol = pol + m.PolBias
	nrm := 0.0
	if len(feats) > 0 {
		nrm = 1 / math.Sqrt(float64(len(feats)))
	}
	h.Val = val*nrm + vb
	return h
}

// countWords sets Words and Coverage.
func (h *Heads) countWords(m *Model, toks []Token) {
	known := 0
	for _, t := range toks {
		if t.Kind == Word {
			h.Words++
			if m.known(t.H) {
				known++
			}
		}
	}
	if h.Words > 0 {
		h.Coverage = float64(known) / float64(h.Words)
	}
}

// known reports whether h is in the vocabulary: through the hash set Load
// builds, else (a model built in memory) by binary search.
func (m *Model) known(h uint64) bool {
	if m.vocabSet != nil && h != 0 {
		mask := uint64(len(m.vocabSet) - 1)
		for i := mix(h) & mask; ; i = (i + 1) & mask {
			switch m.vocabSet[i] {
			case h:
				return true
			case 0:
				return false
			}
		}
	}
	_, ok := slices.BinarySearch(m.Vocab, h)
	return ok
}

// indexVocab builds vocabSet from Vocab: one probe per word instead of a
// 16-step binary search, for every word of every text scored.
func (m *Model) indexVocab() {
	size := 64
	for size < 2*len(m.Vocab) {
		size *= 2
	}
	set := make([]uint64, size)
	mask := uint64(size - 1)
	for _, h := range m.Vocab {
		if h == 0 {
			continue // 0 marks an empty slot; known falls back for it
		}
		i := mix(h) & mask
		for set[i] != 0 && set[i] != h {
			i = (i + 1) & mask
		}
		set[i] = h
	}
	m.vocabSet = set
}

// Prob returns the calibrated probability that the text is positive.
func (m *Model) Prob(h Heads) float64 {
	if h.Words < LongWords {
		p := m.PlattShort
		return sigmoid(p[0]*h.Pol + p[1])
	}
	p := m.PlattLong
	return sigmoid(p[0]*h.Pol + p[1] + p[2]*10*h.Sent + p[3]*10*h.SentTail)
}

// Value returns the 0–100 value the heads imply, before explicit grades.
func (m *Model) Value(h Heads) float64 {
	s := m.StackLong
	if h.Words < LongWords {
		s = m.StackShort
	}
	return clamp(s[0]+s[1]*h.Val+s[2]*(100*m.Prob(h)-50)+s[3]*10*h.Sent, 0, 100)
}

// Sigma is the expected spread of the true value around Value(h). Texts
// the vocabulary does not cover (other languages, code, noise) get a
// spread so wide that no verdict is likely.
func (m *Model) Sigma(h Heads) float64 {
	s := m.SigmaLong
	if h.Words < LongWords {
		s = m.SigmaShort
	}
	// Full coverage is ~0.9 for English reviews; below 0.5 the text is
	// mostly not English.
	c := clamp((h.Coverage-0.4)/0.45, 0.02, 1)
	return s / c
}

// BandProb is the probability that a value drawn from N(v, sigma²) falls
// in the verdict band of v: the model's confidence in its verdict.
func BandProb(v, sigma float64) float64 {
	lo, hi := math.Inf(-1), math.Inf(1)
	switch VerdictOf(v) {
	case Positive:
		lo = 59.5
	case Negative:
		hi = 39.5
	default:
		lo, hi = 39.5, 59.5
	}
	return normCDF((hi-v)/sigma) - normCDF((lo-v)/sigma)
}

func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
