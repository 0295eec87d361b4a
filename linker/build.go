package linker

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"

	"reel"
	"reel/matchkey"
)

// Linker finds the films, people and characters a text names and links them
// to the catalog. It is immutable after Build or Load and safe for concurrent
// use.
type Linker struct {
	words   *dict
	str     strtab
	films   filmTable
	people  personTable
	credits creditTable
	ph      phraseIndex
	// firstNames marks the word ids that begin many people's names
	// ("michael", "carrie"): a film titled with one alone is no more
	// distinctive than one titled with an everyday word.
	firstNames []uint64
	// byFirst lists the people popular enough for nicknames (nicknamePop)
	// by the word id of their first name, as word<<32 | person, sorted: a
	// misspelt surname after an exact first name is looked for among them
	// ("garry schandling").
	byFirst []uint64
	// kinds holds, by word id, what wordClass and cueWords say of the
	// word (see kindOf), so that Link reads them with the id it looks up
	// anyway instead of hashing every word of a review twice more.
	kinds []wordKind
}

// Stats describes a built Linker.
type Stats struct {
	Films, People, Credits, Words, Phrases, Refs int
	// Bytes estimates the memory the Linker's tables hold.
	Bytes int64
}

// Stats reports the size of l.
func (l *Linker) Stats() Stats {
	s := Stats{Films: len(l.films.id), People: len(l.people.id), Credits: len(l.credits.person),
		Words: l.words.len(), Phrases: l.ph.len(), Refs: len(l.ph.refs)}
	u32 := func(xs ...[]uint32) {
		for _, x := range xs {
			s.Bytes += int64(4 * len(x))
		}
	}
	u32(l.films.id, l.films.title, l.films.orig, l.films.votes, l.people.id, l.people.name, l.people.pop,
		l.credits.filmStart, l.credits.person, l.credits.chars, l.credits.personStart, l.credits.byPerson,
		l.credits.film, l.ph.toks, l.ph.start, l.ph.first, l.ph.refOff, l.ph.refs, l.str.off,
		l.words.words.off, l.words.slots)
	s.Bytes += int64(2*len(l.films.year) + len(l.films.series) + len(l.credits.cat) + len(l.kinds) + len(l.ph.forms) + len(l.str.blob) + len(l.words.words.blob) +
		8*len(l.firstNames) + 8*len(l.byFirst))
	return s
}

// builder holds the raw columns while Build reads the source.
type builder struct {
	l       *Linker
	phrases phraseBuilder
	keyBuf  []uint32

	// credits before grouping
	cFilm, cPerson, cChars []uint32
	cCat                   []uint8
	cOrd                   []uint16
}

// Build reads the whole catalog from src and returns a Linker over it.
func Build(ctx context.Context, src Source) (*Linker, error) {
	b := &builder{l: &Linker{words: newDict(), str: newStrtab()}}
	steps := []func(context.Context, Source) error{b.readFilms, b.readAltTitles, b.readPeople, b.readCredits}
	for _, step := range steps {
		if err := step(ctx, src); err != nil {
			return nil, fmt.Errorf("linker: build: %w", err)
		}
	}
	b.groupCredits()
	b.prunePeople()
	b.popularity()
	b.addNames()
	b.addSurnames()
	b.markFirstNames()
	b.indexByFirst()
	l := b.l
	runtime.GC() // return the raw credit columns before the index's peak
	l.ph = b.phrases.build(l.words.len(), b.weight)
	b.phrases = phraseBuilder{}
	l.indexKinds()
	return l, ctx.Err()
}

func (b *builder) readFilms(ctx context.Context, src Source) error {
	f := &b.l.films
	err := src.EachFilm(ctx, func(fl reel.Film) error {
		if fl.ID <= 0 || fl.ID > math.MaxUint32 || fl.Adult {
			return nil
		}
		f.id = append(f.id, uint32(fl.ID))
		t := b.l.str.add(fl.Title)
		f.title = append(f.title, t)
		if fl.OriginalTitle != "" && fl.OriginalTitle != fl.Title {
			t = b.l.str.add(fl.OriginalTitle)
		}
		f.orig = append(f.orig, t)
		f.year = append(f.year, uint16(max(0, min(fl.Year, math.MaxUint16))))
		f.votes = append(f.votes, uint32(max(0, fl.Votes)))
		f.series = append(f.series, fl.Type == "tvSeries" || fl.Type == "tvMiniSeries")
		return nil
	})
	if err != nil {
		return err
	}
	b.sortFilms()
	return nil
}

// sortFilms orders the films by id. A film several sources gave is kept once,
// with the last source's facts; the titles of the others become alternate
// titles.
func (b *builder) sortFilms() {
	f := &b.l.films
	perm := identity(len(f.id))
	slices.SortStableFunc(perm, func(x, y uint32) int { return cmpU32(f.id[x], f.id[y]) })
	var out filmTable
	for i := 0; i < len(perm); {
		j := i
		for j < len(perm) && f.id[perm[j]] == f.id[perm[i]] {
			j++
		}
		last := perm[j-1]
		out.id = append(out.id, f.id[last])
		out.title = append(out.title, f.title[last])
		out.orig = append(out.orig, f.orig[last])
		out.year = append(out.year, f.year[last])
		out.series = append(out.series, f.series[last])
		votes := uint32(0)
		for _, k := range perm[i:j] {
			votes = max(votes, f.votes[k])
		}
		out.votes = append(out.votes, votes)
		idx := uint32(len(out.id) - 1)
		for _, k := range perm[i:j] {
			b.addTitle(b.l.str.get(f.title[k]), idx, formPrimary)
			b.addTitle(b.l.str.get(f.orig[k]), idx, formOriginal)
		}
		i = j
	}
	*f = out
}

func identity(n int) []uint32 {
	p := make([]uint32, n)
	for i := range p {
		p[i] = uint32(i)
	}
	return p
}

// addTitle indexes a title of film idx, and its main title when it has a
// subtitle ("Birdman or (The Unexpected Virtue of Ignorance)" → "Birdman",
// "Star Wars: Episode IV" → "Star Wars").
func (b *builder) addTitle(title string, idx uint32, form uint8) {
	b.addNumbered(title, idx, form)
	if main, ok := mainTitle(title); ok && !sourceNamed(title) {
		b.addNumbered(main, idx, formMain)
	}
	if _, sub, ok := strings.Cut(title, ": "); ok && strings.TrimSpace(sub) != "" && !genericSubtitle(sub) {
		b.addPhrase(sub, idx, formSubtitle) // "first contact" once "star trek" is out
		if i := strings.LastIndex(sub, " - "); i > 0 && strings.TrimSpace(sub[i+3:]) != "" && !genericSubtitle(sub[i+3:]) {
			b.addPhrase(sub[i+3:], idx, formSubtitle) // "the phantom menace" of "Star Wars: Episode I - The Phantom Menace"
		}
	}
	if _, part, ok := numberedPart(title); ok {
		b.addNumbered(part, idx, formSubtitle) // "part 3" of "Friday the 13th Part III", once its title is out
	}
	if strings.Contains(title, " + ") {
		// "Romeo + Juliet" is written "Romeo & Juliet" as often
		b.addPhrase(strings.ReplaceAll(title, " + ", " & "), idx, form)
	}
	if rest, ok := strings.CutPrefix(title, "The "); ok && strings.IndexByte(rest, ' ') > 0 {
		b.addPhrase(rest, idx, formMain) // "his Fugitive formula", "Hunt for Red October"
	}
}

// sourceNamed reports a title "X: The Movie": X is what the film was made
// from (a comic, a show, a game), and X alone names that, not the film
// ("what schumacher does not understand is that " comic book " doesn't
// equal idiocy").
func sourceNamed(title string) bool {
	_, sub, ok := strings.Cut(title, ": ")
	return ok && strings.TrimSpace(sub) != "" && genericSubtitle(sub)
}

// genericSubtitle reports a subtitle that any film could have ("The Movie",
// "The Motion Picture"): alone, its words are the critic's own
// ("my little brother thought the movie was amazing").
func genericSubtitle(sub string) bool {
	for _, w := range strings.Fields(strings.ToLower(sub)) {
		if !genericTitleWords[strings.Trim(w, ".,:!?")] {
			return false
		}
	}
	return true
}

// genericTitleWords make up generic subtitles. (A numbered part is no such:
// "the ending of " part ii "" in a review of the third Godfather.)
var genericTitleWords = map[string]bool{"the": true, "a": true, "movie": true, "film": true, "motion": true,
	"picture": true, "series": true, "sequel": true}

// addNumbered indexes a title and, when it numbers a sequel, the same title
// with the number written the other way: critics write "sorority house
// massacre 2" for Sorority House Massacre II and "rocky ii" for Rocky II.
func (b *builder) addNumbered(title string, idx uint32, form uint8) {
	b.addPhrase(title, idx, form)
	if v, ok := numeralVariant(title); ok {
		b.addPhrase(v, idx, form)
	}
	if v, ok := spacedInitialism(title); ok {
		b.addPhrase(v, idx, form)
	}
	if v, ok := abbreviationsSpelt(title); ok {
		b.addPhrase(v, idx, form)
	}
}

// titleAbbreviations are the shortened words of titles that critics spell out:
// "48 hours" for 48 Hrs., "kill bill volume 1" for Kill Bill: Vol. 1.
var titleAbbreviations = map[string]string{"Hrs.": "Hours", "Vol.": "Volume", "Pt.": "Part", "Mt.": "Mount",
	"Ft.": "Fort", "Jr.": "Junior"}

// abbreviationsSpelt returns title with its abbreviations spelt out, and
// false when it has none.
func abbreviationsSpelt(title string) (string, bool) {
	words := strings.Fields(title)
	found := false
	for k, w := range words {
		if full, ok := titleAbbreviations[w]; ok {
			words[k], found = full, true
		}
	}
	if !found {
		return "", false
	}
	return strings.Join(words, " "), true
}

// spacedInitialism spells a title's initialism letter by letter ("U.S.
// Marshals" → "U. S. Marshals"), as tokenised corpora write it ("u . s .
// marshals"), where the letters are words of their own; it reports false
// when the title has none.
func spacedInitialism(title string) (string, bool) {
	var out strings.Builder
	found := false
	for k := 0; k < len(title); k++ {
		out.WriteByte(title[k])
		if title[k] == '.' && k > 0 && k+1 < len(title) && isLetterByte(title[k-1]) && isLetterByte(title[k+1]) &&
			(k < 2 || !isLetterByte(title[k-2])) {
			out.WriteByte(' ')
			found = true
		}
	}
	return out.String(), found
}

// joinedInitials closes the space between initials ("S. Z. Sakall" →
// "S.Z. Sakall"), or reports false when the name has no two in a row.
func joinedInitials(name string) (string, bool) {
	words := strings.Fields(name)
	var out strings.Builder
	found := false
	for k, w := range words {
		if k > 0 {
			if !(isInitial(words[k-1]) && isInitial(w)) {
				out.WriteByte(' ')
			} else {
				found = true
			}
		}
		out.WriteString(w)
	}
	return out.String(), found
}

// isInitial reports a word that is one letter and a period ("D.").
func isInitial(w string) bool { return len(w) == 2 && isLetterByte(w[0]) && w[1] == '.' }

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// romanNumerals maps the sequel numbers 2-9 between their two spellings
// ("I" is left out: it is the pronoun far more often).
var romanNumerals = map[string]string{"II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9",
	"2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI", "7": "VII", "8": "VIII", "9": "IX"}

// numeralVariant rewrites the first sequel number after a title's first
// word the other way, or reports false when there is none.
func numeralVariant(title string) (string, bool) {
	words := strings.Fields(title)
	for k := 1; k < len(words); k++ {
		if v, ok := romanNumerals[words[k]]; ok {
			words[k] = v
			return strings.Join(words, " "), true
		}
	}
	return "", false
}

// numberedPart splits a sequel's title "X Part N" without a colon into X
// and "Part N", a subtitle as "Part II" of "The Godfather: Part II" is.
func numberedPart(title string) (main, part string, ok bool) {
	i := strings.LastIndex(title, " Part ")
	if i <= 0 || strings.Contains(title, ": ") {
		return "", "", false
	}
	n := title[i+len(" Part "):]
	if _, roman := romanNumerals[n]; !roman && (n == "" || strings.Trim(n, "0123456789") != "") {
		return "", "", false
	}
	return title[:i], title[i+1:], true
}

func mainTitle(title string) (string, bool) {
	for _, sep := range []string{": ", " - ", " – ", " or (", " (", ", or "} {
		if i := strings.Index(title, sep); i > 0 {
			return title[:i], true
		}
	}
	return "", false
}

// addPhrase interns the words of a name and records the entry.
func (b *builder) addPhrase(name string, ref uint32, form uint8) {
	b.keyBuf = b.keyBuf[:0]
	for _, w := range matchkey.Words(name) {
		b.keyBuf = append(b.keyBuf, b.l.words.intern(w))
		if len(b.keyBuf) > maxPhrase {
			return
		}
	}
	b.phrases.add(b.keyBuf, ref, form)
}

func (b *builder) readAltTitles(ctx context.Context, src Source) error {
	return src.EachAltTitle(ctx, func(id reel.FilmID, a reel.AltTitle) error {
		if id <= 0 || id > math.MaxUint32 {
			return nil
		}
		if f, ok := b.l.filmIndex(uint32(id)); ok {
			form := formAka
			if a.Original {
				form = formOriginal
			}
			b.addTitle(a.Title, f, form)
		}
		return nil
	})
}

func (b *builder) readPeople(ctx context.Context, src Source) error {
	p := &b.l.people
	err := src.EachPerson(ctx, func(pr reel.Person) error {
		if pr.ID <= 0 || pr.ID > math.MaxUint32 || pr.Name == "" {
			return nil
		}
		p.id = append(p.id, uint32(pr.ID))
		p.name = append(p.name, b.l.str.add(pr.Name))
		return nil
	})
	if err != nil {
		return err
	}
	perm := identity(len(p.id))
	slices.SortStableFunc(perm, func(x, y uint32) int { return cmpU32(p.id[x], p.id[y]) })
	var out personTable
	for i, k := range perm {
		if i+1 < len(perm) && p.id[perm[i+1]] == p.id[k] {
			continue // a later source has this person too: keep the last
		}
		out.id = append(out.id, p.id[k])
		out.name = append(out.name, p.name[k])
	}
	*p = out
	return nil
}

func (b *builder) readCredits(ctx context.Context, src Source) error {
	return src.EachCredit(ctx, func(c reel.Credit) error {
		if c.FilmID <= 0 || c.FilmID > math.MaxUint32 || c.PersonID <= 0 || c.PersonID > math.MaxUint32 {
			return nil
		}
		f, ok := b.l.filmIndex(uint32(c.FilmID))
		if !ok {
			return nil
		}
		p, ok := b.l.personIndex(uint32(c.PersonID))
		if !ok {
			return nil
		}
		chars := uint32(0)
		if len(c.Characters) > 0 {
			chars = b.l.str.add(strings.Join(c.Characters, charSep)) + 1
		}
		b.cFilm = append(b.cFilm, f)
		b.cPerson = append(b.cPerson, p)
		b.cCat = append(b.cCat, catCodes[c.Category])
		b.cOrd = append(b.cOrd, uint16(max(0, min(c.Ordering, math.MaxUint16))))
		b.cChars = append(b.cChars, chars)
		return nil
	})
}

// groupCredits sorts the credits by film and billing, keeps one credit per
// film, person and category (title.crew repeats directors that
// title.principals already lists), and builds the per-film ranges.
func (b *builder) groupCredits() {
	perm := identity(len(b.cFilm))
	key := func(x uint32) [4]uint32 {
		return [4]uint32{b.cFilm[x], b.cPerson[x], uint32(b.cCat[x]), uint32(b.cOrd[x])}
	}
	slices.SortFunc(perm, func(x, y uint32) int {
		kx, ky := key(x), key(y)
		return slices.Compare(kx[:], ky[:])
	})
	keep := perm[:0]
	for i, x := range perm {
		if i > 0 {
			kx, kp := key(x), key(perm[i-1])
			if kx[0] == kp[0] && kx[1] == kp[1] && kx[2] == kp[2] {
				continue
			}
		}
		keep = append(keep, x)
	}
	slices.SortFunc(keep, func(x, y uint32) int {
		if c := cmpU32(b.cFilm[x], b.cFilm[y]); c != 0 {
			return c
		}
		return int(b.cOrd[x]) - int(b.cOrd[y])
	})
	c := &b.l.credits
	c.filmStart = make([]uint32, len(b.l.films.id)+1)
	c.person = make([]uint32, len(keep))
	c.cat = make([]uint8, len(keep))
	c.chars = make([]uint32, len(keep))
	c.film = make([]uint32, len(keep))
	for i, x := range keep {
		c.person[i], c.cat[i], c.chars[i], c.film[i] = b.cPerson[x], b.cCat[x], b.cChars[x], b.cFilm[x]
		c.filmStart[b.cFilm[x]+1]++
	}
	for f := 1; f < len(c.filmStart); f++ {
		c.filmStart[f] += c.filmStart[f-1]
	}
	b.cFilm, b.cPerson, b.cChars, b.cCat, b.cOrd = nil, nil, nil, nil, nil
}

// prunePeople drops the people no credit names (name.basics lists everyone
// IMDb knows, most of them only in episodes or shorts), renumbers the rest and
// builds each person's credit index.
func (b *builder) prunePeople() {
	l := b.l
	c := &l.credits
	if len(c.person) > 0 {
		used := make([]bool, len(l.people.id))
		for _, p := range c.person {
			used[p] = true
		}
		renum := make([]uint32, len(l.people.id))
		var out personTable
		for p, ok := range used {
			if ok {
				renum[p] = uint32(len(out.id))
				out.id = append(out.id, l.people.id[p])
				out.name = append(out.name, l.people.name[p])
			}
		}
		for i, p := range c.person {
			c.person[i] = renum[p]
		}
		l.people = out
	}
	n := len(l.people.id)
	c.personStart = make([]uint32, n+1)
	for _, p := range c.person {
		c.personStart[p+1]++
	}
	for p := 1; p <= n; p++ {
		c.personStart[p] += c.personStart[p-1]
	}
	c.byPerson = make([]uint32, len(c.person))
	next := slices.Clone(c.personStart[:n])
	for i, p := range c.person {
		c.byPerson[next[p]] = uint32(i)
		next[p]++
	}
}

// popularity ranks people for disambiguation: the votes of the films they are
// credited on, weighted by how central the credit is. Weighting by billing
// keeps a bit part in a blockbuster from outranking the star of a classic.
func (b *builder) popularity() {
	l := b.l
	pop := make([]float64, len(l.people.id))
	for f := range l.films.id {
		lo, hi := l.filmCredits(uint32(f))
		billing := 0
		for c := lo; c < hi; c++ {
			w := 0.1
			switch cat := l.credits.cat[c]; {
			case cat == catDirector:
				w = 1
			case cat == catWriter:
				w = 0.3
			case isCast(cat):
				billing++
				w = 1 / float64(billing)
			}
			pop[l.credits.person[c]] += w * float64(l.films.votes[f])
		}
	}
	l.people.pop = make([]uint32, len(pop))
	for i, v := range pop {
		l.people.pop[i] = uint32(min(v, math.MaxUint32))
	}
}

func (b *builder) addNames() {
	for p, name := range b.l.people.name {
		full := b.l.str.get(name)
		b.addPhrase(full, uint32(p)|personBit, formPrimary)
		if short, ok := withoutInitials(full); ok {
			b.addPhrase(short, uint32(p)|personBit, formAka)
		}
		if v, ok := particleVariant(full); ok {
			b.addPhrase(v, uint32(p)|personBit, formAka)
		}
		// "P.D. James" written "P. D. James", and the other way round
		if v, ok := spacedInitialism(full); ok {
			b.addPhrase(v, uint32(p)|personBit, formAka)
		} else if v, ok := joinedInitials(full); ok {
			b.addPhrase(v, uint32(p)|personBit, formAka)
		}
		if b.l.people.pop[p] >= nicknamePop {
			b.addNicknames(full, uint32(p))
			b.addShortNames(full, uint32(p))
		}
	}
}

// nicknamePop is the popularity from which a person's name is also indexed
// with the nicknames of its first name ("Jimmy Stewart" for James Stewart):
// critics shorten the names of the well known, and indexing everyone's
// would add a million phrases at IMDb's size.
const nicknamePop = 5000

// addShortNames indexes a three-word name by its first two words and by its
// first and last: critics write "jada pinkett" for Jada Pinkett Smith and
// "samuel jackson" for Samuel L. Jackson's like.
func (b *builder) addShortNames(name string, p uint32) {
	w := strings.Fields(name)
	if len(w) != 3 || strings.ContainsAny(name, ".") || nameParticles[strings.ToLower(w[1])] || generations[strings.ToLower(w[2])] {
		return
	}
	b.addPhrase(w[0]+" "+w[1], p|personBit, formAka)
	b.addPhrase(w[0]+" "+w[2], p|personBit, formAka)
}

// addNicknames indexes name with each nickname of its first name.
func (b *builder) addNicknames(name string, p uint32) {
	first, rest, ok := strings.Cut(name, " ")
	if !ok {
		return
	}
	for _, nick := range nicknames[strings.ToLower(first)] {
		b.addPhrase(nick+" "+rest, p|personBit, formAka)
	}
}

// particles begin surnames that writers set apart or run together:
// "Robert De Niro" is often "Robert DeNiro", "Leonardo DiCaprio" "Leonardo
// Di Caprio".
var particles = map[string]bool{"de": true, "di": true, "da": true, "du": true, "del": true, "la": true, "le": true,
	"van": true, "von": true}

// particleVariant writes a name's particle surname the other way: joined
// when the name sets it apart, set apart when the name joins it; false when
// the name has none.
func particleVariant(name string) (string, bool) {
	words := strings.Fields(name)
	for k := 1; k < len(words); k++ {
		w := words[k]
		if particles[strings.ToLower(w)] && k+1 < len(words) {
			joined := slices.Concat(words[:k], []string{w + strings.ToLower(words[k+1])}, words[k+2:])
			return strings.Join(joined, " "), true
		}
		if len(w) > 3 && particles[strings.ToLower(w[:2])] && w[2] >= 'A' && w[2] <= 'Z' {
			split := slices.Concat(words[:k], []string{w[:2], w[2:]}, words[k+1:])
			return strings.Join(split, " "), true
		}
	}
	return "", false
}

// withoutInitials drops middle initials, the way critics often write a name:
// "Paul W.S. Anderson" → "Paul Anderson", "Steven E. de Souza" → "Steven de
// Souza".
func withoutInitials(name string) (string, bool) {
	parts := strings.Fields(name)
	if len(parts) < 3 {
		return "", false
	}
	kept := parts[:1]
	for _, p := range parts[1 : len(parts)-1] {
		if !isInitials(p) {
			kept = append(kept, p)
		}
	}
	if len(kept) == len(parts)-1 && len(parts) == len(kept)+1 {
		return strings.Join(append(kept, parts[len(parts)-1]), " "), true
	}
	if len(kept)+1 < len(parts) {
		return strings.Join(append(kept, parts[len(parts)-1]), " "), true
	}
	return "", false
}

// isInitials reports a name part like "L." or "W.S.".
func isInitials(p string) bool {
	if !strings.HasSuffix(p, ".") {
		return false
	}
	letters := 0
	for _, r := range p {
		if r != '.' {
			letters++
		}
	}
	return letters <= 2
}

// Surname-only mentions ("Hitchcock", "spielberg") are indexed for people
// famous enough to be named that way and who overshadow everyone else with
// the name: famousPop is the popularity (billing-weighted votes) that takes,
// dominance how many times the next person with the surname they must beat.
const (
	famousPop = 300000
	dominance = 10
)

// addSurnames indexes the surnames of famous people that no one else of note
// shares, skipping everyday words ("Stone", "Ford"), which only context can
// resolve.
func (b *builder) addSurnames() {
	l := b.l
	type best struct {
		p      uint32
		second uint32
	}
	cands := map[string]*best{}
	surname := func(p int) string {
		groups := nameGroups(l.personName(uint32(p)))
		if len(groups) < 2 {
			return ""
		}
		last := groups[len(groups)-1]
		k := strings.Join(last, " ")
		if len(k) < 4 || len(last) != 1 || classOf(k) != wordRare {
			return ""
		}
		return k
	}
	for p, pop := range l.people.pop {
		if pop < famousPop {
			continue
		}
		if k := surname(p); k != "" {
			if c := cands[k]; c == nil {
				cands[k] = &best{p: uint32(p)}
			} else if pop > l.people.pop[c.p] {
				c.second, c.p = max(c.second, l.people.pop[c.p]), uint32(p)
			} else {
				c.second = max(c.second, pop)
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	for p, pop := range l.people.pop {
		if pop >= famousPop {
			continue // counted above
		}
		if c := cands[surname(p)]; c != nil {
			c.second = max(c.second, pop)
		}
	}
	for k, c := range cands {
		if uint64(l.people.pop[c.p]) >= dominance*uint64(c.second) {
			b.addPhrase(k, c.p|personBit, formSurname)
		}
	}
}

// markFirstNames sets firstNames: words that begin the names of at least
// one person in 100,000 (and at least 3), and the common first names of
// commonFirstNames, which a small catalog (the demo's, a club's) holds too
// few people of to count ("martha nell", "ted", "lucy").
func (b *builder) markFirstNames() {
	l := b.l
	counts := make([]uint32, l.words.len()+1)
	for _, name := range l.people.name {
		if groups := nameGroups(l.str.get(name)); len(groups) > 1 && len(groups[0]) == 1 {
			if w := l.words.lookup(groups[0][0]); w != 0 {
				counts[w]++
			}
		}
	}
	least := uint32(max(3, len(l.people.id)/100000))
	for _, name := range commonFirstNames {
		if w := l.words.lookup(name); w != 0 {
			counts[w] = max(counts[w], least)
		}
	}
	l.firstNames = make([]uint64, len(counts)/64+1)
	for w, n := range counts {
		if n >= least {
			l.firstNames[w/64] |= 1 << (w % 64)
		}
	}
}

// indexByFirst fills byFirst.
func (b *builder) indexByFirst() {
	l := b.l
	for p, pop := range l.people.pop {
		if pop < nicknamePop {
			continue
		}
		if groups := nameGroups(l.personName(uint32(p))); len(groups) > 1 && len(groups[0]) == 1 {
			if w := l.words.lookup(groups[0][0]); w != 0 {
				l.byFirst = append(l.byFirst, uint64(w)<<32|uint64(p))
			}
		}
	}
	slices.Sort(l.byFirst)
}

// popularNamed returns the people of byFirst whose first name is word w.
func (l *Linker) popularNamed(w uint32) []uint64 {
	lo, _ := slices.BinarySearch(l.byFirst, uint64(w)<<32)
	hi, _ := slices.BinarySearch(l.byFirst, uint64(w+1)<<32)
	return l.byFirst[lo:hi]
}

func (l *Linker) isFirstName(w uint32) bool {
	return w != 0 && int(w/64) < len(l.firstNames) && l.firstNames[w/64]&(1<<(w%64)) != 0
}

// weight ranks the refs of one phrase.
func (b *builder) weight(ref uint32) uint32 {
	if ref&personBit != 0 {
		return b.l.people.pop[ref&^personBit]
	}
	return b.l.films.votes[ref]
}

// commonFirstNames are first names common in the English-speaking world.
var commonFirstNames = strings.Fields(`aaron adam adrian alan albert alex alexander alfred alice alicia allen
	amanda amber amy andrea andrew angela anita ann anna anne annie anthony april arthur ashley audrey barbara barry
	ben benjamin bernard beth betty beverly bill billy bob bobby bonnie brad bradley brandon brenda brian bruce bryan
	carl carla carol caroline carrie catherine charles charlie charlotte cheryl chris christina christine christopher
	cindy claire clara claude clint cody colin connie craig crystal cynthia dale dan dana daniel danny darren dave david
	dawn dean debbie deborah denise dennis derek diana diane dick don donald donna doris dorothy doug douglas duncan
	dustin dylan earl ed eddie edith edward eileen elaine eleanor elizabeth ellen emily emma eric erica erin ernest
	esther ethan eugene eva evan evelyn frances francis frank fred frederick gail gary gene george gerald gina gladys
	glen glenn gloria gordon grace greg gregory hank hannah harold harriet harry heather helen henry holly howard
	ian irene isaac jack jackie jacob jake james jamie jane janet janice jason jay jean jeff jeffrey jennifer jenny
	jeremy jerry jesse jessica jill jim jimmy joan joanne joe joel john johnny jon jonathan joseph josh joshua joyce
	judith judy julia julian julie justin karen kate katherine kathleen kathy katie keith kelly ken kenneth kevin
	kim kyle larry laura lauren lawrence lee leo leonard leslie lewis lillian linda lisa lois lori louis louise lucy
	luke lynn margaret maria marie marilyn mark martha martin mary matt matthew maureen max megan melissa michael
	michelle mike mildred molly monica nancy natalie nathan neil nell nicholas nick nicole norma norman oliver olivia
	pamela pat patricia patrick paul paula pauline peggy penny peter phil philip phyllis rachel ralph randy ray
	raymond rebecca richard rick rita rob robert robin rodney roger ron ronald rose ruby russell ruth ryan sally sam
	samantha samuel sandra sandy sara sarah scott sean shannon sharon shawn sheila shirley simon sophie stanley
	stephanie stephen steve steven sue susan suzanne sylvia ted teresa terry theresa thomas tim timothy tina todd
	tom tommy tony tracy troy valerie vanessa victor victoria vincent virginia walter wanda wayne wendy william
	willie harvey herbert marvin melvin lloyd vernon clarence leroy wesley warren stuart nigel trevor malcolm
	rupert clive hugh curtis travis tyler zachary elijah gabriel owen leon roy lenny benny frankie kathryn
	kimberly jacqueline danielle debra carolyn brittany kayla abigail isabella sophia ethel agnes mabel vera
	juan jose alexis`)
