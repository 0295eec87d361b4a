package web

import (
	"net/http"

	"reel"
	"reel/grade"
	"reel/store"
)

// reviewFields are a review's writable fields. Absent fields keep their
// value on PATCH and take the store's default on POST.
type reviewFields struct {
	Body       *string   `json:"body"`
	Format     *string   `json:"format"`
	Grade      *string   `json:"grade"` // as written: "3.5/5", "B+", "88"; "" for none
	Verdict    *string   `json:"verdict"`
	Spoilers   *bool     `json:"spoilers"`
	Tags       *[]string `json:"tags"`
	WatchedOn  *string   `json:"watched_on"`
	Rewatch    *bool     `json:"rewatch"`
	Liked      *bool     `json:"liked"`
	Visibility *string   `json:"visibility"`
	SourceURL  *string   `json:"source_url"`
	PullQuote  *string   `json:"pull_quote"`
}

// reviewCreate is the body of POST /api/v1/reviews; the film cannot change
// later, so only a create names it.
type reviewCreate struct {
	FilmID filmIDInput `json:"film_id"`
	reviewFields
}

// apply writes the fields present onto in.
func (f reviewFields) apply(in *store.ReviewInput) error {
	if f.Grade != nil {
		g, err := parseGrade(*f.Grade)
		if err != nil {
			return err
		}
		in.Grade = g
	}
	setString(&in.Body, f.Body)
	setString(&in.Format, f.Format)
	setString(&in.WatchedOn, f.WatchedOn)
	setString(&in.SourceURL, f.SourceURL)
	setString(&in.PullQuote, f.PullQuote)
	if f.Verdict != nil {
		in.Verdict = grade.Verdict(*f.Verdict)
	}
	if f.Visibility != nil {
		in.Visibility = store.Visibility(*f.Visibility)
	}
	setBool(&in.Spoilers, f.Spoilers)
	setBool(&in.Rewatch, f.Rewatch)
	setBool(&in.Liked, f.Liked)
	if f.Tags != nil {
		in.Tags = *f.Tags
	}
	return nil
}

func setString(dst, src *string) {
	if src != nil {
		*dst = *src
	}
}

func setBool(dst, src *bool) {
	if src != nil {
		*dst = *src
	}
}

// reviewInputOf is a stored review as input, the base a PATCH edits. An
// inferred grade is left out: the store keeps it when no grade is given.
func reviewInputOf(r store.Review) store.ReviewInput {
	in := store.ReviewInput{FilmID: r.FilmID, Body: r.Body, Format: r.Format, Spoilers: r.Spoilers,
		Tags: r.Tags, WatchedOn: r.WatchedOn, Rewatch: r.Rewatch, Liked: r.Liked,
		Visibility: r.Visibility, SourceURL: r.SourceURL, PullQuote: r.PullQuote}
	if r.Grade != nil && r.Grade.Source != store.GradeInferred {
		in.Grade = storedGrade(r.Grade)
	}
	if r.VerdictSaid {
		in.Verdict = r.Verdict
	}
	return in
}

// filmScores is what the film page shows of one audience: the derived
// numbers, absent until there are enough reviews to show them.
type audienceView struct {
	Count           int64     `json:"count"`
	Mean            *float64  `json:"mean,omitempty"`
	PercentPositive *int      `json:"percent_positive,omitempty"`
	WeightedScore   *int      `json:"weighted_score,omitempty"`
	HalfStars       [11]int64 `json:"half_stars"`
}

func viewAudience(a store.AudienceScores) audienceView {
	v := audienceView{Count: a.Count, HalfStars: a.Histogram}
	if m, ok := a.Mean(); ok {
		v.Mean = &m
	}
	if p, ok := a.PercentPositive(0); ok {
		v.PercentPositive = &p
	}
	if w, ok := a.WeightedScore(); ok {
		v.WeightedScore = &w
	}
	return v
}

func (s *Server) apiFilmScores(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParseFilmID(r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	sc, err := s.store.FilmScores(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"film_id": id,
		"critics": viewAudience(sc.Critics), "top_critics": viewAudience(sc.TopCritics),
		"members": viewAudience(sc.Members)})
}

func (s *Server) apiFilmReviews(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParseFilmID(r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.reviewPage(w, r, func(p store.Page) (store.ReviewPage, error) {
		if err := s.filmExists(r, id); err != nil {
			return store.ReviewPage{}, err
		}
		return s.store.ReviewsByFilm(r.Context(), viewerID(r), id, p)
	})
}

// filmExists makes an unknown film a 404 rather than an empty page;
// FilmScores is the store's cheapest call that checks.
func (s *Server) filmExists(r *http.Request, id reel.FilmID) error {
	_, err := s.store.FilmScores(r.Context(), id)
	return err
}

// apiReviews lists everyone's public reviews, or those with ?tag=.
func (s *Server) apiReviews(w http.ResponseWriter, r *http.Request) {
	s.reviewPage(w, r, func(p store.Page) (store.ReviewPage, error) {
		if tag := r.URL.Query().Get("tag"); tag != "" {
			return s.store.ReviewsByTag(r.Context(), viewerID(r), tag, p)
		}
		return s.store.LatestReviews(r.Context(), p)
	})
}

// reviewPage answers one page of reviews from load.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, load func(store.Page) (store.ReviewPage, error)) {
	p, err := pageParam(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, err := load(p)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, page)
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	rv, err := s.reviewOf(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, rv)
}

// reviewOf loads the review the path names as the viewer sees it: another
// user's private review is NotFound.
func (s *Server) reviewOf(r *http.Request) (store.Review, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return store.Review{}, err
	}
	return s.store.Review(r.Context(), viewerID(r), store.ReviewID(id))
}

func (s *Server) apiCreateReview(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	rv, err := s.createReview(r, u)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.forgetFilm(rv.FilmID)
	s.created(w, apiPath("reviews/%d", rv.ID), rv)
}

func (s *Server) createReview(r *http.Request, u store.User) (store.Review, error) {
	var body reviewCreate
	if err := decodeJSON(r, &body); err != nil {
		return store.Review{}, err
	}
	if body.FilmID == 0 {
		return store.Review{}, reel.Errorf(reel.Invalid, "a review needs film_id")
	}
	in := store.ReviewInput{FilmID: reel.FilmID(body.FilmID)}
	if err := body.apply(&in); err != nil {
		return store.Review{}, err
	}
	return s.store.CreateReview(r.Context(), u.ID, in)
}

func (s *Server) apiPatchReview(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	rv, err := s.patchReview(r, u)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.forgetFilm(rv.FilmID)
	s.writeJSON(w, http.StatusOK, rv)
}

func (s *Server) patchReview(r *http.Request, u store.User) (store.Review, error) {
	old, err := s.reviewOf(r)
	if err != nil {
		return old, err
	}
	if old.UserID != u.ID {
		return old, forbidden("this review")
	}
	var body reviewFields
	if err := decodeJSON(r, &body); err != nil {
		return old, err
	}
	in := reviewInputOf(old)
	if err := body.apply(&in); err != nil {
		return old, err
	}
	return s.store.UpdateReview(r.Context(), u.ID, old.ID, in)
}

// apiDeleteReview deletes a review as its author (or an admin, as the
// store allows).
func (s *Server) apiDeleteReview(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	rv, err := s.reviewOf(r)
	if err == nil {
		err = s.store.DeleteReview(r.Context(), u.ID, rv.ID)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.forgetFilm(rv.FilmID)
	w.WriteHeader(http.StatusNoContent)
}
