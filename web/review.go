package web

import (
	"context"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"reel"
	"reel/markup"
	"reel/store"
)

// The journal's pages (reviews, profiles, diaries, lists, stats, feeds) are
// registered here rather than in render.go's list, so this part of the site
// can grow without editing a file every page shares.
func init() {
	pageNames = append(pageNames, "review", "review_edit", "profile", "diary", "watchlist", "lists", "list", "stats", "year")
}

// reviewPage is the review page's view-model.
type reviewPage struct {
	Review    store.Review
	Film      reel.Film
	AuthorURL string
	Author    string // display name, or the handle when there is none
	Body      template.HTML
	Grade     string // "B+ · 83/100", or "" for none
	Watched   string // "12 March 2024"
	Likes     int
	Liked     bool // the viewer likes the review
	CanLike   bool // signed in, and not the author
	// InlineSpoilers: the body hides passages, so the page offers the
	// no-JS switch that reveals them.
	InlineSpoilers bool
	CanEdit        bool // the author
	CanDelete      bool // the author or an admin
}

func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	rv, err := s.reviewByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.reviewPageOf(r.Context(), rv, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := p.Author + " on " + filmTitle(p.Film)
	s.render(w, r, http.StatusOK, "review", view{Title: title, Description: title + ".", JSONLD: reviewLD(p), Page: p})
}

// reviewByPath reads the review named by the {id} path value as the viewer
// may see it: another user's private review is NotFound.
func (s *Server) reviewByPath(r *http.Request) (store.Review, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Review{}, reel.Errorf(reel.NotFound, "There is no review %q.", r.PathValue("id"))
	}
	rv, err := s.store.Review(r.Context(), viewerID(r), store.ReviewID(id))
	if reel.ErrorCode(err) == reel.NotFound {
		err = reel.Wrap(err, reel.NotFound, "There is no review %d.", id)
	}
	return rv, err
}

func (s *Server) reviewPageOf(ctx context.Context, rv store.Review, r *http.Request) (reviewPage, error) {
	films, err := s.filmsByID(ctx, []reel.FilmID{rv.FilmID})
	if err != nil {
		return reviewPage{}, err
	}
	likes, liked, err := s.store.Likes(ctx, viewerID(r), store.LikeReview, int64(rv.ID))
	if err != nil {
		return reviewPage{}, err
	}
	u, signedIn := viewer(r)
	own := signedIn && u.ID == rv.UserID
	return reviewPage{
		Review: rv, Film: films[rv.FilmID], AuthorURL: userURL(rv.Author), Author: authorName(rv),
		Body:  template.HTML(rv.HTML), // sanitised by markup when the review was saved
		Grade: gradeLabel(rv.Grade), Watched: longDate(rv.WatchedOn), Likes: likes, Liked: liked, CanLike: signedIn && !own,
		InlineSpoilers: strings.Contains(rv.HTML, `class="`+markup.SpoilerClass+`"`),
		CanEdit:        own, CanDelete: own || (signedIn && u.Role == store.RoleAdmin),
	}, nil
}

// filmsByID reads films for a page, keyed by id. A film missing from the
// catalog (dropped by a re-import) gets a stand-in named by its id, so a
// review of it still shows.
func (s *Server) filmsByID(ctx context.Context, ids []reel.FilmID) (map[reel.FilmID]reel.Film, error) {
	fs, err := s.store.FilmsInBatches(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[reel.FilmID]reel.Film, len(ids))
	for _, id := range ids {
		out[id] = reel.Film{ID: id, Title: id.String()}
	}
	for _, f := range fs {
		out[f.ID] = f
	}
	return out, nil
}

func userURL(name string) string { return "/u/" + name }

func reviewURL(id store.ReviewID) string { return "/reviews/" + strconv.FormatInt(int64(id), 10) }

func authorName(rv store.Review) string {
	if rv.AuthorName != "" {
		return rv.AuthorName
	}
	return rv.Author
}

// gradeLabel shows a grade as written with its 0–100 value, unless it was
// written on that scale already: "B+ · 83/100", "88/100".
func gradeLabel(g *store.ReviewGrade) string {
	if g == nil {
		return ""
	}
	value := formatValue(g.Value) + "/100"
	switch {
	case g.Source == store.GradeInferred:
		return value + " (inferred)"
	case g.Source == store.GradeGiven:
		return g.Text
	}
	return g.Text + " · " + value
}

// formatValue prints a 0–100 value to at most one decimal: 83, 87.5.
func formatValue(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// longDate spells a YYYY-MM-DD date as "12 March 2024"; "" stays "".
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 January 2006")
}

// reviewLD is the schema.org Review with its rating on the 0–100 scale the
// site normalises to.
func reviewLD(p reviewPage) map[string]any {
	rv := p.Review
	ld := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "Review",
		"url":           reviewURL(rv.ID),
		"author":        ldPerson{"Person", p.Author, p.AuthorURL},
		"datePublished": rv.CreatedAt.Format(time.DateOnly),
		"itemReviewed":  map[string]any{"@type": "Movie", "name": p.Film.Title, "sameAs": "https://www.imdb.com/title/" + rv.FilmID.String() + "/"},
	}
	if p.Film.Year > 0 {
		ld["itemReviewed"].(map[string]any)["datePublished"] = strconv.Itoa(p.Film.Year)
	}
	if rv.Grade != nil {
		ld["reviewRating"] = map[string]any{"@type": "Rating", "ratingValue": rv.Grade.Value,
			"bestRating": 100, "worstRating": 0, "alternateName": rv.Grade.Text}
	}
	if rv.PullQuote != "" {
		ld["description"] = rv.PullQuote
	}
	return ld
}

// handleDeleteReview deletes a review (its author or an admin) and goes to
// the film's page.
func (s *Server) handleDeleteReview(w http.ResponseWriter, r *http.Request) {
	if _, err := requireViewer(r); err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.reviewByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.DeleteReview(r.Context(), viewerID(r), rv.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.forgetFilm(rv.FilmID)
	http.Redirect(w, r, filmURL(rv.FilmID), http.StatusSeeOther)
}

// handleLikeReview likes or (with unlike=1) unlikes a review and goes back
// to it: a form button, so liking works without JavaScript.
func (s *Server) handleLikeReview(w http.ResponseWriter, r *http.Request) {
	u, err := requireViewer(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.reviewByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PostFormValue("unlike") != "" {
		err = s.store.Unlike(r.Context(), u.ID, store.LikeReview, int64(rv.ID))
	} else {
		err = s.store.Like(r.Context(), u.ID, store.LikeReview, int64(rv.ID))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, reviewURL(rv.ID), http.StatusSeeOther)
}
