package letterboxd

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"reel"
	"reel/matchkey"
)

// Resolutions are the member's answers for rows the catalog could not
// match: a Letterboxd link, or a title and year, mapped to an IMDb id.
// The zero value and nil hold none.
type Resolutions struct {
	byURI   map[string]resolution
	byTitle map[string]resolution
}

type resolution struct {
	id   string
	line int
}

// resolutionsFile names the file in messages; the caller knows its path.
const resolutionsFile = "resolutions"

// ReadResolutions reads a resolution file (see the package documentation).
func ReadResolutions(r io.Reader) (*Resolutions, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot read the resolutions")
	}
	if len(data) > MaxFileBytes {
		return nil, reel.Errorf(reel.Invalid, "letterboxd: resolutions over %d MB", MaxFileBytes>>20)
	}
	if data, err = checkText(resolutionsFile, data); err != nil {
		return nil, err
	}
	cr := newCSV(data)
	cr.Comment = '#'
	res := &Resolutions{byURI: map[string]resolution{}, byTitle: map[string]resolution{}}
	rd := &reader{}
	for first := true; ; first = false {
		rec, src, err := rd.next(resolutionsFile, cr)
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		if first && len(rec) == 3 && strings.EqualFold(strings.TrimSpace(rec[2]), "imdb_id") {
			continue // the optional header
		}
		if err := res.add(rec, src); err != nil {
			return nil, err
		}
	}
}

func (r *Resolutions) add(rec []string, src Source) error {
	if len(rec) != 3 {
		return inputError(src, "%d fields; want letterboxd_uri_or_title,year,imdb_id", len(rec))
	}
	what, yearText := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
	if strings.TrimSpace(rec[2]) == "" {
		return nil // not answered yet: the template leaves the id blank
	}
	id, err := reel.ParseFilmID(strings.TrimSpace(rec[2]))
	if err != nil {
		return inputError(src, "%s", reel.ErrorMessage(err))
	}
	year := 0
	if yearText != "" {
		if year, err = strconv.Atoi(yearText); err != nil || year < 1 || year > 9999 {
			return inputError(src, "year %q is not a year", yearText)
		}
	}
	m, key := r.byTitle, titleKey(what, year)
	if isURI(what) {
		m, key = r.byURI, normURI(what)
	}
	if key == "" || key == titleKey("", year) {
		return inputError(src, "no link or title")
	}
	if old, dup := m[key]; dup && old.id != id.String() {
		return inputError(src, "%q is resolved to %s here and to %s on line %d", what, id, old.id, old.line)
	}
	m[key] = resolution{id: id.String(), line: src.Line}
	return nil
}

// Set resolves the film titled title (year 0: any year) to the IMDb id id,
// as a line of a resolution file would; the Import page builds its
// resolutions this way. A later Set of the same title and year replaces
// the earlier one.
func (r *Resolutions) Set(title string, year int, id string) error {
	fid, err := reel.ParseFilmID(strings.TrimSpace(id))
	if err != nil {
		return reel.Wrap(err, reel.Invalid, "letterboxd: %s", reel.ErrorMessage(err))
	}
	if year < 0 || year > 9999 {
		return reel.Errorf(reel.Invalid, "letterboxd: year %d is not a year", year)
	}
	key := titleKey(title, year)
	if key == titleKey("", year) {
		return reel.Errorf(reel.Invalid, "letterboxd: no title to resolve")
	}
	if r.byTitle == nil {
		r.byTitle = map[string]resolution{}
	}
	r.byTitle[key] = resolution{id: fid.String()}
	return nil
}

// Len reports how many resolutions r holds.
func (r *Resolutions) Len() int {
	if r == nil {
		return 0
	}
	return len(r.byURI) + len(r.byTitle)
}

// Lookup returns the IMDb id resolved for f and why: by its link first,
// then by title and year, then by a title given without a year.
func (r *Resolutions) Lookup(f Film) (id, reason string, ok bool) {
	if r == nil {
		return "", "", false
	}
	if res, ok := r.byURI[normURI(f.URI)]; ok && f.URI != "" {
		return res.id, "resolved by link on resolutions line " + strconv.Itoa(res.line), true
	}
	for _, k := range []string{titleKey(f.Name, f.Year), titleKey(f.Name, 0)} {
		if res, ok := r.byTitle[k]; ok {
			if res.line == 0 { // Set, not a file
				return res.id, "resolved by title", true
			}
			return res.id, "resolved by title on resolutions line " + strconv.Itoa(res.line), true
		}
	}
	return "", "", false
}

func titleKey(title string, year int) string {
	return matchkey.Key(title) + "\x00" + strconv.Itoa(year)
}

func isURI(s string) bool {
	s = strings.ToLower(s)
	for _, p := range []string{"https://", "http://", "boxd.it/", "letterboxd.com/"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// normURI lets "http://boxd.it/x/" resolve "https://boxd.it/x".
func normURI(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "/")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	return strings.TrimPrefix(s, "www.")
}
