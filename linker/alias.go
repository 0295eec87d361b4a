package linker

import (
	"maps"
	"slices"
	"strings"

	"reel/matchkey"
)

// alias is a short name that is only safe to link in context: a surname or
// first name of someone the text has named, a character of a film in context,
// part of the title of the film under review.
type alias struct {
	kind  uint8
	ref   uint32 // person, film or credit index
	sub   uint8  // for characters, which of the credit's characters
	prio  float64
	from  int  // first token where it applies
	named bool // a person the text named in full
	full  bool // a character's whole name ("Fat Bastard"), not a part of it
	// byActor marks a character's name looked for right beside its actor
	// ("fang ( peter wang )", "chris o'donnell as robin"): the actor vouches
	// for it, everyday word or not.
	byActor bool
	crew    bool // the director or a writer of the film under review
	head    bool // the head noun of the film under review's "X of the Y" title
	// subtitle marks the one-word subtitle of a film named in full before
	// ("insurrection" after "star trek : insurrection").
	subtitle bool
	part     uint8
	// until, when not 0, is the token where the alias stops applying: a
	// director's film goes by part of its title only right after the
	// director is named ("mctiernan's red october").
	until int
}

// Which part of a name an alias is.
const (
	partFull uint8 = iota
	partFirst
	partLast
	partOther
)

// aliasSet maps space-joined word keys to aliases.
type aliasSet struct {
	m      map[string][]alias
	first  map[string]bool
	maxLen int
}

func (s *aliasSet) add(words []string, a alias) {
	if len(words) == 0 {
		return
	}
	k := strings.Join(words, " ")
	for _, old := range s.m[k] {
		// The same name may be reached twice with different terms ("Fellini"
		// named in full at token 40, and director of the film under review
		// from the start); matchAlias picks the best that applies.
		if old.kind == a.kind && old.ref == a.ref && old.sub == a.sub && old.from == a.from && old.prio == a.prio {
			return
		}
	}
	s.m[k] = append(s.m[k], a)
	s.first[words[0]] = true
	s.maxLen = max(s.maxLen, len(words))
}

// genericCharacters never link: every film has them.
var genericCharacters = map[string]bool{"himself": true, "herself": true, "self": true, "themselves": true,
	"narrator": true, "various": true, "additional voices": true, "voice": true, "host": true}

// honorifics and role words open or close character names without naming
// anyone ("Dr. Ledgard", "Young Pedro", "Uncle Paco").
var honorifics = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mr mrs ms miss dr doctor sir lady lord madam madame mister señor senor senora
		señora don dona doña father mother sister brother uncle aunt young old little big baby detective officer
		captain agent professor inspector sergeant general colonel major king queen prince princess judge
		nurse the el la le los las jr sr lt sgt capt cpt det col cpl pvt rev maj adm cmdr insp supt fr gov sen
		lieutenant sergeant commander chief sheriff private corporal reverend governor senator
		count countess baron baroness duke duchess hermana hermano padre madre tia tio tía tío aunty`) {
		honorifics[w] = true
	}
}

// titles are the forms of address that make the next word of a film's title
// someone's name ("Driving Miss Daisy", "Mr. Holland's Opus").
var titles = wordSet(`mr mrs ms miss mister dr doctor sir lady lord madam madame`)

// aliases finds the short names the context allows (see alias) and adds
// them to the candidates, where they compete with the gazetteer's matches
// longest first: "Kitty Oppenheimer" the character beats "Oppenheimer" the
// film.
func (r *run) aliases() {
	set := aliasSet{m: map[string][]alias{}, first: map[string]bool{}}
	r.personAliases(&set)
	r.reviewAliases(&set)
	r.linkedFilmAliases(&set)
	r.makerAliases(&set)
	r.characterAliases(&set)
	r.aliasCands = r.aliasCands[:0]
	r.actorCharacters()
	r.directorCands()
	if len(set.m) == 0 {
		return
	}
	noAlt := set.first[""] // asked once for the tokens without a possessive-less key
	for i := range r.toks {
		t, altFirst := &r.toks[i], noAlt
		if t.alt != "" {
			altFirst = set.first[t.alt]
		}
		if !set.first[t.key] && !altFirst {
			continue
		}
		for n := min(set.maxLen, len(r.toks)-i); n >= 1; n-- {
			if c, ok := r.matchAlias(&set, i, n); ok {
				if c.kind == kChar && (n > 1 || r.namedBefore(i)) {
					// for recency: "welles" after "tom welles", "ray" after "a dude named ray"
					r.namedChars = append(r.namedChars, c)
				}
				r.aliasCands = append(r.aliasCands, c)
			}
		}
	}
}

// nameAliases adds the surnames (every proper suffix of the name that has a
// word other than a particle: "García Bernal", "Bernal", "von Trier") and the
// first name of a person. Hyphenated parts stay together: "Choi Woo-shik"
// gives "Woo-shik" and "Choi", never "Woo".
func nameAliases(set *aliasSet, name string, a alias, surname, firstName float64) {
	groups := nameGroups(name)
	if n := len(groups); n > 2 && len(groups[n-1]) == 1 && generations[groups[n-1][0]] {
		groups = groups[:n-1] // "prinze", not "jr", for Freddie Prinze Jr.
	}
	if len(groups) < 2 {
		return
	}
	for k := 1; k < len(groups); k++ {
		suf := slices.Concat(groups[k:]...)
		if len(suf[0]) < 2 || !hasNonParticle(suf) {
			continue
		}
		a.prio, a.part = surname, partLast
		set.add(suf, a)
		if len(suf) == 2 && nameParticles[suf[0]] {
			set.add([]string{suf[0] + suf[1]}, a) // "deniro" after "robert de niro"
		}
	}
	if first := groups[0]; len(first[0]) >= 2 && !nameParticles[first[0]] {
		a.prio, a.part = firstName, partFirst
		set.add(first, a)
		if len(first) == 1 {
			for _, nick := range nicknames[first[0]] {
				set.add([]string{nick}, a) // "ollie" after "oliver stone"
			}
		}
	}
}

// nicknames are the short forms of first names critics use once the full
// name is out ("ollie" for Oliver Stone, "rob" for Robert Richardson), and
// the spellings of a first name they confuse ("stephen" for Steven).
var nicknames = map[string][]string{}

func init() {
	for _, line := range strings.FieldsFunc(`james jim jimmy jamie|robert rob bob bobby|oliver ollie|william bill billy will
		richard rick ricky dick|michael mike mikey|thomas tom tommy|stephen steve steven|steven steve stephen|christopher chris
		anthony tony|edward ed eddie|daniel dan danny|joseph joe joey|samuel sam|nicholas nick|matthew matt
		benjamin ben|alexander alex|andrew andy|jennifer jen jenny|katherine kate katie|catherine kate cathy
		elizabeth liz beth|margaret maggie meg|patricia pat patty|susan sue|zachary zach zack|timothy tim
		gregory greg|jeffrey jeff|kenneth ken kenny|lawrence larry|leonard leo lenny|frederick fred freddie
		theodore ted teddy|charles charlie chuck|arnold arnie|sylvester sly|barbra babs|deborah debbie|rebecca becky
		sarah sara|sara sarah|philip phillip|phillip philip|katherine catherine|catherine katherine`,
		func(r rune) bool { return r == '|' || r == '\n' }) {
		names := strings.Fields(line)
		nicknames[names[0]] = append(nicknames[names[0]], names[1:]...)
	}
}

// generations end a name without being its surname.
var generations = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// nameGroups splits a name at spaces and returns the key words of each part.
func nameGroups(name string) [][]string {
	var out [][]string
	for _, part := range strings.Fields(name) {
		if ws := matchkey.Words(part); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

func hasNonParticle(ws []string) bool {
	for _, w := range ws {
		if !nameParticles[w] {
			return true
		}
	}
	return false
}

// personAliases: people the text named in full may be called by surname or
// first name afterwards.
func (r *run) personAliases(set *aliasSet) {
	for _, c := range r.chosen {
		if c.kind != kPerson || c.via != viaGlobal || c.form == formSurname {
			continue // a famous surname alone is no full name
		}
		if first, ok := r.people[c.ref]; ok && first != c.i {
			continue // aliases start after the first full mention
		}
		nameAliases(set, r.l.personName(c.ref), alias{kind: kPerson, ref: c.ref, from: c.j, named: true}, 3, 1)
	}
}

// reviewAliases: the director, writers and leading cast of the film under
// review go by surname from the start ("Almodóvar's latest"), and the film by
// part of its title ("Women on the Verge").
func (r *run) reviewAliases(set *aliasSet) {
	if r.review < 0 {
		return
	}
	f := uint32(r.review)
	lo, hi := r.l.filmCredits(f)
	cast := 0
	for cr := lo; cr < hi; cr++ {
		cat := r.l.credits.cat[cr]
		lead := cat == catDirector || cat == catWriter
		if isCast(cat) {
			cast++
			lead = cast <= 8
		}
		if !lead {
			continue
		}
		p := r.l.credits.person[cr]
		first := 0.3
		if r.caseless {
			first = -1 // "michael", "dan": a first name alone needs the full name first
		}
		nameAliases(set, r.l.personName(p), alias{kind: kPerson, ref: p, crew: cat == catDirector || cat == catWriter}, 2, first)
	}
	a := alias{kind: kFilm, ref: f, prio: 2.5}
	r.titleParts(f, func(words []string) { set.add(words, a) })
	r.partAliases(set, f)
	if r.caseless {
		if w := titleHead(r.l.str.get(r.l.films.title[f])); w != "" {
			set.add([]string{w}, alias{kind: kFilm, ref: f, prio: 2.5, head: true})
		}
	}
}

// contentWordsOf counts the words of a title that are not function words.
func (r *run) contentWordsOf(words []string) int {
	n := 0
	for _, w := range words {
		if classOf(w) != wordFunction {
			n++
		}
	}
	return n
}

// titleHead returns the head noun of an "X of the Y" title, the word critics
// shorten it to ("enemy" for Enemy of the State, "prince" for The Prince of
// Egypt), or "" for a title of another shape. It is offered for the film
// under review only, whose identity the whole text supports, and only in a
// title's slot (aliasWordOK): an everyday head noun is too common otherwise.
func titleHead(title string) string {
	words := matchkey.Words(title)
	if len(words) > 0 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	if len(words) < 3 || words[1] != "of" || classOf(words[0]) == wordFunction {
		return ""
	}
	return words[0]
}

// linkedFilmAliases: films the text has named in full go by part of their
// title afterwards: "bullets over broadway ... and bullets got raving
// reviews", "star trek : insurrection ... enemy outgrossed insurrection".
func (r *run) linkedFilmAliases(set *aliasSet) {
	if !r.caseless {
		return // kept to lower-case text, where it pays: see directorCands
	}
	for _, c := range r.chosen {
		if c.kind != kFilm || c.via != viaGlobal || int64(c.ref) == r.review || c.j-c.i < 2 {
			continue
		}
		a := alias{kind: kFilm, ref: c.ref, prio: 2, from: c.j}
		if words := matchkey.Words(r.l.filmTitle(c.ref)); len(words) >= 2 && r.contentWordsOf(words) >= 2 {
			// the whole title again, so that it outspans its own parts:
			// "boiler room" after "boiler room's", not "[boiler] room"
			set.add(words, a)
		}
		sub := oneWordSubtitle(r.l.str.get(r.l.films.title[c.ref]))
		r.titleParts(c.ref, func(words []string) {
			b := a
			b.subtitle = sub != "" && len(words) == 1 && words[0] == sub
			set.add(words, b)
		})
	}
}

// makerAliases: the directors and writers of the films the text links go by
// surname ("lang's metropolis", "grateful for dreyer's the passion of joan
// of arc"), as the film under review's do (reviewAliases).
func (r *run) makerAliases(set *aliasSet) {
	for _, f := range slices.Sorted(maps.Keys(r.films)) {
		if int64(f) == r.review {
			continue // reviewAliases has them
		}
		lo, hi := r.l.filmCredits(f)
		for cr := lo; cr < hi; cr++ {
			if cat := r.l.credits.cat[cr]; cat == catDirector || cat == catWriter {
				p := r.l.credits.person[cr]
				nameAliases(set, r.l.personName(p), alias{kind: kPerson, ref: p, crew: true}, 2, -1)
			}
		}
	}
}

// oneWordSubtitle returns the subtitle of a "Series: Subtitle" title when it
// is a single word that is no everyday one, or "". Within a series the
// subtitle is the film's own name, and critics use it alone once the full
// title is out ("enemy outgrossed insurrection"), in any place of the
// sentence, not only where a title usually stands.
func oneWordSubtitle(title string) string {
	k := strings.LastIndexByte(title, ':')
	if k < 0 {
		return ""
	}
	words := matchkey.Words(title[k+1:])
	if len(words) != 1 || classOf(words[0]) >= wordCommon {
		return ""
	}
	return words[0]
}

// maxDirectorFilms bounds the films per named director whose titles are
// looked for.
const maxDirectorFilms = 40

// titlePart is a part of a film's title, as key words.
type titlePart struct {
	words []string
	film  uint32
}

// directorCands: right after a director is named, in the same sentence, a
// film they directed goes by part of its title or its title without the
// article ("mctiernan's red october", "andrew davis reworks his fugitive
// formula"): the director beside it is the evidence an everyday word lacks.
// The few words of the window are read directly rather than through the
// alias set, which would take every part of every film of every director.
func (r *run) directorCands() {
	if !r.caseless {
		// Capitals mark a title part in cased text already, and the
		// gazetteer's main titles cover most of what critics shorten.
		return
	}
	var parts map[uint32][]titlePart
	for _, c := range r.chosen {
		if c.kind != kPerson {
			continue
		}
		until := c.j
		for until < len(r.toks) && r.toks[until].sent == r.toks[c.j-1].sent {
			until++
		}
		if until == c.j {
			continue
		}
		if parts == nil {
			parts = map[uint32][]titlePart{}
		}
		ps, ok := parts[c.ref]
		if !ok {
			ps = r.directedParts(c.ref)
			parts[c.ref] = ps
		}
		for _, p := range ps {
			n := len(p.words)
			a := alias{kind: kFilm, ref: p.film, prio: 2, from: c.j, until: until}
			for k := c.j; k+n <= until; k++ {
				alt, ok := r.wordsAt(k, p.words)
				if ok && r.aliasCaseOK(k, n) && r.aliasWordOK(k, n, a) {
					r.aliasCands = append(r.aliasCands, cand{i: k, j: k + n, ref: p.film, kind: kFilm, via: viaPartial, altEnd: alt, ev: a.prio, need: 1})
				}
			}
		}
	}
}

// directedParts returns the title parts of the films person p directed.
func (r *run) directedParts(p uint32) []titlePart {
	var out []titlePart
	n := 0
	for _, cr := range r.l.personCredits(p) {
		if r.l.credits.cat[cr] != catDirector {
			continue
		}
		if n++; n > maxDirectorFilms {
			break
		}
		f := r.l.credits.film[cr]
		r.titleParts(f, func(words []string) { out = append(out, titlePart{words, f}) })
		words := matchkey.Words(r.l.str.get(r.l.films.title[f]))
		if len(words) == 2 && (words[0] == "the" || words[0] == "a" || words[0] == "an") && classOf(words[1]) != wordFunction {
			out = append(out, titlePart{words[1:], f})
		}
	}
	return out
}

// wordsAt reports whether the tokens from k spell words, the last one
// possibly through its possessive-less form (alt).
func (r *run) wordsAt(k int, words []string) (alt, ok bool) {
	for x, w := range words {
		t := &r.toks[k+x]
		switch {
		case t.key == w:
		case x == len(words)-1 && t.alt == w:
			alt = true
		default:
			return false, false
		}
	}
	return alt, true
}

// titleParts adds the parts of film f's titles a critic shortens it to: a
// prefix ("Women on the Verge"), a suffix that starts with a content word
// ("private ryan", "hype" for The Great White Hype), and the subtitle after a
// colon ("insurrection"). In a text without capitals a one-word part must be
// an uncommon word at the title's edge (not "love" for Shakespeare in Love).
func (r *run) titleParts(f uint32, add func(words []string)) {
	for _, t := range []string{r.l.str.get(r.l.films.title[f]), r.l.str.get(r.l.films.orig[f])} {
		words := matchkey.Words(t)
		start := 0
		if len(words) > 2 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
			start = 1
		}
		part := func(s, e int) {
			if s == 0 && e == len(words) || s >= e || nameParticles[words[e-1]] || classOf(words[e-1]) == wordFunction ||
				classOf(words[s]) == wordFunction {
				return // the full title is in the gazetteer; "Women on the" is no title
			}
			if s == 0 && r.l.titledBefore(words[:e], r.l.films.year[f]) {
				return // "grease" in a review of Grease 2, "friday the 13th" of Part 3: the earlier film
			}
			if s > 0 && e-s <= 2 && titles[words[s-1]] || e-s == 2 && titles[words[s]] {
				return // "daisy", "miss daisy" of Driving Miss Daisy: someone in it
			}
			if r.caseless && e-s < 2 && !r.loneTitleWord(words[s]) {
				return
			}
			if e-s == 2 && r.l.isFirstName(r.l.words.lookup(words[s])) && !(s == 0 && e == len(words)) {
				return // "anne frank" of Anne Frank Remembered, "john malkovich": someone's name
			}
			add(words[s:e])
		}
		for s := 0; s <= start; s++ {
			for e := s + 1; e <= len(words); e++ {
				part(s, e)
			}
		}
		if !r.caseless {
			continue
		}
		first := 1
		if start == 0 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
			first = 2 // "nephew" for The Nephew is the word, not the title
		}
		for s := max(start+1, first); s < len(words); s++ {
			part(s, len(words))
		}
	}
}

// titleSlot reports whether the word at token i stands where a one-word
// title can in lower-case prose: at the start of a clause, after a comma or
// a conjunction, or after a word that introduces a title ("like", "than",
// "in"); not after an article, an adjective or an auxiliary, where the word
// is the everyday one ("a mute foreigner", "have been kissed", "set on
// mars").
func (r *run) titleSlot(i int) bool {
	if i == 0 || r.toks[i-1].sent != r.toks[i].sent {
		return true
	}
	if strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start]) != "" {
		return true // punctuation between
	}
	switch r.toks[i-1].key {
	case "and", "or", "but", "that", "like", "unlike", "than", "in", "of", "as", "since", "while", "when",
		"see", "seen", "saw", "watch", "watched", "seeing", "watching":
		return true
	}
	return false
}

// loneTitleWord reports a word that may stand alone for a title in a text
// without capitals: a dictionary word beyond the commonest ones, and no
// first name ("bullets", "enemy", "hype"; not "love", "ryan").
func (r *run) loneTitleWord(w string) bool {
	return classOf(w) == wordDictionary && !r.l.isFirstName(r.l.words.lookup(w))
}

// characterAliases: the characters of the film under review and of the films
// the text links, by full name, first name or surname.
func (r *run) characterAliases(set *aliasSet) {
	films := make([]uint32, 0, len(r.films)+1)
	if r.review >= 0 {
		films = append(films, uint32(r.review))
	}
	// sorted, so that which films the caps keep does not depend on map order
	for _, f := range slices.Sorted(maps.Keys(r.films)) {
		if int64(f) != r.review && len(films) < 24 {
			films = append(films, f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(r.support)) {
		if r.support[f] >= 2 && r.films[f] == 0 && int64(f) != r.review && len(films) < 32 {
			films = append(films, f)
		}
	}
	films = append(films, r.characterEvidenced(films)...)
	for _, f := range films {
		prio := 2.0
		if int64(f) == r.review {
			prio = 3
		}
		lo, hi := r.l.filmCredits(f)
		for cr := lo; cr < hi; cr++ {
			if !isCast(r.l.credits.cat[cr]) {
				continue
			}
			for n, chars := range r.l.characters(cr) {
				// "Joseph D. Pistone / Donnie Brasco": one role under two names
				for ch := range strings.SplitSeq(chars, " / ") {
					words := characterWords(ch)
					if len(words) == 0 || n > 255 || strings.EqualFold(ch, r.l.personName(r.l.credits.person[cr])) {
						continue // playing themselves: the person, not a character
					}
					a := alias{kind: kChar, ref: cr, sub: uint8(n), prio: prio + 0.5, full: true}
					set.add(words, a)
					if ws := r.originalEponym(f, words); ws != nil {
						set.add(ws, a)
					}
					a.full = false
					if !relational(words) {
						r.characterParts(set, ch, a)
					}
				}
			}
		}
	}
}

// originalEponym returns the words of film f's original title when the
// character named by words is the film's hero by its English title: the
// monster of "Godzilla" (original "Gojira") is Gojira in a review too
// ("toho introduced the land of the rising sun to gojira , a reptilian
// creature"). Only a short original title is a name.
func (r *run) originalEponym(f uint32, words []string) []string {
	if !slices.Equal(words, matchkey.Words(r.l.filmTitle(f))) {
		return nil
	}
	orig := matchkey.Words(r.l.str.get(r.l.films.orig[f]))
	if len(orig) == 0 || len(orig) > 2 || slices.Equal(orig, words) {
		return nil
	}
	return orig
}

// relational character names are defined by someone else ("Madre de Rosa",
// "Rikichi's Wife", "Her Father"): their parts name other people.
func relational(words []string) bool {
	for _, w := range words {
		switch w {
		case "her", "his", "their":
			return true
		case "de", "del", "of", "von":
			// "Madre de Rosa", not "Joan of Arc" or "Diego de la Vega"
			return kin[words[0]] || relatives[words[0]]
		}
	}
	return false
}

// relatives open names that say whose someone is, in the languages credits
// come in ("Madre de Rosa", "Hija de Agustina").
var relatives = wordSet(`madre padre hijo hija hermano hermana esposa esposo mere pere fils fille soeur frere
	femme mari madam lady lord`)

// characterParts adds the parts of a character's name: without honorifics
// ("Dr. Robert Ledgard" → "Robert Ledgard"), the first name, the surname, the
// leading names ("Carla Jean" of "Carla Jean Moss"), a nickname in quotes
// ("Mace" of "Lornette 'Mace' Mason"), and honorific plus surname ("Major
// Strasser").
func (r *run) characterParts(set *aliasSet, name string, a alias) {
	if i := strings.IndexByte(name, '('); i > 0 {
		name = name[:i]
	}
	for _, nick := range quotedParts(name) {
		if ws := matchkey.Words(nick); len(ws) > 0 {
			set.add(ws, a)
		}
	}
	groups := nameGroups(name)
	lead := 0
	for lead < len(groups) && len(groups[lead]) == 1 && honorifics[groups[lead][0]] {
		lead++
	}
	end := len(groups)
	for end > lead && len(groups[end-1]) == 1 && honorifics[groups[end-1][0]] {
		end--
	}
	core := groups[lead:end]
	if len(core) == 0 {
		return
	}
	a.prio -= 0.5
	if len(core) < len(groups) {
		b := a
		b.full = true // "Evil" of "Dr. Evil" is still the whole name
		set.add(slices.Concat(core...), b)
	}
	if len(core) < 2 {
		return
	}
	first := a
	first.part = partFirst
	set.add(core[0], first)
	a.part = partOther
	for k := 2; k < len(core); k++ {
		set.add(slices.Concat(core[:k]...), a)
	}
	if lead > 0 {
		set.add(slices.Concat(groups[lead-1], core[len(core)-1]), a) // "Dr. Ledgard"
		if lead > 1 {
			set.add(slices.Concat(slices.Concat(groups[:lead]...), core[len(core)-1]), a) // "Lt. Col. Tall"
		}
	}
	if len(core) > 2 {
		set.add(slices.Concat(core[0], core[len(core)-1]), a) // "Russell Kramer" of "Russell P. Kramer"
	}
	a.prio -= 0.2
	a.part = partLast
	set.add(core[len(core)-1], a)
}

// quotedParts returns the parts of s in single or double quotes.
func quotedParts(s string) []string {
	var out []string
	for _, q := range []string{"'", "\"", "‘", "“"} {
		rest := s
		for {
			i := strings.Index(rest, q)
			if i < 0 {
				break
			}
			closeQ := q
			if q == "‘" {
				closeQ = "’"
			} else if q == "“" {
				closeQ = "”"
			}
			j := strings.Index(rest[i+len(q):], closeQ)
			if j <= 0 {
				break
			}
			out = append(out, rest[i+len(q):i+len(q)+j])
			rest = rest[i+len(q)+j+len(closeQ):]
		}
	}
	return out
}

// characterWords returns the key words of a character name, or nil for the
// generic ones.
func characterWords(ch string) []string {
	if i := strings.IndexByte(ch, '('); i > 0 {
		ch = ch[:i]
	}
	k := matchkey.Key(ch)
	if k == "" || genericCharacters[k] {
		return nil
	}
	return strings.Fields(k)
}

// matchAlias tries the n words from token i as an alias.
func (r *run) matchAlias(set *aliasSet, i, n int) (cand, bool) {
	for k := i + 1; k < i+n; k++ {
		if r.toks[k].sent != r.toks[i].sent {
			return cand{}, false
		}
	}
	// m[string(bytes)] looks up without copying the key
	list, altEnd := set.m[string(r.joinKeys(i, n, false))], false
	if len(list) == 0 && r.toks[i+n-1].alt != "" {
		list, altEnd = set.m[string(r.joinKeys(i, n, true))], true
	}
	if len(list) == 0 || !r.aliasCaseOK(i, n) {
		return cand{}, false
	}
	best, bestScore, tie := -1, 0.0, false
	for x, a := range list {
		if a.prio < 0 || a.from > i || a.until > 0 && i+n > a.until || !r.aliasWordOK(i, n, a) {
			continue
		}
		if a.kind == kFilm && r.franchiseSpan(i, i+n) {
			continue
		}
		if a.kind == kPerson && a.part == partFirst && r.nameFollows(i+n) {
			continue // "dan quayle", not Dan Aykroyd
		}
		s := a.prio + r.recency(a, i) + r.reviewCredit(a)
		switch {
		case best < 0 || s > bestScore+0.01:
			best, bestScore, tie = x, s, false
		case best >= 0 && s > bestScore-0.01 && !sameEntity(r, list[best], a):
			tie = true
		}
	}
	if best < 0 || tie {
		return cand{}, false
	}
	if list[best].kind == kChar && (r.toks[i].has(tokSentStart) || r.aliasReadsFilm(i, i+n)) {
		// "private ryan is not for everyone", "if you've seen private
		// ryan": where a film's title part is its hero's name, a title's
		// place in the sentence says film
		for x, a := range list {
			if a.kind == kFilm && a.ref == r.l.credits.film[list[best].ref] && a.from <= i && r.aliasWordOK(i, n, a) {
				best = x
				break
			}
		}
	}
	a := list[best]
	c := cand{i: i, j: i + n, ref: a.ref, kind: a.kind, form: a.sub, altEnd: altEnd, ev: bestScore, need: 1, part: a.part}
	switch a.kind {
	case kChar:
		c.via = viaChar
	case kFilm:
		c.via = viaPartial
	default:
		c.via = viaAlias
	}
	return c, true
}

// joinKeys returns the keys of the n tokens from i joined by spaces, the
// last one's possessive-less key when alt, as aliasSet keys are, in a
// buffer of the run.
func (r *run) joinKeys(i, n int, alt bool) []byte {
	b := r.keyBuf[:0]
	for k := i; k < i+n; k++ {
		if k > i {
			b = append(b, ' ')
		}
		if alt && k == i+n-1 {
			b = append(b, r.toks[k].alt...)
		} else {
			b = append(b, r.toks[k].key...)
		}
	}
	r.keyBuf = b
	return b
}

// nameFollows reports a word at token k that looks like the rest of a
// name: capitalised mid-sentence, or in a text without capitals, not an
// everyday word.
func (r *run) nameFollows(k int) bool {
	if k >= len(r.toks) || r.toks[k].sent != r.toks[k-1].sent {
		return false
	}
	t := &r.toks[k]
	if r.caseless {
		return t.cls < wordCommon
	}
	return t.has(tokCap)
}

// sameEntity: two characters played by one actor in one film, or the same
// person, are one answer, not a tie. So is one role played at two ages
// ("Salvador Mallo" and "Salvador Mallo (child)"): the earlier-billed credit,
// which the list holds first, answers.
func sameEntity(r *run, a, b alias) bool {
	if a.kind != b.kind {
		return false
	}
	if a.kind == kChar {
		if r.l.credits.film[a.ref] != r.l.credits.film[b.ref] {
			return false
		}
		return r.l.credits.person[a.ref] == r.l.credits.person[b.ref] ||
			slices.Equal(characterWords(r.characterOf(a)), characterWords(r.characterOf(b)))
	}
	return a.ref == b.ref
}

func (r *run) characterOf(a alias) string {
	chars := r.l.characters(a.ref)
	if int(a.sub) < len(chars) {
		return chars[a.sub]
	}
	return ""
}

// reviewCredit favours the people credited on the film under review: "Lee"
// in a review of a film by Ang Lee is Ang Lee, even after Spike Lee is named.
func (r *run) reviewCredit(a alias) float64 {
	if a.kind != kPerson || r.review < 0 || a.prio < 2 {
		return 0
	}
	if r.l.credited(a.ref, uint32(r.review)) != 0 {
		return 1
	}
	return 0
}

// recency favours the person or character named most recently before token
// i, so that "Cruz" after "Penélope Cruz" is her and not her sister named
// pages before, and "Welles" after "Tom Welles" is him, not his wife Amy.
func (r *run) recency(a alias, i int) float64 {
	if a.kind != kPerson && a.kind != kChar {
		return 0
	}
	last := -1
	same := func(c *cand) bool {
		// a character is a credit and the place of its name in that credit
		return c.kind == a.kind && c.ref == a.ref && (a.kind != kChar || c.form == a.sub) && c.i < i
	}
	for n := range r.chosen {
		if c := &r.chosen[n]; same(c) {
			last = max(last, c.i)
		}
	}
	for n := range r.namedChars { // named in full in this round of aliases
		if c := &r.namedChars[n]; same(c) {
			last = max(last, c.i)
		}
	}
	if last < 0 {
		return 0
	}
	return 0.5 + 0.5/(1+float64(i-last)/20)
}

// aliasCaseOK: in a cased text an alias must be capitalised like a name.
func (r *run) aliasCaseOK(i, n int) bool {
	if r.caseless {
		return true
	}
	for k := i; k < i+n; k++ {
		t := &r.toks[k]
		if !t.has(tokCap) && !t.has(tokNumber) && !(k > i && (nameParticles[t.key] || t.has(tokJoined))) {
			return false
		}
	}
	return true
}

// aliasWordOK rules out aliases that are everyday words where the text gives
// no sign they are names: a lone common word at the start of a sentence, or
// anywhere in a text without capitals.
func (r *run) aliasWordOK(i, n int, a alias) bool {
	if a.kind == kFilm && (r.seriesAfter(i+n) || r.otherWork(i) || r.otherThingAfter(i+n) || r.placeCalled(i)) {
		return false // "his pink panther films", "the title song citizens on patrol", "the event horizon crew"
	}
	if a.kind == kFilm && i > 0 && r.toks[i-1].sent == r.toks[i].sent && (r.toks[i-1].key == "a" || r.toks[i-1].key == "an") &&
		!r.cueAfter(&cand{i: i, j: i + n}) {
		return false // "he's a wedding singer": one of a kind, not The Wedding Singer
	}
	if a.byActor || a.kind == kChar && r.namedBefore(i) {
		// the actor vouches for it, or the text says it is a name: "a
		// bowler named jesus", "a dude named ray"
		return r.contentWords(i, i+n) > 0
	}
	if n > 1 {
		// "mini me", "fat bastard": a character's whole name is distinctive
		// even in everyday words; a part of one is not.
		if r.caseless && r.ordinary(i, i+n) && a.kind != kFilm && !a.full {
			return false
		}
		return true
	}
	t := &r.toks[i]
	key := t.key
	if t.has(tokPossessive) && t.alt != "" {
		key = t.alt
	}
	cls := classOf(key)
	switch {
	case cls == wordFunction:
		return false
	case r.caseless && a.kind == kFilm && a.subtitle:
		switch r.toks[i-1].key { // i > 0: the full title came before
		case "the", "a", "an":
			return false // "the insurrection", the word
		}
		return true
	case r.caseless && a.kind == kFilm && a.head:
		return r.titleSlot(i)
	case r.caseless && a.kind == kFilm && a.until > 0:
		return cls != wordFunction // a director's film, right after the director
	case r.caseless && a.kind == kFilm:
		return (cls == wordRare || r.loneTitleWord(key)) && r.titleSlot(i)
	case r.caseless && cls >= wordDictionary && a.kind == kChar:
		// "grace" after "grace ( jennifer lopez )": an everyday word for a
		// character the text has named in full or beside its actor
		return cls <= wordCommon && r.recency(a, i) > 0
	case r.caseless && cls >= wordDictionary:
		// "grant" after "hugh grant": a surname of someone named in full;
		// "peck" in a review of a film Raoul Peck directed
		return a.kind == kPerson && a.prio >= 2 && (a.named || a.crew && cls == wordDictionary)
	case cls >= wordDictionary && t.has(tokSentStart):
		return a.named
	case a.kind == kFilm:
		return cls == wordRare
	}
	return true
}

// characterName returns the character a kChar candidate names.
func (r *run) characterName(c *cand) string {
	chars := r.l.characters(c.ref)
	if int(c.form) < len(chars) {
		return chars[c.form]
	}
	if len(chars) > 0 {
		return chars[0]
	}
	return ""
}

// actorCharacters links a character named next to the actor who plays it,
// whatever film it is from: "fang ( peter wang )", "Jodie Foster as Ellie",
// "Amy Adams plays Amy". The actor's credits say which film.
func (r *run) actorCharacters() {
	for n := range r.chosen {
		p := &r.chosen[n]
		if p.kind != kPerson {
			continue
		}
		open := r.bracketBefore(p.i)
		after := p.j+1 < len(r.toks) && playVerbs[r.toks[p.j].key]
		if open >= 0 || after {
			r.charactersBeside(p.ref, open, p.j, after, nil)
		}
	}
	r.castSurnamesInBrackets()
}

// castSurnamesInBrackets: "g ( murphy )", "lee ( chan )": a critic gives
// the actor of a character by surname alone, which links only in context
// and is not linked yet; a surname in brackets that only one member of the
// cast of the film under review (or of a linked film) has stands for them.
func (r *run) castSurnamesInBrackets() {
	var films []uint32
	var surnames map[string]int64 // built at the first bracketed word
	for k := 1; k+1 < len(r.toks); k++ {
		a, t, b := &r.toks[k-1], &r.toks[k], &r.toks[k+1]
		if a.end > t.start || t.end > b.start || r.taken[k] >= 0 || // several tokens of one word ("8½")
			strings.TrimSpace(r.text[a.end:t.start]) != "(" || !strings.HasPrefix(strings.TrimSpace(r.text[t.end:b.start]), ")") {
			continue
		}
		if surnames == nil {
			films = slices.Sorted(maps.Keys(r.films))
			if r.review >= 0 && !slices.Contains(films, uint32(r.review)) {
				films = append(films, uint32(r.review))
			}
			surnames = r.castSurnames(films)
		}
		if p := surnames[t.key]; p > 0 {
			r.charactersBeside(uint32(p-1), k, k+1, false, films)
		}
	}
}

// castSurnames maps the surnames of the cast of films to their person index
// plus one, or to -1 when two actors share one: no telling which.
func (r *run) castSurnames(films []uint32) map[string]int64 {
	out := map[string]int64{}
	for _, f := range films {
		lo, hi := r.l.filmCredits(f)
		for cr := lo; cr < hi; cr++ {
			if !isCast(r.l.credits.cat[cr]) {
				continue
			}
			p := r.l.credits.person[cr]
			w := matchkey.Words(r.l.personName(p))
			if len(w) < 2 {
				continue
			}
			switch old, seen := out[w[len(w)-1]]; {
			case !seen:
				out[w[len(w)-1]] = int64(p) + 1
			case old != int64(p)+1:
				out[w[len(w)-1]] = -1
			}
		}
	}
	return out
}

// bracketBefore returns the first token inside the brackets the person
// named at token i stands in, alone or after a verb of playing ("carol (
// played to perfection by helen hunt )"), or -1.
func (r *run) bracketBefore(i int) int {
	played := false
	for k := i; k > 0 && k > i-10 && r.toks[k-1].sent == r.toks[i].sent; k-- {
		if r.toks[k-1].end > r.toks[k].start {
			continue // several tokens of one word
		}
		switch gap := strings.TrimSpace(r.text[r.toks[k-1].end:r.toks[k].start]); {
		case gap == "(" && (k == i || played):
			return k
		case gap != "":
			return -1
		}
		played = played || playVerbs[r.toks[k-1].key] && r.toks[k-1].key != "as"
	}
	return -1
}

// charactersBeside looks for a character of person p's right before the
// brackets whose first token is open ("Ellie ( Jodie Foster )"), when open
// is not -1, and when after, after the verb of playing that follows the
// person's name ending before token j ("Jodie Foster as Ellie"), among p's
// roles in films when not nil, else all p's roles.
func (r *run) charactersBeside(p uint32, open, j int, after bool, films []uint32) {
	set := aliasSet{m: map[string][]alias{}, first: map[string]bool{}}
	credits := r.l.personCredits(p)
	if len(credits) > maxCreditsPerPerson {
		credits = credits[:maxCreditsPerPerson]
	}
	for _, cr := range credits {
		if !isCast(r.l.credits.cat[cr]) || films != nil && !slices.Contains(films, r.l.credits.film[cr]) {
			continue
		}
		for k, ch := range r.l.characters(cr) {
			if words := characterWords(ch); len(words) > 0 && k < 256 && !relational(words) {
				a := alias{kind: kChar, ref: cr, sub: uint8(k), prio: 5, full: true, byActor: true}
				set.add(words, a)
				a.full = false
				r.characterParts(&set, ch, a)
			}
		}
	}
	if len(set.m) == 0 {
		return
	}
	// "Ellie ( Jodie Foster )": the character ends just before the parenthesis.
	if open >= 0 {
		for n := min(set.maxLen, open); n >= 1; n-- {
			if c, ok := r.matchAlias(&set, open-n, n); ok {
				r.aliasCands = append(r.aliasCands, c)
				r.namedChars = append(r.namedChars, c) // for recency: the later "fang"s
				break
			}
		}
	}
	// "Jodie Foster as Ellie", "Amy Adams plays Amy".
	if k := j; after {
		for n := min(set.maxLen, len(r.toks)-k-1); n >= 1; n-- {
			if r.toks[k+n].has(tokPossessive) {
				continue // "Ashley Judd, as Shiherlis's wife": not the role's name
			}
			if c, ok := r.matchAlias(&set, k+1, n); ok {
				r.aliasCands = append(r.aliasCands, c)
				r.namedChars = append(r.namedChars, c)
				break
			}
		}
	}
}

// characterEvidenced returns the films of the people the text names whose
// characters the text names too, at least two of them: a review that says
// "austin", "dr evil" and "fat bastard" next to "mike myers" is about an
// Austin Powers film even if its title never appears.
func (r *run) characterEvidenced(have []uint32) []uint32 {
	if r.textWords == nil {
		r.textWords = map[string]bool{}
	}
	words := r.textWords
	for i := range r.toks {
		words[r.toks[i].key] = true
		if r.toks[i].alt != "" {
			words[r.toks[i].alt] = true
		}
	}
	seen := map[uint32]bool{}
	for _, f := range have {
		seen[f] = true
	}
	var out []uint32
	checked := 0
	for p := range r.people {
		for _, f := range r.filmsOf(p) {
			if seen[f] || checked >= 100 {
				continue
			}
			seen[f] = true
			checked++
			if r.characterHits(f, words) >= 2 {
				out = append(out, f)
			}
		}
	}
	return out
}

// characterHits counts the cast credits of film f with a character whose
// name the text contains: all its words, one of them not an everyday word.
func (r *run) characterHits(f uint32, words map[string]bool) int {
	hits := 0
	lo, hi := r.l.filmCredits(f)
	for cr := lo; cr < hi; cr++ {
		if !isCast(r.l.credits.cat[cr]) {
			continue
		}
		for _, ch := range r.l.characters(cr) {
			if characterInText(characterWords(ch), words) {
				hits++
				break
			}
		}
	}
	return hits
}

func characterInText(ws []string, words map[string]bool) bool {
	if len(ws) == 0 {
		return false
	}
	rare := false
	for _, w := range ws {
		if honorifics[w] {
			continue
		}
		if !words[w] {
			return false
		}
		if classOf(w) < wordCommon {
			rare = true
		}
	}
	return rare || len(ws) > 1
}

// partNumbers are the spellings of a part's number, digits then roman.
var partNumbers = [][2]string{{"2", "ii"}, {"3", "iii"}, {"4", "iv"}, {"5", "v"}, {"6", "vi"},
	{"7", "vii"}, {"8", "viii"}, {"9", "ix"}}

// partAliases: a review of Friday the 13th Part 3 calls it and the other
// numbered parts of its series by their number alone ("part 3 takes place a
// day after the events of part 2"), when the catalog has them under the same
// title with that part number (Friday the 13th Part 3: 3D, Friday the 13th
// Part 2).
func (r *run) partAliases(set *aliasSet, f uint32) {
	words := matchkey.Words(r.l.filmTitle(f))
	p := slices.Index(words, "part")
	if p <= 0 || p+2 > len(words) {
		return
	}
	if _, ok := sequelNumbers[words[p+1]]; !ok {
		return
	}
	for _, num := range partNumbers {
		g, ok := r.l.filmTitled(append(slices.Clone(words[:p+1]), num[0]))
		if !ok {
			continue
		}
		a := alias{kind: kFilm, ref: g, prio: 2.5}
		set.add([]string{"part", num[0]}, a)
		set.add([]string{"part", num[1]}, a)
	}
}
