package journalio

import (
	"context"
	"encoding/json"
	"io"

	"reel/store"
)

// Schema names the JSON export's layout. A change that breaks readers gets
// a new version; fields may be added within one.
const Schema = "reel.export/v1"

// Document is reel's own JSON export of one user (schema reel.export/v1):
//
//	schema     "reel.export/v1"
//	user       the account, without secrets (store.User)
//	diary      diary entries, by watch date (store.DiaryEntry)
//	reviews    every review, private ones included, oldest first (store.Review)
//	watched    films marked seen with no diary entry or review
//	watchlist  films to see, oldest first, with the time added
//	lists      lists with their entries, in order (store.ListDetail)
//	likes      liked films, with the time liked
//	films      id → title and year of every film named, so the file reads alone
//
// Times are RFC 3339 in UTC; film ids are IMDb tconsts ("tt0441909").
type Document struct {
	Schema    string             `json:"schema"`
	User      store.User         `json:"user"`
	Diary     []store.DiaryEntry `json:"diary"`
	Reviews   []store.Review     `json:"reviews"`
	Watched   []store.DatedFilm  `json:"watched"`
	Watchlist []store.DatedFilm  `json:"watchlist"`
	Lists     []store.ListDetail `json:"lists"`
	Likes     []store.DatedFilm  `json:"likes"`
	Films     map[string]FilmRef `json:"films"`
}

// FilmRef names a film in the JSON export.
type FilmRef struct {
	Title string `json:"title"`
	Year  int    `json:"year,omitempty"`
}

// NewDocument builds the JSON export of a journal.
func NewDocument(j store.Journal) Document {
	d := Document{Schema: Schema, User: j.User, Diary: j.Diary, Reviews: j.Reviews, Watched: j.Watched,
		Watchlist: j.Watchlist, Lists: j.Lists, Likes: j.Likes, Films: map[string]FilmRef{}}
	for id, f := range j.Films {
		d.Films[id.String()] = FilmRef{Title: f.Title, Year: f.Year}
	}
	return d
}

// WriteJSON writes user's JSON export, indented; map keys are sorted, so
// the same data gives the same bytes.
func WriteJSON(ctx context.Context, st *store.Store, user store.UserID, w io.Writer) error {
	j, err := st.Journal(ctx, user)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewDocument(j))
}
