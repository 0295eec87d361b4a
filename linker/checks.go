package linker

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"reel/matchkey"
)

// checks looks for slips next to the linked mentions: names written without
// the accents the text otherwise uses, a wrong year after a title, a credit
// the catalog contradicts. Fuzzy near-miss spellings are found by fuzzy.
func (r *run) checks() []Check {
	out := []Check{}
	out = append(out, r.fuzzyChecks...)
	for n := range r.chosen {
		c := &r.chosen[n]
		if ck, ok := r.accentCheck(c); ok {
			out = append(out, ck)
		}
		if ck, ok := r.yearCheck(c); ok {
			out = append(out, ck)
		}
	}
	out = append(out, r.creditChecks()...)
	return out
}

// canonicalNames returns the spellings a mention should match.
func (r *run) canonicalNames(c *cand) []string {
	switch c.kind {
	case kFilm:
		t, o := r.l.filmTitle(c.ref), r.l.str.get(r.l.films.orig[c.ref])
		if o != t {
			return []string{t, o}
		}
		return []string{t}
	case kPerson:
		return []string{r.l.personName(c.ref)}
	case kChar:
		return []string{r.characterName(c)}
	}
	return nil
}

// accentCheck flags a name written without its accents ("Penelope Cruz") in a
// text that writes accents elsewhere, so the writer evidently can type them.
func (r *run) accentCheck(c *cand) (Check, bool) {
	if !r.accented || c.via == viaFuzzy {
		return Check{}, false
	}
	s, e := r.span(c)
	if r.accentedOutside(s, e) == false {
		return Check{}, false
	}
	for _, name := range r.canonicalNames(c) {
		want, ok := alignSurface(name, r.toks[c.i:c.j], c.altEnd)
		if !ok || !hasAccent(want) {
			continue
		}
		got := r.text[s:e]
		if strings.EqualFold(got, want) || hasAccent(got) {
			return Check{}, false
		}
		return Check{Start: s, End: e, Kind: CheckSpelling, Suggestion: want,
			Message: fmt.Sprintf("%s is spelled %s", got, want)}, true
	}
	return Check{}, false
}

func (r *run) accentedOutside(s, e int) bool {
	for i := range r.toks {
		t := &r.toks[i]
		if t.has(tokAccent) && (int(t.end) <= s || int(t.start) >= e) {
			return true
		}
	}
	return false
}

// hasAccent reports a letter with a diacritic ("é", not "½").
func hasAccent(s string) bool {
	for _, ru := range s {
		if ru >= utf8.RuneSelf && unicode.IsLetter(ru) && matchkey.Key(string(ru)) != strings.ToLower(string(ru)) {
			return true
		}
	}
	return false
}

// alignSurface finds the words of name whose keys equal the mention's tokens
// and returns them as name spells them ("Almodovar" → "Almodóvar").
func alignSurface(name string, toks []token, altEnd bool) (string, bool) {
	nt := tokenize(name)
	keys := make([]string, len(toks))
	for i := range toks {
		keys[i] = toks[i].key
		if altEnd && i == len(toks)-1 {
			keys[i] = toks[i].alt
		}
	}
	for s := 0; s+len(keys) <= len(nt); s++ {
		ok := true
		for k := range keys {
			if nt[s+k].key != keys[k] {
				ok = false
				break
			}
		}
		if ok {
			return name[nt[s].start:nt[s+len(keys)-1].end], true
		}
	}
	return "", false
}

// yearCheck flags a year in parentheses after a title that is not the film's
// ("Volver (2005)": Volver is from 2006).
func (r *run) yearCheck(c *cand) (Check, bool) {
	if c.kind != kFilm {
		return Check{}, false
	}
	_, e := r.span(c)
	y, ys, ye := yearAfter(r.text, e)
	fy := int(r.l.films.year[c.ref])
	if y == 0 || fy == 0 || y == fy || !releaseYear(r.text[strings.LastIndexByte(r.text[:ys], '(')+1:ys]) {
		return Check{}, false
	}
	return Check{Start: ys, End: ye, Kind: CheckYear, Suggestion: fmt.Sprint(fy),
		Message: fmt.Sprintf("%s is from %d, not %d", r.l.filmTitle(c.ref), fy, y)}, true
}

// releaseYear reports the words before a year in parentheses as those of a
// release year: none ("(2005)"), a maker and a comma ("(Almodóvar, 2005)")
// or "released in"; not a remark ("( so technically still 1985 )") whose
// year is a date of the story.
func releaseYear(before string) bool {
	before = strings.TrimSpace(before)
	if before == "" || strings.HasSuffix(before, ",") {
		return true
	}
	ws := strings.Fields(strings.ToLower(before))
	switch ws[len(ws)-1] {
	case "in", "from", "of", "circa", "c.", "released", "dir.", "year":
		return true
	}
	return false
}

// at returns the chosen mention starting at token i, if any.
func (r *run) at(i int) (*cand, bool) {
	if i < 0 || i >= len(r.toks) || r.taken[i] < 0 {
		return nil, false
	}
	c := &r.chosen[r.taken[i]]
	return c, c.i == i
}

// keyAt is the key of token i, "" outside the text.
func (r *run) keyAt(i int) string {
	if i < 0 || i >= len(r.toks) {
		return ""
	}
	return r.toks[i].key
}

var playVerbs = map[string]bool{"plays": true, "played": true, "playing": true, "portrays": true,
	"portrayed": true, "portraying": true, "as": true}

// creditChecks flags "directed by X" when X did not direct the film, and
// "X plays Y", "X as Y", "Y, played by X", "Y (X)" when the catalog gives Y
// to someone else.
func (r *run) creditChecks() []Check {
	var out []Check
	for n := range r.chosen {
		c := &r.chosen[n]
		switch c.kind {
		case kPerson:
			if ck, ok := r.directedCheck(c); ok {
				out = append(out, ck)
			}
		case kChar:
			if ck, ok := r.playedCheck(c); ok {
				out = append(out, ck)
			}
		}
	}
	return out
}

// directedCheck handles "directed by X": the film is the nearest one linked
// earlier in the sentence, else the film under review.
func (r *run) directedCheck(p *cand) (Check, bool) {
	if !(r.keyAt(p.i-1) == "by" && (r.keyAt(p.i-2) == "directed" || r.keyAt(p.i-2) == "codirected")) {
		return Check{}, false
	}
	f, ok := r.filmBefore(p.i-2, true)
	if !ok {
		return Check{}, false
	}
	dirs := r.l.directors(f)
	if len(dirs) == 0 || r.l.credited(p.ref, f)&(1<<catDirector) != 0 {
		return Check{}, false
	}
	names := make([]string, len(dirs))
	for k, d := range dirs {
		names[k] = r.l.personName(d)
	}
	s, e := r.span(p)
	sugg := strings.Join(names, " and ")
	return Check{Start: s, End: e, Kind: CheckCredit, Suggestion: sugg,
		Message: fmt.Sprintf("%s was directed by %s", r.l.filmTitle(f), sugg)}, true
}

// filmBefore finds the film a claim at token i is about: the closest film
// mention before it in its sentence, else (when review is set) the film
// under review.
func (r *run) filmBefore(i int, review bool) (uint32, bool) {
	sent := r.toks[max(0, min(i, len(r.toks)-1))].sent
	for k := i - 1; k >= 0 && r.toks[k].sent == sent; k-- {
		if c, ok := r.at(k); ok && c.kind == kFilm {
			return c.ref, true
		}
	}
	if review && r.review >= 0 && r.reviewBy >= 0.6 {
		return uint32(r.review), true
	}
	return 0, false
}

// playedCheck handles a character next to an actor's name.
func (r *run) playedCheck(ch *cand) (Check, bool) {
	p, ok := r.actorFor(ch)
	if !ok {
		return Check{}, false
	}
	actor := r.l.credits.person[ch.ref]
	if p.ref == actor || r.playsCharacter(p.ref, ch) {
		return Check{}, false
	}
	if r.l.credited(p.ref, r.l.credits.film[ch.ref]) != 0 && r.roleCount(ch) > 1 {
		// The actor is in the film and the name fits several roles
		// ("lebowski"): the mention, not the credit, is in doubt.
		return Check{}, false
	}
	f := r.l.credits.film[ch.ref]
	s, e := r.span(p)
	name := r.l.personName(actor)
	return Check{Start: s, End: e, Kind: CheckCredit, Suggestion: name,
		Message: fmt.Sprintf("in %s, %s is played by %s", r.l.filmTitle(f), r.characterName(ch), name)}, true
}

// roleCount counts the cast credits of the character's film whose names
// contain the mention's words.
func (r *run) roleCount(ch *cand) int {
	want := strings.Fields(matchkey.Key(r.text[r.toks[ch.i].start:r.toks[ch.j-1].end]))
	if ch.altEnd {
		want[len(want)-1] = r.toks[ch.j-1].alt
	}
	n := 0
	lo, hi := r.l.filmCredits(r.l.credits.film[ch.ref])
	for cr := lo; cr < hi; cr++ {
		for _, name := range r.l.characters(cr) {
			if containsWords(characterWords(name), want) {
				n++
				break
			}
		}
	}
	return n
}

// actorFor finds the person a character mention is attributed to: "X plays
// Y", "X as Y", "Y, played by X", "Y (X)". "X as Y's rival" attributes
// nothing.
func (r *run) actorFor(ch *cand) (*cand, bool) {
	if r.toks[ch.j-1].has(tokPossessive) {
		return nil, false
	}
	for back := 1; back <= 2; back++ {
		if !playVerbs[r.keyAt(ch.i-back)] {
			continue
		}
		if back == 2 && r.keyAt(ch.i-1) != "as" && r.keyAt(ch.i-1) != "the" {
			continue
		}
		if p, ok := r.personEndingAt(ch.i - back); ok {
			return p, true
		}
	}
	j := ch.j
	if (r.keyAt(j) == "played" || r.keyAt(j) == "portrayed") && r.keyAt(j+1) == "by" {
		if p, ok := r.at(j + 2); ok && p.kind == kPerson {
			return p, true
		}
	}
	if j < len(r.toks) {
		gap := r.text[r.toks[j-1].end:r.toks[j].start]
		if strings.TrimSpace(gap) == "(" {
			if p, ok := r.at(j); ok && p.kind == kPerson && p.j < len(r.toks) &&
				strings.HasPrefix(strings.TrimSpace(r.text[r.toks[p.j-1].end:]), ")") {
				return p, true
			}
		}
	}
	return nil, false
}

// personEndingAt returns the person mention ending right before token i.
func (r *run) personEndingAt(i int) (*cand, bool) {
	if i-1 < 0 || r.taken[i-1] < 0 {
		return nil, false
	}
	c := &r.chosen[r.taken[i-1]]
	return c, c.kind == kPerson && c.j == i
}

// playsCharacter reports whether person p plays a character of the same name
// in the character's film (the mention may have picked another credit of a
// role two actors share).
func (r *run) playsCharacter(p uint32, ch *cand) bool {
	want := strings.Fields(matchkey.Key(r.text[r.toks[ch.i].start:r.toks[ch.j-1].end]))
	f := r.l.credits.film[ch.ref]
	lo, hi := r.l.filmCredits(f)
	for cr := lo; cr < hi; cr++ {
		if r.l.credits.person[cr] != p {
			continue
		}
		for _, name := range r.l.characters(cr) {
			if containsWords(characterWords(name), want) {
				return true
			}
		}
	}
	return false
}

func containsWords(hay, needle []string) bool {
	for s := 0; s+len(needle) <= len(hay); s++ {
		ok := true
		for k := range needle {
			if hay[s+k] != needle[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
