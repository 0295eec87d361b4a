package letterboxd

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"reel"
	"reel/matchkey"
)

// Status is the outcome of matching one row to the catalog.
type Status string

// The outcomes.
const (
	Matched   Status = "matched"
	Ambiguous Status = "ambiguous" // several films fit; Candidates lists them
	Unmatched Status = "unmatched" // no film fits
)

// PopularityMargin is how many times the votes of the next candidate the
// most popular one needs to win a tie on its own: a film everyone has
// seen against an obscure namesake, not two films of similar standing.
const PopularityMargin = 10

// Candidate is a catalog film that may be the one a row names.
type Candidate struct {
	ID           string `json:"id"` // IMDb tconst
	Title        string `json:"title"`
	Year         int    `json:"year,omitempty"`
	Popularity   int64  `json:"popularity"`              // IMDb votes
	MatchedTitle string `json:"matched_title,omitempty"` // the title or alternate title that matched
}

// Catalog finds films by title. Candidates returns the films whose title
// or an alternate title has the same match key (matchkey.Key) as title,
// released within a year of year, or in any year when year is 0. Match
// checks both conditions again, so a looser search does no harm.
type Catalog interface {
	Candidates(ctx context.Context, title string, year int) ([]Candidate, error)
}

// Match is the outcome for one film.
type Match struct {
	ID         string      `json:"id,omitempty"`
	Status     Status      `json:"status"`
	Reason     string      `json:"reason"`
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Matcher matches films to a catalog, consulting the member's resolutions
// first. It remembers catalog answers, since one film appears in the
// diary, watched, ratings and lists alike. It is not safe for concurrent use.
type Matcher struct {
	catalog     Catalog
	resolutions *Resolutions
	cache       map[string][]Candidate
	progress    func(done, total int)
}

// progressEvery is how many rows MatchExport matches between progress
// reports: often enough for a progress bar, rare enough to cost nothing.
const progressEvery = 100

// OnProgress has MatchExport call f with the number of rows matched so far
// and the total, every progressEvery rows and once at the end, so that a
// caller can show how far a large export has got.
func (m *Matcher) OnProgress(f func(done, total int)) { m.progress = f }

// NewMatcher returns a Matcher; resolutions may be nil.
func NewMatcher(cat Catalog, resolutions *Resolutions) *Matcher {
	return &Matcher{catalog: cat, resolutions: resolutions, cache: make(map[string][]Candidate)}
}

// Match finds the catalog film f names. Resolutions win, then an id the
// export itself recorded, then the catalog.
func (m *Matcher) Match(ctx context.Context, f Film) (Match, error) {
	if id, why, ok := m.resolutions.Lookup(f); ok {
		return Match{ID: id, Status: Matched, Reason: why}, nil
	}
	if f.ID != "" {
		return Match{ID: f.ID, Status: Matched, Reason: "IMDb id recorded in the export"}, nil
	}
	key := matchkey.Key(f.Name)
	if key == "" {
		return Match{Status: Unmatched, Reason: "no title"}, nil
	}
	cands, err := m.candidates(ctx, key, f)
	if err != nil {
		return Match{}, err
	}
	return decide(f, cands), nil
}

// candidates asks the catalog once per title and year, keeping only
// films that truly fit, once each, nearest year and most popular first.
func (m *Matcher) candidates(ctx context.Context, key string, f Film) ([]Candidate, error) {
	ck := key + "\x00" + strconv.Itoa(f.Year)
	if cs, ok := m.cache[ck]; ok {
		return cs, nil
	}
	all, err := m.catalog.Candidates(ctx, f.Name, f.Year)
	if err != nil {
		return nil, reel.Wrap(err, reel.ErrorCode(err), "letterboxd: catalog search for %q", f.Name)
	}
	var cs []Candidate
	seen := make(map[string]int)
	for _, c := range all {
		if !fits(c, key, f.Year) {
			continue
		}
		if i, dup := seen[c.ID]; dup {
			// Prefer the primary title for the report over an alternate one.
			if matchkey.Key(c.Title) == key {
				cs[i].MatchedTitle = c.MatchedTitle
			}
			continue
		}
		seen[c.ID] = len(cs)
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(yearGap(a, f.Year), yearGap(b, f.Year)),
			cmp.Compare(b.Popularity, a.Popularity), cmp.Compare(a.ID, b.ID))
	})
	m.cache[ck] = cs
	return cs, nil
}

func fits(c Candidate, key string, year int) bool {
	t := c.MatchedTitle
	if t == "" {
		t = c.Title
	}
	if c.ID == "" || matchkey.Key(t) != key {
		return false
	}
	return year == 0 || c.Year != 0 && yearGap(c, year) <= 1
}

func yearGap(c Candidate, year int) int {
	if year == 0 {
		return 0
	}
	return max(c.Year-year, year-c.Year)
}

// decide applies the rules: same year beats a year off; among several, a
// clear popularity lead wins; otherwise the row is ambiguous.
func decide(f Film, cs []Candidate) Match {
	if len(cs) == 0 {
		if f.Year == 0 {
			return Match{Status: Unmatched, Reason: fmt.Sprintf("no catalog film titled %q", f.Name)}
		}
		return Match{Status: Unmatched, Reason: fmt.Sprintf("no catalog film titled %q from %d–%d", f.Name, f.Year-1, f.Year+1)}
	}
	pool, basis := cs, "title matches, no year in the export"
	if f.Year != 0 {
		exact := slices.DeleteFunc(slices.Clone(cs), func(c Candidate) bool { return c.Year != f.Year })
		if len(exact) > 0 {
			pool, basis = exact, "title and year match"
		} else {
			basis = "title matches, year differs by one"
		}
	}
	if len(pool) == 1 {
		return Match{ID: pool[0].ID, Status: Matched, Reason: basis + alternate(pool[0])}
	}
	// pool is sorted most popular first within the same year gap.
	if top, next := pool[0].Popularity, pool[1].Popularity; top >= PopularityMargin*max(next, 1) {
		return Match{ID: pool[0].ID, Status: Matched, Candidates: cs,
			Reason: fmt.Sprintf("%s for %d films; %s is the most popular by far (%d votes, next %d)", basis, len(pool), pool[0].ID, top, next)}
	}
	return Match{Status: Ambiguous, Candidates: cs,
		Reason: fmt.Sprintf("%s for %d films of similar popularity", basis, len(pool))}
}

func alternate(c Candidate) string {
	if c.MatchedTitle != "" && matchkey.Key(c.MatchedTitle) != matchkey.Key(c.Title) {
		return fmt.Sprintf(" (as alternate title %q)", c.MatchedTitle)
	}
	return ""
}

// MatchExport matches every film-bearing row of exp, sets each row's ID
// (empty when not matched) and returns the report. It fails only when the
// catalog does.
func (m *Matcher) MatchExport(ctx context.Context, exp *Export) (*Report, error) {
	rep := &Report{}
	refs := exp.films()
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if m.progress != nil && i%progressEvery == 0 {
			m.progress(i, len(refs))
		}
		mt, err := m.Match(ctx, *ref.film)
		if err != nil {
			return nil, err
		}
		ref.film.ID = mt.ID
		rep.add(ref, mt)
	}
	if m.progress != nil {
		m.progress(len(refs), len(refs))
	}
	return rep, nil
}
