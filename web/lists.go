package web

import (
	"net/http"
	"strconv"

	"reel"
	"reel/store"
)

// listsPage is a user's lists.
type listsPage struct {
	Head  userHead
	Lists []store.List
}

func (s *Server) handleLists(w http.ResponseWriter, r *http.Request) {
	u, err := s.userByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ls, err := s.store.ListsByUser(r.Context(), viewerID(r), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := listsPage{Head: headOf(u, "lists", r), Lists: ls}
	s.render(w, r, http.StatusOK, "lists", view{Title: p.Head.Name + "'s lists", Page: p})
}

// listPage is one list with the viewer's progress through it.
type listPage struct {
	List     store.ListDetail
	Owner    userHead
	Entries  []listRow
	SignedIn bool
	Percent  int // of the list the viewer has seen
}

type listRow struct {
	store.ListEntry
	Film reel.Film
	URL  string
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, reel.Errorf(reel.NotFound, "There is no list %q.", r.PathValue("id")))
		return
	}
	p, err := s.loadList(r, store.ListID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "list", view{Title: p.List.Name, Description: p.List.Name + ", a list by " + p.Owner.Name + ".", Page: p})
}

func (s *Server) loadList(r *http.Request, id store.ListID) (listPage, error) {
	ctx := r.Context()
	l, err := s.store.List(ctx, viewerID(r), id)
	if reel.ErrorCode(err) == reel.NotFound {
		err = reel.Wrap(err, reel.NotFound, "There is no list %d.", id)
	}
	if err != nil {
		return listPage{}, err
	}
	owner, err := s.store.User(ctx, l.UserID)
	if err != nil {
		return listPage{}, err
	}
	ids := make([]reel.FilmID, len(l.Entries))
	for i, e := range l.Entries {
		ids[i] = e.FilmID
	}
	films, err := s.filmsByID(ctx, ids)
	if err != nil {
		return listPage{}, err
	}
	_, signedIn := viewer(r)
	p := listPage{List: l, Owner: headOf(owner, "lists", r), SignedIn: signedIn}
	for _, e := range l.Entries {
		p.Entries = append(p.Entries, listRow{ListEntry: e, Film: films[e.FilmID], URL: filmURL(e.FilmID)})
	}
	if l.Count > 0 {
		p.Percent = l.Seen * 100 / l.Count
	}
	return p, nil
}
