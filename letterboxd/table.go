package letterboxd

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// spec names a file's columns. Columns are found by header name, in any
// order; extra columns are ignored, so a newer export with more columns
// still reads, and optional ones read as blank when absent.
type spec struct {
	required []string
	optional []string
}

const (
	colDate    = "Date"
	colName    = "Name"
	colYear    = "Year"
	colURI     = "Letterboxd URI"
	colRating  = "Rating"
	colRewatch = "Rewatch"
	colTags    = "Tags"
	colWatched = "Watched Date"
	colReview  = "Review"
)

var specs = map[string]spec{
	fileDiary:     {required: []string{colDate, colName, colYear, colURI, colWatched}, optional: []string{colRating, colRewatch, colTags}},
	fileReviews:   {required: []string{colDate, colName, colYear, colURI, colReview}, optional: []string{colRating, colRewatch, colTags, colWatched}},
	fileRatings:   {required: []string{colDate, colName, colYear, colURI, colRating}},
	fileWatched:   {required: []string{colDate, colName, colYear, colURI}},
	fileWatchlist: {required: []string{colDate, colName, colYear, colURI}},
	fileLikes:     {required: []string{colDate, colName, colYear, colURI}},
	fileComments:  {required: []string{"Date", "Content", "Comment"}},
}

// table reads the rows under one header row. Accessors record the first
// bad value in err, so a row reads as a list of fields and one check.
type table struct {
	r     *reader
	name  string
	cr    *csv.Reader
	cols  map[string]int
	width int
	rec   []string
	src   Source
	err   error
}

// header reads the header row. An empty file has no rows, not an error.
func (t *table) header(s spec) error {
	rec, src, err := t.r.next(t.name, t.cr)
	if err == io.EOF {
		t.cols = map[string]int{}
		return nil
	}
	if err != nil {
		return err
	}
	return t.setHeader(rec, src, s)
}

func (t *table) setHeader(rec []string, src Source, s spec) error {
	t.cols = make(map[string]int, len(rec))
	t.width = len(rec)
	for i, h := range rec {
		t.cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, c := range s.required {
		if _, ok := t.cols[strings.ToLower(c)]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return inputError(src, "missing column %s; expected %s; found %s",
			strings.Join(missing, ", "), strings.Join(append(s.required, s.optional...), ","), strings.Join(rec, ","))
	}
	return nil
}

// next moves to the next row; it returns false at the end or on error.
func (t *table) next() bool {
	if t.err != nil || t.width == 0 {
		return false
	}
	rec, src, err := t.r.next(t.name, t.cr)
	if err == io.EOF {
		return false
	}
	if err != nil {
		t.err = err
		return false
	}
	t.rec, t.src = rec, src
	if len(rec) != t.width {
		t.err = inputError(src, "%d fields where the header has %d; is a quote missing?", len(rec), t.width)
		return false
	}
	return true
}

func (t *table) fail(format string, args ...any) {
	if t.err == nil {
		t.err = inputError(t.src, format, args...)
	}
}

func (t *table) str(col string) string {
	i, ok := t.cols[strings.ToLower(col)]
	if !ok {
		return ""
	}
	return t.rec[i]
}

// text is str with surrounding space trimmed, for names and links.
func (t *table) text(col string) string { return strings.TrimSpace(t.str(col)) }

func (t *table) year(col string) int {
	s := t.text(col)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 9999 {
		t.fail("%s %q is not a year", col, s)
	}
	return n
}

func (t *table) number(col string) int {
	s := t.text(col)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		t.fail("%s %q is not a number", col, s)
	}
	return n
}

func (t *table) date(col string) time.Time {
	s := t.text(col)
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		t.fail("%s %q is not a date like 2024-01-31", col, s)
	}
	return d
}

func (t *table) stars(col string) Stars {
	s := t.text(col)
	if _, err := parseStars(s); err != nil {
		t.fail("%v", err)
		return ""
	}
	return Stars(s)
}

func (t *table) flag(col string) bool {
	switch s := strings.ToLower(t.text(col)); s {
	case "":
		return false
	case "yes", "true":
		return true
	case "no", "false":
		return false
	default:
		t.fail("%s %q is not Yes or blank", col, t.str(col))
		return false
	}
}

func (t *table) film() Film {
	return Film{Name: t.text(colName), Year: t.year(colYear), URI: t.text(colURI)}
}
