package linker

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"reel/matchkey"
)

// fuzzyTarget is a name in context that a misspelling may be aiming at.
type fuzzyTarget struct {
	kind  uint8
	ref   uint32
	sub   uint8
	name  string
	words []string
	// runes[w] is the length of words[w] in runes, or 0 for a word no
	// misspelling is matched to: one shorter than 5 letters or in an
	// English word list.
	runes []int
}

// newFuzzyTarget returns the target with its words' runes filled in, once
// for all the tokens fuzzyAt tries against it.
func newFuzzyTarget(kind uint8, ref uint32, sub uint8, name string, words []string) fuzzyTarget {
	runes := make([]int, len(words))
	for w, word := range words {
		if n := utf8.RuneCountInString(word); n >= 5 && classOf(word) == wordRare {
			runes[w] = n
		}
	}
	return fuzzyTarget{kind: kind, ref: ref, sub: sub, name: name, words: words, runes: runes}
}

// fuzzy links near-miss spellings of names in context ("Antonio Bandera",
// "Almodovr") and records a spelling check for each. Only names already in
// context are tried, so a rare word elsewhere in the text is never bent into
// some obscure catalog name.
func (r *run) fuzzy() {
	defer r.fuzzyPopular()
	targets := r.fuzzyTargets()
	if len(targets) == 0 {
		return
	}
	for i := range r.toks {
		t := &r.toks[i]
		key := t.key
		if t.alt != "" {
			key = t.alt
		}
		if r.taken[i] >= 0 || !(t.has(tokCap) || r.caseless) || utf8.RuneCountInString(key) < 5 || classOf(key) != wordRare {
			continue
		}
		if c, ck, ok := r.fuzzyAt(i, key, targets); ok {
			r.untake(c)
			r.take(c)
			r.fuzzyChecks = append(r.fuzzyChecks, ck)
		}
	}
}

// maxNamesakes bounds the popular people of one first name tried against a
// misspelt surname.
const maxNamesakes = 4096

// fuzzyPopular links a misspelt surname right after an exact first name to
// the one popular person of that first name it is a near miss of ("garry
// schandling", "john leguizimo"), even out of context: the first name and
// the near miss vouch for each other. The word must be unknown to the
// catalog, so that a real name is never bent into another.
func (r *run) fuzzyPopular() {
	for i := 1; i < len(r.toks); i++ {
		t, prev := &r.toks[i], &r.toks[i-1]
		key := t.key
		if t.alt != "" {
			key = t.alt
		}
		if r.taken[i] >= 0 || r.taken[i-1] >= 0 || prev.sent != t.sent || !r.l.isFirstName(prev.word) ||
			!(t.has(tokCap) || r.caseless) || utf8.RuneCountInString(key) < 5 || classOf(key) != wordRare ||
			r.l.words.lookup(key) != 0 {
			continue
		}
		people := r.l.popularNamed(prev.word)
		if len(people) > maxNamesakes {
			continue
		}
		runes := utf8.RuneCountInString(key)
		var targets []fuzzyTarget
		for _, e := range people {
			p := uint32(e)
			name := r.l.personName(p)
			if !wordOfLength(name, runes-3, runes+3) { // a key word may be a rune shorter ("O'Donnell")
				continue // fuzzyAt would find no word near enough in length
			}
			targets = append(targets, newFuzzyTarget(kPerson, p, 0, name, matchkey.Words(name)))
		}
		if c, ck, ok := r.fuzzyAt(i, key, targets); ok {
			r.untake(c)
			r.take(c)
			r.fuzzyChecks = append(r.fuzzyChecks, ck)
		}
	}
}

// wordOfLength reports a word of name (split at spaces and hyphens), after
// the first, whose length in runes is within [lo, hi].
func wordOfLength(name string, lo, hi int) bool {
	_, rest, _ := strings.Cut(name, " ")
	for w := range strings.FieldsFuncSeq(rest, func(c rune) bool { return c == ' ' || c == '-' }) {
		if n := utf8.RuneCountInString(w); n >= lo && n <= hi {
			return true
		}
	}
	return false
}

func (r *run) fuzzyTargets() []fuzzyTarget {
	var out []fuzzyTarget
	seen := map[uint32]bool{}
	addPerson := func(p uint32) {
		if !seen[p] {
			seen[p] = true
			name := r.l.personName(p)
			out = append(out, newFuzzyTarget(kPerson, p, 0, name, matchkey.Words(name)))
		}
	}
	for p := range r.people {
		addPerson(p)
	}
	if r.review >= 0 {
		f := uint32(r.review)
		lo, hi := r.l.filmCredits(f)
		for cr, cast := lo, 0; cr < hi; cr++ {
			cat := r.l.credits.cat[cr]
			if isCast(cat) {
				cast++
			}
			if cat == catDirector || isCast(cat) && cast <= 8 {
				addPerson(r.l.credits.person[cr])
			}
			if isCast(cat) {
				for n, ch := range r.l.characters(cr) {
					if ws := characterWords(ch); len(ws) > 0 && n < 256 {
						out = append(out, newFuzzyTarget(kChar, cr, uint8(n), ch, ws))
					}
				}
			}
		}
	}
	return out
}

// fuzzyAt tries token i (key) against the targets. A long unknown word may
// stand alone; a shorter one needs a neighbour that spells the adjacent word
// of the same name exactly ("Antonio Bandera").
func (r *run) fuzzyAt(i int, key string, targets []fuzzyTarget) (cand, Check, bool) {
	runes := utf8.RuneCountInString(key)
	limit := 1
	if runes >= 8 {
		limit = 2
	}
	found, foundW, count := -1, -1, 0
	var span [2]int
	for n, tg := range targets {
		for w, word := range tg.words {
			// words whose lengths differ by more than limit are further apart
			if tg.runes[w] == 0 || word == key || tg.runes[w] > runes+limit || tg.runes[w] < runes-limit {
				continue
			}
			d := editDistance(key, word, limit)
			if d > limit {
				continue
			}
			s, e, ok := r.fuzzySpan(i, tg, w)
			if !ok && (r.caseless || !(limit == 2 && r.l.words.lookup(key) == 0)) {
				continue
			}
			if found >= 0 && (targets[found].kind != tg.kind || targets[found].ref != tg.ref) {
				count++
			}
			if found < 0 {
				count = 1
			}
			found, foundW, span = n, w, [2]int{s, e}
		}
	}
	if found < 0 || count != 1 {
		return cand{}, Check{}, false
	}
	tg := targets[found]
	c := cand{i: span[0], j: span[1], kind: tg.kind, ref: tg.ref, form: tg.sub, via: viaFuzzy, score: 1.5, need: 1,
		altEnd: r.toks[span[1]-1].alt != ""}
	first := foundW - (i - span[0])
	nt := tokenize(tg.name)
	if first < 0 || first+(span[1]-span[0]) > len(nt) {
		return cand{}, Check{}, false
	}
	want := tg.name[nt[first].start:nt[first+span[1]-span[0]-1].end]
	s, e := r.span(&c)
	ck := Check{Start: s, End: e, Kind: CheckSpelling, Suggestion: want,
		Message: fmt.Sprintf("%s: did you mean %s?", r.text[s:e], want)}
	return c, ck, true
}

// fuzzySpan extends a fuzzy match at token i (word w of a name) to the free
// neighbours that spell the adjacent words exactly, and reports whether
// there was any.
func (r *run) fuzzySpan(i int, tg fuzzyTarget, w int) (int, int, bool) {
	words := tg.words
	s, e := i, i+1
	for s > 0 && w-(i-s)-1 >= 0 && r.freeFor(s-1, tg) && r.toks[s-1].key == words[w-(i-s)-1] && r.toks[s-1].sent == r.toks[i].sent {
		s--
	}
	for e < len(r.toks) && w+(e-i) < len(words) && r.freeFor(e, tg) && r.toks[e].key == words[w+(e-i)] && r.toks[e].sent == r.toks[i].sent {
		e++
	}
	return s, e, e-s > 1
}

// freeFor reports token k free, or taken by a mention of the target itself:
// "humphry bogart" replaces the mention "bogart" it already got.
func (r *run) freeFor(k int, tg fuzzyTarget) bool {
	if r.taken[k] < 0 {
		return true
	}
	c := &r.chosen[r.taken[k]]
	return c.kind == tg.kind && c.ref == tg.ref && c.via != viaFuzzy
}

// untake removes the chosen mentions that c overlaps, which freeFor has
// vouched are c's own entity.
func (r *run) untake(c cand) {
	kept := r.chosen[:0]
	for _, m := range r.chosen {
		if m.j <= c.i || c.j <= m.i {
			kept = append(kept, m)
		}
	}
	r.chosen = kept
	for k := range r.taken {
		r.taken[k] = -1
	}
	for n, m := range r.chosen {
		for k := m.i; k < m.j; k++ {
			r.taken[k] = int32(n)
		}
	}
}

// editDistance is the optimal-string-alignment distance between a and b (a
// transposition counts one), giving up above limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// names' words are short: three rows fit a buffer on the stack
	var buf [3 * 32]int
	rows := buf[:]
	if n := 3 * (len(rb) + 1); n > len(buf) {
		rows = make([]int, n)
	}
	prev2, prev, cur := rows[:len(rb)+1], rows[len(rb)+1:2*(len(rb)+1)], rows[2*(len(rb)+1):3*(len(rb)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
