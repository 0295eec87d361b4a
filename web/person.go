package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"reel"
)

// personPage is the person page's view-model.
type personPage struct {
	reel.Person
	Professions string // "Writer, director, producer"
	Groups      []roleGroup
	FilmCount   int
	Decades     barChart
}

// roleGroup is the films of one role, newest first.
type roleGroup struct {
	Category string
	Label    string
	Credits  []roleCredit
}

// roleCredit is one film in a role group.
type roleCredit struct {
	FilmID reel.FilmID
	Title  string
	Year   int
	Note   string // the characters played, or the job
}

// roleOrder puts the roles a critic looks for first; others follow by name.
var roleOrder = map[string]int{"director": 1, "writer": 2, "actor": 3, "actress": 4, "self": 5, "producer": 6}

func (s *Server) handlePerson(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParsePersonID(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PathValue("id") != id.String() {
		http.Redirect(w, r, personURL(id), http.StatusMovedPermanently)
		return
	}
	s.renderCached(w, r, r.URL.Path, "person", func(ctx context.Context) (view, error) {
		d, err := s.store.Person(ctx, id)
		if reel.ErrorCode(err) == reel.NotFound {
			err = reel.Wrap(err, reel.NotFound, "There is no person %s in the catalog.", id)
		}
		if err != nil {
			return view{}, err
		}
		p := personPage{Person: d.Person, Professions: professions(d.Professions), Groups: groupRoles(d.Filmography)}
		p.FilmCount, p.Decades = decades(d.Filmography)
		return view{
			Title:       d.Name,
			Description: d.Name + ": filmography by role, on reel.",
			JSONLD:      personLD(d.Person),
			Page:        p,
		}, nil
	})
}

// professions turns IMDb's list into copy: "writer,director" → "Writer, director".
func professions(list []string) string {
	s := strings.ReplaceAll(strings.Join(list, ", "), "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// groupRoles splits a filmography (newest first) by role, keeping that order
// within each role and listing a film once per role.
func groupRoles(credits []reel.FilmCredit) []roleGroup {
	var groups []roleGroup
	at := map[string]int{}
	seen := map[string]bool{}
	for _, c := range credits {
		key := c.Category + "/" + c.FilmID.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		i, ok := at[c.Category]
		if !ok {
			i = len(groups)
			at[c.Category] = i
			groups = append(groups, roleGroup{Category: c.Category, Label: roleLabel(c.Category)})
		}
		groups[i].Credits = append(groups[i].Credits, roleCredit{FilmID: c.FilmID, Title: c.Title, Year: c.Year, Note: creditNote(c)})
	}
	slices.SortStableFunc(groups, func(a, b roleGroup) int {
		return cmp.Or(cmp.Compare(rank(a.Category), rank(b.Category)), cmp.Compare(a.Label, b.Label))
	})
	return groups
}

func rank(category string) int {
	if r, ok := roleOrder[category]; ok {
		return r
	}
	return len(roleOrder) + 1
}

func creditNote(c reel.FilmCredit) string {
	if len(c.Characters) > 0 {
		return "as " + strings.Join(c.Characters, " / ")
	}
	return c.Job
}

// decades counts distinct dated films per decade, from the first to the last
// decade of the career with empty decades kept, so gaps show.
func decades(credits []reel.FilmCredit) (int, barChart) {
	films := map[reel.FilmID]int{}
	for _, c := range credits {
		films[c.FilmID] = c.Year
	}
	counts := map[int]int64{}
	first, last := 0, 0
	for _, year := range films {
		if year == 0 {
			continue
		}
		d := year / 10 * 10
		counts[d]++
		if first == 0 || d < first {
			first = d
		}
		last = max(last, d)
	}
	var labels []string
	var values []int64
	for d := first; first > 0 && d <= last; d += 10 {
		labels = append(labels, decadeLabel(d, (last-first)/10+1))
		values = append(values, counts[d])
	}
	return len(films), newBarChart("decades", "Films per decade", labels, values)
}

// decadeLabel is "1980s", or "’80s" when many bars leave little room.
func decadeLabel(decade, bars int) string {
	if bars > 8 {
		return "’" + strconv.Itoa(decade%100/10) + "0s"
	}
	return strconv.Itoa(decade) + "s"
}

// personLD is the person's schema.org Person.
func personLD(p reel.Person) map[string]any {
	ld := map[string]any{
		"@context": "https://schema.org",
		"@type":    "Person",
		"name":     p.Name,
		"sameAs":   "https://www.imdb.com/name/" + p.ID.String() + "/",
	}
	if p.BirthYear > 0 {
		ld["birthDate"] = strconv.Itoa(p.BirthYear)
	}
	if p.DeathYear > 0 {
		ld["deathDate"] = strconv.Itoa(p.DeathYear)
	}
	return ld
}
