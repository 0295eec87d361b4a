package web

import (
	"context"
	"html/template"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"reel"
	"reel/store"
)

// filmPage is the film page's view-model: the catalog part, rendered once
// and cached, and the parts that change with every review. Scores and
// Reviews are filled by the reviews work; the template already renders
// their empty states.
type filmPage struct {
	*filmCatalog
	Scores  scoresView
	Reviews []reviewView
}

// filmCatalog is what a film page shows from the catalog, with its HTML
// fragments rendered: it changes only on import, so it is cached.
type filmCatalog struct {
	reel.Film
	Head    template.HTML // title, original title, director, runtime, genres
	Credits template.HTML // cast and crew
	AKAs    template.HTML // alternate titles
	desc    string
	ld      map[string]any // schema.org Movie without the rating
}

// filmFacts is the data the catalog fragments render.
type filmFacts struct {
	reel.Film
	ShowOriginal bool // the original title differs from the display title
	Credits      filmCredits
	AltTitles    []akaView
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
	body, err := cached(r.Context(), s.liveCache, id, func(ctx context.Context) ([]byte, error) { return s.renderFilm(ctx, id) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeHTML(w, r, http.StatusOK, body)
}

// renderFilm renders a film page from its cached catalog part and its
// current scores.
func (s *Server) renderFilm(ctx context.Context, id reel.FilmID) ([]byte, error) {
	fc, err := cached(ctx, s.filmCache, id, func(ctx context.Context) (*filmCatalog, error) { return s.loadFilmCatalog(ctx, id) })
	if err != nil {
		return nil, err
	}
	scores, err := s.store.FilmScores(ctx, id)
	if err != nil {
		return nil, err
	}
	reviews, err := s.filmReviews(ctx, id)
	if err != nil {
		return nil, err
	}
	p := filmPage{filmCatalog: fc, Scores: scoresViewOf(scores), Reviews: reviews}
	return s.execute("film", "layout", view{Title: filmTitle(fc.Film), Description: fc.desc, JSONLD: p.movieLD(), Page: p})
}

// filmReviewsShown bounds the reviews listed on a film page; the feed and
// the API page through the rest.
const filmReviewsShown = 20

// filmReviews lists the film's latest public reviews as any reader sees
// them: the page is cached for everyone, so nothing private may enter it.
func (s *Server) filmReviews(ctx context.Context, id reel.FilmID) ([]reviewView, error) {
	page, err := s.store.ReviewsByFilm(ctx, 0, id, store.Page{Limit: filmReviewsShown})
	if err != nil {
		return nil, err
	}
	out := make([]reviewView, 0, len(page.Reviews))
	for _, rv := range page.Reviews {
		if rv.Visibility != store.Public {
			continue
		}
		v := reviewView{ID: int64(rv.ID), Author: rv.Author, AuthorURL: userURL(rv.Author),
			Grade: gradeLabel(rv.Grade), Spoilers: rv.Spoilers, URL: reviewURL(rv.ID), Excerpt: rv.PullQuote}
		if rv.AuthorName != "" {
			v.Author = rv.AuthorName
		}
		if v.Excerpt == "" {
			v.Excerpt = excerpt(rv.HTML, excerptRunes)
		}
		out = append(out, v)
	}
	return out, nil
}

// forgetFilm drops the film's cached page, so the next request shows its
// current scores and reviews. Handlers that write reviews call it.
func (s *Server) forgetFilm(id reel.FilmID) { s.liveCache.forget(id) }

// loadFilmCatalog reads a film and renders its catalog fragments.
func (s *Server) loadFilmCatalog(ctx context.Context, id reel.FilmID) (*filmCatalog, error) {
	d, err := s.store.Film(ctx, id)
	if reel.ErrorCode(err) == reel.NotFound {
		err = reel.Wrap(err, reel.NotFound, "There is no film %s in the catalog.", id)
	}
	if err != nil {
		return nil, err
	}
	facts := filmFacts{Film: d.Film, ShowOriginal: d.OriginalTitle != d.Title,
		Credits: sortCredits(d.Credits), AltTitles: groupAltTitles(d.AltTitles)}
	fc := &filmCatalog{Film: d.Film, desc: filmDescription(d.Film, facts.Credits), ld: movieLD(facts)}
	for _, f := range []struct {
		tmpl string
		dst  *template.HTML
	}{{"film-head", &fc.Head}, {"film-credits", &fc.Credits}, {"film-akas", &fc.AKAs}} {
		b, err := s.execute("film", f.tmpl, facts)
		if err != nil {
			return nil, err
		}
		*f.dst = template.HTML(b) // rendered by html/template: already escaped
	}
	return fc, nil
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
// previews, with the rating the page shows. html/template marshals it to
// JSON inside the ld+json block.
func (p filmPage) movieLD() map[string]any {
	r, ok := ldRating(p.Scores)
	if !ok {
		return p.ld
	}
	ld := maps.Clone(p.ld) // the cached map is shared between requests
	ld["aggregateRating"] = r
	return ld
}

// movieLD is the catalog part of the schema.org Movie.
func movieLD(f filmFacts) map[string]any {
	ld := map[string]any{
		"@context": "https://schema.org",
		"@type":    "Movie",
		"name":     f.Title,
		"sameAs":   "https://www.imdb.com/title/" + f.ID.String() + "/",
	}
	if f.ShowOriginal {
		ld["alternateName"] = f.OriginalTitle
	}
	if f.Year > 0 {
		ld["datePublished"] = strconv.Itoa(f.Year)
	}
	if f.Runtime > 0 {
		ld["duration"] = "PT" + strconv.Itoa(f.Runtime) + "M"
	}
	if len(f.Genres) > 0 {
		ld["genre"] = f.Genres
	}
	if people := ldPeople(f.Credits.Directors); people != nil {
		ld["director"] = people
	}
	if people := ldPeople(f.Credits.Writers); people != nil {
		ld["author"] = people
	}
	if cast := ldCast(f.Credits.Cast); cast != nil {
		ld["actor"] = cast
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
