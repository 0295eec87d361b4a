package sentiment

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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
	// SentTail came with the rewrite; the reference reads it as defined:
	// the features starting in the closing sentences.
	h.SentTail = h.Sent
	if ts := TailStart(toks); ts < len(toks) {
		var tail float64
		for _, f := range feats {
			if f.start >= toks[ts].Start {
				tail += float64(m.W[NumHeads*f.id+2])
			}
		}
		h.SentTail = tail/float64(Sentences(toks[ts:])) + m.SentBias
	}
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
		if os.Getenv("CI") != "" {
			t.Fatalf("research data not found at %q under CI", dir)
		}
		t.Logf("research data not found at %q: checking the samples only", dir)
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
		if got.Sent != want.Sent || got.SentTail != want.SentTail || got.Words != want.Words || got.Coverage != want.Coverage {
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

// refScanWord is scanWord before its ASCII fast path.
func refScanWord(text string, i int) (end int, h uint64, neg bool) {
	h = uint64(fnvOffset)
	n := len(text)
	var last [3]rune
	push := func(r rune) { last[0], last[1], last[2] = last[1], last[2], r }
	defer func() { neg = last == [3]rune{'n', '\'', 't'} }()
	for i < n {
		r, sz := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(text[i:])
		}
		if isLetter(r) || isDigit(r) {
			r = unicode.ToLower(r)
			h = hashRune(h, r)
			push(r)
			i += sz
			continue
		}
		if i+sz >= n {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[i+sz:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case (r == '\'' || r == '’') && isLetter(next):
			r = '\''
		case r == '-' && (isLetter(next) || isDigit(next)):
		case (r == '.' || r == ',' || r == '/') && isDigit(prev) && isDigit(next):
		default:
			return i, h, false
		}
		h = hashRune(h, r)
		push(r)
		i += sz
	}
	return i, h, false
}

// The fast scanWord reads every word of the corpora and of odd strings as
// the reference does: same end, hash and "n't" flag.
func TestScanWordMatchesReference(t *testing.T) {
	texts := append(sameTexts(t), "DON'T Won’t can'T isn't n't 'nt N’T don’", "Ünïcödé İstanbul ǅemal ΣΊΣΥΦΟΣ 3.5/10 1,000 k-19 well-made",
		"x\xffy \xc3 \xe2\x80 n\xe2\x80\x99t", "a-", "b'", "4/", "ⅫⅣ ١٢٣ 𝔘𝔫𝔦")
	words := 0
	for _, text := range texts {
		for i := 0; i < len(text); {
			r, sz := utf8.DecodeRuneInString(text[i:])
			if !isLetter(r) && !isDigit(r) {
				i += sz
				continue
			}
			e1, h1, n1 := scanWord(text, i)
			e2, h2, n2 := refScanWord(text, i)
			if e1 != e2 || h1 != h2 || n1 != n2 {
				t.Fatalf("%q at %d: end %d hash %x neg %v, reference %d %x %v", text[i:min(len(text), i+20)], i, e1, h1, n1, e2, h2, n2)
			}
			words++
			i = e1
		}
	}
	t.Logf("%d words", words)
}

// SentTail reads the closing sentences only: a review that praises for
// eight sentences and damns in the last two has a tail far below its
// mean; a text too short for a tail has SentTail = Sent.
func TestSentTail(t *testing.T) {
	m := model(t)
	var b strings.Builder
	for range 8 {
		b.WriteString("A wonderful, moving and beautifully acted film. ")
	}
	b.WriteString("But in the end it is a dull, lifeless mess. A tedious failure.")
	h := m.Heads(b.String())
	if h.SentTail >= h.Sent-0.1 {
		t.Errorf("SentTail %.3f is not clearly below Sent %.3f", h.SentTail, h.Sent)
	}
	if s := m.Heads("A dull film. A lifeless mess."); s.SentTail != s.Sent {
		t.Errorf("short text: SentTail %v, Sent %v", s.SentTail, s.Sent)
	}
}
