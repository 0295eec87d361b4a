package linker

import (
	"hash/maphash"
	"unsafe"
)

// strtab stores many strings in one byte slice: string i is
// blob[off[i]:off[i+1]]. Millions of titles, names and character names cost
// their bytes plus four, instead of a string header and an allocation each.
type strtab struct {
	blob []byte
	off  []uint32
}

func newStrtab() strtab { return strtab{off: []uint32{0}} }

// add appends s and returns its index.
func (t *strtab) add(s string) uint32 {
	t.blob = append(t.blob, s...)
	t.off = append(t.off, uint32(len(t.blob)))
	return uint32(len(t.off) - 2)
}

func (t *strtab) get(i uint32) string {
	return string(t.blob[t.off[i]:t.off[i+1]])
}

// bytes returns string i without copying; it must not be kept or modified.
func (t *strtab) bytes(i uint32) []byte { return t.blob[t.off[i]:t.off[i+1]] }

func (t *strtab) len() int { return len(t.off) - 1 }

// dict interns word keys: ids are 1-based, 0 means "not a known word". An
// open-addressing table of uint32 slots over the strtab replaces a
// map[string]uint32, which for the full catalog's millions of distinct name
// words would cost several times the memory.
type dict struct {
	words strtab
	slots []uint32 // word id or 0; len is a power of two
	seed  maphash.Seed
}

func newDict() *dict {
	return &dict{words: newStrtab(), slots: make([]uint32, 1<<10), seed: maphash.MakeSeed()}
}

func (d *dict) len() int { return d.words.len() }

func (d *dict) word(id uint32) string { return d.words.get(id - 1) }

func (d *dict) slot(key string) int {
	mask := len(d.slots) - 1
	i := int(maphash.String(d.seed, key)) & mask
	for {
		id := d.slots[i]
		if id == 0 || string(d.words.bytes(id-1)) == key {
			return i
		}
		i = (i + 1) & mask
	}
}

// lookup returns the id of key, or 0.
func (d *dict) lookup(key string) uint32 {
	if key == "" {
		return 0
	}
	return d.slots[d.slot(key)]
}

// lookupBytes is lookup of a word being edited in place: the dict keeps
// nothing of the key, so it is read without a copy.
func (d *dict) lookupBytes(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return d.lookup(unsafe.String(&b[0], len(b)))
}

// intern returns the id of key, adding it when new.
func (d *dict) intern(key string) uint32 {
	i := d.slot(key)
	if id := d.slots[i]; id != 0 {
		return id
	}
	id := d.words.add(key) + 1
	d.slots[i] = id
	if d.len()*2 > len(d.slots) {
		d.rehash(len(d.slots) * 2)
	}
	return id
}

// rehash rebuilds the slot table with n slots (a power of two), after growth
// or after Load, whose seed differs from the one that built the table.
func (d *dict) rehash(n int) {
	d.slots = make([]uint32, n)
	mask := n - 1
	for id := uint32(1); int(id) <= d.len(); id++ {
		i := int(maphash.Bytes(d.seed, d.words.bytes(id-1))) & mask
		for d.slots[i] != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = id
	}
}

// nearWord returns the id of a word one edit from key (a letter deleted,
// two neighbours swapped, or a vowel replaced by another, in that order of
// preference), or failing those the one word that a consonant replaced or a
// letter added makes ("distinquished", "millenium"), or 0. Vowels are
// the letters spelling slips replace most ("independance", "manhatten");
// the rest are tried last, and only a single answer is taken from them.
func (l *Linker) nearWord(key string) uint32 {
	b := []byte(key)
	buf := make([]byte, 0, len(b))
	for i := range b {
		if i == len(b)-1 && b[i] == 's' {
			continue // a plural ("godzillas") is the word, not a slip
		}
		buf = append(append(buf[:0], b[:i]...), b[i+1:]...)
		if id := l.words.lookupBytes(buf); id != 0 {
			return id
		}
	}
	buf = append(buf[:0], b...)
	for i := 0; i+1 < len(buf); i++ {
		buf[i], buf[i+1] = buf[i+1], buf[i]
		if id := l.words.lookupBytes(buf); id != 0 {
			return id
		}
		buf[i], buf[i+1] = buf[i+1], buf[i]
	}
	for i := range buf {
		orig := buf[i]
		if !isVowel(orig) {
			continue
		}
		for _, c := range []byte("aeiouy") {
			if c == orig {
				continue
			}
			buf[i] = c
			if id := l.words.lookupBytes(buf); id != 0 {
				return id
			}
		}
		buf[i] = orig
	}
	return l.nearWordRest(key)
}

// consonantSlips are, for each letter a-z, the consonants a typist or a
// speller puts in its place: its neighbours on the keyboard and its
// sound-alikes ("distinquished", "decizion"). Trying these few instead of
// every letter keeps the probe cheap on the long unknown words of every text.
var consonantSlips = [26]string{"", "vnghp", "ksxv", "tsfr", "", "vgd", "qjhfk", "gjn", "", "ghk", "cqlj", "k", "n",
	"mbh", "", "bl", "gk", "tdl", "zcd", "dry", "", "bfc", "vq", "zck", "", "sx"}

// nearWordRest is nearWord's last resort: the unique word a consonant
// replaced, or a vowel or a doubled consonant added, makes of key.
func (l *Linker) nearWordRest(key string) uint32 {
	found := uint32(0)
	try := func(w []byte) bool {
		id := l.words.lookupBytes(w)
		if id != 0 && id != found {
			if found != 0 {
				found = 0
				return false // two words are as near: no slip to correct
			}
			found = id
		}
		return true
	}
	buf := []byte(key)
	for i := range buf {
		orig := buf[i]
		if orig < 'a' || orig > 'z' {
			continue
		}
		for _, c := range []byte(consonantSlips[orig-'a']) {
			buf[i] = c
			if !try(buf) {
				return 0
			}
		}
		buf[i] = orig
	}
	// A letter left out is a vowel or one of a double ("millenium").
	ins := make([]byte, len(key)+1)
	for i := 0; i <= len(key); i++ {
		copy(ins, key[:i])
		copy(ins[i+1:], key[i:])
		for _, c := range []byte("aeiouy") {
			ins[i] = c
			if !try(ins) {
				return 0
			}
		}
		if i < len(key) && !isVowel(key[i]) {
			ins[i] = key[i]
			if !try(ins) {
				return 0
			}
		}
	}
	return found
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}
