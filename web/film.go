package web

import (
	"net/http"
	"slices"
	"strconv"

	"reel"
)

// filmPage is the film page's view-model. Scores and Reviews are filled by
// the reviews work; the template already renders their empty states.
type filmPage struct {
	reel.Film
	ShowOriginal bool // the original title differs from the display title
	Credits      filmCredits
	AltTitles    []akaView
	Scores       scoresView
	Reviews      []reviewView
}

// reviewView is a review as a film page lists it.
type reviewView struct {
	ID        int64
	Author    string
	AuthorURL string
	Grade     string // as the critic wrote it
	Excerpt   string // the pull quote or the opening, plain text
	Spoilers  bool
	URL       string
}

func (s *Server) handleFilm(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParseFilmID(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PathValue("id") != id.String() {
		http.Redirect(w, r, filmURL(id), http.StatusMovedPermanently)
		return
	}
	d, err := s.store.Film(r.Context(), id)
	if reel.ErrorCode(err) == reel.NotFound {
		err = reel.Wrap(err, reel.NotFound, "There is no film %s in the catalog.", id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scores, err := s.store.FilmScores(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := filmPage{Film: d.Film, ShowOriginal: d.OriginalTitle != d.Title, Credits: sortCredits(d.Credits),
		AltTitles: groupAltTitles(d.AltTitles), Scores: scoresViewOf(scores)}
	s.render(w, r, http.StatusOK, "film", view{
		Title:       filmTitle(d.Film),
		Description: filmDescription(d.Film, p.Credits),
		JSONLD:      movieLD(p),
		Page:        p,
	})
}

// akaView is one alternate title with every region that uses it.
type akaView struct {
	Title    string
	Original bool
	Regions  []string
}

// groupAltTitles lists each distinct title once, in IMDb's order, with its
// regions: IMDb repeats a title per country ("Dolor y gloria" for ES and IT).
func groupAltTitles(akas []reel.AltTitle) []akaView {
	var out []akaView
	at := map[string]int{}
	for _, a := range akas {
		i, ok := at[a.Title]
		if !ok {
			i = len(out)
			at[a.Title] = i
			out = append(out, akaView{Title: a.Title})
		}
		out[i].Original = out[i].Original || a.Original
		if a.Region != "" && !slices.Contains(out[i].Regions, a.Region) {
			out[i].Regions = append(out[i].Regions, a.Region)
		}
	}
	return out
}

// filmTitle is "Pain and Glory (2019)".
func filmTitle(f reel.Film) string {
	if f.Year == 0 {
		return f.Title
	}
	return f.Title + " (" + strconv.Itoa(f.Year) + ")"
}

// filmDescription is the meta description: who made it, and when.
func filmDescription(f reel.Film, c filmCredits) string {
	s := filmTitle(f)
	if len(c.Directors) > 0 {
		s += ", directed by " + c.Directors[0].Name
	}
	return s + ": credits, scores and reviews."
}

// movieLD is the film's schema.org Movie, for search engines and link
// previews. html/template marshals it to JSON inside the ld+json block.
func movieLD(p filmPage) map[string]any {
	ld := map[string]any{
		"@context": "https://schema.org",
		"@type":    "Movie",
		"name":     p.Title,
		"sameAs":   "https://www.imdb.com/title/" + p.ID.String() + "/",
	}
	if p.ShowOriginal {
		ld["alternateName"] = p.OriginalTitle
	}
	if p.Year > 0 {
		ld["datePublished"] = strconv.Itoa(p.Year)
	}
	if p.Runtime > 0 {
		ld["duration"] = "PT" + strconv.Itoa(p.Runtime) + "M"
	}
	if len(p.Genres) > 0 {
		ld["genre"] = p.Genres
	}
	if people := ldPeople(p.Credits.Directors); people != nil {
		ld["director"] = people
	}
	if people := ldPeople(p.Credits.Writers); people != nil {
		ld["author"] = people
	}
	if cast := ldCast(p.Credits.Cast); cast != nil {
		ld["actor"] = cast
	}
	if r, ok := ldRating(p.Scores); ok {
		ld["aggregateRating"] = r
	}
	return ld
}

type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"` // site-relative: the site does not know its own origin
}

func ldPeople(links []personLink) []ldPerson {
	var out []ldPerson
	for _, l := range links {
		out = append(out, ldPerson{"Person", l.Name, personURL(l.ID)})
	}
	return out
}

func ldCast(cast []castMember) []ldPerson {
	var out []ldPerson
	for _, c := range cast {
		out = append(out, ldPerson{"Person", c.Name, personURL(c.ID)})
	}
	return out
}
