package letterboxd

import (
	"strconv"

	"reel"
)

// reel/films.csv records the IMDb id of every film in an export reel
// wrote, keyed by name, year and link as the other files give them, so
// that re-importing reel's own export needs no catalog matching and
// cannot match differently. Letterboxd ignores the file.
var idSpec = spec{required: []string{colName, colYear, colURI, "imdbID"}}

func idKey(f Film) string { return f.Name + "\x00" + strconv.Itoa(f.Year) + "\x00" + f.URI }

func (r *reader) readIDs(exp *Export) error {
	data, err := r.load(fileIDs)
	if err != nil {
		return err
	}
	t := &table{r: r, name: fileIDs, cr: newCSV(data)}
	if err := t.header(idSpec); err != nil {
		return err
	}
	ids := make(map[string]string)
	for t.next() {
		f := t.film()
		id, err := reel.ParseFilmID(t.text("imdbID"))
		if err != nil {
			t.fail("%s", reel.ErrorMessage(err))
			break
		}
		k := idKey(f)
		if old, dup := ids[k]; dup && old != id.String() {
			ids[k] = "" // two films under one name, year and link: trust neither
			continue
		}
		ids[k] = id.String()
	}
	if t.err != nil {
		return t.err
	}
	for _, ref := range exp.films() {
		ref.film.ID = ids[idKey(*ref.film)]
	}
	return nil
}
