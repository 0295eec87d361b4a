package letterboxd

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"reel"
)

// The files Read understands, relative to the export's root.
const (
	fileDiary     = "diary.csv"
	fileReviews   = "reviews.csv"
	fileRatings   = "ratings.csv"
	fileWatched   = "watched.csv"
	fileWatchlist = "watchlist.csv"
	fileLikes     = "likes/films.csv"
	fileComments  = "comments.csv"
	dirLists      = "lists"
	fileIDs       = "reel/films.csv"
)

// inputError reports bad input at a place in the export; the message is
// meant for the member who uploaded it.
func inputError(src Source, format string, args ...any) error {
	return reel.Errorf(reel.Invalid, "letterboxd: %s: %s", src.Where(), fmt.Sprintf(format, args...))
}

// reader holds the state of one Read: the budgets shared by all files.
type reader struct {
	fsys  fs.FS
	bytes int64 // bytes read so far
	rows  int   // rows read so far
}

// Read reads an export from fsys: an unpacked export folder, or one inside
// a single top-level folder. It returns an error naming the file and line
// of the first problem, and no Export: nothing is half-read.
func Read(fsys fs.FS) (*Export, error) {
	root, err := findRoot(fsys)
	if err != nil {
		return nil, err
	}
	r := &reader{fsys: root}
	return r.read()
}

// tables are the single-table files, each with its row reader.
var tables = []struct {
	name string
	read func(*Export, *table) error
}{
	{fileDiary, readDiary},
	{fileReviews, readReviews},
	{fileRatings, readRatings},
	{fileWatched, readWatched},
	{fileWatchlist, readWatchlist},
	{fileLikes, readLikes},
	{fileComments, readComments},
}

func (r *reader) read() (*Export, error) {
	files, err := r.inventory()
	if err != nil {
		return nil, err
	}
	exp := &Export{}
	read := make(map[string]bool)
	for _, t := range tables {
		if slices.Contains(files, t.name) {
			read[t.name] = true
			if err := r.readTable(exp, t.name, t.read); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range files {
		if path.Dir(name) == dirLists && path.Ext(name) == ".csv" {
			read[name] = true
			if err := r.readList(exp, name); err != nil {
				return nil, err
			}
		}
	}
	if len(read) == 0 {
		return nil, reel.Errorf(reel.Invalid, "letterboxd: not a Letterboxd export: no diary.csv, watched.csv, watchlist.csv or lists/ found")
	}
	if slices.Contains(files, fileIDs) {
		read[fileIDs] = true
		if err := r.readIDs(exp); err != nil {
			return nil, err
		}
	}
	for _, name := range files {
		if !read[name] {
			exp.Ignored = append(exp.Ignored, name)
		}
	}
	joinReviews(exp)
	return exp, nil
}

// inventory lists the regular files under the root, enforcing MaxFiles.
func (r *reader) inventory() ([]string, error) {
	var files []string
	n := 0
	err := fs.WalkDir(r.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if n++; n > MaxFiles {
			return reel.Errorf(reel.Invalid, "letterboxd: more than %d files: not a Letterboxd export", MaxFiles)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return reel.Errorf(reel.Invalid, "letterboxd: %s is a symbolic link; an export holds only files", name)
		}
		if d.Type().IsRegular() {
			files = append(files, name)
		}
		return nil
	})
	if err != nil {
		if reel.ErrorCode(err) == reel.Invalid {
			return nil, err
		}
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot list the export")
	}
	return files, nil
}

// findRoot returns fsys, or the single folder inside it when the export
// was zipped with its folder (letterboxd-name-2024-01-01-utc/diary.csv).
func findRoot(fsys fs.FS) (fs.FS, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot list the export")
	}
	var dirs []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || name == "__MACOSX" {
			continue // Finder's litter, not part of the export
		}
		if !e.IsDir() || isExportPart(name) {
			return fsys, nil
		}
		dirs = append(dirs, name)
	}
	if len(dirs) != 1 {
		return fsys, nil
	}
	sub, err := fs.Sub(fsys, dirs[0])
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot open %s", dirs[0])
	}
	inner, err := fs.ReadDir(sub, ".")
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot list %s", dirs[0])
	}
	for _, e := range inner {
		if isExportPart(e.Name()) {
			return sub, nil
		}
	}
	return fsys, nil
}

// isExportPart reports whether name is a file or folder found at the top
// of an export.
func isExportPart(name string) bool {
	switch name {
	case fileDiary, fileReviews, fileRatings, fileWatched, fileWatchlist, fileComments,
		"profile.csv", dirLists, "likes", "deleted", path.Dir(fileIDs):
		return true
	}
	return false
}

// load reads one file within the size budgets and checks its encoding.
func (r *reader) load(name string) ([]byte, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot open %s", name)
	}
	defer f.Close()
	limit := min(int64(MaxFileBytes), MaxTotalBytes-r.bytes)
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot read %s", name)
	}
	if int64(len(data)) > limit {
		return nil, reel.Errorf(reel.Invalid, "letterboxd: %s: over the limit of %d MB per file and %d MB in all",
			name, MaxFileBytes>>20, MaxTotalBytes>>20)
	}
	r.bytes += int64(len(data))
	return checkText(name, data)
}

var bom = []byte("\xef\xbb\xbf")

// checkText strips a UTF-8 byte order mark and rejects text that is not
// UTF-8, naming the line, since a spreadsheet re-save is the usual cause.
func checkText(name string, data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, bom)
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, inputError(Source{File: name, Line: 1}, "the file is UTF-16; save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, inputError(lineAt(name, data, i), "NUL byte: the file is binary or UTF-16, not UTF-8 text")
	}
	if utf8.Valid(data) {
		return data, nil
	}
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return nil, inputError(lineAt(name, data, i),
		"not valid UTF-8 (byte 0x%02x); was the file re-saved as Latin-1 or Windows-1252?", data[i])
}

func lineAt(name string, data []byte, offset int) Source {
	return Source{File: name, Line: 1 + bytes.Count(data[:offset], []byte("\n"))}
}

// newCSV returns a strict reader: RFC 4180 quoting, any number of fields
// per record (list files hold two tables), rows checked by table.
func newCSV(data []byte) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	return cr
}

// next reads one record, translating csv's errors into input errors.
func (r *reader) next(name string, cr *csv.Reader) ([]string, Source, error) {
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, Source{}, err
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, Source{}, inputError(Source{File: name, Line: pe.Line}, "broken CSV: %v (column %d)", pe.Err, pe.Column)
		}
		return nil, Source{}, reel.Wrap(err, reel.Invalid, "letterboxd: cannot read %s", name)
	}
	line, _ := cr.FieldPos(0)
	src := Source{File: name, Line: line}
	if r.rows++; r.rows > MaxRows {
		return nil, src, inputError(src, "more than %d rows in the export", MaxRows)
	}
	return rec, src, nil
}

// readTable reads a file with one header row and calls fn with the table
// positioned on it; fn reads the rows.
func (r *reader) readTable(exp *Export, name string, fn func(*Export, *table) error) error {
	data, err := r.load(name)
	if err != nil {
		return err
	}
	t := &table{r: r, name: name, cr: newCSV(data)}
	if err := t.header(specs[name]); err != nil {
		return err
	}
	return fn(exp, t)
}
