package web

import (
	"net/http"

	"reel"
	"reel/store"
)

// listFields are a list's writable fields; absent ones keep their value on
// PATCH. Entries, when present, replace the whole list in the order given.
type listFields struct {
	Name        *string       `json:"name"`
	Description *string       `json:"description"`
	Ranked      *bool         `json:"ranked"`
	Visibility  *string       `json:"visibility"`
	Entries     *[]entryInput `json:"entries"`
}

type entryInput struct {
	FilmID filmIDInput `json:"film_id"`
	Note   string      `json:"note"`
}

func (f listFields) apply(in *store.ListInput) {
	setString(&in.Name, f.Name)
	setString(&in.Description, f.Description)
	setBool(&in.Ranked, f.Ranked)
	if f.Visibility != nil {
		in.Visibility = store.Visibility(*f.Visibility)
	}
}

// entries are the body's entries as the store takes them; nil when the
// body has none.
func (f listFields) entries() []store.EntryInput {
	if f.Entries == nil {
		return nil
	}
	out := make([]store.EntryInput, 0, len(*f.Entries))
	for _, e := range *f.Entries {
		out = append(out, store.EntryInput{FilmID: reel.FilmID(e.FilmID), Note: e.Note})
	}
	return out
}

// apiMyLists lists the viewer's own lists, private ones included.
func (s *Server) apiMyLists(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	ls, err := s.store.ListsByUser(r.Context(), u.ID, u.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"lists": ls})
}

func (s *Server) apiCreateList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	var body listFields
	err := decodeJSON(r, &body)
	var l store.ListDetail
	if err == nil {
		var in store.ListInput
		body.apply(&in)
		l, err = s.store.CreateList(r.Context(), u.ID, in, body.entries())
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.created(w, apiPath("lists/%d", l.ID), l)
}

// listOf loads the list the path names as the viewer sees it: another
// user's private list is NotFound.
func (s *Server) listOf(r *http.Request) (store.ListDetail, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return store.ListDetail{}, err
	}
	return s.store.List(r.Context(), viewerID(r), store.ListID(id))
}

// ownList loads the list for its owner alone.
func (s *Server) ownList(r *http.Request, u store.User) (store.ListDetail, error) {
	l, err := s.listOf(r)
	if err == nil && l.UserID != u.ID {
		err = forbidden("this list")
	}
	return l, err
}

func (s *Server) apiList(w http.ResponseWriter, r *http.Request) {
	l, err := s.listOf(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, l)
}

func (s *Server) apiPatchList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	l, err := s.patchList(r, u)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, l)
}

// patchList parses the whole body before writing, so a malformed request
// changes nothing. The settings and the entries are two store calls: a film
// missing from the catalog fails the second after the first has saved.
func (s *Server) patchList(r *http.Request, u store.User) (store.ListDetail, error) {
	l, err := s.ownList(r, u)
	if err != nil {
		return l, err
	}
	var body listFields
	if err := decodeJSON(r, &body); err != nil {
		return l, err
	}
	in := store.ListInput{Name: l.Name, Description: l.Description, Ranked: l.Ranked, Visibility: l.Visibility}
	body.apply(&in)
	if err := s.store.UpdateList(r.Context(), u.ID, l.ID, in); err != nil {
		return l, err
	}
	if body.Entries != nil {
		if err := s.store.SetListEntries(r.Context(), u.ID, l.ID, body.entries()); err != nil {
			return l, err
		}
	}
	return s.store.List(r.Context(), u.ID, l.ID)
}

func (s *Server) apiDeleteList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	l, err := s.ownList(r, u)
	if err == nil {
		err = s.store.DeleteList(r.Context(), u.ID, l.ID)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
