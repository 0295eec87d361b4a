package web

import (
	"context"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"reel"
	"reel/copydesk"
	"reel/linker"
	"reel/store"
)

// The copy desk's side panel in the review editor (issue #5): the review's
// inferred score, the names it links, factual slips, spoiler sentences and
// a pull quote. The form's Preview renders it with the page; review.js
// refreshes it as the critic types from POST /reviews/analyze, which
// answers the same template as an HTML fragment, so both paths show the
// same panel.

// deskPanel is the panel's view-model.
type deskPanel struct {
	Empty      string // why there is nothing to show yet; "" when the analysis ran
	Unlinked   string // why no names are linked or checked; "" when the catalog was used
	Score      deskScore
	Film       *deskFilm
	Films      []deskMention
	People     []deskMention
	Characters []deskMention
	Checks     []deskCheck
	Spoilers   []deskSpoiler
	Unhidden   bool   // a spoiler sentence is not yet inside ||…||
	Quote      string // the suggested pull quote; "" when no sentence qualifies
	QuoteSame  bool   // the form's pull quote already is Quote
	QuoteSlip  bool   // a check falls inside the quote: fix the text before quoting it
	QuoteField bool   // the form has a pull quote field to put Quote into
}

type deskScore struct {
	Value      string // "84"
	Verdict    string // positive, mixed or negative
	Confidence string // "90 %"
	Grade      string // a grade the text states, which set the value
	Up, Down   []string
}

type deskFilm struct {
	Title, URL, Year, Confidence string
}

// deskMention is one linked name, however many times the text names it.
type deskMention struct {
	Name, URL string
	Said      []string // other spellings the text used ("Almodovar"), parts of the name aside
	Times     int
	// A character's actor and film.
	Actor, ActorURL, FilmTitle, FilmURL string
	filmID                              reel.FilmID
	actorID                             reel.PersonID
}

// deskCheck is a check; Fix when review.js may put the suggestion in place
// of the span (Start, End: bytes of the body the panel read).
type deskCheck struct {
	Kind, Text, Message, Suggestion string
	Start, End                      int
	Fix                             bool
}

type deskSpoiler struct {
	Text, Score string
	Reasons     []string
	Marked      bool // already inside ||…||
	Start, End  int  // bytes of the body, for review.js to wrap in ||…||
}

// panelLinkerWait is how long the editor waits for the catalog's first
// build before showing the panel without links; a variable for tests.
var panelLinkerWait = 3 * time.Second

var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// maxPanelFilms bounds the film lookups that name characters' actors.
const maxPanelFilms = 4

// deskPanelFor analyzes body with film as the hint. A body with no
// readable words gives an explicit empty state, not an error page.
func (s *Server) deskPanelFor(ctx context.Context, body string, film reel.FilmID, pullQuote string, quoteField bool) deskPanel {
	if strings.TrimSpace(body) == "" {
		return deskPanel{Empty: "Nothing to read yet: write some of the review, then preview it."}
	}
	// A form posts line breaks as CRLF; the textarea's value, whose
	// positions review.js maps the panel's offsets to, has LF only.
	body = lineBreaks.Replace(body)
	// The review is being written now: no film released after next year.
	opts := copydesk.Options{Format: copydesk.FormatMarkdown, FilmHint: linker.FilmHint{Written: time.Now().Year()}}
	if film != 0 {
		opts.FilmHint.ID = film.String()
	}
	var unlinked string
	opts.Linker, unlinked = s.panelLinker(ctx)
	rep, err := copydesk.Analyze(ctx, body, opts)
	if err != nil {
		if reel.ErrorCode(err) == reel.Invalid {
			return deskPanel{Empty: "The copy desk cannot read this text: " + reel.ErrorMessage(err)}
		}
		s.logger.Error("copy desk panel", "err", err)
		return deskPanel{Empty: "The copy desk is unavailable just now; the review can still be saved."}
	}
	p := deskPanel{Unlinked: unlinked, Score: scoreView(rep.Score), Film: filmView(rep.Film),
		Checks: checksView(body, rep.Checks), Spoilers: spoilersView(rep.Spoilers), QuoteField: quoteField}
	p.quote(rep, pullQuote)
	for _, sp := range p.Spoilers {
		p.Unhidden = p.Unhidden || !sp.Marked
	}
	p.Films, p.People, p.Characters = s.mentionsView(ctx, rep.Mentions)
	return p
}

// panelLinker is the catalog linker if it is ready within panelLinkerWait,
// or nil and what the panel tells the writer instead.
func (s *Server) panelLinker(ctx context.Context) (*linker.Linker, string) {
	l, err := linkerWithin(ctx, s.store, panelLinkerWait)
	switch {
	case err == nil:
		return l, ""
	case err == errCatalogLoading:
		return nil, "The catalog is still loading, so no names are linked or checked yet. Preview again in a moment."
	}
	s.logger.Error("copy desk panel: catalog", "err", err)
	return nil, "The catalog could not be read, so no names are linked or checked."
}

// quote sets the suggested pull quote and whether it is the form's already
// or holds a flagged slip.
func (p *deskPanel) quote(rep copydesk.Report, current string) {
	if rep.PullQuote == nil {
		return
	}
	p.Quote = rep.PullQuote.Text
	p.QuoteSame = strings.TrimSpace(current) == p.Quote
	for _, c := range rep.Checks {
		p.QuoteSlip = p.QuoteSlip || (c.Start >= rep.PullQuote.Start && c.End <= rep.PullQuote.End)
	}
}

// percent shows a 0–1 figure as a whole percentage.
func percent(x float64) string { return strconv.Itoa(int(math.Round(x*100))) + " %" }

func scoreView(sc copydesk.Score) deskScore {
	v := deskScore{Value: strconv.Itoa(int(math.Round(sc.Value))), Verdict: sc.Verdict, Confidence: percent(sc.Confidence)}
	if sc.Grade != nil {
		v.Grade = sc.Grade.Text
	}
	for _, e := range sc.Evidence {
		if e.Weight > 0 {
			v.Up = append(v.Up, e.Text)
		} else if e.Weight < 0 {
			v.Down = append(v.Down, e.Text)
		}
	}
	return v
}

func filmView(f *copydesk.Film) *deskFilm {
	if f == nil {
		return nil
	}
	v := &deskFilm{Title: f.Title, URL: catalogURL(f.ID), Confidence: percent(f.Confidence)}
	if f.Year != 0 {
		v.Year = strconv.Itoa(f.Year)
	}
	return v
}

// catalogURL is the page of a tconst or nconst; "" for anything else.
func catalogURL(id string) string {
	if fid, err := reel.ParseFilmID(id); err == nil {
		return filmURL(fid)
	}
	if pid, err := reel.ParsePersonID(id); err == nil {
		return personURL(pid)
	}
	return ""
}

// mentionsView groups the mentions by what they name, in order of first
// mention, and names each character's actor and film.
func (s *Server) mentionsView(ctx context.Context, ms []copydesk.Mention) (films, people, chars []deskMention) {
	index := map[string]int{} // kind/id → position in its list
	for _, m := range ms {
		list := &people
		switch m.Kind {
		case "film":
			list = &films
		case "character":
			list = &chars
		}
		key := m.Kind + "/" + m.ID
		i, seen := index[key]
		if !seen {
			i = len(*list)
			index[key] = i
			d := deskMention{Name: m.Name, URL: catalogURL(m.ID)}
			if m.Kind == "character" {
				d.URL = ""
				d.filmID, _ = reel.ParseFilmID(m.FilmID)
				d.actorID, _ = reel.ParsePersonID(m.ActorID)
				d.ActorURL, d.FilmURL = catalogURL(m.ActorID), catalogURL(m.FilmID)
				d.Actor, d.FilmTitle = m.ActorID, m.FilmID // until nameCharacters reads the names
			}
			*list = append(*list, d)
		}
		d := &(*list)[i]
		d.Times++
		// A spelling worth showing: not the name, nor a part of it (a surname).
		if !strings.Contains(m.Name, m.Text) && !slices.Contains(d.Said, m.Text) {
			d.Said = append(d.Said, m.Text)
		}
	}
	s.nameCharacters(ctx, chars)
	return films, people, chars
}

// nameCharacters fills in each character's actor and film names from the
// film's credits; a character whose film cannot be read keeps its links,
// with the ids as their text.
func (s *Server) nameCharacters(ctx context.Context, chars []deskMention) {
	details := map[reel.FilmID]reel.FilmDetail{}
	for i := range chars {
		c := &chars[i]
		fd, ok := details[c.filmID]
		if !ok && c.filmID != 0 && len(details) < maxPanelFilms {
			d, err := s.store.Film(ctx, c.filmID)
			if err != nil {
				continue
			}
			fd, ok = d, true
			details[c.filmID] = d
		}
		if !ok {
			continue
		}
		c.FilmTitle = filmTitle(fd.Film)
		for _, cr := range fd.Credits {
			if cr.PersonID == c.actorID && cr.Name != "" {
				c.Actor = cr.Name
				break
			}
		}
	}
}

func checksView(body string, cs []copydesk.Check) []deskCheck {
	out := make([]deskCheck, 0, len(cs))
	for _, c := range cs {
		d := deskCheck{Kind: c.Kind, Message: c.Message, Suggestion: c.Suggestion, Start: c.Start, End: c.End}
		if c.Start >= 0 && c.Start < c.End && c.End <= len(body) {
			d.Text = body[c.Start:c.End]
		}
		// A spelling or a year is replaced by its suggestion as is; a wrong
		// credit needs the critic to rewrite the sentence.
		d.Fix = d.Text != "" && c.Suggestion != "" && c.Suggestion != d.Text && (c.Kind == "spelling" || c.Kind == "year")
		out = append(out, d)
	}
	return out
}

func spoilersView(ss []copydesk.Spoiler) []deskSpoiler {
	out := make([]deskSpoiler, 0, len(ss))
	for _, sp := range ss {
		d := deskSpoiler{Text: sp.Text, Score: percent(sp.Score), Reasons: sp.Reasons, Start: sp.Start, End: sp.End}
		d.Marked = slices.Contains(sp.Reasons, copydesk.ReasonMarked)
		out = append(out, d)
	}
	return out
}

// canQuote reports whether u's reviews carry a pull quote (store rule:
// critics and admins).
func canQuote(u store.User) bool { return u.Role == store.RoleCritic || u.Role == store.RoleAdmin }

// handleDeskPanel answers the editor's live panel: the form's body and
// film fields in, the panel's HTML fragment out. It is a site route, not
// the API, so it takes the session cookie under the same cross-origin
// protection as every other form post.
func (s *Server) handleDeskPanel(w http.ResponseWriter, r *http.Request) {
	u, err := requireViewer(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var film reel.FilmID
	if id, err := reel.ParseFilmID(strings.TrimSpace(r.PostFormValue("film"))); err == nil {
		film = id
	}
	p := s.deskPanelFor(r.Context(), r.PostFormValue("body"), film, r.PostFormValue("pull_quote"), canQuote(u))
	body, err := s.execute("review_edit", "desk-panel", p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "private, no-store")
	w.Write(body)
}
