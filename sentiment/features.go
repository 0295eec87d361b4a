package sentiment

// Options selects the feature groups. They are stored with the weights so
// that scoring always extracts exactly what the model was trained on.
type Options struct {
	Bits     uint8 // the feature space has 1<<Bits buckets
	Bigrams  bool
	Trigrams bool
	// Negation replaces a word inside a negation scope (from "not",
	// "never", "n't"… to the next punctuation mark or contrast word) by a
	// negated variant, so "not good" stops counting as "good".
	Negation bool
	// Contrast adds a second copy of the words after "but", "however",
	// "yet"… up to the sentence end: in "worthwhile, but not the career
	// summation it should be" the second clause is the verdict.
	Contrast bool
	// Tail adds a second copy of the features of the closing sentences of
	// a long text, where critics put their verdict.
	Tail bool
}

// Feature groups are salted into the hash so that the same word counts
// separately as a unigram, a negated unigram, a tail unigram and so on.
const (
	saltUni     uint64 = 0x243f6a8885a308d3
	saltNeg     uint64 = 0x13198a2e03707344
	saltBi      uint64 = 0xa4093822299f31d0
	saltTri     uint64 = 0x082efa98ec4e6c89
	saltPost    uint64 = 0x452821e638d01377
	saltTailUni uint64 = 0xbe5466cf34e90c6c
	saltTailBi  uint64 = 0xc0ac29b7c97c50dd
)

// mix is the splitmix64 finaliser: it spreads FNV hashes, whose low bits
// are weak, over the bucket range.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func pair(a, b uint64) uint64 { return a*0x100000001b3 ^ (b + 0x7f4a7c15) }

// Word roles in Extract.
const (
	roleNegator  uint8 = 1 << iota // opens a negation scope
	roleContrast                   // closes one
	// roleTurner opens a clause that outweighs what came before ("but",
	// "however"); "although" and "though" introduce the concession instead.
	roleTurner
)

// roles maps the hashes of the words Extract treats specially to their
// roles. Extract asks it for every word, so it is a small open-addressing
// table (one multiply and usually one probe) rather than three maps.
var roles = func() *roleTable {
	t := &roleTable{}
	for _, w := range []string{"not", "no", "never", "nothing", "nobody", "none", "nowhere",
		"neither", "nor", "cannot", "without", "hardly", "barely", "scarcely", "rarely", "seldom"} {
		t.add(w, roleNegator)
	}
	for _, w := range []string{"but", "however", "yet", "nevertheless", "nonetheless", "instead",
		"still", "though", "although", "whereas", "except"} {
		t.add(w, roleContrast)
	}
	for _, w := range []string{"but", "however", "yet", "nevertheless", "nonetheless", "instead", "still"} {
		t.add(w, roleTurner)
	}
	return t
}()

// roleTable holds at most 32 words in 64 slots; an empty slot has role 0.
type roleTable struct {
	h    [64]uint64
	role [64]uint8
}

func roleSlot(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> 58 }

func (t *roleTable) add(w string, r uint8) {
	h := HashString(w)
	i := roleSlot(h)
	for t.role[i] != 0 && t.h[i] != h {
		i = (i + 1) & 63
	}
	t.h[i] = h
	t.role[i] |= r
}

func (t *roleTable) of(h uint64) uint8 {
	for i := roleSlot(h); ; i = (i + 1) & 63 {
		if t.role[i] == 0 || t.h[i] == h {
			return t.role[i]
		}
	}
}

// Emit receives one feature: its bucket and the byte span of the words
// that produced it.
type Emit func(id uint32, start, end int32)

// Sentences counts the sentences of toks: its sentence ends, plus one
// for a last sentence without a closing mark; at least 1.
func Sentences(toks []Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind == SentEnd {
			n++
		}
	}
	if k := len(toks); k > 0 && toks[k-1].Kind != SentEnd {
		n++
	}
	return max(n, 1)
}

// TailStart returns the index of the first token of the closing part of
// a text: the last fifth of its sentences (at least two) when it has six
// or more, else len(toks) so that short texts have no tail.
func TailStart(toks []Token) int { return tailStart(toks, Sentences(toks)) }

// tailStart is TailStart for a caller that has counted the sentences.
func tailStart(toks []Token, ends int) int {
	if ends < 6 {
		return len(toks)
	}
	keep := ends / 5
	if keep < 2 {
		keep = 2
	}
	// Walk back over keep sentence ends (ignoring a final one).
	seen := 0
	for i := len(toks) - 2; i >= 0; i-- {
		if toks[i].Kind == SentEnd {
			seen++
			if seen == keep {
				return i + 1
			}
		}
	}
	return 0
}

// maxFeatsPerToken bounds what Extract emits per token: a unigram, its
// post-contrast and tail copies, a bigram and its tail copy, a trigram.
const maxFeatsPerToken = 6

// Extract calls emit for every feature of toks (with repeats; callers
// that want presence deduplicate).
func (o *Options) Extract(toks []Token, emit Emit) {
	for _, f := range o.appendFeatures(nil, toks, TailStart(toks)) {
		emit(f.id, f.start, f.end)
	}
}

// appendFeatures appends the features Extract emits, in the same order, to
// dst: scoring reads them in a loop of its own instead of through a call
// per feature. tail is TailStart(toks), which the heads need too.
func (o *Options) appendFeatures(dst []feat, toks []Token, tail int) []feat {
	emit := func(id uint32, s, e int32) { dst = append(dst, feat{id, s, e}) }
	mask := uint64(1)<<o.Bits - 1
	id := func(h, salt uint64) uint32 { return uint32(mix(h^salt) & mask) }
	if !o.Tail {
		tail = len(toks)
	}
	negating, after := false, false
	for i, t := range toks {
		if t.Kind != Word {
			negating = false
			if t.Kind == SentEnd {
				after = false
			}
		} else if o.Negation || o.Contrast {
			role := roles.of(t.H)
			isTurner := role&roleTurner != 0
			if role&roleContrast != 0 {
				negating = false
			}
			u := saltUni
			if o.Negation && negating {
				u = saltNeg
			}
			emit(id(t.H, u), t.Start, t.End)
			if o.Contrast && after {
				emit(id(t.H, saltPost), t.Start, t.End)
			}
			if isTurner {
				after = true
			}
			if role&roleNegator != 0 || t.NegSuffix {
				negating = true
			}
		} else {
			emit(id(t.H, saltUni), t.Start, t.End)
		}
		if t.Kind != Word {
			emit(id(t.H, saltUni), t.Start, t.End)
		}
		if i >= tail {
			emit(id(t.H, saltTailUni), t.Start, t.End)
		}
		if i == 0 {
			continue
		}
		p := toks[i-1]
		if o.Bigrams {
			b := pair(p.H, t.H)
			emit(id(b, saltBi), p.Start, t.End)
			if i > tail {
				emit(id(b, saltTailBi), p.Start, t.End)
			}
		}
		if o.Trigrams && i >= 2 {
			q := toks[i-2]
			emit(id(pair(pair(q.H, p.H), t.H), saltTri), q.Start, t.End)
		}
	}
	return dst
}
