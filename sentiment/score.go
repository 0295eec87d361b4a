package sentiment

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"reel/grade"
)

// maxEvidence is how many phrases Score reports.
const maxEvidence = 8

// MaxInput bounds the bytes Score reads, so that a pasted book or a
// hostile request costs a few milliseconds instead of scaling with its
// size: a long review is ~10 KB, and a verdict that has not appeared in
// the first mebibyte of a text will not be found by reading more.
const MaxInput = 1 << 20

// Clip returns text cut to at most MaxInput bytes at a rune boundary, and
// whether it cut anything.
func Clip(text string) (string, bool) {
	if len(text) <= MaxInput {
		return text, false
	}
	n := MaxInput
	// Back up over at most three continuation bytes so that a multi-byte
	// rune is not split (invalid bytes are separators anyway).
	for k := 0; k < utf8.UTFMax-1 && n > 0 && !utf8.RuneStart(text[n]); k++ {
		n--
	}
	return text[:n], true
}

// Score infers value, verdict and confidence for a review. It accepts any
// input: empty, binary or huge text yields a mixed verdict with low
// confidence rather than an error. Text longer than MaxInput is scored on
// its first MaxInput bytes (grades, evidence and all), and the result says
// so in Truncated.
func (m *Model) Score(text string) Result {
	text, cut := Clip(text)
	sc := getScratch()
	defer putScratch(sc)
	sc.toks = Tokenize(text, sc.toks)
	return m.score(text, cut, sc.toks, sc)
}

// score is Score of text, clipped, with its tokens.
func (m *Model) score(text string, cut bool, toks []Token, sc *scratch) Result {
	h := m.headsOf(toks, sc)
	v := m.Value(h)
	// The verdict is read off the rounded value so the two always agree.
	r := Result{Value: round1(v)}
	r.Verdict = VerdictOf(r.Value)
	if h.Words == 0 || len(m.W) == 0 {
		r.Value, r.Verdict = 50, Mixed
	} else {
		r.Confidence = BandProb(v, m.Sigma(h))
	}
	r.Evidence = m.evidence(text, h, sc)
	if g, ok := FindGrade(text); ok {
		// A grade the critic wrote is the score; the model's reading
		// stays in Evidence to explain the prose.
		r.Value, r.Verdict, r.Grade = g.Weight, VerdictOf(g.Weight), &g
		r.Confidence = 0.97
	}
	r.Confidence = round3(r.Confidence)
	r.Truncated = cut
	return r
}

// evidence returns the features that weighed most on the polarity head,
// without overlapping spans, strongest first.
func (m *Model) evidence(text string, h Heads, sc *scratch) []Phrase {
	if len(m.W) == 0 {
		return nil
	}
	cands := sc.cands[:0]
	defer func() { sc.cands = cands }()
	finite := true
	for _, f := range h.feats {
		if w := float64(m.W[NumHeads*f.id]); w != 0 {
			cands = append(cands, cand{f, w})
			finite = finite && !math.IsNaN(w) && !math.IsInf(w, 0)
		}
	}
	// The phrases are nearly always among the strongest few candidates:
	// those are ranked first, and the rest only when they do not suffice.
	// The order is total (features are distinct), so the strongest few
	// ranked alone come in the order a sort of all would give them; a
	// weight that is not finite would break that, and sorts them all.
	if finite && len(cands) > evidenceTop {
		sc.top = strongest(sc.top[:0], cands, evidenceTop)
		if out := pickEvidence(text, sc.top); len(out) == maxEvidence {
			return out
		}
	}
	slices.SortFunc(cands, strongerFirst)
	return pickEvidence(text, cands)
}

// evidenceTop is how many of the strongest candidates evidence ranks
// before it falls back to ranking them all.
const evidenceTop = 64

// strongerFirst orders evidence candidates by the size of their weight.
func strongerFirst(a, b cand) int {
	if d := math.Abs(b.w) - math.Abs(a.w); d != 0 {
		if d > 0 {
			return 1
		}
		return -1
	}
	// Ties (rare: two features of one span with equal weights) are
	// broken by span and bucket so the order does not depend on the
	// order features were collected in.
	if a.f.start != b.f.start {
		return int(a.f.start - b.f.start)
	}
	if a.f.end != b.f.end {
		return int(a.f.end - b.f.end)
	}
	return int(a.f.id) - int(b.f.id)
}

// strongest returns in dst the k first of cands in strongerFirst order,
// in that order, by insertion: most candidates lose to the weakest kept
// at the first comparison.
func strongest(dst, cands []cand, k int) []cand {
	for _, c := range cands {
		if len(dst) == k && strongerFirst(c, dst[k-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(dst, c, strongerFirst)
		if len(dst) < k {
			dst = append(dst, cand{})
		}
		copy(dst[i+1:], dst[i:len(dst)-1])
		dst[i] = c
	}
	return dst
}

// pickEvidence takes up to maxEvidence phrases of ranked candidates, in
// order, skipping those that overlap a phrase taken.
func pickEvidence(text string, ranked []cand) []Phrase {
	var out []Phrase
	for _, c := range ranked {
		if len(out) == maxEvidence {
			break
		}
		s, e := int(c.f.start), int(c.f.end)
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		overlap := false
		for _, p := range out {
			if s < p.End && p.Start < e {
				overlap = true
				break
			}
		}
		if !overlap {
			out = append(out, Phrase{Start: s, End: e, Text: text[s:e], Weight: round3(c.w)})
		}
	}
	return out
}

// cand is a feature with its polarity weight, an evidence candidate.
type cand struct {
	f feat
	w float64
}

// gradeLabels introduce a grade inside a line of prose.
var gradeLabels = []string{"grade:", "rating:", "verdict:", "score:", "stars:", "my grade:", "rated"}

// FindGrade looks for a grade the critic stated: a line that is only a
// grade ("B+", "★★★½", "Very good."), or a labelled one ("Grade: B+",
// "Verdict: a minor work"). Only the first and last lines are read, where
// critics put them; when several are found the last wins. Weight holds the
// grade's 0–100 value.
func FindGrade(text string) (Phrase, bool) {
	var found Phrase
	ok := false
	for _, ln := range edgeLines(text, 8) {
		if g, p, hit := gradeInLine(text, ln[0], ln[1]); hit {
			found, ok = p, true
			found.Weight = g.Value
		}
	}
	return found, ok
}

// edgeLines returns the byte ranges of the first and last n non-empty
// lines, in text order.
func edgeLines(text string, n int) [][2]int {
	var head, tail [][2]int
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			if len(head) < n {
				head = append(head, [2]int{start, end})
			} else {
				tail = append(tail, [2]int{start, end})
				if len(tail) > n {
					tail = tail[1:]
				}
			}
		}
		start = end + 1
	}
	return append(head, tail...)
}

func gradeInLine(text string, s, e int) (grade.Grade, Phrase, bool) {
	line := text[s:e]
	if !utf8.ValidString(line) {
		return grade.Grade{}, Phrase{}, false
	}
	if t := strings.TrimSpace(line); len(t) <= grade.MaxLen && t != "" {
		if g, err := grade.Parse(t); err == nil {
			off := s + strings.Index(line, t)
			return g, Phrase{Start: off, End: off + len(t), Text: t}, true
		}
	}
	if len(line) > 4096 || !mayHoldLabel(line) {
		return grade.Grade{}, Phrase{}, false
	}
	lower := strings.ToLower(line) // ASCII labels: byte offsets survive for them
	for _, lab := range gradeLabels {
		i := strings.LastIndex(lower, lab)
		if i < 0 || len(lower) != len(line) {
			continue
		}
		rest := line[i+len(lab):]
		restOff := s + i + len(lab)
		// Try the longest prefix that parses, word by word, so that
		// "Grade: B+. See it." still reads "B+".
		words := strings.Fields(rest)
		for k := min(len(words), 8); k >= 1; k-- {
			cand := strings.Join(words[:k], " ")
			cand = strings.TrimRight(cand, ".,;:!")
			if cand == "" || len(cand) > grade.MaxLen {
				continue
			}
			if g, err := grade.Parse(cand); err == nil {
				off := restOff + strings.Index(rest, words[0])
				end := off + len(cand)
				if end > e || text[off:end] != cand {
					end = off + len(words[0])
					cand = text[off:end]
				}
				return g, Phrase{Start: off, End: end, Text: cand}, true
			}
		}
	}
	return grade.Grade{}, Phrase{}, false
}

// mayHoldLabel reports whether line could hold one of gradeLabels, so
// that the lines of prose around a review's edges skip lowering a copy and
// a search per label: every label but "rated" has a colon, and no rune
// lower-cases to a colon or to a letter of "rated" but itself.
func mayHoldLabel(line string) bool {
	if strings.IndexByte(line, ':') >= 0 {
		return true
	}
	const rated = "rated"
	for i := 0; i+len(rated) <= len(line); i++ {
		k := 0
		// c|0x20 is c in lower case for an ASCII letter, and no other byte
		// turns into a letter that way.
		for k < len(rated) && line[i+k]|0x20 == rated[k] {
			k++
		}
		if k == len(rated) {
			return true
		}
	}
	return false
}

func round1(x float64) float64 { return math.Round(10*x) / 10 }
func round3(x float64) float64 { return math.Round(1000*x) / 1000 }
