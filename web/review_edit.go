package web

import (
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"reel"
	"reel/grade"
	"reel/markup"
	"reel/store"
)

// reviewForm is the write/edit form's view-model: what the writer typed,
// kept as typed so a form with an error comes back intact.
type reviewForm struct {
	Action     string // where the form posts
	Editing    bool
	ReviewID   store.ReviewID
	Film       reel.Film        // zero until a film is chosen
	FilmQuery  string           // what the writer typed to find the film
	Candidates []reel.SearchHit // films matching FilmQuery, to choose from
	Grade      string
	GradeValue string // "83/100" when Grade parses
	Verdict    string
	Body       string
	Preview    template.HTML
	Spoilers   bool
	WatchedOn  string
	Rewatch    bool
	Liked      bool
	Tags       string
	Visibility string
	PullQuote  string // critics and admins (store rule); QuoteField shows the field
	SourceURL  string // kept as is: the form does not edit it, and a save replaces every field
	Format     string // the body's format, kept as is: an imported HTML body stays HTML
	QuoteField bool
	Panel      deskPanel         // the copy desk's reading of Body (review_edit_panel.go)
	Today      string            // the latest watch date the date field offers
	Errors     map[string]string // by field name
	Error      string            // a problem with the review as a whole
}

// formStatus is the status of a form sent back with errors: the request was
// understood, its content was not acceptable.
const formStatus = http.StatusUnprocessableEntity

func (s *Server) handleNewReview(w http.ResponseWriter, r *http.Request) {
	if _, err := requireViewer(r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := reviewForm{Action: "/reviews/new", Visibility: string(store.Public), Errors: map[string]string{}}
	if q := r.URL.Query().Get("film"); q != "" {
		s.pickFilm(r, &f, q)
	}
	s.renderForm(w, r, http.StatusOK, f)
}

func (s *Server) handleEditReview(w http.ResponseWriter, r *http.Request) {
	rv, err := s.ownReview(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	films, err := s.filmsByID(r.Context(), []reel.FilmID{rv.FilmID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderForm(w, r, http.StatusOK, formOf(rv, films[rv.FilmID]))
}

// ownReview is the review in the path if the viewer wrote it. Store rules
// let only the author edit; an admin may delete but not rewrite another's
// words.
func (s *Server) ownReview(r *http.Request) (store.Review, error) {
	u, err := requireViewer(r)
	if err != nil {
		return store.Review{}, err
	}
	rv, err := s.reviewByPath(r)
	if err != nil {
		return rv, err
	}
	if rv.UserID != u.ID {
		return rv, reel.Errorf(reel.Unauthorized, "Only its author can edit a review.")
	}
	return rv, nil
}

// formOf fills the form with a saved review.
func formOf(rv store.Review, film reel.Film) reviewForm {
	f := reviewForm{Action: reviewURL(rv.ID) + "/edit", Editing: true, ReviewID: rv.ID, Film: film,
		Body: rv.Body, Spoilers: rv.Spoilers, WatchedOn: rv.WatchedOn, Rewatch: rv.Rewatch, Liked: rv.Liked,
		Tags: strings.Join(rv.Tags, ", "), Visibility: string(rv.Visibility), PullQuote: rv.PullQuote,
		SourceURL: rv.SourceURL, Format: rv.Format, Errors: map[string]string{}}
	if rv.Grade != nil && rv.Grade.Source != store.GradeInferred {
		f.Grade = rv.Grade.Text
	}
	if rv.VerdictSaid {
		f.Verdict = string(rv.Verdict)
	}
	f.GradeValue, _ = gradePreview(f.Grade)
	return f
}

func (s *Server) handleCreateReview(w http.ResponseWriter, r *http.Request) {
	if _, err := requireViewer(r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := readForm(r)
	f.Action = "/reviews/new"
	s.pickFilm(r, &f, r.PostFormValue("film"))
	in, ok := f.input()
	if !ok || previewing(r) {
		s.renderForm(w, r, statusFor(f), f)
		return
	}
	rv, err := s.store.CreateReview(r.Context(), viewerID(r), in)
	s.afterSave(w, r, f, rv, err)
}

func (s *Server) handleUpdateReview(w http.ResponseWriter, r *http.Request) {
	old, err := s.ownReview(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := readForm(r)
	f.Action, f.Editing, f.ReviewID = reviewURL(old.ID)+"/edit", true, old.ID
	films, err := s.filmsByID(r.Context(), []reel.FilmID{old.FilmID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Film = films[old.FilmID]
	in, ok := f.input()
	if !ok || previewing(r) {
		s.renderForm(w, r, statusFor(f), f)
		return
	}
	rv, err := s.store.UpdateReview(r.Context(), viewerID(r), old.ID, in)
	s.afterSave(w, r, f, rv, err)
}

// afterSave goes to the saved review, or back to the form when the store
// refused the input (a tag too long, a date in the future).
func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, f reviewForm, rv store.Review, err error) {
	if reel.ErrorCode(err) == reel.Invalid {
		f.Error = reel.ErrorMessage(err)
		s.renderForm(w, r, formStatus, f)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.forgetFilm(rv.FilmID) // the film's page shows the new scores at once
	http.Redirect(w, r, reviewURL(rv.ID), http.StatusSeeOther)
}

// statusFor is 200 for a preview and formStatus for a form with errors.
func statusFor(f reviewForm) int {
	if len(f.Errors) > 0 || f.Error != "" {
		return formStatus
	}
	return http.StatusOK
}

// previewing reports whether the form was sent to be shown again rather
// than saved: Preview, or the copy desk panel's "Use as the pull quote".
func previewing(r *http.Request) bool {
	a := r.PostFormValue("action")
	return a == "preview" || a == actionUseQuote
}

// actionUseQuote is the panel's no-JavaScript way to take its pull quote.
const actionUseQuote = "use-quote"

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, f reviewForm) {
	f.Today = time.Now().Format(time.DateOnly)
	u, _ := viewer(r)
	f.QuoteField = canQuote(u)
	f.Panel = s.deskPanelFor(r.Context(), f.Body, f.Film.ID, f.PullQuote, f.QuoteField)
	if f.QuoteField && f.Panel.Quote != "" && r.PostFormValue("action") == actionUseQuote {
		f.PullQuote, f.Panel.QuoteSame = f.Panel.Quote, true
	}
	title := "Write a review"
	if f.Editing {
		title = "Edit your review"
	}
	if f.Film.ID != 0 {
		title += " of " + filmTitle(f.Film)
	}
	s.render(w, r, status, "review_edit", view{Title: title, Page: f})
}

// readForm reads the posted fields, checking the grade and rendering the
// preview; the film is resolved by pickFilm.
func readForm(r *http.Request) reviewForm {
	v := r.PostFormValue
	f := reviewForm{Grade: strings.TrimSpace(v("grade")), Verdict: v("verdict"), Body: v("body"),
		Spoilers: v("spoilers") != "", WatchedOn: v("watched_on"), Rewatch: v("rewatch") != "",
		Liked: v("liked") != "", Tags: v("tags"), Visibility: v("visibility"), PullQuote: v("pull_quote"),
		SourceURL: v("source_url"), Format: v("format"), Errors: map[string]string{}}
	if f.Format != store.FormatHTML {
		f.Format = store.FormatMarkdown
	}
	var err error
	if f.GradeValue, err = gradePreview(f.Grade); err != nil {
		f.Errors["grade"] = reel.ErrorMessage(err)
	}
	if strings.TrimSpace(f.Body) != "" {
		f.Preview = template.HTML(f.render()) // sanitised by markup
	}
	return f
}

// pickFilm resolves what the writer gave for the film: an IMDb id, or words
// to search for, which offers the matching films to choose from.
func (s *Server) pickFilm(r *http.Request, f *reviewForm, q string) {
	q = strings.TrimSpace(q)
	if q == "" {
		f.Errors["film"] = "Choose the film the review is about."
		return
	}
	if id, err := reel.ParseFilmID(q); err == nil {
		films, err := s.store.Films(r.Context(), []reel.FilmID{id})
		if err != nil || len(films) == 0 {
			f.Errors["film"] = "There is no film " + id.String() + " in the catalog."
			return
		}
		f.Film = films[0]
		return
	}
	f.FilmQuery = q
	hits, err := s.store.Search(r.Context(), q, 20)
	for _, h := range hits {
		if h.Kind == "film" && len(f.Candidates) < 8 {
			f.Candidates = append(f.Candidates, h)
		}
	}
	switch {
	case err != nil:
		f.Errors["film"] = "The search failed; try the film's IMDb id (tt…)."
	case len(f.Candidates) == 0:
		f.Errors["film"] = "No film matches “" + q + "”."
	default:
		f.Errors["film"] = "Choose one of the films below."
	}
}

// render turns the body into sanitised HTML the way the store will.
func (f reviewForm) render() string {
	if f.Format == store.FormatHTML {
		return markup.Sanitize(f.Body)
	}
	return markup.Render(f.Body)
}

// input converts the form to a store input; false when a field has an error.
func (f reviewForm) input() (store.ReviewInput, bool) {
	g, _ := grade.Parse(f.Grade) // checked by readForm; "" is no grade
	in := store.ReviewInput{FilmID: f.Film.ID, Body: f.Body, Grade: g, Verdict: grade.Verdict(f.Verdict),
		Spoilers: f.Spoilers, WatchedOn: f.WatchedOn, Rewatch: f.Rewatch, Liked: f.Liked,
		Tags: strings.Split(f.Tags, ","), Visibility: store.Visibility(f.Visibility),
		PullQuote: f.PullQuote, SourceURL: f.SourceURL, Format: f.Format}
	if strings.TrimSpace(f.Body) == "" && f.Grade == "" {
		f.Errors["body"] = "Write the review, or at least give a grade."
	}
	return in, len(f.Errors) == 0
}

// gradePreview parses a grade for the form: "83/100", or "" for no grade.
func gradePreview(text string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	g, err := readGrade(text)
	if err != nil {
		return "", err
	}
	return formatValue(g.Value) + "/100", nil
}

// readGrade is grade.Parse with its error made an Invalid one whose message
// says what is wrong without the long list of accepted forms, which the
// form and the API document beside the field.
func readGrade(text string) (grade.Grade, error) {
	g, err := grade.Parse(text)
	var ge *grade.Error
	if errors.As(err, &ge) {
		return g, reel.Wrap(err, reel.Invalid, "“%s” is not a grade reel can read: %s.", ge.Text, ge.Reason)
	}
	return g, err
}

// apiGrade parses ?text= as the review form's live preview asks.
func (s *Server) apiGrade(w http.ResponseWriter, r *http.Request) {
	g, err := readGrade(r.URL.Query().Get("text"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"text": g.Text, "value": g.Value, "scale": g.Scale, "verdict": g.Verdict()})
}
