package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"reel"
	"reel/store"
)

// diaryRow is a diary entry with its film, as the diary and profile show it.
type diaryRow struct {
	store.DiaryEntry
	Film      reel.Film
	Month     string // "March 2024": the diary's group heading
	Day       string // "12"
	ShowMonth bool   // the first row of its month
	Grade     string
	ReviewURL string // "" when no review is linked, or the viewer may not see it
}

// diaryPageSize is a month or two of a keen viewer's diary.
const diaryPageSize = 50

// diaryPage is the diary's view-model.
type diaryPage struct {
	Head    userHead
	Rows    []diaryRow
	NextURL string
}

func (s *Server) handleDiary(w http.ResponseWriter, r *http.Request) {
	u, err := s.userByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	after := r.URL.Query().Get("after")
	page, err := s.store.Diary(r.Context(), viewerID(r), u.ID, store.Page{Limit: diaryPageSize, After: after})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := diaryPage{Head: headOf(u, "diary", r)}
	if p.Rows, err = s.diaryRowsOf(r.Context(), page.Entries); err != nil {
		s.fail(w, r, err)
		return
	}
	if page.Next != "" {
		p.NextURL = userURL(u.Name) + "/diary?after=" + url.QueryEscape(page.Next)
	}
	s.render(w, r, http.StatusOK, "diary", view{Title: p.Head.Name + "'s diary", Page: p})
}

// diaryRows reads one page of a diary with its films.
func (s *Server) diaryRows(ctx context.Context, viewer, user store.UserID, p store.Page) ([]diaryRow, error) {
	page, err := s.store.Diary(ctx, viewer, user, p)
	if err != nil {
		return nil, err
	}
	return s.diaryRowsOf(ctx, page.Entries)
}

func (s *Server) diaryRowsOf(ctx context.Context, es []store.DiaryEntry) ([]diaryRow, error) {
	ids := make([]reel.FilmID, len(es))
	for i, e := range es {
		ids[i] = e.FilmID
	}
	films, err := s.filmsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]diaryRow, len(es))
	for i, e := range es {
		row := diaryRow{DiaryEntry: e, Film: films[e.FilmID], Grade: gradeText(e.Grade)}
		if t, err := time.Parse(time.DateOnly, e.WatchedOn); err == nil {
			row.Month, row.Day = t.Format("January 2006"), t.Format("2")
		}
		if e.ReviewID != 0 {
			row.ReviewURL = reviewURL(e.ReviewID)
		}
		row.ShowMonth = i == 0 || out[i-1].Month != row.Month
		out[i] = row
	}
	return out, nil
}

// gradeText is a grade as its writer wrote it; lists have no room for the
// 0–100 value the review page adds.
func gradeText(g *store.ReviewGrade) string {
	if g == nil {
		return ""
	}
	return g.Text
}

// watchlistPage is the watchlist's view-model.
type watchlistPage struct {
	Head  userHead
	Films []watchlistRow
}

type watchlistRow struct {
	filmRef
	Added string
}

// handleWatchlist shows what a user means to see. Watchlists are public, as
// on Letterboxd: the store keeps no visibility for them.
func (s *Server) handleWatchlist(w http.ResponseWriter, r *http.Request) {
	u, err := s.userByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.store.Watchlist(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids := make([]reel.FilmID, len(items))
	for i, it := range items {
		ids[i] = it.FilmID
	}
	films, err := s.filmsByID(r.Context(), ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := watchlistPage{Head: headOf(u, "watchlist", r)}
	for _, it := range items {
		p.Films = append(p.Films, watchlistRow{filmRef{films[it.FilmID], filmURL(it.FilmID)}, it.AddedAt.Format("2 January 2006")})
	}
	s.render(w, r, http.StatusOK, "watchlist", view{Title: p.Head.Name + "'s watchlist", Page: p})
}
