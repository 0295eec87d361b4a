package linker

import (
	"fmt"
	"strings"
)

// Readings of an eponymous title: a film named after its hero or monster
// ("Godzilla", "Lumumba", "The Phantom") names the film or the character,
// and the sentence says which. The annotation guidelines follow the
// referent in context: "when godzilla comes ashore" is the monster, "emmerich's
// godzilla is a disappointment" the film.
const (
	readUnknown = iota
	readFilm
	readChar
)

// eponymReading reads the place of tokens [i, j) in their sentence: a title
// set off as one (quotes, a year, a list, a cue word, a possessive maker), a
// subject of what films do ("is", "manages", "features") or the object of
// what one does with films ("in", "saw", "than") is the film; the object of
// an action ("follow", "destroy"), a subject of one ("comes", "topples",
// "refused") or a name with its actor in brackets is the character.
func (r *run) eponymReading(i, j int, strong float64, listed bool) int {
	if r.ofTheTitle(j) {
		return readChar // "the " nosferatu " of the title is orlock"
	}
	if strong >= 1.5 || listed || r.cue(i) || r.viewedBefore(i) || r.comparedBefore(i) || r.seriesAfter(j) {
		return readFilm
	}
	if i > 0 && r.toks[i-1].sent == r.toks[i].sent {
		prev := &r.toks[i-1]
		switch {
		case prev.has(tokPossessive) || filmPlaces[prev.key]:
			return readFilm
		case actedOn[prev.key] || r.actedOnBefore(i):
			return readChar
		}
	}
	if j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent {
		return readUnknown
	}
	switch gap := strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]); {
	case gap == "(" && !r.toks[j].has(tokNumber):
		return readChar // "donnie brasco ( depp )"
	case gap == "," && (r.toks[j].key == "a" || r.toks[j].key == "an") && r.roleAhead(j+1):
		return readChar // "gojira , a reptilian creature"
	case gap != "":
		return readUnknown
	case r.toks[j-1].has(tokPossessive) && kin[r.toks[j].key]:
		return readChar // "lumumba's wife"
	case r.toks[j].key == "who":
		return readChar
	case copulas[r.toks[j].key] && r.roleAhead(j+1):
		return readChar // "jerry maguire is a sports agent"
	}
	k := r.verbAfter(j) // "godzilla briefly breathes fire"
	next := r.toks[k].key
	switch {
	case filmNouns[next] || copulas[next] || filmVerbs[next]:
		return readFilm
	case actionVerb(&r.toks[k]):
		return readChar
	}
	return readUnknown
}

// verbAfter returns the token a subject ending before token j has its
// verb at, past adverbs and fillers: "godzilla briefly breathes fire".
func (r *run) verbAfter(j int) int {
	k := j
	for k+1 < len(r.toks) && r.toks[k+1].sent == r.toks[j].sent && (strings.HasSuffix(r.toks[k].key, "ly") || fillers[r.toks[k].key]) {
		k++
	}
	return k
}

// actedOnBefore reports a verb of actedOn before token i across an article
// and up to two modifiers, nothing but spaces between: "find and destroy the
// surprisingly elusive godzilla".
func (r *run) actedOnBefore(i int) bool {
	k := i - 1
	for n := 0; k >= 0 && n < 2 && !actedOn[r.toks[k].key] && !articles[r.toks[k].key] &&
		(strings.HasSuffix(r.toks[k].key, "ly") || r.toks[k].cls == wordDictionary || r.toks[k].cls == wordCommon); n++ {
		k--
	}
	if k >= 0 && articles[r.toks[k].key] {
		k--
	}
	if k < 0 || k == i-1 || r.toks[k].sent != r.toks[i].sent || !actedOn[r.toks[k].key] {
		return false
	}
	return !strings.ContainsAny(r.text[r.toks[k].end:r.toks[i].start], ",.;:()\"'")
}

var articles = wordSet(`the a an`)

// filmPlaces are the words before a title that make it a work: one is in a
// film, rents it or calls it so. ("of", "about", "with" and "from" say
// nothing either way: "the manipulation of tarzan", "the truth about
// princess caraboo"; on the precision audit's eponymous titles, dropping them
// left 17 wrong film readings and 9 right ones unread.)
var filmPlaces = wordSet(`in original titled called name rent entitled`)

// actedOn are the words before a name that make it someone acted upon or
// met in the story.
var actedOn = wordSet(`follow follows followed destroy destroys destroyed kill kills killed find finds
	stop stops stopped capture captures captured rescue rescues rescued save saves saved meet meets met
	help helps helped fight fights fought chase chases chased hunt hunts hunted attack attacks attacked
	miss misses marry marries married love loves loved undermining regarding against toward towards across
	return returns returned plays played playing portrays portrayed voices voiced hires hired offers offered
	killing kidnap kidnaps kidnapped tells told asks asked warns warned convince convinces convinced persuade
	persuades persuaded tricks tricked joins joined visits visited bait baits snatch snatches`)

// fillers may stand between a subject and its verb.
var fillers = wordSet(`also still even never always then soon finally just only suddenly again`)

// filmVerbs are what a film, not a character in it, does: a critic's verbs.
var filmVerbs = wordSet(`manages tackles clinches succeeds fails works delivers offers features boasts suffers
	lacks stars opens begins ends runs seems feels looks plays aims relies deserves earns pulls
	isnt wasnt doesnt didnt could would should will might may`)

// actionVerb reports a verb in the third person or the past after a
// subject: an everyday word ending in -s or -ed that is not a noun a title
// takes ("godzilla films", "x-files fans").
func actionVerb(t *token) bool {
	if t.key == "can" {
		return true // "yes , godzilla can do this"
	}
	if t.cls != wordCommon && t.cls != wordDictionary || t.has(tokPossessive) || seriesWords[t.key] || filmNouns[t.key] {
		return false
	}
	k := t.key
	if titleNouns[k] {
		return false
	}
	return len(k) > 3 && (strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") || strings.HasSuffix(k, "ed"))
}

// titleNouns are plural nouns that follow a title as its modifier.
var titleNouns = wordSet(`fans fanatics lovers viewers audiences critics purists franchises sequels remakes
	episodes characters effects scenes moments credits posters trailers toys games comics books`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// eponymYields reports a film or character candidate that should give way
// to the other on the same span, when the span is both the film's title and
// its character's full name and the sentence reads it as the other.
func (r *run) eponymYields(c, d *cand) bool {
	if d.i != c.i || d.j != c.j || c.kind == d.kind {
		return false
	}
	film, char := c, d
	if c.kind == kChar {
		film, char = d, c
	}
	if film.kind != kFilm || char.kind != kChar || r.l.credits.film[char.ref] != film.ref {
		return false
	}
	reading := r.eponymReading(c.i, c.j, film.strong, film.listed)
	if debugOut != nil {
		fmt.Fprintf(debugOut, "EPONYM %d %q reading=%d film=%.2f/%.2f char=%.2f/%.2f\n", r.toks[c.i].start,
			r.text[r.toks[c.i].start:r.toks[c.j-1].end], reading, film.score, film.need, char.score, char.need)
	}
	switch reading {
	case readChar:
		return c == film
	case readFilm:
		return c == char
	}
	return false
}

// roleAhead reports a word for a person or creature within the four words
// from token k, before any word for a film: "a reptilian creature", "an
// fbi agent", not "a monster movie".
func (r *run) roleAhead(k int) bool {
	for n := k; n < len(r.toks) && n < k+4 && r.toks[n].sent == r.toks[k-1].sent; n++ {
		switch key := r.toks[n].key; {
		case filmNouns[key] || seriesWords[key] || r.toks[n].has(tokCue):
			return false
		case roles[key]:
			return true
		}
	}
	return false
}

// roles are words for who someone in a story is.
var roles = wordSet(`man woman boy girl guy kid child teenager teen agent cop detective officer reporter
	journalist doctor lawyer soldier priest nun teacher student killer thief hitman assassin creature
	monster beast hero heroine villain father mother son daughter wife husband widow widower prince princess
	king queen scientist professor writer artist musician singer dancer boxer fighter gangster mobster
	hustler drifter loner orphan lizard dinosaur ape robot alien vampire ghost spy cowboy sheriff outlaw`)

// kin are what a person has and a film does not: "lumumba's wife".
var kin = wordSet(`father mother son daughter wife husband brother sister friend girlfriend boyfriend
	parents family uncle aunt lover fiancee fiance mentor partner boss life death past childhood`)

// aliasReadsFilm reports a short name at tokens [i, j) that its sentence
// reads as a title: a character's name that is also part of its film's title
// then names the film ("if you've seen private ryan", "the terminator
// series", "his joan of arc is a mess").
func (r *run) aliasReadsFilm(i, j int) bool {
	return r.eponymReadingQuoted(i, j) == readFilm
}

// eponymReadingQuoted is eponymReading with quotes or italics around the
// span as its only strong mark.
func (r *run) eponymReadingQuoted(i, j int) int {
	s, e := int(r.toks[i].start), int(r.toks[j-1].end)
	strong := 0.0
	if quoted(r.text, s, e) || italicised(r.text, s, e) {
		strong = 1.5
	}
	return r.eponymReading(i, j, strong, false)
}

// heroReading reports the film under review's title, in a text without
// capitals and unmarked, where its sentence can only mean a someone: the
// object of an action ("kidnap gordy", "offers shrek a deal"), a name with
// its actor in brackets ("tarzan ( voiced by alex linz )"), someone's kin
// ("rudy's girlfriend") or the subject of what only people do ("shrek
// reluctantly agrees", "bulworth decides"). The verbs are narrower than
// eponymReading's, since a film does much that a person does ("ghosts of
// mars takes place", "the thin red line says"). A character of that name in
// the credits takes the span (eponymYields); without one the span names no
// film.
func (r *run) heroReading(c *cand) bool {
	if c.kind != kFilm || !r.caseless || int64(c.ref) != r.review || c.strong >= 1.5 || c.listed || c.j-c.i > 2 {
		return false
	}
	i, j := c.i, c.j
	if r.ofTheTitle(j) || r.cue(i) || r.seriesAfter(j) {
		return false
	}
	if j-i == 1 && i > 0 && r.toks[i-1].key == "the" && !strings.HasPrefix(strings.ToLower(r.l.filmTitle(c.ref)), "the ") &&
		!r.modifiesNoun(j) {
		// "as the titanic leaves on her maiden voyage": the ship the film is
		// named after; unless "the" makes another film's title ("after the
		// unforgiven" in a review that takes Unforgiven for its film)
		_, other := r.l.filmTitled([]string{"the", r.toks[i].key})
		return !other
	}
	if i > 0 && r.toks[i-1].sent == r.toks[i].sent && (actedOn[r.toks[i-1].key] || r.actedOnBefore(i)) {
		return !filmActedOn[r.toks[i-1].key] // "davis follows the fugitive with a farce": the film
	}
	if j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent {
		return false
	}
	switch gap := strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]); {
	case gap == "(":
		// "tarzan ( voiced by alex linz )", "rocky ( sylvester stallone )";
		// not a remark in brackets ("titanic ( everyone else is citing")
		p, ok := r.at(j)
		return r.toks[j].key == "voiced" || r.toks[j].key == "voice" || ok && p.kind == kPerson
	case gap != "":
		return false
	case r.toks[j-1].has(tokPossessive) && kin[r.toks[j].key]:
		return true
	case r.toks[j].key == "who":
		return true
	}
	return personVerbs[r.toks[r.verbAfter(j)].key]
}

// filmActedOn are the verbs of actedOn that a film is the object of as
// often: a director follows a film with another, a critic plays one
// against another.
var filmActedOn = wordSet(`follow follows followed regarding against toward towards across undermining plays
	played playing`)

// personVerbs are what people in a story do and films do not ("runs",
// "falls", "wants", "tries", "finds", "gets", "promises", "mixes" are what
// films do as well: "titanic runs 3 : 14", "snake eyes falls into the
// horrid category").
var personVerbs = wordSet(`agrees agreed decides decided loves loved marries married fights fought rescues
	rescued escapes escaped realizes realized learns learned discovers discovered refuses refused storms
	stormed spies spied visits visited narrates narrated unleashes unleashed resides resided befriends
	befriended meets met kisses kissed sleeps slept wakes woke hoped fears feared hates hated insists
	insisted walks walked flees fled hides hid smiles smiled cries cried laughs laughed shouts shouted
	whispers whispered sings sang dances danced drinks drank eats ate`)
