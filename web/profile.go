package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"

	"reel"
	"reel/store"
)

// userHead is the header every page of a user's journal shares: who, and
// the tabs between their pages.
type userHead struct {
	Name    string // display name, or the handle
	Handle  string
	URL     string
	Role    store.Role
	Pub     string
	Bio     string
	Tab     string // the current tab: profile, diary, watchlist, lists, stats, year
	Own     bool   // the viewer is this user
	FeedURL string
}

func headOf(u store.User, tab string, r *http.Request) userHead {
	name := u.Profile.DisplayName
	if name == "" {
		name = u.Name
	}
	return userHead{Name: name, Handle: u.Name, URL: userURL(u.Name), Role: u.Role, Pub: u.Profile.Publication,
		Bio: u.Profile.Bio, Tab: tab, Own: viewerID(r) == u.ID, FeedURL: userURL(u.Name) + "/feed.atom"}
}

// userByPath reads the user named by the {name} path value.
func (s *Server) userByPath(r *http.Request) (store.User, error) {
	name := r.PathValue("name")
	u, err := s.store.UserByName(r.Context(), name)
	if reel.ErrorCode(err) == reel.NotFound {
		err = reel.Wrap(err, reel.NotFound, "There is no member called %q.", name)
	}
	return u, err
}

// profilePage is a user's front page: a little of everything.
type profilePage struct {
	Head       userHead
	Watched    int // films logged or reviewed, rewatches included
	ThisYear   int // viewings in Year
	Year       int // the latest year with a viewing
	Favourites []filmRef
	Diary      []diaryRow
	Reviews    []reviewItem
	Lists      []store.List
}

// filmRef is a film as journal pages link it.
type filmRef struct {
	reel.Film
	URL string
}

// reviewItem is a review as a user's pages and feeds list it.
type reviewItem struct {
	store.Review
	URL     string
	Film    reel.Film
	Grade   string
	Excerpt string // plain text, inline spoilers blanked
	Written string
	Verdict string
}

// Sizes of the profile's sections.
const (
	profileDiary      = 8
	profileReviews    = 5
	profileFavourites = 4
)

func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request) {
	u, err := s.userByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.loadProfile(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile", view{Title: p.Head.Name, Description: p.Head.Name + "'s diary, reviews and lists on reel.", Page: p})
}

func (s *Server) loadProfile(r *http.Request, u store.User) (profilePage, error) {
	ctx, viewer := r.Context(), viewerID(r)
	p := profilePage{Head: headOf(u, "profile", r), Year: time.Now().Year()}
	views, err := s.store.Viewings(ctx, viewer, u.ID)
	if err != nil {
		return p, err
	}
	// The year to count is the latest with a viewing (viewings come latest
	// first): a profile quiet since last year still says something.
	p.Watched = len(views)
	if len(views) > 0 {
		p.Year = yearOf(views[0].WatchedOn)
	}
	for _, v := range views {
		if yearOf(v.WatchedOn) == p.Year {
			p.ThisYear++
		}
	}
	if p.Diary, err = s.diaryRows(ctx, viewer, u.ID, store.Page{Limit: profileDiary}); err != nil {
		return p, err
	}
	page, err := s.store.ReviewsByUser(ctx, viewer, u.ID, store.Page{Limit: profileReviews})
	if err != nil {
		return p, err
	}
	if p.Reviews, err = s.reviewItems(ctx, page.Reviews); err != nil {
		return p, err
	}
	if p.Lists, err = s.store.ListsByUser(ctx, viewer, u.ID); err != nil {
		return p, err
	}
	p.Favourites, err = s.favourites(ctx, views)
	return p, err
}

// favourites are the films the user liked and graded highest (ties: the
// latest watched), one viewing per film. reel keeps no hand-picked
// favourites, so the journal chooses them.
func (s *Server) favourites(ctx context.Context, views []store.Viewing) ([]filmRef, error) {
	best := map[reel.FilmID]store.Viewing{}
	var order []reel.FilmID
	for _, v := range views {
		if !v.Liked {
			continue
		}
		if old, ok := best[v.FilmID]; !ok || v.Value > old.Value {
			if !ok {
				order = append(order, v.FilmID)
			}
			best[v.FilmID] = v
		}
	}
	slices.SortStableFunc(order, func(a, b reel.FilmID) int {
		return cmpDesc(best[a].Value, best[b].Value)
	})
	order = order[:min(len(order), profileFavourites)]
	films, err := s.filmsByID(ctx, order)
	if err != nil {
		return nil, err
	}
	out := make([]filmRef, 0, len(order))
	for _, id := range order {
		out = append(out, filmRef{Film: films[id], URL: filmURL(id)})
	}
	return out, nil
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// reviewItems adds the films and plain-text excerpts to reviews.
func (s *Server) reviewItems(ctx context.Context, rs []store.Review) ([]reviewItem, error) {
	ids := make([]reel.FilmID, len(rs))
	for i, rv := range rs {
		ids[i] = rv.FilmID
	}
	films, err := s.filmsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]reviewItem, len(rs))
	for i, rv := range rs {
		out[i] = reviewItem{Review: rv, URL: reviewURL(rv.ID), Film: films[rv.FilmID], Grade: gradeLabel(rv.Grade),
			Excerpt: excerpt(rv.HTML, excerptRunes), Written: rv.CreatedAt.Format("2 January 2006"), Verdict: string(rv.Verdict)}
	}
	return out, nil
}

// excerptRunes is about three lines of a list.
const excerptRunes = 280

// excerpt is the opening of a review's HTML as plain text, cut at a word
// near n runes. Inline spoilers become "[spoiler]": an excerpt shows
// outside the review, where no reveal control is offered.
func excerpt(h string, n int) string {
	z := html.NewTokenizer(strings.NewReader(h))
	var b strings.Builder
	depth := 0 // inside a spoiler span (spans inside one count too)
	for b.Len() < 4*n {
		switch z.Next() {
		case html.ErrorToken:
			return cutWords(strings.Join(strings.Fields(b.String()), " "), n)
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "span" && (depth > 0 || hasSpoilerClass(z, hasAttr)) {
				if depth == 0 {
					b.WriteString(" [spoiler] ")
				}
				depth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "span" && depth > 0 {
				depth--
			}
			if isBlock(string(name)) {
				b.WriteByte(' ')
			}
		case html.TextToken:
			if depth == 0 {
				b.Write(z.Text())
			}
		}
	}
	return cutWords(strings.Join(strings.Fields(b.String()), " "), n)
}

func hasSpoilerClass(z *html.Tokenizer, more bool) bool {
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == "class" && slices.Contains(strings.Fields(string(v)), "spoiler") {
			return true
		}
	}
	return false
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "div", "tr":
		return true
	}
	return false
}

// cutWords shortens s to at most n runes at a word boundary, with an ellipsis.
func cutWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}
