package sentiment

import (
	"math"
	"slices"
	"strings"
	"testing"

	"reel/sentiment/corpus"
)

// refHeads is Heads as it was before the one-pass rewrite (sorting 4 ×
// tokens keys for presence, a binary search per word for coverage). The
// rewrite must give the same heads: bit for bit for the sentence head and
// the word counts, within 1e-9 for the presence sums, whose order changed.
func (m *Model) refHeads(text string) Heads {
	var h Heads
	toks := Tokenize(text, nil)
	var feats []feat
	m.Opts.Extract(toks, func(id uint32, s, e int32) { feats = append(feats, feat{id, s, e}) })
	known := 0
	for _, t := range toks {
		if t.Kind == Word {
			h.Words++
			if _, ok := slices.BinarySearch(m.Vocab, t.H); ok {
				known++
			}
		}
	}
	if h.Words > 0 {
		h.Coverage = float64(known) / float64(h.Words)
	}
	if len(m.W) == 0 {
		return h
	}
	var sent float64
	for _, f := range feats {
		sent += float64(m.W[NumHeads*f.id+2])
	}
	h.Sent = sent/float64(Sentences(toks)) + m.SentBias
	keys := make([]uint64, len(feats))
	for i, f := range feats {
		keys[i] = uint64(f.id)<<32 | uint64(i)
	}
	slices.Sort(keys)
	var uniq []feat
	last := uint32(math.MaxUint32)
	for _, k := range keys {
		if id := uint32(k >> 32); id != last {
			last = id
			uniq = append(uniq, feats[uint32(k)])
		}
	}
	h.feats = uniq
	vh, vb := 1, m.ValBias
	if h.Words < LongWords {
		vh, vb = 3, m.ValShortBias
	}
	var pol, val float64
	for _, f := range uniq {
		pol += float64(m.W[NumHeads*f.id])
		val += float64(m.W[NumHeads*f.id+uint32(vh)])
	}
	h.Pol = pol + m.PolBias
	nrm := 0.0
	if len(uniq) > 0 {
		nrm = 1 / math.Sqrt(float64(len(uniq)))
	}
	h.Val = val*nrm + vb
	return h
}

// sameTexts are the texts the rewrite is checked on: this package's
// samples and, when the research data is present, polarity v2.0's reviews
// and every third rt snippet.
func sameTexts(t *testing.T) []string {
	texts := []string{review(), "", "Not good. Not bad either!", "\xff\xfe bad bytes", strings.Repeat("great ", 3000)}
	dir := corpus.Dir()
	if !corpus.Available(dir) {
		t.Logf("research data not found at %s: checking the samples only", dir)
		return texts
	}
	pv, err := corpus.PolarityV2(dir)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := corpus.SentencePolarity(dir)
	if err != nil {
		t.Fatal(err)
	}
	step := 1
	if testing.Short() {
		step = 10
	}
	for i := 0; i < len(pv); i += step {
		texts = append(texts, pv[i].Text)
	}
	for i := 0; i < len(rt); i += 3 * step {
		texts = append(texts, rt[i].Text)
	}
	return texts
}

func TestHeadsMatchReference(t *testing.T) {
	m := model(t)
	worst := 0.0
	for _, text := range sameTexts(t) {
		got, want := m.Heads(text), m.refHeads(text)
		if got.Sent != want.Sent || got.Words != want.Words || got.Coverage != want.Coverage {
			t.Fatalf("%.60q: sent/words/coverage %v %d %v, reference %v %d %v", text, got.Sent, got.Words, got.Coverage, want.Sent, want.Words, want.Coverage)
		}
		for _, d := range []float64{got.Pol - want.Pol, got.Val - want.Val, m.Value(got) - m.Value(want)} {
			worst = math.Max(worst, math.Abs(d))
		}
		// Score's evidence reads the same distinct features, each at
		// its first occurrence.
		sc := getScratch()
		fast := m.heads(text, sc)
		a, b := slices.Clone(fast.feats), slices.Clone(want.feats)
		putScratch(sc)
		byID := func(x, y feat) int { return int(x.id) - int(y.id) }
		slices.SortFunc(a, byID)
		if !slices.Equal(a, b) {
			t.Fatalf("%.60q: %d distinct features, reference %d (or other first occurrences)", text, len(a), len(b))
		}
	}
	if worst > 1e-9 {
		t.Errorf("heads differ from the reference by up to %g", worst)
	}
	t.Logf("largest difference from the reference: %g", worst)
}

// BenchmarkHeads times the heads of a ~1,000-word review against the
// reference implementation above; run both in one process
// (-bench 'Heads(Ref)?$') to compare them under the same load.
func BenchmarkHeads(b *testing.B) {
	m := model(b)
	text := review()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.Heads(text)
	}
}

func BenchmarkHeadsRef(b *testing.B) {
	m := model(b)
	text := review()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.refHeads(text)
	}
}
