package linker

import (
	"slices"
	"strings"
)

// The catalog is held in columns of small integers indexed by a dense internal
// number (film or person index), sorted by IMDb id so that an id is found by
// binary search. Strings live in one strtab. This is what lets the full IMDb
// catalog fit in a few hundred megabytes.

type filmTable struct {
	id    []uint32 // tconst number, ascending
	title []uint32 // strtab index of the primary title
	orig  []uint32 // strtab index of the original title
	year  []uint16
	votes []uint32
	// series marks a television series (IMDb's tvSeries, tvMiniSeries),
	// which critics name beside films: "a fan of the x-files".
	series []bool
}

type personTable struct {
	id   []uint32 // nconst number, ascending
	name []uint32 // strtab index
	pop  []uint32 // popularity: billing-weighted votes of the films credited
}

// creditTable holds the credits grouped by film in billing order, with an
// index of each person's credits.
type creditTable struct {
	filmStart   []uint32 // credits of film f: [filmStart[f], filmStart[f+1])
	person      []uint32
	cat         []uint8
	chars       []uint32 // strtab index + 1 of the characters joined by charSep; 0 none
	personStart []uint32 // credits of person p: byPerson[personStart[p]:personStart[p+1]]
	byPerson    []uint32 // credit indices
	film        []uint32 // film index of each credit (inverse of filmStart)
}

// charSep joins the several characters one credit may play.
const charSep = "\x1f"

// Credit categories, as small codes.
const (
	catOther uint8 = iota
	catDirector
	catWriter
	catActor
	catActress
	catSelf
	catProducer
	catComposer
	catCinematographer
	catEditor
)

var catCodes = map[string]uint8{
	"director": catDirector, "writer": catWriter, "actor": catActor, "actress": catActress,
	"self": catSelf, "producer": catProducer, "composer": catComposer,
	"cinematographer": catCinematographer, "editor": catEditor,
}

func isCast(c uint8) bool { return c == catActor || c == catActress || c == catSelf }

func (l *Linker) filmIndex(id uint32) (uint32, bool) {
	i, ok := slices.BinarySearch(l.films.id, id)
	return uint32(i), ok
}

func (l *Linker) personIndex(id uint32) (uint32, bool) {
	i, ok := slices.BinarySearch(l.people.id, id)
	return uint32(i), ok
}

func (l *Linker) filmTitle(f uint32) string { return l.str.get(l.films.title[f]) }

func (l *Linker) personName(p uint32) string { return l.str.get(l.people.name[p]) }

// filmCredits returns the credit index range of film f.
func (l *Linker) filmCredits(f uint32) (uint32, uint32) {
	return l.credits.filmStart[f], l.credits.filmStart[f+1]
}

// personCredits returns the credit indices of person p.
func (l *Linker) personCredits(p uint32) []uint32 {
	c := &l.credits
	return c.byPerson[c.personStart[p]:c.personStart[p+1]]
}

// characters returns the characters credit c plays.
func (l *Linker) characters(c uint32) []string {
	s := l.credits.chars[c]
	if s == 0 {
		return nil
	}
	return strings.Split(l.str.get(s-1), charSep)
}

// credited reports whether person p has a credit on film f, and with which
// categories (a bit per category code). It scans the film's credits, which
// are a handful, not the person's, which for a prolific actor are thousands.
func (l *Linker) credited(p, f uint32) uint32 {
	var cats uint32
	lo, hi := l.filmCredits(f)
	for c := lo; c < hi; c++ {
		if l.credits.person[c] == p {
			cats |= 1 << l.credits.cat[c]
		}
	}
	return cats
}

// directors returns the people who directed film f.
func (l *Linker) directors(f uint32) []uint32 {
	var out []uint32
	lo, hi := l.filmCredits(f)
	for c := lo; c < hi; c++ {
		if l.credits.cat[c] == catDirector && !slices.Contains(out, l.credits.person[c]) {
			out = append(out, l.credits.person[c])
		}
	}
	return out
}

// SampleNames returns up to n names from the catalog, alternating popular
// films and people, for benchmarks and demos.
func (l *Linker) SampleNames(n int) []string {
	var out []string
	fs, ps := len(l.films.id), len(l.people.id)
	for i := 0; len(out) < n && (i < fs || i < ps); i++ {
		if i < fs {
			out = append(out, l.filmTitle(uint32((i*7919)%fs)))
		}
		if i < ps && len(out) < n {
			out = append(out, l.personName(uint32((i*104729)%ps)))
		}
	}
	return out
}

// eachTitled calls fn with every film and form the catalog indexes under
// exactly the given key words.
func (l *Linker) eachTitled(words []string, fn func(f uint32, form uint8)) {
	ids := make([]uint32, len(words))
	for k, w := range words {
		if ids[k] = l.words.lookup(w); ids[k] == 0 {
			return
		}
	}
	l.ph.match(ids, make([]uint32, len(ids)), func(k int, p uint32, _ bool) {
		if k != len(ids) {
			return
		}
		for n, ref := range l.ph.refs[l.ph.refOff[p]:l.ph.refOff[p+1]] {
			if ref&personBit == 0 {
				fn(ref, l.ph.forms[l.ph.refOff[p]+uint32(n)])
			}
		}
	})
}

// filmTitled returns the best-known film whose title, or its main title
// before a colon, is exactly the given key words (or their numeral variant).
func (l *Linker) filmTitled(words []string) (uint32, bool) {
	best, found := uint32(0), false
	l.eachTitled(words, func(f uint32, form uint8) {
		if (form == formPrimary || form == formMain) && (!found || l.films.votes[f] > l.films.votes[best]) {
			best, found = f, true
		}
	})
	return best, found
}

// titledBefore reports a film released before year whose own title is
// words: "grease" before Grease 2, "babe" before Babe: Pig in the City.
func (l *Linker) titledBefore(words []string, year uint16) bool {
	found := false
	l.eachTitled(words, func(f uint32, form uint8) {
		found = found || form == formPrimary && l.films.year[f] < year && !l.films.series[f]
	})
	return found
}
