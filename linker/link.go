package linker

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"math"
	"reel/matchkey"
	"slices"
	"strings"
	"sync"

	"reel"
)

// Candidate kinds.
const (
	kFilm uint8 = iota
	kPerson
	kChar
)

// How a candidate was found.
const (
	viaGlobal  uint8 = iota // the catalog-wide gazetteer
	viaAlias                // a surname or first name of a linked person
	viaPartial              // part of the title of the film under review
	viaChar                 // a character of a film in context
	viaFuzzy                // a near-miss spelling of a name in context
)

// cand is a possible mention: a token span and one entity it may name.
type cand struct {
	i, j   int    // token span [i, j)
	ref    uint32 // film index, person index, or credit index for characters
	kind   uint8
	form   uint8
	via    uint8
	altEnd bool // matched through the possessive-less last word
	fuzzy  bool // matched through a near-miss spelling of one word
	// everyday: a one-word title matched through a near-miss spelling of
	// an everyday word, which is as ordinary as the word ("the new
	// millenium")
	everyday bool
	listed   bool // a film title next to others in a list
	// propped: linked only thanks to a linked title beside it (listed) or
	// to its year (contemporary), which therefore lends no support in
	// turn: "one day , american movie superstar" must not hold itself up.
	propped bool
	// atStart: an everyday-word title capitalised only by the start of its
	// sentence ("Heat is not a perfect film."), which links only when the
	// text marks the same film as a title elsewhere.
	atStart bool
	part    uint8 // for aliases, which part of the name matched
	ev      float64
	strong  float64 // evidence from the text itself: quotes, a year, a cue word
	score   float64
	need    float64
}

// run is the state of one Link call.
type run struct {
	l        *Linker
	text     string
	toks     []token
	ws, alts []uint32
	caseless bool // the text has (almost) no capitals, as tokenised corpora
	accented bool // the text writes some letter with a diacritic

	cands  []cand
	taken  []int32 // token → index in chosen, or -1
	chosen []cand
	// bySent indexes chosen by sentence while choose scores candidates:
	// chosen[bySent[sentStart[s]:sentStart[s+1]]] are the mentions in
	// sentence s (see indexChosen).
	bySent    []int32
	sentStart []int32
	review    int64 // film index of the film under review, -1 when unknown
	// latest is the last release year a film may have to link (the year
	// the text was written, plus one for festival and release dates that
	// straddle a new year); 0 when the caller did not say.
	latest   int
	reviewBy float64
	films    map[uint32]int // linked films → mentions
	people   map[uint32]int // linked people → first token
	support  map[uint32]float64
	marked   map[uint32]bool // films the text sets off as titles (quotes, italics, a year) somewhere

	aliasCands  []cand
	namedChars  []cand // characters the aliases round found by a name of several words or beside their actor
	fuzzyChecks []Check
	occKeys     []uint64        // sorted occurrenceKeys of the film candidates prune kept
	occCounts   []int32         // occCounts[n]: the global candidates before prune with occKeys[n]
	occAll      []uint64        // occurrenceKeys' buffer, and the keys of the hopeless titles
	nearFilms   map[uint32]bool // people credited on films that several linked people share
	personFilms map[uint32][]uint32
	titleToks   map[uint32][][]token // film → its canonical titles tokenised, for casedLikeTitle
	span1       spanInfo             // the last span staticEvidence read (see spanOf)
	pool        []cand               // choose's buffer
	// order and byStart index the pool (see sortPool); maxSpan is the
	// longest span in it, in tokens.
	order, byStart []int32
	maxSpan        int
	poolKeys       []poolKey // sortPool's buffer
	keyBuf         []byte    // joinKeys' buffer
	// globalEnd is the number of candidates globalCandidates kept, and
	// lastGlobal the span of the last one it found, kept or not.
	globalEnd  int
	lastGlobal [2]int
	// franchise holds the spans that are the main title of three films or
	// more (see franchises).
	franchise [][2]int
	// textWords is the set of the text's token keys (see
	// characterEvidenced), kept for the next run's reuse.
	textWords map[string]bool
}

// runs keeps the buffers of finished Link calls for the next ones: on a
// full-size catalog a 1,000-word text has thousands of candidates, and
// growing their slices and the run's maps afresh was most of a call's
// memory.
var runs = sync.Pool{New: func() any { return new(run) }}

// maxPooledText bounds the texts whose run goes back to the pool, so that
// one huge input does not keep its buffers alive.
const maxPooledText = 64 << 10

// Link finds the films, people and characters text names.
func (l *Linker) Link(text string, hint FilmHint) Result {
	r := runs.Get().(*run)
	r.reset(l, text)
	defer func() {
		if len(text) <= maxPooledText {
			r.reset(nil, "")
			runs.Put(r)
		}
	}()
	r.tokenize()
	r.hint(hint)
	r.globalCandidates()
	r.misspelledTitles()
	r.sequels()
	r.evidence()
	// Anchors: what links without any context.
	r.choose(false)
	r.context()
	r.inferReview()
	// Everything, with the context the anchors give.
	r.choose(true)
	r.context()
	r.inferReview()
	r.choose(true)
	r.context()
	// Short names the context allows: surnames, characters, partial titles.
	r.aliases()
	r.choose(true)
	r.context()
	r.fuzzy()
	return r.result()
}

// reset readies a pooled run for text, keeping the capacity of its
// buffers and maps.
func (r *run) reset(l *Linker, text string) {
	clear(r.films)
	clear(r.people)
	clear(r.support)
	clear(r.marked)
	clear(r.nearFilms)
	clear(r.personFilms)
	clear(r.titleToks)
	clear(r.textWords) // its keys hold the text
	*r = run{l: l, text: text, review: -1,
		toks: r.toks[:0], ws: r.ws[:0], alts: r.alts[:0],
		cands: r.cands[:0], taken: r.taken[:0], chosen: r.chosen[:0],
		bySent: r.bySent[:0], sentStart: r.sentStart[:0],
		films: r.films, people: r.people, support: r.support, marked: r.marked,
		aliasCands: r.aliasCands[:0], namedChars: r.namedChars[:0], fuzzyChecks: r.fuzzyChecks[:0],
		occKeys: r.occKeys[:0], occCounts: r.occCounts[:0], occAll: r.occAll[:0],
		nearFilms: r.nearFilms, personFilms: r.personFilms, titleToks: r.titleToks, pool: r.pool[:0],
		order: r.order[:0], byStart: r.byStart[:0], poolKeys: r.poolKeys[:0], keyBuf: r.keyBuf[:0], textWords: r.textWords,
		franchise: r.franchise[:0]}
}

func (r *run) tokenize() {
	r.toks = appendTokens(r.toks[:0], r.text)
	r.ws = slices.Grow(r.ws[:0], len(r.toks)+1)[:len(r.toks)+1]
	r.alts = slices.Grow(r.alts[:0], len(r.toks)+1)[:len(r.toks)+1]
	clear(r.ws)
	clear(r.alts)
	upper, letters := 0, 0
	for i := range r.toks {
		t := &r.toks[i]
		t.word = r.l.words.lookup(t.key)
		t.altW = r.l.words.lookup(t.alt)
		r.ws[i], r.alts[i] = t.word, t.altW
		t.cls = r.l.classOfWord(t.word, t.key)
		if r.l.isCueWord(t.word, t.key) || t.alt != "" && r.l.isCueWord(t.altW, t.alt) {
			t.flags |= tokCue
		}
		if t.has(tokAccent) {
			r.accented = true
		}
		if t.has(tokCap) {
			upper++
		}
		letters++
	}
	r.caseless = letters > 20 && upper*100 < letters
}

// hint fixes the film under review from the caller's hint.
func (r *run) hint(h FilmHint) {
	if h.Written > 0 {
		r.latest = h.Written + 1
	}
	if id, err := reel.ParseFilmID(h.ID); err == nil && id <= math.MaxUint32 {
		if f, ok := r.l.filmIndex(uint32(id)); ok {
			r.review, r.reviewBy = int64(f), 1
			return
		}
	}
	if h.Title == "" {
		return
	}
	toks := tokenize(h.Title)
	ws := make([]uint32, len(toks))
	for i := range toks {
		ws[i] = r.l.words.lookup(toks[i].key)
	}
	best, bestScore := int64(-1), -1.0
	r.l.ph.match(ws, make([]uint32, len(ws)), func(k int, p uint32, _ bool) {
		if k != len(ws) {
			return
		}
		for _, ref := range r.l.ph.refs[r.l.ph.refOff[p]:r.l.ph.refOff[p+1]] {
			if ref&personBit != 0 {
				continue
			}
			s := math.Log10(float64(r.l.films.votes[ref]) + 1)
			if h.Year != 0 && int(r.l.films.year[ref]) == h.Year {
				s += 10
			}
			if s > bestScore {
				best, bestScore = int64(ref), s
			}
		}
	})
	if best >= 0 {
		r.review, r.reviewBy = best, 0.9
	}
}

// maxRefs bounds the entities considered for one phrase ("Love" names
// hundreds of films); refs are sorted by popularity, and the film under
// review is always considered.
const maxRefs = 48

// maxRefsOneWord bounds the entities of a one-word phrase ("Love", "Smith"),
// which only link with strong evidence; the most popular few are enough.
const maxRefsOneWord = 12

// maxRefsScan bounds the search for the film under review in a phrase's refs.
const maxRefsScan = 4096

func (r *run) globalCandidates() {
	ix := &r.l.ph
	for i := range r.toks {
		if r.ws[i] == 0 && r.alts[i] == 0 {
			continue
		}
		r.l.ph.match(r.ws[i:len(r.toks)], r.alts[i:len(r.toks)], func(k int, p uint32, viaAlt bool) {
			if r.crossesParagraph(i, i+k) {
				return
			}
			refs := ix.refs[ix.refOff[p]:ix.refOff[p+1]]
			forms := ix.forms[ix.refOff[p]:ix.refOff[p+1]]
			limit := maxRefs
			if k == 1 {
				limit = maxRefsOneWord
			}
			for n, ref := range refs {
				if n >= limit {
					// only the film under review, when known, is looked for
					// further down a long list
					if r.review < 0 || n >= maxRefsScan {
						break
					}
					if int64(ref) != r.review {
						continue
					}
				}
				if ref&personBit == 0 && r.unreleased(ref) {
					continue
				}
				c := cand{i: i, j: i + k, form: forms[n], via: viaGlobal, altEnd: viaAlt}
				r.lastGlobal = [2]int{c.i, c.j}
				if ref&personBit != 0 {
					c.kind, c.ref = kPerson, ref&^personBit
				} else {
					c.kind, c.ref = kFilm, ref
					if r.hopelessTitle(&c) {
						// only repeats counts it
						r.occAll = append(r.occAll, occurrenceKey(&c))
						continue
					}
				}
				r.cands = append(r.cands, c)
			}
		})
	}
	r.globalEnd = len(r.cands)
}

// unreleased reports a film released after the text can have been written
// (see FilmHint.Written); the film under review is never one.
func (r *run) unreleased(f uint32) bool {
	return r.latest > 0 && int(r.l.films.year[f]) > r.latest && int64(f) != r.review
}

// hopelessTitle reports a title candidate whose bar filmEvidence would put
// out of reach (+Inf) whatever the film: an everyday word in prose, with
// nothing in the text marking it as a title (see filmBar). On a full-size
// catalog most of a text's thousands of candidates are such, and prune
// would drop them. A span next to a number is kept for sequels.
func (r *run) hopelessTitle(c *cand) bool {
	return r.spanOf(c).hopeless
}

// sequelNumberAt reports a number sequels reads at token k.
func (r *run) sequelNumberAt(k int) bool {
	if k >= len(r.toks) {
		return false
	}
	key := r.toks[k].key
	if !maySequelNumber(key) {
		return false
	}
	_, ok := sequelNumbers[key]
	return ok
}

// maySequelNumber rules out most words as sequelNumbers keys without
// hashing them: every key is a digit or a short roman numeral.
func maySequelNumber(key string) bool {
	return key != "" && len(key) <= len("viii") &&
		('2' <= key[0] && key[0] <= '9' || key[0] == 'i' || key[0] == 'v' || key[0] == 'x')
}

// ordinals spelt as numbers, for titles that spell them out ("close
// encounters of the 3rd kind").
var ordinals = map[string]string{"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
	"5th": "fifth", "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth"}

// misspelledTitles adds film candidates for titles written with one word
// misspelt ("independance day", "saving priivate ryan", "pocohontas") or an
// ordinal in figures. Only a word of 8 letters or more that is in no
// English word list and in no catalog name is tried, so correct text costs
// little; its stand-in is a catalog word one edit away (a letter dropped,
// two swapped, or a vowel replaced: see nearWord). Shorter words have too
// many neighbours, and probing every unknown word cost lower-case texts a
// tenth more time.
func (r *run) misspelledTitles() {
	var ws []uint32
	for k := range r.toks {
		t := &r.toks[k]
		var fz uint32
		typo := true
		if o, ok := ordinals[t.key]; ok {
			fz, typo = r.l.words.lookup(o), false
		} else if t.word == 0 && t.altW == 0 && t.cls == wordRare && !t.has(tokNumber) && len(t.key) >= 8 {
			fz = r.l.nearWord(t.key)
		}
		if fz == 0 {
			continue
		}
		for i := max(k-6, 0); i <= k; i++ {
			if r.toks[i].sent != t.sent || i < k && r.ws[i] == 0 {
				continue
			}
			end := min(len(r.toks), i+maxPhrase)
			ws = append(ws[:0], r.ws[i:end]...)
			ws[k-i] = fz
			r.l.ph.match(ws, r.alts[i:end], func(n int, p uint32, viaAlt bool) {
				if i+n <= k || r.crossesParagraph(i, i+n) {
					return
				}
				refs := r.l.ph.refs[r.l.ph.refOff[p]:r.l.ph.refOff[p+1]]
				forms := r.l.ph.forms[r.l.ph.refOff[p]:r.l.ph.refOff[p+1]]
				for x, ref := range refs {
					if x >= maxRefsOneWord {
						break
					}
					if ref&personBit == 0 {
						r.cands = append(r.cands, cand{i: i, j: i + n, ref: ref, kind: kFilm, form: forms[x], via: viaGlobal, altEnd: viaAlt, fuzzy: typo,
							everyday: typo && n == 1 && r.l.classOfWord(fz, "") != wordRare})
					}
				}
			})
		}
	}
}

// sequelNumbers are the numbers critics put after a series title.
var sequelNumbers = map[string]int{"2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9,
	"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}

// sequels adds "austin powers ii": a title shared by the films of a series
// (Austin Powers: International Man of Mystery, Austin Powers: The Spy Who
// Shagged Me) followed by a number N names the series' Nth film by year,
// when the catalog has no title that spells the number itself.
func (r *run) sequels() { r.eachSpan(len(r.cands), r.sequel) }

// eachSpan calls fn with the bounds of each run of r.cands[:n] that shares
// one span.
func (r *run) eachSpan(n int, fn func(lo, hi int)) {
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && r.cands[hi].i == r.cands[lo].i && r.cands[hi].j == r.cands[lo].j && !r.groupBreak(hi) {
			hi++
		}
		fn(lo, hi)
		lo = hi
	}
}

// groupBreak reports whether globalCandidates' hopeless titles stood
// between r.cands[k-1] and r.cands[k], the first candidate after its own:
// candidates come grouped by span only as they were found.
func (r *run) groupBreak(k int) bool {
	prev := &r.cands[k-1]
	return k == r.globalEnd && [2]int{prev.i, prev.j} != r.lastGlobal
}

// sequel looks for a number after the span of r.cands[lo:hi].
func (r *run) sequel(lo, hi int) {
	i, j := r.cands[lo].i, r.cands[lo].j
	if j >= len(r.toks) || r.toks[j].sent != r.toks[i].sent {
		return
	}
	num, ok := sequelNumbers[r.toks[j].key]
	if !ok || strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]) != "" {
		return
	}
	var series []uint32
	for k := lo; k < hi; k++ {
		c := &r.cands[k]
		if c.kind != kFilm || c.form != formPrimary && c.form != formMain || slices.Contains(series, c.ref) {
			continue
		}
		series = append(series, c.ref)
	}
	if len(series) < num {
		return
	}
	for k := range r.cands {
		if c := &r.cands[k]; c.i == i && c.j == j+1 && c.kind == kFilm {
			return // "speed 2" is a title of its own
		}
	}
	slices.SortFunc(series, func(a, b uint32) int { return int(r.l.films.year[a]) - int(r.l.films.year[b]) })
	r.cands = append(r.cands, cand{i: i, j: j + 1, ref: series[num-1], kind: kFilm, form: formSequel, via: viaGlobal})
}

// crossesParagraph reports a match that spans a blank line or a double
// quote ("jeff " the big " lebowski" is not the film): names and titles do
// not contain either.
func (r *run) crossesParagraph(i, j int) bool {
	if j-i < 2 {
		return false
	}
	gap := r.text[r.toks[i].end:r.toks[j-1].start]
	return strings.Contains(gap, "\n\n") || strings.ContainsAny(gap, "\"“”")
}

// quotedArticle reports a "the" before token i that opens a quoted or
// italicised title ending at byte e: the critic quotes the title with its
// article though the catalog's form lacks it (" the one armed boxer vs . the
// flying guillotine ").
func (r *run) quotedArticle(i, e int) bool {
	if i == 0 || r.toks[i-1].key != "the" || r.toks[i-1].sent != r.toks[i].sent {
		return false
	}
	s := int(r.toks[i-1].start)
	return quoted(r.text, s, e) || italicised(r.text, s, e)
}

// span returns the byte span of candidate tokens, without a possessive "'s"
// matched away.
func (r *run) span(c *cand) (int, int) {
	s, e := int(r.toks[c.i].start), int(r.toks[c.j-1].end)
	if c.altEnd {
		w := r.text[r.toks[c.j-1].start:e]
		if k := strings.LastIndexAny(w, "'’ʼ"); k > 0 {
			e = int(r.toks[c.j-1].start) + k
		}
	}
	return s, e
}

// evidence scores each candidate on what the text around it shows, before
// any context: quotes or italics, a year, title case, a cue word.
func (r *run) evidence() {
	for n := range r.cands {
		c := &r.cands[n]
		c.ev, c.need, c.strong = r.staticEvidence(c)
	}
	r.listEvidence()
	r.franchises()
	all := r.occurrenceKeys()
	r.subtitlesNeedSeries(all)
	r.prune()
	r.countOccurrences(all)
}

// subtitlesNeedSeries puts out of reach a title candidate matched by its
// subtitle alone ("first contact", "blue") unless the text names the film
// another way too (its series' title, its full title) or marks the span
// strongly (quotes, a year, its maker's possessive: "kieslowski's blue").
// all holds the keys of every film candidate, hopeless ones included.
func (r *run) subtitlesNeedSeries(all []uint64) {
	for n := range r.cands {
		c := &r.cands[n]
		if c.kind != kFilm || c.form != formSubtitle || c.strong >= 3 || math.IsInf(c.need, 1) {
			continue
		}
		own := occurrenceKey(c)
		named := false
		for _, k := range all {
			if k>>32 == own>>32 && k != own && uint32(k) >= 2 { // a word alone ("battle") names nothing
				named = true
				break
			}
		}
		if !named && !r.seriesInText(c.ref) {
			c.need = math.Inf(1)
		}
	}
}

// seriesInText reports the series title X of film f, titled "X Part N",
// written out somewhere in the text: then "part 3" alone is that part
// ("part 3 takes place a day after the events of part 2" in a review that
// names friday the 13th).
func (r *run) seriesInText(f uint32) bool {
	main, _, ok := numberedPart(r.l.filmTitle(f))
	if !ok {
		return false
	}
	ws := matchkey.Words(main)
	for i := 0; i+len(ws) <= len(r.toks); i++ {
		if _, ok := r.wordsAt(i, ws); ok {
			return true
		}
	}
	return false
}

// Bounds on what contextEvidence can add to a candidate (see it and its
// helpers): a film the text's people are credited on can gain 3 (under
// review) + 2 (director) + 2 (cast) + 2 (nearbyCredit) + 1 (listed) +
// 2 (creditAside) + 1.5 (repeats); one they are not, 1 (listed) +
// 2 (creditAside) + 2 (contemporary); a person 3. A change to
// contextEvidence must keep these true: TestPruneKeepsResults compares
// every annotated text's links with and without pruning.
const (
	maxContextFilm   = 13.5
	maxContextPerson = 3
)

// pruneCands is off only in TestPruneKeepsResults.
var pruneCands = true

// prune drops the candidates that no context can lift to their bar. On a
// full-size catalog a 1,000-word text has thousands of candidates, mostly
// everyday words that happen to be titles, and under a hundred that can
// link; choose scores every candidate four times.
func (r *run) prune() {
	if !pruneCands {
		return
	}
	kept := r.cands[:0]
	for n := range r.cands {
		if c := &r.cands[n]; !r.beyondReach(c) {
			kept = append(kept, *c)
		}
	}
	r.cands = kept
}

// beyondReach reports a candidate that no context can lift to its bar.
func (r *run) beyondReach(c *cand) bool {
	if c.via != viaGlobal {
		return false
	}
	need := c.need
	switch c.kind {
	case kFilm:
		if c.atStart {
			need = min(need, r.filmNeed(c, true, true, float64(r.l.films.votes[c.ref])))
		}
		return c.ev+maxContextFilm < need
	case kPerson:
		return c.ev+maxContextPerson < need
	}
	return false
}

// listPlausible is how far below its bar a title may score and still count
// as a list item for its neighbours.
const listPlausible = 2.5

// listEvidence: titles come in lists ("passenger 57 , executive decision ,
// and countless other flicks", "the matrix and open your eyes"), so a title
// candidate right next to another plausible one, across a comma, "and" or
// "or", gains a point for each such neighbour. Lower-case prose rarely
// strings two catalog titles together by chance.
func (r *run) listEvidence() {
	if len(r.cands) == 0 {
		return
	}
	starts := make([]bool, len(r.toks)+1)
	ends := make([]bool, len(r.toks)+1)
	for n := range r.cands {
		c := &r.cands[n]
		if c.kind == kFilm && c.ev >= c.need-listPlausible && !math.IsInf(c.need, 1) {
			starts[c.i], ends[c.j] = true, true
		}
	}
	for n := range r.cands {
		c := &r.cands[n]
		if c.kind != kFilm || math.IsInf(c.need, 1) {
			continue
		}
		next, prev := r.listNext(c.j), r.listPrev(c.i)
		right := next >= 0 && starts[next]
		left := prev >= 0 && ends[prev]
		if r.caseless && r.ordinary(c.i, c.j) && r.contentWords(c.i, c.j) <= 1 && !(left && right) {
			// An everyday word before a comma ends a clause as often as a
			// list item ("as far as teen horror flicks go , final
			// destination..."); "and" or a neighbour on each side says list.
			right = right && r.toks[next-1].key != r.toks[c.j-1].key && (r.toks[next-1].key == "and" || r.toks[next-1].key == "or")
			left = left && prev < c.i && (r.toks[prev].key == "and" || r.toks[prev].key == "or")
		}
		if right {
			c.ev++
			c.listed = true
		}
		if left {
			c.ev++
			c.listed = true
		}
	}
}

// listNext returns the token where the next list item starts after a span
// ending at token j ("X , Y", "X and Y", "X , and Y"), or -1.
func (r *run) listNext(j int) int {
	if j <= 0 || j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent {
		return -1
	}
	gap := strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start])
	switch r.toks[j].key {
	case "and", "or":
		if (gap == "" || gap == ",") && j+1 < len(r.toks) && r.toks[j+1].sent == r.toks[j].sent &&
			strings.TrimSpace(r.text[r.toks[j].end:r.toks[j+1].start]) == "" {
			return j + 1
		}
		return -1
	}
	if gap == "," {
		return j
	}
	return -1
}

// listPrev returns the token where the previous list item ends before a
// span starting at token i, or -1.
func (r *run) listPrev(i int) int {
	if i <= 0 || r.toks[i].sent != r.toks[i-1].sent {
		return -1
	}
	gap := strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start])
	switch r.toks[i-1].key {
	case "and", "or":
		if gap != "" || i < 2 || r.toks[i-2].sent != r.toks[i].sent {
			return -1
		}
		if g := strings.TrimSpace(r.text[r.toks[i-2].end:r.toks[i-1].start]); g == "" || g == "," {
			return i - 1
		}
		return -1
	}
	if gap == "," {
		return i
	}
	return -1
}

// staticEvidence returns a candidate's evidence points and the points it
// needs to link. The numbers are hand-set and tuned on the copy-desk set
// (see docs/quality.md); what matters is their order: quotes and a matching
// year are near-proof, title case is strong only for ordinary words, a lower
// case start in a cased text nearly rules a name out.
func (r *run) staticEvidence(c *cand) (ev, need, strong float64) {
	switch c.kind {
	case kFilm:
		return r.filmEvidence(c)
	case kPerson:
		ev, need = r.personEvidence(c)
	}
	return ev, need, 0
}

// spanInfo is what staticEvidence reads of a span's text: it is the same
// for every entity the span may name, and candidates come grouped by span,
// up to 48 films sharing one title.
type spanInfo struct {
	i, j     int
	altEnd   bool
	set      bool // i, j, altEnd name the span; s through lowerStart are read
	film     bool // the fields from quoted to article are read too
	tests    bool // and the rest
	s, e     int
	ordinary bool // every word an everyday one (see ordinary)
	// firstName: one word that is a first name, which for a title counts
	// as everyday ("Michael", "Carrie": a name, most likely someone's)
	firstName                     bool
	titleCased, capEv, lowerStart bool // see caseInfo
	quoted                        bool // in quotes or italics, not as a modifier (see quotedModifier)
	italic                        bool // quoted by italics marks, which are no scare quotes
	cueAfter                      bool // a word for one film follows (see cueAfter)
	yearAfter, yearBefore         int
	colon                         bool // a colon inside a span of several words
	// strong is a title's strong evidence that does not depend on the
	// film: quotes, a cue word, "of X fame", and in a text without
	// capitals a predicate or a viewing verb.
	strong float64
	// The tests of filmBar that read only the text, and articleBefore.
	bare, startTitle, article                 bool
	hopeless                                  bool // see hopelessTitle
	numeric, series, personAfter, nameFollows bool
	otherWork, auxiliary, weak                bool
}

// spanOf returns the spanInfo of c's span, worked out once per span.
func (r *run) spanOf(c *cand) *spanInfo {
	sp := &r.span1
	if !sp.set || sp.i != c.i || sp.j != c.j || sp.altEnd != c.altEnd {
		*sp = spanInfo{i: c.i, j: c.j, altEnd: c.altEnd, set: true}
		sp.s, sp.e = r.span(c)
		sp.ordinary = r.ordinary(c.i, c.j)
		sp.firstName = c.j-c.i == 1 && r.l.isFirstName(r.toks[c.i].word)
		sp.titleCased, sp.capEv, sp.lowerStart = r.caseInfo(c.i, c.j)
	}
	if c.kind == kFilm && !sp.film {
		r.titleSpan(c, sp)
	}
	return sp
}

// titleSpan fills in the fields of sp that only titles need.
func (r *run) titleSpan(c *cand, sp *spanInfo) {
	sp.film = true
	ordinary, short := sp.ordinary || sp.firstName, c.j-c.i == 1
	sp.quoted = (quoted(r.text, sp.s, sp.e) || c.j-c.i > 1 && r.quotedArticle(c.i, sp.e)) && !r.quotedModifier(c, sp.e)
	if sp.quoted {
		sp.strong += 3
	}
	sp.yearAfter, _, _ = yearAfter(r.text, sp.e)
	sp.yearBefore = r.yearBefore(c.i)
	if r.possessiveArticle(c.i) {
		sp.strong += 3 // as sure as quotes: no "the" follows a possessive in prose
	} else if r.cue(c.i) {
		sp.strong += 1.5
	}
	sp.colon = c.j-c.i > 1 && strings.Contains(r.text[sp.s:sp.e], ":")
	if r.fameAround(c.i, c.j) {
		sp.strong += 1.5 // "greg kinear , of talk soup fame"
	}
	if r.caseless && r.predicatedFilm(c.j) {
		sp.strong += 1.5 // "speed 2 was the worst film i've ever reviewed"
	}
	if r.caseless && r.viewedBefore(c.i) {
		sp.strong++ // "who have already seen maverick"
	} else if r.caseless && r.comparedBefore(c.i) {
		sp.strong++ // "like sliding doors kinda did", "the fluke success of she's all that"
	}
	sp.cueAfter = r.cueAfter(c)
	if sp.cueAfter {
		sp.strong += 1.5 // "the armageddon script", "one friday the 13th movie"
	}
	sp.italic = sp.quoted && italicised(r.text, sp.s, sp.e)
	sp.bare = r.bareWord(c, ordinary, short, sp.titleCased, sp.lowerStart)
	sp.startTitle = r.sentenceStartTitle(c, ordinary, short, sp.titleCased, sp.lowerStart)
	sp.article = r.articleBefore(c)
	// a possessive before may be the film's maker's (makerPossessive: +3 for
	// that film only), so such a span is never hopeless
	sp.hopeless = sp.bare && !sp.startTitle && sp.strong < 3 && sp.yearAfter == 0 && sp.yearBefore == 0 &&
		!r.sequelNumberAt(c.j-1) && !r.sequelNumberAt(c.j) && (c.i == 0 || !r.toks[c.i-1].has(tokPossessive))
}

// barTests fills in the rest of sp: the tests of filmBar after the first,
// which settles most titles (everyday words in prose).
func (r *run) barTests(c *cand, sp *spanInfo) {
	sp.tests = true
	ordinary, short := sp.ordinary || sp.firstName, c.j-c.i == 1
	sp.numeric = short && r.numeric(c.i, c.j)
	sp.series = r.seriesAfter(c.j)
	sp.personAfter = r.personAfter(c.j)
	sp.nameFollows = sp.firstName && r.nameFollows(c.j) || r.caseless && short && r.firstNameBefore(c.i)
	sp.otherWork = r.otherWork(c.i) || r.otherThingAfter(c.j) || r.namedBefore(c.i) || r.placeOf(c.i) || r.placeCalled(c.i) || r.dateline(c.j) || r.someoneAfter(c.j) ||
		r.webAddress(c.i, c.j)
	sp.auxiliary = r.auxiliaryBefore(c.i)
	// In a text without capitals, "the others", "what if", "in america" are
	// as ordinary as a single everyday word: one content word at most.
	sp.weak = short || r.caseless && ordinary && r.contentWords(c.i, c.j) <= 1
}

// filmEvidence scores a title: its popularity, what marks it as a title
// (strong: quotes, a year, a cue word), its capitals, and the bar its words
// set. A title whose bar is out of reach (+Inf) gets no score (-Inf): prune
// drops it and choose could never take it, so its popularity and capitals
// are not worth reading, and they are most of the work on thousands of
// everyday-word titles.
func (r *run) filmEvidence(c *cand) (ev, need, strong float64) {
	sp := r.spanOf(c)
	year := int(r.l.films.year[c.ref])
	strong = sp.strong
	if sp.yearAfter != 0 {
		if sp.yearAfter == year {
			strong += 3
		} else {
			strong += 0.5
		}
	}
	if sp.yearBefore != 0 && sp.yearBefore == year {
		strong += 1.5
	}
	if r.makerPossessive(c) {
		strong += 3 // "lang's metropolis", "kieslowski's blue"
	}
	if c.form == formSequel || c.j-c.i >= 2 && r.sequelNumberAt(c.j-1) && r.toks[c.j-1].key != "i" {
		strong += 1.5 // "austin powers ii", "home alone 3": prose does not number things so
	}
	if r.l.films.series[c.ref] && (c.form == formPrimary || c.form == formOriginal) && r.televised(c.i, c.j) {
		strong += 1.5 // "the 13-week program , " survivor "", "i prefer millennium . ... the fox network"
	}
	votes := float64(r.l.films.votes[c.ref])
	need = r.filmBar(c, sp, strong, votes)
	if math.IsInf(need, 1) && !c.atStart {
		return math.Inf(-1), need, strong
	}
	ev = 0.5 * (math.Log10(votes+1) - 3)
	if sp.colon && bytes.IndexByte(r.l.str.bytes(r.l.films.title[c.ref]), ':') >= 0 {
		ev++ // "star trek : insurrection": the title's own colon
	}
	ev += strong
	switch {
	case r.caseless:
	case sp.capEv && (sp.ordinary || sp.firstName):
		ev += 2
	case !sp.titleCased && r.casedLikeTitle(c):
		// "Hable con ella": sentence case, as the catalog writes it
	case !sp.titleCased:
		ev -= 1.5
	}
	switch c.form {
	case formMain:
		ev -= 0.5
	case formSubtitle:
		ev-- // a title of its own of the same words comes first ("jurassic park")
	}
	if c.fuzzy {
		ev -= 0.5 // "manhatten murder mystery": right words but one, misspelt
	}
	if sp.article {
		ev-- // "the superman story", "the chicago globe"
	}
	return ev, need, strong
}

// filmBar is the points title candidate c needs to link (see filmNeed),
// raised by what the text around it says it is not. It marks c atStart for
// an everyday-word title capitalised only by its sentence's start.
func (r *run) filmBar(c *cand, sp *spanInfo, strong, votes float64) float64 {
	if strong < 3 && sp.bare {
		if sp.startTitle {
			c.atStart = true // decided in choose: see markedFilms
		}
		return math.Inf(1)
	}
	if !sp.tests {
		r.barTests(c, sp)
	}
	ordinary, short := sp.ordinary || sp.firstName || c.everyday, c.j-c.i == 1
	need := r.filmNeed(c, ordinary, short, votes)
	switch {
	case r.ofTheTitle(c.j):
		need = math.Inf(1) // "katie wright , who plays the sculptress of the title": the title's hero
	case strong < 1.5 && sp.numeric:
		need = math.Inf(1) // "10", "1917": a number is a title only with a cue or a year
	case strong < 3 && sp.series && !(r.l.films.series[c.ref] && r.toks[c.j].key == "series"):
		need = math.Inf(1) // "the first star wars trilogy", "his pink panther films": not one film
	case r.caseless && short && strong < 3 && r.initialism(c):
		need += 3 // "the low iq and mentality": the word, not I.Q.
	case strong < 3 && sp.personAfter:
		need = math.Inf(1) // "a sort of female tarzan who controls the ape": someone
	case sp.nameFollows && !sp.quoted:
		need = math.Inf(1) // "carrie ann moss": a first name, not Carrie
	case strong < 3 && r.oneOfSeries(c):
		need = math.Inf(1) // "a batman film", "another friday the 13th movie": one of a series, not the film
	case strong < 3 && (sp.article && r.toks[c.i-1].key != "the" || r.demonstrativeBefore(c.i)) && !sp.cueAfter:
		need = math.Inf(1) // "he's a wedding singer", "from this vantage point": one of a kind, not the film
	case sp.otherWork:
		need = math.Inf(1) // the tango "Volver", the title song " citizens on patrol "
	case strong < 3 && short && r.caseless && r.toks[c.i].cls == wordCommon && (r.verbUse(c.i) || r.objectAfter(c.j)):
		need = math.Inf(1) // "if you go to see it", "a story to go along with it": the verb
	case strong < 3 && sp.auxiliary:
		need = math.Inf(1) // "who have never been kissed": a verb phrase, not a title
	case r.caseless && ordinary && sp.weak && sp.quoted && strong < 4 && !sp.italic:
		need += 2 // scare quotes: a " perfect " town, " the one " (italics are no scare quotes)
	case r.caseless && ordinary && sp.weak && !short:
		need = max(need, 3)
	case r.caseless && short && r.toks[c.i].cls == wordDictionary && r.viewedBefore(c.i):
		need = min(need, 2) // "who have already seen maverick", not "i saw red"
	}
	if strong < 1.5 && r.caseless && short && ordinary && r.modifiedNoun(c.i) {
		need = math.Inf(1) // "a computer virus", "the nasty aliens": the word, modified
	}
	if strong < 1.5 && r.caseless && short && sp.article && r.toks[c.i-1].key == "the" {
		// "the aliens were here": a one-word title takes no article of the
		// critic's; an everyday word so taken is the word ("near the twister")
		if ordinary {
			need = math.Inf(1)
		} else {
			need += 2
		}
	}
	if strong < 3 && r.hyphenJoined(c) {
		need = math.Inf(1) // "only for die-hard creature feature fans": a compound word, not Die Hard
	}
	if strong < 1.5 && r.caseless && !short && ordinary && r.possessedPhrase(c.i) && !r.modifiesNoun(c.j) {
		need = math.Inf(1) // "their last night of life", "the wild west": the phrase
	}
	return need
}

// possessedPhrase reports a determiner of the critic's right before a
// title of everyday words that starts with none of its own: the words are
// the critic's phrase ("their last night of life", "tales about the wild
// west", "her band , the angry inch"), as a title takes no article.
func (r *run) possessedPhrase(i int) bool {
	return i > 0 && r.toks[i-1].sent == r.toks[i].sent && phraseDeterminers[r.toks[i-1].key] && !articles[r.toks[i].key] &&
		r.spacedOnly(i-1, i)
}

var phraseDeterminers = wordSet(`the their his her its our your my`)

// modifiesNoun reports a noun right after a span ending before token j: the
// span is a modifier and a determiner before it is the noun's ("the star
// wars phenomena"). A function word, a copula or a verb there is no noun.
func (r *run) modifiesNoun(j int) bool {
	if j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent || !r.spacedOnly(j-1, j) {
		return false
	}
	t := &r.toks[j]
	return t.cls != wordFunction && !copulas[t.key] && !actionVerb(t) && !filmVerbs[t.key]
}

// personEvidence scores a full name (or a famous surname alone) by
// popularity and capitals.
func (r *run) personEvidence(c *cand) (ev, need float64) {
	sp := r.spanOf(c)
	ordinary, short := sp.ordinary, c.j-c.i == 1
	titleCased, lowerStart := sp.titleCased, sp.lowerStart
	ev = 0.5 * (math.Log10(float64(r.l.people.pop[c.ref])+1) - 3)
	if !r.caseless && (lowerStart || !titleCased) {
		ev -= 6
	}
	switch {
	case c.form == formSurname:
		return ev - 0.5, r.surnameNeed(c)
	case short:
		return ev, 3
	case ordinary && r.caseless:
		return ev, 1
	}
	return ev, -1
}

// surnameNeed is the bar for a famous surname alone: capitalised, or a rare
// word, and not the second half of some other name ("sierra leone").
func (r *run) surnameNeed(c *cand) float64 {
	t := &r.toks[c.i]
	if !r.caseless && t.has(tokSentStart) && t.cls != wordRare {
		return math.Inf(1)
	}
	if k := c.i - 1; k >= 0 && r.toks[k].sent == t.sent && (r.caseless && r.toks[k].cls < wordCommon ||
		!r.caseless && r.toks[k].has(tokCap) && !r.toks[k].has(tokSentStart)) {
		return math.Inf(1)
	}
	return 0.5
}

// casedLikeTitle reports a span capitalised word for word as the film's
// primary or original title is: foreign titles keep sentence case.
func (r *run) casedLikeTitle(c *cand) bool {
	if r.toks[c.i].flags&tokCap == 0 {
		return false
	}
	for _, nt := range r.canonicalToks(c) {
		if len(nt) != c.j-c.i {
			continue
		}
		same := true
		for k := range nt {
			if nt[k].key != r.toks[c.i+k].key && nt[k].key != r.toks[c.i+k].alt || nt[k].has(tokCap) != r.toks[c.i+k].has(tokCap) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// canonicalToks returns canonicalNames(c) tokenised, memoised per film for
// the run: a review names the same titles over and over.
func (r *run) canonicalToks(c *cand) [][]token {
	if c.kind != kFilm {
		return tokenizeAll(r.canonicalNames(c))
	}
	if nt, ok := r.titleToks[c.ref]; ok {
		return nt
	}
	nt := tokenizeAll(r.canonicalNames(c))
	if r.titleToks == nil {
		r.titleToks = map[uint32][][]token{}
	}
	r.titleToks[c.ref] = nt
	return nt
}

func tokenizeAll(names []string) [][]token {
	out := make([][]token, len(names))
	for n, name := range names {
		out[n] = tokenize(name)
	}
	return out
}

// demonstrativeBefore reports "this", "these" or "those" right before
// token i, nothing but space between: a determiner prose puts before a
// common noun, not before a title ("from this vantage point"). ("That" is
// as often a conjunction: "i wrote that speed 2 was the worst".)
func (r *run) demonstrativeBefore(i int) bool {
	if i == 0 || r.toks[i-1].sent != r.toks[i].sent || strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start]) != "" {
		return false
	}
	switch r.toks[i-1].key {
	case "this", "these", "those":
		return true
	}
	return false
}

// oneOfSeries reports a title between an indefinite determiner and a word
// for a film: "a normal batman film", "a fifth batman movie", "another
// friday the 13th movie" name one film of a series, not the one of the title.
func (r *run) oneOfSeries(c *cand) bool {
	if c.j >= len(r.toks) || r.toks[c.j].sent != r.toks[c.i].sent || !singleFilmNouns[r.toks[c.j].key] ||
		strings.TrimSpace(r.text[r.toks[c.j-1].end:r.toks[c.j].start]) != "" {
		return false
	}
	k := c.i - 1
	if k >= 1 && r.toks[k-1].key == "the" && laterOnes[r.toks[k].key] && r.toks[k].sent == r.toks[c.i].sent {
		return !strings.ContainsAny(r.text[r.toks[k-1].end:r.toks[c.i].start], ",.;:()") // "the last batman film"
	}
	if k >= 0 && (r.toks[k].cls == wordDictionary || r.toks[k].cls == wordCommon) && !determinersOne[r.toks[k].key] {
		k-- // one modifier: "a normal", "a fifth"
	}
	return k >= 0 && r.toks[k].sent == r.toks[c.i].sent && determinersOne[r.toks[k].key] &&
		!strings.ContainsAny(r.text[r.toks[k].end:r.toks[c.i].start], ",.;:()")
}

var singleFilmNouns = wordSet(`film movie flick picture`)

var determinersOne = wordSet(`a an another every any each`)

// laterOnes after "the" pick one film of a series by its place in it ("the
// last batman film"); "the first" does not, as the first is the film of the
// title.
var laterOnes = wordSet(`last next new latest previous recent second third fourth fifth sixth seventh eighth ninth`)

// modifiedNoun reports an article and one modifier right before token i, a
// word that is neither a number, a name nor a word for a film: the word at i
// is the head of a noun phrase ("a computer virus").
func (r *run) modifiedNoun(i int) bool {
	if r.quantified(i) {
		return true
	}
	if i < 2 || r.toks[i-2].sent != r.toks[i].sent || !articles[r.toks[i-2].key] {
		return false
	}
	m := &r.toks[i-1]
	if m.cls != wordDictionary && m.cls != wordCommon || m.has(tokNumber) || m.has(tokCue) || filmNouns[m.key] ||
		laterOnes[m.key] || m.key == "first" || m.key == "original" {
		return false
	}
	return strings.TrimSpace(r.text[r.toks[i-2].end:r.toks[i-1].start]) == "" &&
		strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start]) == ""
}

// quantified reports a quantifier right before token i, nothing but a
// space between, and no word for a film after it: "featured multiple aliens",
// "several twisters"; not "many titanic fans".
func (r *run) quantified(i int) bool {
	if i == 0 || r.toks[i-1].sent != r.toks[i].sent || !quantifiers[r.toks[i-1].key] || !r.spacedOnly(i-1, i) {
		return false
	}
	if j := i + 1; j < len(r.toks) && r.toks[j].sent == r.toks[i].sent {
		k := r.toks[j].key
		return !filmNouns[k] && !titleNouns[k] && !seriesWords[k] && !r.toks[j].has(tokCue)
	}
	return true
}

var quantifiers = wordSet(`multiple several many numerous countless various few two three four five dozens
	hundreds thousands millions`)

// articleBefore reports an article right before a title that has none of its
// own: prose ("the chicago chronicle"), not a title ("The Lion King").
func (r *run) articleBefore(c *cand) bool {
	if c.i == 0 || r.toks[c.i-1].sent != r.toks[c.i].sent {
		return false
	}
	switch r.toks[c.i-1].key {
	case "the", "a", "an":
	default:
		return false
	}
	switch r.toks[c.i].key {
	case "the", "a", "an":
		return false
	}
	return true
}

// filmNeed is the evidence a title needs before it links. Everyday words
// need the most. In a text without capitals nothing marks a title, so a
// famous film's distinctive name ("fargo", "grumpy old men") has to be taken
// on its popularity, which the evidence score already carries.
func (r *run) filmNeed(c *cand, ordinary, short bool, votes float64) float64 {
	content := r.contentWords(c.i, c.j)
	switch {
	case r.caseless && content >= 4 && votes >= 1000:
		// "bad day at black rock": four words of content in a row are no
		// accident, in a film some people know (the full catalog holds
		// thousands of obscure titles that are sentences)
		return 0
	case r.caseless && !ordinary && short:
		return 0.75
	case r.caseless && ordinary && !short && (c.j-c.i >= 3 && content >= 2 || content == 2 && votes >= 200000 ||
		votes >= 500000 && r.hasUncommon(c.i, c.j)):
		return 1
	case ordinary && short:
		return 3
	case ordinary:
		return 2
	case short:
		return 2.5
	}
	return 0.5
}

// contentWords counts the words of tokens [i, j) that are not function words.
func (r *run) contentWords(i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if r.toks[k].cls != wordFunction {
			n++
		}
	}
	return n
}

// seriesWords after a title make it the name of a series, not of one film.
var seriesWords = map[string]bool{"trilogy": true, "films": true, "movies": true, "series": true,
	"saga": true, "franchise": true, "sequels": true, "pictures": true, "flicks": true}

// seriesAfter reports a series word at token j, in the same sentence.
func (r *run) seriesAfter(j int) bool {
	return j < len(r.toks) && j > 0 && r.toks[j].sent == r.toks[j-1].sent && seriesWords[r.toks[j].key] &&
		!strings.ContainsAny(r.text[r.toks[j-1].end:r.toks[j].start], ",.;:()\"")
}

// seriesYields reports a film that gives way to the television series of
// its words where the text speaks of television: the review of The X-Files
// film that says "i am not a fan of the x-files , i only watch it when
// nothing else is on" means the series. Not the subject of a copula, which
// is what the review is about: "the x-files is a mulder episode of the
// series" is still the film.
func (r *run) seriesYields(c, d *cand) bool {
	return c.kind == kFilm && d.kind == kFilm && d.i == c.i && d.j == c.j && !r.l.films.series[c.ref] &&
		r.l.films.series[d.ref] && r.televised(c.i, c.j) && !(c.j < len(r.toks) && copulas[r.toks[c.j].key])
}

// ofTheTitle reports "of the title" after token j: what a span so followed
// names is the one the title is named after ("the nosferatu of the title is
// orlock"), not the film.
func (r *run) ofTheTitle(j int) bool {
	return j+2 < len(r.toks) && r.toks[j].key == "of" && r.toks[j+1].key == "the" && r.toks[j+2].key == "title" &&
		r.toks[j+2].sent == r.toks[j-1].sent
}

// hyphenJoined reports a title candidate whose everyday words the text
// joins with a hyphen where the title has none: "die-hard" is an adjective.
// (A letter joined is a spelling of the title: "u-turn", "the x-files".)
func (r *run) hyphenJoined(c *cand) bool {
	joined := false
	for k := c.i + 1; k < c.j; k++ {
		if r.toks[k].has(tokJoined) {
			a, b := &r.toks[k-1], &r.toks[k]
			if len(a.key) < 2 || len(b.key) < 2 || a.cls < wordDictionary || b.cls < wordDictionary {
				return false
			}
			joined = true
		}
	}
	if !joined {
		return false
	}
	for _, name := range r.canonicalNames(c) {
		if strings.Contains(name, "-") {
			return false
		}
	}
	return true
}

// televised reports a word of television in the sentence of tokens [i, j)
// or the next: what tells the series from the film of the same name.
func (r *run) televised(i, j int) bool {
	sent := r.toks[i].sent
	for k := max(i-12, 0); k < min(j+16, len(r.toks)); k++ {
		if (k < i || k >= j) && tvWords[r.toks[k].key] && (r.toks[k].sent == sent || r.toks[k].sent == sent+1) {
			return true
		}
	}
	return false
}

// tvWords are words of television.
var tvWords = wordSet(`tv television televised series sitcom sitcoms episode episodes season seasons
	network networks nbc cbs abc hbo upn syndication syndicated primetime prime-time cable channel
	aired airs rerun reruns program programs programme`)

// hasUncommon reports a word in the span beyond the most common ones
// ("matrix" in "the matrix", unlike "get out").
func (r *run) hasUncommon(i, j int) bool {
	for k := i; k < j; k++ {
		if r.toks[k].cls < wordCommon {
			return true
		}
	}
	return false
}

func (r *run) numeric(i, j int) bool {
	for k := i; k < j; k++ {
		if !r.toks[k].has(tokNumber) {
			return false
		}
	}
	return true
}

// bareWord reports a title written as plain prose: in a cased text, an
// everyday-word title in lower case ("the heat of the city"), or a one-word
// title capitalised only because it starts a sentence ("It has been..."); in a
// text without capitals, a title that is only a pronoun or preposition ("her",
// "up"). Such a span links only when quotes or a year mark it, whatever the
// context says.
func (r *run) bareWord(c *cand, ordinary, short, titleCased, lowerStart bool) bool {
	if r.caseless {
		return short && r.toks[c.i].cls == wordFunction
	}
	switch {
	case lowerStart:
		return true
	case ordinary && !titleCased:
		return true
	case ordinary && short && r.toks[c.i].has(tokSentStart):
		return true
	}
	return false
}

// sentenceStartTitle reports a one-word everyday title that bareWord rules
// out only because its capital may be the sentence's: a content word, not a
// pronoun ("Her final scene").
func (r *run) sentenceStartTitle(c *cand, ordinary, short, titleCased, lowerStart bool) bool {
	t := &r.toks[c.i]
	return !r.caseless && ordinary && short && titleCased && !lowerStart && t.has(tokSentStart) &&
		t.cls != wordFunction && !t.has(tokUpper)
}

// ordinary reports whether every word of the span is an everyday word.
func (r *run) ordinary(i, j int) bool {
	for k := i; k < j; k++ {
		if r.toks[k].has(tokNumber) {
			continue
		}
		if r.toks[k].cls == wordRare {
			return false
		}
	}
	return true
}

// caseInfo reads the capitals of a span in a cased text. titleCased: every
// significant word capitalised. capEv: the capitals say "this is a name"
// beyond what sentence case explains, because an everyday word is
// capitalised where prose would not do it. lowerStart: the first word is in
// lower case (an article before a title excepted).
func (r *run) caseInfo(i, j int) (titleCased, capEv, lowerStart bool) {
	if r.caseless {
		return false, false, false
	}
	titleCased = true
	for k := i; k < j; k++ {
		t := &r.toks[k]
		if t.has(tokCap) || t.has(tokNumber) {
			if t.cls != wordRare && (k > i || !t.has(tokSentStart)) {
				capEv = true
			}
			continue
		}
		if k > i && (nameParticles[t.key] || t.has(tokJoined)) {
			continue
		}
		titleCased = false
		if k == i {
			lowerStart = true
		}
	}
	if lowerStart && j-i > 1 && (r.toks[i].key == "the" || r.toks[i].key == "a") {
		lowerStart = false
	}
	return titleCased, capEv && titleCased, lowerStart
}

// cueWords before a span announce a film title: "the film Heat", "the 1995
// thriller Heat", "a remake of Amour".
var cueWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`film films movie movies picture pictures feature features documentary
		remake remakes sequel prequel thriller thrillers comedy comedies drama dramas melodrama western
		westerns musical musicals classic masterpiece debut adaptation cartoon animation trilogy
		blockbuster biopic noir horror romcom epic satire titled called entitled opus series show sitcom tv`) {
		cueWords[w] = true
	}
}

// ofCues, toCues and inCues announce a title through a preposition: "a
// remake of", "the sequel to", "starred in".
var (
	ofCues = map[string]bool{"remake": true, "remakes": true, "sequel": true, "sequels": true, "reworking": true,
		"ripoff": true, "parody": true, "spoof": true, "version": true}
	toCues = map[string]bool{"sequel": true, "prequel": true, "homage": true, "successor": true}
	inCues = map[string]bool{"starred": true, "appeared": true, "cameo": true}
)

// derivedFrom reports "a remake of", "the sequel to" right before token i:
// the title there is a film's source, so not the film under review.
func (r *run) derivedFrom(i int) bool {
	if i < 2 || r.toks[i-1].sent != r.toks[i].sent || r.toks[i-2].sent != r.toks[i].sent {
		return false
	}
	prep, w := r.toks[i-1].key, r.toks[i-2].key
	return prep == "of" && ofCues[w] || prep == "to" && toCues[w]
}

// cue reports a cue word before token i: right before it, or with only
// years, numbers, possessives or other cue words between ("the 1995
// thriller Heat", "Mann's crime film Heat"), or with its preposition ("a
// remake of", "starred in"). Another word between breaks it: in "as far as
// teen horror flicks go" the cue is not about "go".
func (r *run) cue(i int) bool {
	if r.derivedFrom(i) || i >= 2 && r.toks[i-1].key == "in" && inCues[r.toks[i-2].key] && r.toks[i-2].sent == r.toks[i].sent {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := &r.toks[k]
		if t.sent != r.toks[i].sent {
			return false
		}
		if t.has(tokCue) {
			return true
		}
		if !t.has(tokNumber) && !t.has(tokPossessive) {
			return false
		}
	}
	return false
}

// yearBefore finds a year among the three words before token i ("the 1995
// thriller", "2006's").
func (r *run) yearBefore(i int) int {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := &r.toks[k]
		if t.sent != r.toks[i].sent {
			return 0
		}
		key := t.key
		if t.alt != "" {
			key = t.alt
		}
		if y := asYear(key); y != 0 {
			return y
		}
	}
	return 0
}

func asYear(s string) int {
	if len(s) != 4 || !isNumber(s) {
		return 0
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	if y < 1880 || y > 2040 {
		return 0
	}
	return y
}

// yearAfter reads a year in parentheses right after byte e: "(2006)",
// "(Almodóvar, 2006)", "( 1995 )". It returns the year and its byte span.
func yearAfter(text string, e int) (year, ys, ye int) {
	k := e
	for k < len(text) && text[k] == ' ' {
		k++
	}
	if k >= len(text) || text[k] != '(' {
		return 0, 0, 0
	}
	end := strings.IndexByte(text[k:], ')')
	if end < 0 || end > 48 {
		return 0, 0, 0
	}
	inner := text[k+1 : k+end]
	for p := 0; p+4 <= len(inner); p++ {
		if (p == 0 || !isDigit(inner[p-1])) && (p+4 == len(inner) || !isDigit(inner[p+4])) {
			if y := asYear(inner[p : p+4]); y != 0 {
				return y, k + 1 + p, k + 1 + p + 4
			}
		}
	}
	return 0, 0, 0
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// quotePairs are the marks that set a title off.
var quotePairs = [][2]string{{`"`, `"`}, {"“", "”"}, {"‘", "’"}, {"'", "'"}, {"*", "*"}, {"_", "_"},
	{"«", "»"}, {"<i>", "</i>"}, {"<em>", "</em>"}, {"``", "''"},
	// a curly opening quote lost to "?" in an ASCII conversion, as in the
	// polarity corpus ("yet another ? ordinary people '")
	{"?", "'"}}

// openingEnds holds the last bytes of quotePairs' opening marks: after
// any other byte a span is not quoted, which most spans learn from one byte.
var openingEnds = func() (set [256]bool) {
	for _, q := range quotePairs {
		set[q[0][len(q[0])-1]] = true
	}
	return set
}()

// quoted reports whether text[s:e] is enclosed in quotes or italics, allowing
// a space inside them (tokenised corpora write `" conan "`) and punctuation
// before the closing mark ("Volver," as American style puts it).
func quoted(text string, s, e int) bool {
	before := strings.TrimSuffix(text[:s], " ")
	if before == "" || !openingEnds[before[len(before)-1]] {
		return false
	}
	after := strings.TrimLeft(text[e:], " ")
	after = strings.TrimLeft(after, ",.;:!?")
	after = strings.TrimPrefix(after, " ")
	for _, q := range quotePairs {
		if strings.HasSuffix(before, q[0]) && strings.HasPrefix(after, q[1]) {
			if q[0] == "*" && strings.HasSuffix(before, "**") != strings.HasPrefix(after, "**") {
				continue
			}
			return true
		}
	}
	return false
}

// afterCues after a span say it names one film: "the armageddon script",
// "some police academy sequel". (Plurals name a series: see seriesAfter.)
var afterCues = map[string]bool{"movie": true, "film": true, "script": true, "sequel": true,
	"remake": true, "update": true, "soundtrack": true, "screenplay": true}

// cueAfter reports an afterCue right after film candidate c, for a title of
// more than one word or no everyday word: "a horror movie", "a road movie"
// are genres.
func (r *run) cueAfter(c *cand) bool {
	if c.j >= len(r.toks) || r.toks[c.j].sent != r.toks[c.i].sent || !afterCues[r.toks[c.j].key] ||
		strings.TrimSpace(r.text[r.toks[c.j-1].end:r.toks[c.j].start]) != "" {
		return false
	}
	return c.j-c.i > 1 || r.toks[c.i].cls < wordCommon && !genreWords[r.toks[c.i].key]
}

// genreWords name kinds of film: "a slasher movie" is no title.
var genreWords = map[string]bool{"slasher": true, "horror": true, "monster": true, "disaster": true, "heist": true,
	"zombie": true, "vampire": true, "werewolf": true, "gangster": true, "mafia": true, "spy": true, "buddy": true,
	"caper": true, "splatter": true, "snuff": true, "exploitation": true, "blaxploitation": true, "cult": true,
	"porn": true, "kung": true, "samurai": true, "ninja": true, "western": true, "noir": true, "scifi": true}

// italicised reports a span set off by italics marks rather than quotes.
func italicised(text string, s, e int) bool {
	before, after := strings.TrimSuffix(text[:s], " "), strings.TrimLeft(text[e:], " ")
	for _, q := range [][2]string{{"_", "_"}, {"*", "*"}, {"<i>", "</i>"}, {"<em>", "</em>"}} {
		if strings.HasSuffix(before, q[0]) && strings.HasPrefix(after, q[1]) {
			return true
		}
	}
	return false
}

// makerPossessive reports a film candidate right after the possessive of
// the surname of its director or writer: "lang's metropolis",
// "kieslowski's blue". A surname and a title that agree with each other are
// evidence for both, even when neither would link alone.
func (r *run) makerPossessive(c *cand) bool {
	k := c.i - 1
	if k < 0 || !r.toks[k].has(tokPossessive) || r.toks[k].sent != r.toks[c.i].sent || r.toks[k].alt == "" {
		return false
	}
	lo, hi := r.l.filmCredits(c.ref)
	for cr := lo; cr < hi; cr++ {
		if cat := r.l.credits.cat[cr]; cat != catDirector && cat != catWriter {
			continue
		}
		if w := matchkey.Words(r.l.personName(r.l.credits.person[cr])); len(w) > 0 && w[len(w)-1] == r.toks[k].alt {
			return true
		}
	}
	return false
}

// possessiveArticle reports a title's own "The" at token i after a
// possessive, across up to two modifiers: a possessive takes no article of
// its own, so "the" there opens a title ("last year's extremely unpleasant
// the story of us", "carpenter's the thing"). "it's the", "he's the" are
// no possessives.
func (r *run) possessiveArticle(i int) bool {
	if r.toks[i].key != "the" {
		return false
	}
	k := i - 1
	for n := 0; k >= 0 && n < 2 && !r.toks[k].has(tokPossessive) && !linkWords[r.toks[k].key] &&
		(strings.HasSuffix(r.toks[k].key, "ly") || r.toks[k].cls == wordDictionary || r.toks[k].cls == wordCommon); n++ {
		k--
	}
	if k < 0 || !r.toks[k].has(tokPossessive) || contractions[r.toks[k].alt] || r.toks[k].sent != r.toks[i].sent {
		return false
	}
	return r.spacedOnly(k, i)
}

// spacedOnly reports nothing but spaces between tokens k and i.
func (r *run) spacedOnly(k, i int) bool {
	for n := k; n < i; n++ {
		if strings.TrimSpace(r.text[r.toks[n].end:r.toks[n+1].start]) != "" {
			return false
		}
	}
	return true
}

// linkWords join phrases; a possessive's modifiers are none of them
// ("o'brien's jaunt through the castle").
var linkWords = wordSet(`through in on at of to for with from by about into onto over under across and or but
	as than like after before behind around near`)

// contractions end in "'s" without being possessives: "it's the best".
var contractions = wordSet(`it that he she there what who here let where how everyone everybody nobody
	somebody someone something nothing everything this`)

// quotedModifier reports a quoted single word between an article and the
// noun it modifies: a " titanic " proportion is a size, not the film. A
// series word after it ("the *Pusher* films") still names films.
func (r *run) quotedModifier(c *cand, e int) bool {
	if c.j-c.i != 1 || c.i == 0 || c.j >= len(r.toks) || r.toks[c.i-1].sent != r.toks[c.i].sent ||
		r.toks[c.j].sent != r.toks[c.i].sent {
		return false
	}
	switch r.toks[c.i-1].key {
	case "a", "an":
	default:
		return false
	}
	if strings.Trim(r.text[e:r.toks[c.j].start], " \"”'’*_") != "" {
		return false // punctuation after the closing quote
	}
	next := &r.toks[c.j]
	return next.cls != wordFunction && !copulas[next.key] && !auxiliaries[next.key] && !seriesWords[next.key]
}

// context recomputes the linked films and people from the chosen mentions,
// and for every film how many linked people it credits.
func (r *run) context() {
	r.films, r.people = emptied(r.films), emptied(r.people)
	for _, c := range r.chosen {
		switch c.kind {
		case kFilm:
			r.films[c.ref]++
		case kPerson:
			if _, ok := r.people[c.ref]; !ok {
				r.people[c.ref] = c.i
			}
		case kChar:
			r.films[r.l.credits.film[c.ref]]++
		}
	}
	clear(r.marked)
	for n := range r.chosen {
		if c := &r.chosen[n]; c.kind == kFilm && c.strong >= 3 {
			if r.marked == nil {
				r.marked = map[uint32]bool{}
			}
			r.marked[c.ref] = true
		}
	}
	r.support = emptied(r.support)
	for p := range r.people {
		for _, f := range r.filmsOf(p) {
			r.support[f]++
		}
	}
	r.nearFilms = emptied(r.nearFilms)
	for f, n := range r.support {
		if n < 2 {
			continue
		}
		lo, hi := r.l.filmCredits(f)
		for cr := lo; cr < hi; cr++ {
			r.nearFilms[r.l.credits.person[cr]] = true
		}
	}
}

// emptied returns m cleared, or a new map when m is nil: context refills
// the same maps several times per run, and runs are pooled.
func emptied[V any](m map[uint32]V) map[uint32]V {
	if m == nil {
		return map[uint32]V{}
	}
	clear(m)
	return m
}

// filmsOf returns the distinct films person p is credited on (at most
// maxCreditsPerPerson credits read), memoised for the run: context is
// recomputed several times per text.
func (r *run) filmsOf(p uint32) []uint32 {
	if fs, ok := r.personFilms[p]; ok {
		return fs
	}
	credits := r.l.personCredits(p)
	if len(credits) > maxCreditsPerPerson {
		credits = credits[:maxCreditsPerPerson]
	}
	fs := make([]uint32, 0, len(credits))
	for _, cr := range credits {
		if f := r.l.credits.film[cr]; len(fs) == 0 || fs[len(fs)-1] != f {
			fs = append(fs, f) // a person's credits come grouped by film
		}
	}
	if r.personFilms == nil {
		r.personFilms = map[uint32][]uint32{}
	}
	r.personFilms[p] = fs
	return fs
}

// maxCreditsPerPerson bounds the credits of one person that context reads:
// the most prolific people in IMDb have tens of thousands (mostly episodes).
const maxCreditsPerPerson = 2000

// inferReview picks the film under review when no hint named it: the film
// the text names most and whose people it names, early mentions counting a
// little more.
func (r *run) inferReview() {
	if r.reviewBy >= 0.9 {
		return
	}
	first := map[uint32]int{}
	source := map[uint32]bool{}
	for _, c := range r.chosen {
		if c.kind == kFilm {
			if _, ok := first[c.ref]; !ok {
				first[c.ref] = c.i
			}
			if r.derivedFrom(c.i) {
				source[c.ref] = true
			}
		}
	}
	score := func(f uint32) float64 {
		s := 2*float64(r.films[f]) + 1.2*min(r.support[f], 4)
		if i, ok := first[f]; ok && i*5 < len(r.toks) {
			s++
		}
		return s
	}
	var best, second float64
	bestF := int64(-1)
	consider := func(f uint32) {
		if source[f] || r.unreleased(f) {
			return // "hard to die is a sequel to sorority house massacre 2"
		}
		s := score(f)
		switch {
		case s > best || s == best && bestF >= 0 && r.l.films.votes[f] > r.l.films.votes[bestF]:
			if bestF != int64(f) {
				second = best
			}
			best, bestF = s, int64(f)
		case s > second:
			second = s
		}
	}
	for f := range r.films {
		consider(f)
	}
	for f, n := range r.support {
		if n >= 2 {
			consider(f)
		}
	}
	if bestF < 0 || best < 2.4 {
		r.review, r.reviewBy = -1, 0
		return
	}
	if f, ok := r.sequelNamed(uint32(bestF)); ok {
		// "what surprises me about scream 2": a review of a sequel names
		// its original throughout; a review of the original seldom names
		// a later film of its own title twice
		bestF = int64(f)
	}
	r.review, r.reviewBy = bestF, best/(best+second+2)
}

// sequelNamed returns a later film whose title is film f's followed by more
// words ("Scream 2" for Scream) that the text names at least twice.
func (r *run) sequelNamed(f uint32) (uint32, bool) {
	title := r.l.filmTitle(f) + " "
	for _, g := range slices.Sorted(maps.Keys(r.films)) {
		if g != f && r.films[g] >= 2 && r.l.films.year[g] > r.l.films.year[f] && strings.HasPrefix(r.l.filmTitle(g), title) {
			return g, true
		}
	}
	return 0, false
}

// inLinkedFilm reports whether person p is credited on a film the text links.
func (r *run) inLinkedFilm(p uint32) bool {
	for f := range r.films {
		if r.l.credited(p, f) != 0 {
			return true
		}
	}
	return false
}

// contextEvidence adds what the linked entities say about a candidate.
func (r *run) contextEvidence(c *cand) float64 {
	if c.via != viaGlobal {
		return 0 // aliases were scored in context already
	}
	ev := 0.0
	switch c.kind {
	case kFilm:
		if r.support[c.ref] == 0 && int64(c.ref) != r.review {
			// no one the text names is credited on it
			return r.creditAside(c)
		}
		if int64(c.ref) == r.review {
			ev += 3
		}
		lo, hi := r.l.filmCredits(c.ref)
		dir, writer, cast := false, false, 0
		for cr := lo; cr < hi; cr++ {
			p := r.l.credits.person[cr]
			if _, ok := r.people[p]; !ok {
				continue
			}
			switch cat := r.l.credits.cat[cr]; {
			case cat == catDirector:
				dir = true
			case cat == catWriter:
				writer = true
			case isCast(cat):
				cast++
			}
		}
		if dir {
			ev += 2
		} else if writer {
			ev += 1.5
		}
		ev += min(float64(cast), 2)
		ev += r.nearbyCredit(c)
		ev += r.creditAside(c)
		if dir || cast > 0 || int64(c.ref) == r.review {
			// A title the text keeps coming back to, whose people it names,
			// is the film being discussed: "daylight" four times beside
			// "rob cohen".
			ev += 0.5 * float64(min(r.repeats(c)-1, 3))
		}
	case kPerson:
		// Checked from the films' side: a film's credits are a handful, a
		// prolific actor's are thousands.
		switch {
		case r.review >= 0 && r.l.credited(c.ref, uint32(r.review)) != 0:
			ev += 3
		case r.inLinkedFilm(c.ref):
			ev += 2
		case r.nearFilms[c.ref]:
			ev++
		}
	}
	return ev
}

// contemporary favours, in a text without capitals, a title of two words or
// more released within a year of the film under review: a critic measures a
// film against the season's others ("the only reason for making this film
// was to out-perform deep impact", "speed 2 was the worst film i've
// reviewed"). A single word gets that help only when it is no everyday word
// (a dictionary word outside the common list) and the text comes back to it
// at least three times, a topic rather than a passing word ("twister" three
// times in a review of Volcano); then it takes more, as a single word's bar
// is higher: "go" and "gothic" are words in any year.
func (r *run) contemporary(c *cand) float64 {
	if !r.caseless || r.review < 0 || int64(c.ref) == r.review {
		return 0
	}
	if c.j-c.i < 2 && (r.repeats(c) < 3 || r.toks[c.i].cls != wordDictionary) {
		return 0
	}
	d := int(r.l.films.year[c.ref]) - int(r.l.films.year[r.review])
	if d < -1 || d > 1 {
		return 0
	}
	if c.j-c.i < 2 {
		return 2
	}
	return 1
}

// repeats counts the occurrences in the text of film candidate c's words.
// c is one of the candidates prune kept: only theirs are counted.
func (r *run) repeats(c *cand) int {
	if n, ok := slices.BinarySearch(r.occKeys, occurrenceKey(c)); ok {
		return int(r.occCounts[n])
	}
	return 0
}

// occurrenceKey is a film candidate's (film, words) pair.
func occurrenceKey(c *cand) uint64 { return uint64(c.ref)<<32 | uint64(c.j-c.i) }

// occurrenceKeys returns the keys of the global film candidates before prune
// drops any, globalCandidates' hopeless titles included, in a buffer of the
// run.
func (r *run) occurrenceKeys() []uint64 {
	all := r.occAll
	for n := range r.cands {
		if c := &r.cands[n]; c.kind == kFilm {
			all = append(all, occurrenceKey(c))
		}
	}
	r.occAll = all
	return all
}

// countOccurrences counts, for repeats, how many of all (the keys of the
// candidates before prune) each kept film candidate's key has. Counting only
// the few dozen kept keys, in a sorted slice, spares a map of thousands of
// entries per run.
func (r *run) countOccurrences(all []uint64) {
	keys := r.occKeys[:0]
	for n := range r.cands {
		if c := &r.cands[n]; c.kind == kFilm {
			keys = append(keys, occurrenceKey(c))
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	counts := slices.Grow(r.occCounts[:0], len(keys))[:len(keys)]
	clear(counts)
	for _, k := range all {
		if n, ok := slices.BinarySearch(keys, k); ok {
			counts[n]++
		}
	}
	r.occKeys, r.occCounts = keys, counts
}

// nearbyCredit scores a person credited on film candidate c named close
// by: right before it, as in "screenwriter william goldman ( maverick ,
// misery )", or in the same or the previous sentence ("Michael Mann's Heat").
func (r *run) nearbyCredit(c *cand) float64 {
	sent := r.toks[c.i].sent
	best := 0.0
	for _, n := range r.chosenIn(max(sent-1, 0), sent) {
		m := &r.chosen[n]
		if m.kind != kPerson {
			continue
		}
		if r.l.credited(m.ref, c.ref) == 0 {
			continue
		}
		if m.j <= c.i && c.i-m.j <= 6 {
			return 2
		}
		best = 1
	}
	return best
}

// creditAside scores a title in the aside critics give an actor: "hana (
// juliette binoche , the horseman on the roof )", "( willem dafoe ,
// basquiat )": a linked person, a comma, the title, inside parentheses. The
// catalog need not know the credit; the form says what it is.
func (r *run) creditAside(c *cand) float64 {
	if c.i == 0 || c.j >= len(r.toks) {
		return 0
	}
	if !strings.HasPrefix(strings.TrimSpace(r.text[r.toks[c.j-1].end:]), ")") {
		return 0
	}
	sent := r.toks[c.i].sent
	for _, n := range r.chosenIn(sent, sent) {
		m := &r.chosen[n]
		if m.kind != kPerson || m.j != c.i {
			continue
		}
		if strings.TrimSpace(r.text[r.toks[m.j-1].end:r.toks[c.i].start]) == "," &&
			strings.HasSuffix(strings.TrimSpace(r.text[:r.toks[m.i].start]), "(") {
			return 2
		}
	}
	return 0
}

// initialism reports a one-word match of a title spelt with stops between
// its letters ("I.Q.", "E.T.") where the text writes a plain word: in
// lower case that is the everyday abbreviation.
func (r *run) initialism(c *cand) bool {
	t := r.l.str.bytes(r.l.films.title[c.ref])
	if len(t) > 12 || strings.Contains(r.text[r.toks[c.i].start:r.toks[c.i].end], ".") {
		return false
	}
	stops := 0
	for k := 1; k < len(t); k++ {
		if t[k] == '.' && t[k-1] != '.' && t[k-1] != ' ' {
			stops++
		}
	}
	return stops >= 2
}

// personAfter reports "who" or "whom" right after a span: what it names is
// someone (films are "which" or "that").
func (r *run) personAfter(j int) bool {
	if j == 0 || j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent {
		return false
	}
	switch r.toks[j].key {
	case "who", "whom":
		return strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]) == ""
	}
	return false
}

// otherWorks are words that announce a work of another kind, whose title a
// film may share: the guidelines' "a title used for something else".
var otherWorks = map[string]bool{"song": true, "songs": true, "tango": true, "tune": true, "album": true,
	"single": true, "novel": true, "book": true, "poem": true, "play": true, "comic": true,
	"painting": true, "opera": true, "hymn": true, "ballad": true, "anthem": true, "track": true,
	"fairytale": true}

// otherThings are nouns a title modifies when it names something else:
// its creator, a strip, a line of products ("the dilbert comic strip",
// "dilbert creator scott adams", "knock off products", "the whole dracula
// thing").
var otherThings = map[string]bool{"creator": true, "creators": true, "strip": true, "strips": true,
	"cartoon": true, "cartoons": true, "products": true, "product": true, "thing": true, "things": true,
	"costume": true, "costumes": true, "toy": true, "toys": true, "doll": true, "dolls": true,
	// a ship or a town of the story and its people: "the event horizon crew",
	// "a thoroughly corrupt atlantic city policeman"
	"crew": true, "ship": true, "vessel": true, "spaceship": true, "spacecraft": true, "residents": true,
	"inhabitants": true, "townspeople": true, "townsfolk": true, "policeman": true, "policemen": true,
	"cop": true, "cops": true, "natives": true, "locals": true, "mayor": true}

// otherThingAfter reports such a noun, or a word for another work, right
// after a span ending before token j.
func (r *run) otherThingAfter(j int) bool {
	if j == 0 || j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent || r.toks[j-1].has(tokPossessive) ||
		strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]) != "" {
		return false
	}
	k := r.toks[j].key
	return otherThings[k] || otherWorks[k] && k != "play" && k != "single"
}

// dateline reports a comma, a month and a number after token j-1: the
// span is a place given with a date, as a story sets its scene
// ("Casablanca, December 1941."), not a title, whose year comes bare.
func (r *run) dateline(j int) bool {
	return j > 0 && j+1 < len(r.toks) && r.toks[j+1].sent == r.toks[j-1].sent && months[r.toks[j].key] &&
		r.toks[j+1].has(tokNumber) && strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]) == ","
}

var months = wordSet(`january february march april may june july august september october november december`)

// placeOf reports "the town of" and its like right before token i: what
// follows is a place of the story ("the town of pleasantville").
func (r *run) placeOf(i int) bool {
	return i >= 2 && r.toks[i-1].key == "of" && placeNouns[r.toks[i-2].key] && r.toks[i-2].sent == r.toks[i].sent
}

var placeNouns = wordSet(`town city village hamlet island planet country kingdom county state suburb
	neighborhood neighbourhood valley land realm colony prison`)

// placeCalled reports a place's name given right before token i, across an
// article: "a cell block known as the green mile", "this bar they call coyote
// ugly", "a nightclub called the titty twister". (A work "called" so is
// not: "a box office bomb called baby's day out".)
func (r *run) placeCalled(i int) bool {
	k := i - 1
	if k >= 0 && articles[r.toks[k].key] {
		k--
	}
	switch {
	case k >= 1 && r.toks[k].key == "as" && r.toks[k-1].key == "known":
		k -= 2
	case k >= 1 && r.toks[k].key == "call" && r.toks[k-1].key == "they":
		k -= 2
	case k >= 0 && (r.toks[k].key == "called" || r.toks[k].key == "named"):
		k--
	default:
		return false
	}
	for n := 0; n < 2 && k >= 0 && r.toks[k].sent == r.toks[i].sent; n, k = n+1, k-1 {
		if placeNouns[r.toks[k].key] || calledPlaces[r.toks[k].key] {
			return true
		}
	}
	return false
}

// someoneAfter reports, after a span ending before token j, what only a
// person or a place takes: ", who" ("patton , who is a magnificent actor")
// or a copula and a word for a place within four words ("philadelphia is a
// dark , dreary place").
func (r *run) someoneAfter(j int) bool {
	if j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent {
		return false
	}
	gap := strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start])
	if r.toks[j].key == "who" && (gap == "" || gap == ",") {
		return true
	}
	if gap != "" || !copulas[r.toks[j].key] {
		return false
	}
	article := false // "a dark , dreary place", not "cementing its place in history"
	for n := j + 1; n < len(r.toks) && n <= j+5 && r.toks[n].sent == r.toks[j].sent; n++ {
		switch k := r.toks[n].key; {
		case filmNouns[k] || seriesWords[k] || r.toks[n].has(tokCue) || phraseDeterminers[k] && k != "the":
			return false
		case articles[k]:
			article = true
		case placeNouns[k] || k == "place":
			return article
		}
	}
	return false
}

// calledPlaces are the places of a story that go by a name.
var calledPlaces = wordSet(`block bar club nightclub restaurant diner cafe hotel motel house mansion ship
	school camp ranch farm street road district compound base station`)

// webAddress reports a span inside a web address ("www . pleasantville .
// com"), as a tokenised text writes it.
func (r *run) webAddress(i, j int) bool {
	return i > 0 && r.toks[i-1].key == "www" || j < len(r.toks) && webSuffixes[r.toks[j].key] &&
		strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]) == "."
}

var webSuffixes = wordSet(`com org net html htm`)

// firstNameBefore reports a first name right before token i, which makes
// the word there a surname: "martha nell", not Nell.
func (r *run) firstNameBefore(i int) bool {
	if i == 0 || r.toks[i-1].sent != r.toks[i].sent || r.toks[i-1].has(tokPossessive) ||
		strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start]) != "" {
		return false
	}
	p := &r.toks[i-1]
	return r.l.isFirstName(p.word) && p.cls != wordFunction && p.cls != wordCommon
}

// namedBefore reports "named" right before token i: "a big green guy
// named frankenstein" is someone, not a film.
func (r *run) namedBefore(i int) bool {
	return i > 0 && r.toks[i-1].key == "named" && r.toks[i-1].sent == r.toks[i].sent
}

// otherWork reports such a word right before token i (quotes between do
// not count).
func (r *run) otherWork(i int) bool {
	if i == 0 {
		return false
	}
	t := &r.toks[i-1]
	// "Celine Song's Past Lives": a name, not the word
	work := otherWorks[t.key] || t.key == "tale" && i >= 2 && r.toks[i-2].key == "fairy" // "the fairy tale , pinocchio"
	return t.sent == r.toks[i].sent && work && !t.has(tokPossessive) && (r.caseless || !t.has(tokCap))
}

// copulas link a subject to what it is.
var copulas = map[string]bool{"is": true, "was": true, "isnt": true, "wasnt": true, "remains": true}

// predicatedFilm reports a span followed by "is" or "was" and, within six
// words of the same sentence, a word for a film: "vampire's is a rude ,
// chauvinistic movie", "speed 2 was the worst film". The text says what the
// span is.
func (r *run) predicatedFilm(j int) bool {
	if j >= len(r.toks) || j == 0 || r.toks[j].sent != r.toks[j-1].sent || !copulas[r.toks[j].key] {
		return false
	}
	for k := j + 1; k < len(r.toks) && k <= j+6 && r.toks[k].sent == r.toks[j].sent; k++ {
		if filmNouns[r.toks[k].key] {
			return true
		}
	}
	return false
}

// filmNouns are the cue words that name a film as a thing.
var filmNouns = map[string]bool{"film": true, "films": true, "movie": true, "movies": true, "picture": true,
	"flick": true, "thriller": true, "comedy": true, "drama": true, "western": true, "musical": true,
	"documentary": true, "sequel": true, "remake": true, "blockbuster": true, "melodrama": true}

// viewingVerbs before a span: one sees, watches or rents a film.
var viewingVerbs = map[string]bool{"seen": true, "saw": true, "watched": true, "watch": true,
	"rent": true, "rented": true, "seeing": true, "watching": true}

// viewedBefore reports a viewing verb right before token i, or with one
// word between ("watch the underrated flipper").
func (r *run) viewedBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if r.toks[k].sent != r.toks[i].sent {
			return false
		}
		if viewingVerbs[r.toks[k].key] {
			return true
		}
		if k < i-1 && r.toks[k].key != "the" {
			return false
		}
	}
	return false
}

// comparisons are the words a critic measures a film against another with;
// comparisonsVia those that take a preposition first ("similar to",
// "reminiscent of", "the likes of").
var (
	comparisons    = map[string]bool{"like": true, "unlike": true, "than": true, "remember": true, "recalls": true}
	comparisonsVia = map[string]bool{"similar": true, "compared": true, "comparison": true, "reminiscent": true,
		"likes": true, "success": true, "sequel": true}
)

// comparedBefore reports a comparison right before token i, or with "the"
// between: "like the matrix", "worse than she's all that", "the fluke
// success of she's all that".
func (r *run) comparedBefore(i int) bool {
	k := i - 1
	if k >= 0 && r.toks[k].key == "the" {
		k--
	}
	if k < 0 || r.toks[k].sent != r.toks[i].sent {
		return false
	}
	if comparisons[r.toks[k].key] {
		return true
	}
	return k >= 1 && (r.toks[k].key == "to" || r.toks[k].key == "of") && comparisonsVia[r.toks[k-1].key]
}

// auxiliaries before a title make it the rest of a verb phrase.
var auxiliaries = map[string]bool{"have": true, "has": true, "had": true, "will": true, "would": true,
	"could": true, "should": true, "can": true, "must": true, "may": true, "might": true, "did": true,
	"does": true, "do": true, "been": true}

// auxiliaryBefore reports an auxiliary verb right before token i, unless
// the auxiliary comes inverted after "so", "neither", "nor", "as" or "than":
// then what follows is its subject, which may well be a title ("i was hoping
// so would volcano", "as did titanic").
func (r *run) auxiliaryBefore(i int) bool {
	if i == 0 || r.toks[i-1].sent != r.toks[i].sent || !auxiliaries[r.toks[i-1].key] ||
		strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start]) != "" {
		return false
	}
	if i >= 2 && r.toks[i-2].sent == r.toks[i].sent && inverters[r.toks[i-2].key] {
		return false
	}
	return true
}

// subjects are the pronouns, and the plural nouns of people and things
// prose makes subjects of ("when things go awry", "kids go wild"), that only
// a verb follows; verbParticles the words that follow a verb after "to" ("to
// go along", "to go see").
var (
	subjects      = wordSet(`i you we they he she things people kids children audiences viewers fans critics`)
	verbParticles = map[string]bool{"see": true, "with": true, "along": true, "back": true, "out": true, "on": true,
		"for": true, "to": true, "through": true, "away": true, "up": true, "down": true, "ahead": true, "home": true,
		"into": true, "off": true, "over": true}
)

// verbUse reports an everyday word used as a verb: after a subject pronoun,
// or after "to" and before a particle.
func (r *run) verbUse(i int) bool {
	if i == 0 || r.toks[i-1].sent != r.toks[i].sent || strings.TrimSpace(r.text[r.toks[i-1].end:r.toks[i].start]) != "" {
		return false
	}
	switch prev := r.toks[i-1].key; {
	case subjects[prev]:
		return true
	case prev == "to":
		return i+1 < len(r.toks) && r.toks[i+1].sent == r.toks[i].sent && verbParticles[r.toks[i+1].key]
	}
	return false
}

// objectAfter reports a determiner right after token j-1 that opens a noun
// phrase of its own: the word before takes an object, as a verb or a
// preposition does ("the producers saw the final cut", "go the distance"),
// which a title does not ("titanic the movie" is no such).
func (r *run) objectAfter(j int) bool {
	if j >= len(r.toks) || r.toks[j].sent != r.toks[j-1].sent || !objectDeterminers[r.toks[j].key] ||
		strings.TrimSpace(r.text[r.toks[j-1].end:r.toks[j].start]) != "" {
		return false
	}
	return j+1 >= len(r.toks) || !filmNouns[r.toks[j+1].key] && !r.toks[j+1].has(tokCue)
}

var objectDeterminers = wordSet(`the a an his her their its my your our this these those`)

// inverters are the words after which an auxiliary precedes its subject.
var inverters = map[string]bool{"so": true, "neither": true, "nor": true, "as": true, "than": true}

// fameAround reports "of X fame" around tokens [i, j).
func (r *run) fameAround(i, j int) bool {
	return i > 0 && j < len(r.toks) && r.toks[i-1].key == "of" && r.toks[j].key == "fame" &&
		r.toks[i-1].sent == r.toks[j].sent
}

// listed scores a title in a list of other linked titles ("starman ,
// halloween and escape from new york").
func (r *run) listed(c *cand) float64 {
	sent := r.toks[c.i].sent
	for _, n := range r.chosenIn(sent, sent) {
		m := &r.chosen[n]
		if m.kind != kFilm || m.ref == c.ref || m.propped {
			continue
		}
		if m.j <= c.i && c.i-m.j <= 3 || c.j <= m.i && m.i-c.j <= 3 {
			return 1
		}
	}
	return 0
}

// indexChosen groups the indices of r.chosen by the sentence each mention
// starts in, so that listed and nearbyCredit read only the mentions of a
// sentence or two instead of all of them for every candidate.
func (r *run) indexChosen() {
	nsent := 0
	if len(r.toks) > 0 {
		nsent = int(r.toks[len(r.toks)-1].sent) + 1
	}
	if cap(r.sentStart) < nsent+1 {
		r.sentStart = make([]int32, nsent+1)
	}
	r.sentStart = r.sentStart[:nsent+1]
	clear(r.sentStart)
	for n := range r.chosen {
		r.sentStart[r.toks[r.chosen[n].i].sent+1]++
	}
	for s := 1; s <= nsent; s++ {
		r.sentStart[s] += r.sentStart[s-1]
	}
	if cap(r.bySent) < len(r.chosen) {
		r.bySent = make([]int32, len(r.chosen))
	}
	r.bySent = r.bySent[:len(r.chosen)]
	next := slices.Clone(r.sentStart[:nsent])
	for n := range r.chosen {
		s := r.toks[r.chosen[n].i].sent
		r.bySent[next[s]] = int32(n)
		next[s]++
	}
}

// chosenIn returns the indices in r.chosen of the mentions starting in
// sentences lo through hi, in the order of r.chosen.
func (r *run) chosenIn(lo, hi int32) []int32 {
	if int(hi)+1 >= len(r.sentStart) {
		hi = int32(len(r.sentStart)) - 2
	}
	if lo > hi {
		return nil
	}
	return r.bySent[r.sentStart[lo]:r.sentStart[hi+1]]
}

// debugOut, when set by a test, receives every film candidate's scores.
var debugOut io.Writer

// choose scores every candidate (with context when withCtx) and keeps, for
// each stretch of text, the best candidates that pass their bar, longest
// spans first.
func (r *run) choose(withCtx bool) {
	pool := r.pool[:0]
	defer func() { r.pool = pool[:0] }()
	if withCtx {
		r.indexChosen()
	}
	for n := range len(r.cands) + len(r.aliasCands) {
		var c cand
		if n < len(r.cands) {
			c = r.cands[n]
		} else {
			c = r.aliasCands[n-len(r.cands)]
		}
		if c.kind == kFilm && r.unreleased(c.ref) {
			continue // reached through a series, a director or a misspelling
		}
		if withCtx && r.heroReading(&c) {
			continue // "shrek reluctantly agrees": the hero of the film under review
		}
		c.score = c.ev
		if withCtx {
			c.score += r.contextEvidence(&c)
			if c.kind == kFilm && c.via == viaGlobal {
				l := r.listed(&c)
				if r.support[c.ref] == 0 && int64(c.ref) != r.review {
					l += r.contemporary(&c)
				}
				c.score += l
				c.propped = l > 0 && c.score-l < c.need
			}
			if c.atStart && r.marked[c.ref] {
				c.need = r.filmNeed(&c, true, true, float64(r.l.films.votes[c.ref]))
			}
		}
		if c.score >= c.need {
			pool = append(pool, c)
		}
		if debugOut != nil && withCtx && c.kind == kFilm {
			fmt.Fprintf(debugOut, "cand %q film %s %s ev=%.2f strong=%.1f score=%.2f need=%.2f\n", r.text[r.toks[c.i].start:r.toks[c.j-1].end],
				reel.FilmID(r.l.films.id[c.ref]), r.l.filmTitle(c.ref), c.ev, c.strong, c.score, c.need)
		}
	}
	r.sortPool(pool)
	r.taken = slices.Grow(r.taken[:0], len(r.toks))[:len(r.toks)]
	for i := range r.taken {
		r.taken[i] = -1
	}
	r.chosen = r.chosen[:0]
	for _, n := range r.order {
		if c := &pool[n]; r.free(c.i, c.j) && !r.outranked(pool, int(n)) {
			r.take(*c)
		}
	}
}

// poolKey is what sortPool orders a pool candidate by, copied out of the
// 64-byte candidate so that sorting moves and compares little.
type poolKey struct {
	score     float64
	len, i, n int32
}

// sortPool orders choose's pool by preference into r.order (longest spans
// first, then the best scores, then the earliest, then pool order) and by
// start into r.byStart, for outranked.
func (r *run) sortPool(pool []cand) {
	keys := r.poolKeys[:0]
	r.byStart, r.maxSpan = r.byStart[:0], 0
	for n := range pool {
		c := &pool[n]
		keys = append(keys, poolKey{score: c.score, len: int32(c.j - c.i), i: int32(c.i), n: int32(n)})
		r.byStart = append(r.byStart, int32(n))
		r.maxSpan = max(r.maxSpan, c.j-c.i)
	}
	slices.SortFunc(keys, func(a, b poolKey) int {
		if a.len != b.len {
			return int(b.len - a.len)
		}
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		if a.i != b.i {
			return int(a.i - b.i)
		}
		return int(a.n - b.n)
	})
	r.order = r.order[:0]
	for _, k := range keys {
		r.order = append(r.order, k.n)
	}
	r.poolKeys = keys
	slices.SortFunc(r.byStart, func(x, y int32) int { return pool[x].i - pool[y].i })
}

// outranked reports a candidate that should yield to an overlapping one: a
// much better supported shorter match that differs only by function words
// ("the unforgiven" when "Unforgiven" and its director are both in the
// text; not "scream 2" when "Scream" is the better known), or, for a film named after its hero,
// the hero when nothing marks the word as a title ("Lumumba's intelligence").
// Only the candidates starting less than the longest span before it can
// overlap it.
func (r *run) outranked(pool []cand, n int) bool {
	c := &pool[n]
	from, _ := slices.BinarySearchFunc(r.byStart, c.i-r.maxSpan+1, func(x int32, i int) int { return pool[x].i - i })
	for _, k := range r.byStart[from:] {
		d := &pool[k]
		if d.i >= c.j {
			break
		}
		if int(k) == n || d.j <= c.i {
			continue
		}
		if d.j-d.i < c.j-c.i && c.kind == d.kind && c.via == viaGlobal && d.via == viaGlobal &&
			d.score-d.need >= c.score-c.need+2 && r.contentWords(c.i, c.j) == r.contentWords(d.i, d.j) {
			return true
		}
		if c.kind == kFilm && d.kind == kChar && d.i == c.i && c.j == c.i+1 && d.j == c.j && c.strong < 1.5 && !c.listed &&
			r.l.credits.film[d.ref] == c.ref && (d.part == partLast || r.toks[c.i].has(tokPossessive)) {
			return true
		}
		if r.eponymYields(c, d) || r.seriesYields(c, d) {
			return true
		}
	}
	return false
}

func (r *run) free(i, j int) bool {
	for k := i; k < j; k++ {
		if r.taken[k] >= 0 {
			return false
		}
	}
	return true
}

func (r *run) take(c cand) {
	for k := c.i; k < c.j; k++ {
		r.taken[k] = int32(len(r.chosen))
	}
	r.chosen = append(r.chosen, c)
}

// confidence maps a candidate's margin over its bar to (0, 1).
func confidence(c *cand) float64 {
	x := 1 / (1 + math.Exp(-(c.score - c.need + 1)))
	return math.Round(x*100) / 100
}

func (r *run) result() Result {
	res := Result{Mentions: make([]Mention, 0, len(r.chosen)), Checks: []Check{}}
	if r.review >= 0 {
		f := uint32(r.review)
		res.Film = &FilmUnderReview{ID: reel.FilmID(r.l.films.id[f]).String(), Title: r.l.filmTitle(f),
			Year: int(r.l.films.year[f]), Confidence: math.Round(reviewConfidence(r.reviewBy)*100) / 100,
			Strength: r.reviewBy}
	}
	slices.SortFunc(r.chosen, func(a, b cand) int { return a.i - b.i })
	r.extendTitles()
	for n, c := range r.chosen {
		for k := c.i; k < c.j; k++ {
			r.taken[k] = int32(n)
		}
	}
	for n := range r.chosen {
		res.Mentions = append(res.Mentions, r.mention(&r.chosen[n]))
	}
	res.Checks = r.checks()
	return res
}

func (r *run) mention(c *cand) Mention {
	s, e := r.span(c)
	if c.kind == kFilm && r.quotedArticle(c.i, e) {
		s = int(r.toks[c.i-1].start)
	}
	m := Mention{Start: s, End: e, Text: r.text[s:e], Confidence: confidence(c)}
	switch c.kind {
	case kFilm:
		m.Kind, m.ID, m.Name = KindFilm, reel.FilmID(r.l.films.id[c.ref]).String(), r.l.filmTitle(c.ref)
	case kPerson:
		m.Kind, m.ID, m.Name = KindPerson, reel.PersonID(r.l.people.id[c.ref]).String(), r.l.personName(c.ref)
	case kChar:
		f, p := r.l.credits.film[c.ref], r.l.credits.person[c.ref]
		m.Kind = KindCharacter
		m.FilmID = reel.FilmID(r.l.films.id[f]).String()
		m.ActorID = reel.PersonID(r.l.people.id[p]).String()
		m.ID = m.FilmID + "/" + m.ActorID
		m.Name = r.characterName(c)
	}
	return m
}
