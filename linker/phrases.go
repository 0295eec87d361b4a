package linker

import (
	"slices"
	"sort"
)

// maxPhrase bounds the words of an indexed title or name. Longer titles are
// rarely written out in full; their main title (before a colon) is indexed.
const maxPhrase = 12

// Name forms: how a phrase names its entity. Lower is more canonical.
const (
	formPrimary  uint8 = iota // a film's primary title, a person's name
	formOriginal              // the original-language title
	formAka                   // an alternate title
	formMain                  // the main title before a colon or dash
	formSurname               // a famous person's surname alone ("Hitchcock")
	formSequel                // a series title and a number ("austin powers ii"), made by Link
	formSubtitle              // the subtitle after a colon ("First Contact"), which needs its series named
)

// An entity reference packs the kind in the top bit: films are plain indices,
// people have personBit set.
const personBit = 1 << 31

// phraseIndex is the gazetteer: every distinct word sequence that names a film
// or person, sorted, with the entities it names. Lookup walks it like a trie by
// narrowing a range of the sorted array one word at a time, so it needs no
// pointers and no per-node allocation.
type phraseIndex struct {
	toks   []uint32 // word ids of all phrases, concatenated in sorted order
	start  []uint32 // phrase p is toks[start[p]:start[p+1]]
	first  []uint32 // phrases starting with word w: [first[w], first[w+1])
	refOff []uint32 // refs of phrase p: refs[refOff[p]:refOff[p+1]]
	refs   []uint32
	forms  []uint8 // the name form of each ref
}

func (ix *phraseIndex) phrase(p uint32) []uint32 { return ix.toks[ix.start[p]:ix.start[p+1]] }

func (ix *phraseIndex) len() int { return len(ix.start) - 1 }

// phraseBuilder collects (phrase, entity, form) entries during Build.
type phraseBuilder struct {
	arena []uint32
	start []uint32
	ref   []uint32
	form  []uint8
}

func (b *phraseBuilder) add(words []uint32, ref uint32, form uint8) {
	if len(words) == 0 || len(words) > maxPhrase {
		return
	}
	if len(b.start) == 0 {
		b.start = append(b.start, 0)
	}
	b.arena = append(b.arena, words...)
	b.start = append(b.start, uint32(len(b.arena)))
	b.ref = append(b.ref, ref)
	b.form = append(b.form, form)
}

func (b *phraseBuilder) entry(e uint32) []uint32 { return b.arena[b.start[e]:b.start[e+1]] }

// build sorts the entries into an index over nWords words; weight ranks the
// refs of one phrase, most popular first.
func (b *phraseBuilder) build(nWords int, weight func(ref uint32) uint32) phraseIndex {
	n := len(b.ref)
	perm := make([]uint32, n)
	for i := range perm {
		perm[i] = uint32(i)
	}
	slices.SortFunc(perm, func(x, y uint32) int {
		if c := slices.Compare(b.entry(x), b.entry(y)); c != 0 {
			return c
		}
		if c := cmpU32(b.ref[x], b.ref[y]); c != 0 {
			return c
		}
		return int(b.form[x]) - int(b.form[y])
	})
	// Sized up front: appending would overshoot by up to half again, and at
	// full scale these are the largest arrays of the build.
	ix := phraseIndex{
		toks:   make([]uint32, 0, len(b.arena)),
		start:  make([]uint32, 1, n+1),
		refOff: make([]uint32, 1, n+1),
		refs:   make([]uint32, 0, n),
		forms:  make([]uint8, 0, n),
	}
	for i := 0; i < n; {
		e := perm[i]
		words := b.entry(e)
		j := i
		refStart := len(ix.refs)
		for ; j < n && slices.Equal(b.entry(perm[j]), words); j++ {
			r := b.ref[perm[j]]
			if len(ix.refs) > refStart && ix.refs[len(ix.refs)-1] == r {
				continue // same entity, a less canonical form
			}
			ix.refs = append(ix.refs, r)
			ix.forms = append(ix.forms, b.form[perm[j]])
		}
		rs, fs := ix.refs[refStart:], ix.forms[refStart:]
		sort.Sort(byWeight{rs, fs, weight})
		ix.toks = append(ix.toks, words...)
		ix.start = append(ix.start, uint32(len(ix.toks)))
		ix.refOff = append(ix.refOff, uint32(len(ix.refs)))
		i = j
	}
	ix.toks, ix.start, ix.refOff = slices.Clip(ix.toks), slices.Clip(ix.start), slices.Clip(ix.refOff)
	ix.refs, ix.forms = slices.Clip(ix.refs), slices.Clip(ix.forms)
	ix.first = make([]uint32, nWords+2)
	p := 0
	for w := 0; w < len(ix.first); w++ {
		for p < ix.len() && int(ix.phrase(uint32(p))[0]) < w {
			p++
		}
		ix.first[w] = uint32(p)
	}
	return ix
}

type byWeight struct {
	refs   []uint32
	forms  []uint8
	weight func(uint32) uint32
}

func (s byWeight) Len() int { return len(s.refs) }
func (s byWeight) Less(i, j int) bool {
	wi, wj := s.weight(s.refs[i]), s.weight(s.refs[j])
	if wi != wj {
		return wi > wj
	}
	return s.refs[i] < s.refs[j]
}
func (s byWeight) Swap(i, j int) {
	s.refs[i], s.refs[j] = s.refs[j], s.refs[i]
	s.forms[i], s.forms[j] = s.forms[j], s.forms[i]
}

// narrow returns the sub-range of [lo, hi) whose phrases have word w at
// position k. Phrases of length k sort before all others in a range that
// shares its first k words, so they count as word 0.
func (ix *phraseIndex) narrow(lo, hi uint32, k int, w uint32) (uint32, uint32) {
	at := func(p uint32) uint32 {
		ph := ix.phrase(p)
		if len(ph) <= k {
			return 0
		}
		return ph[k]
	}
	a := lo + uint32(sort.Search(int(hi-lo), func(i int) bool { return at(lo+uint32(i)) >= w }))
	b := a + uint32(sort.Search(int(hi-a), func(i int) bool { return at(a+uint32(i)) > w }))
	return a, b
}

// match reports the phrases that name words[0:k] for each k, calling fn with
// the length and phrase. alt[i], when not 0, is an alternative id for word i
// (the possessive "almodovar" of "almodovars") tried only as a phrase's last
// word.
func (ix *phraseIndex) match(words, alt []uint32, fn func(k int, p uint32, viaAlt bool)) {
	if len(words) == 0 || len(ix.first) == 0 {
		return
	}
	lo, hi := uint32(0), uint32(ix.len())
	for k := 0; k < len(words) && k < maxPhrase && lo < hi; k++ {
		if a := alt[k]; a != 0 && int(a) < len(ix.first) {
			alo, ahi := ix.narrowAt(lo, hi, k, a)
			if alo < ahi && len(ix.phrase(alo)) == k+1 {
				fn(k+1, alo, true)
			}
		}
		w := words[k]
		if w == 0 || int(w) >= len(ix.first) {
			return
		}
		lo, hi = ix.narrowAt(lo, hi, k, w)
		if lo < hi && len(ix.phrase(lo)) == k+1 {
			fn(k+1, lo, false)
		}
	}
}

// narrowAt is narrow with the first word answered from the first table.
func (ix *phraseIndex) narrowAt(lo, hi uint32, k int, w uint32) (uint32, uint32) {
	if k == 0 {
		return ix.first[w], ix.first[w+1]
	}
	return ix.narrow(lo, hi, k, w)
}
