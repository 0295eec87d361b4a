package web

import (
	"net/http"
	"time"

	"reel"
	"reel/store"
)

// publicUser is what anyone may read of an account: not its settings.
type publicUser struct {
	Name      string              `json:"name"`
	Role      store.Role          `json:"role"`
	Profile   store.CriticProfile `json:"profile"`
	CreatedAt time.Time           `json:"created_at"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	if u, ok := s.apiViewer(w, r); ok {
		s.writeJSON(w, http.StatusOK, u)
	}
}

func (s *Server) apiUser(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.UserByName(r.Context(), r.PathValue("name"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, publicUser{Name: u.Name, Role: u.Role, Profile: u.Profile, CreatedAt: u.CreatedAt})
}

// userAnswer loads the user the path names and answers with what load
// returns for them.
func (s *Server) userAnswer(w http.ResponseWriter, r *http.Request, load func(store.User) (any, error)) {
	u, err := s.store.UserByName(r.Context(), r.PathValue("name"))
	var v any
	if err == nil {
		v, err = load(u)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, v)
}

// withPage reads the cursor parameters, then runs load with them.
func withPage[T any](r *http.Request, load func(store.Page) (T, error)) (any, error) {
	p, err := pageParam(r)
	if err != nil {
		return nil, err
	}
	return load(p)
}

func (s *Server) apiUserReviews(w http.ResponseWriter, r *http.Request) {
	s.userAnswer(w, r, func(u store.User) (any, error) {
		return withPage(r, func(p store.Page) (store.ReviewPage, error) {
			return s.store.ReviewsByUser(r.Context(), viewerID(r), u.ID, p)
		})
	})
}

func (s *Server) apiUserDiary(w http.ResponseWriter, r *http.Request) {
	s.userAnswer(w, r, func(u store.User) (any, error) {
		return withPage(r, func(p store.Page) (store.DiaryPage, error) {
			return s.store.Diary(r.Context(), viewerID(r), u.ID, p)
		})
	})
}

// apiUserWatchlist lists a watchlist; like the diary it is public.
func (s *Server) apiUserWatchlist(w http.ResponseWriter, r *http.Request) {
	s.userAnswer(w, r, func(u store.User) (any, error) {
		items, err := s.store.Watchlist(r.Context(), u.ID)
		return map[string]any{"films": items}, err
	})
}

func (s *Server) apiUserLists(w http.ResponseWriter, r *http.Request) {
	s.userAnswer(w, r, func(u store.User) (any, error) {
		ls, err := s.store.ListsByUser(r.Context(), viewerID(r), u.ID)
		return map[string]any{"lists": ls}, err
	})
}

// diaryFields are a diary entry's writable fields; absent ones keep their
// value on PATCH.
type diaryFields struct {
	FilmID    *filmIDInput `json:"film_id"`
	WatchedOn *string      `json:"watched_on"`
	Rewatch   *bool        `json:"rewatch"`
	Liked     *bool        `json:"liked"`
	Grade     *string      `json:"grade"`
	ReviewID  *int64       `json:"review_id"` // 0 unlinks
}

func (f diaryFields) apply(in *store.DiaryInput) error {
	if f.FilmID != nil {
		in.FilmID = reel.FilmID(*f.FilmID)
	}
	if f.Grade != nil {
		g, err := parseGrade(*f.Grade)
		if err != nil {
			return err
		}
		in.Grade = g
	}
	setString(&in.WatchedOn, f.WatchedOn)
	setBool(&in.Rewatch, f.Rewatch)
	setBool(&in.Liked, f.Liked)
	if f.ReviewID != nil {
		in.ReviewID = store.ReviewID(*f.ReviewID)
	}
	return nil
}

func (s *Server) apiLogFilm(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	var body diaryFields
	var in store.DiaryInput
	err := decodeJSON(r, &body)
	if err == nil && body.FilmID == nil {
		err = reel.Errorf(reel.Invalid, "a diary entry needs film_id")
	}
	if err == nil {
		err = body.apply(&in)
	}
	var e store.DiaryEntry
	if err == nil {
		e, err = s.store.LogFilm(r.Context(), u.ID, in)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.created(w, apiPath("diary/%d", e.ID), e)
}

// ownDiaryEntry loads the entry the path names, for its writer alone.
func (s *Server) ownDiaryEntry(r *http.Request, u store.User) (store.DiaryEntry, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return store.DiaryEntry{}, err
	}
	e, err := s.store.DiaryEntry(r.Context(), u.ID, store.DiaryID(id))
	if err == nil && e.UserID != u.ID {
		err = forbidden("this diary entry")
	}
	return e, err
}

func (s *Server) apiPatchDiary(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	e, err := s.ownDiaryEntry(r, u)
	var body diaryFields
	if err == nil {
		err = decodeJSON(r, &body)
	}
	in := store.DiaryInput{FilmID: e.FilmID, WatchedOn: e.WatchedOn, Rewatch: e.Rewatch, Liked: e.Liked,
		Grade: storedGrade(e.Grade), ReviewID: e.ReviewID}
	if err == nil {
		err = body.apply(&in)
	}
	if err == nil {
		e, err = s.store.UpdateDiaryEntry(r.Context(), u.ID, e.ID, in)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiDeleteDiary(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	e, err := s.ownDiaryEntry(r, u)
	if err == nil {
		err = s.store.DeleteDiaryEntry(r.Context(), u.ID, e.ID)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiWatchlist adds (PUT) or removes (DELETE) a film from the viewer's
// watchlist; both are idempotent, as their methods promise.
func (s *Server) apiWatchlist(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	film, err := reel.ParseFilmID(r.PathValue("film_id"))
	if err == nil && r.Method == http.MethodPut {
		err = s.store.AddToWatchlist(r.Context(), u.ID, film)
	} else if err == nil {
		err = s.store.RemoveFromWatchlist(r.Context(), u.ID, film)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiLike adds (PUT) or removes (DELETE) the viewer's like and answers
// with the target's count.
func (s *Server) apiLike(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	kind, target, err := likeTarget(r)
	if err == nil {
		err = s.likeVisible(r, u, kind, target)
	}
	if err == nil && r.Method == http.MethodPut {
		err = s.store.Like(r.Context(), u.ID, kind, target)
	} else if err == nil {
		err = s.store.Unlike(r.Context(), u.ID, kind, target)
	}
	var count int
	var liked bool
	if err == nil {
		count, liked, err = s.store.Likes(r.Context(), u.ID, kind, target)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"kind": kind, "id": r.PathValue("id"), "count": count, "liked": liked})
}

// likeVisible makes a target the viewer cannot see NotFound, on unlike too:
// the answer carries the target's like count, which is not theirs to read.
func (s *Server) likeVisible(r *http.Request, u store.User, kind store.LikeKind, target int64) error {
	var err error
	switch kind {
	case store.LikeReview:
		_, err = s.store.Review(r.Context(), u.ID, store.ReviewID(target))
	case store.LikeList:
		_, err = s.store.List(r.Context(), u.ID, store.ListID(target))
	default:
		err = s.filmExists(r, reel.FilmID(target))
	}
	return err
}

// likeTarget reads /likes/{kind}/{id}: a film by its IMDb id, a review or
// list by number.
func likeTarget(r *http.Request) (store.LikeKind, int64, error) {
	kind := store.LikeKind(r.PathValue("kind"))
	switch kind {
	case store.LikeFilm:
		id, err := reel.ParseFilmID(r.PathValue("id"))
		return kind, int64(id), err
	case store.LikeReview, store.LikeList:
		id, err := pathInt(r, "id")
		return kind, id, err
	}
	return kind, 0, reel.Errorf(reel.Invalid, "cannot like a %q: want film, review or list", kind)
}
