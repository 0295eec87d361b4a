package letterboxd

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"reel"
	"reel/matchkey"
)

// The files WriteZip adds beside Letterboxd's own layout.
const (
	// ImportFile is for Letterboxd's importer (letterboxd.com/import):
	// every diary entry and review, then films only rated or only marked
	// watched, in the columns of ImportColumns.
	ImportFile = "letterboxd-import.csv"
	// ImportWatchlistFile is for Letterboxd's watchlist importer.
	ImportWatchlistFile = "letterboxd-import-watchlist.csv"
	readmeFile          = "README.txt"
)

// ImportColumns are the columns of ImportFile, as Letterboxd's import
// format names them: LetterboxdURI (a film page, left blank for diary rows
// whose link names the entry), imdbID (tt…), Title, Year, WatchedDate
// (YYYY-MM-DD; blank marks the film watched without a diary entry),
// Rating (0.5–5), Rating10 (1–10), Rewatch (true or blank), Tags (comma
// separated) and Review (HTML as written).
var ImportColumns = []string{"LetterboxdURI", "imdbID", "Title", "Year", "WatchedDate", "Rating", "Rating10", "Rewatch", "Tags", "Review"}

var (
	diaryHeader   = []string{colDate, colName, colYear, colURI, colRating, colRewatch, colTags, colWatched}
	reviewsHeader = []string{colDate, colName, colYear, colURI, colRating, colRewatch, colReview, colTags, colWatched}
	ratingsHeader = []string{colDate, colName, colYear, colURI, colRating}
	filmHeader    = []string{colDate, colName, colYear, colURI}
	listHeader    = []string{colDate, colName, colTags, "URL", "Description"}
	entryHeader   = []string{"Position", colName, colYear, "URL", "Description"}
	idHeader      = []string{colName, colYear, colURI, "imdbID"}
)

// zipTime stamps every entry, so the same data gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteZip writes exp as a zip: Letterboxd's import files, the export
// layout Read reads (diary.csv, reviews.csv, ratings.csv, watched.csv,
// watchlist.csv, likes/films.csv, comments.csv, lists/*.csv in the v7
// layout) and reel/films.csv with the IMDb ids. Rows are sorted the way
// Letterboxd sorts them, ties broken by content, so equal data gives
// identical bytes whatever order it came in; only unranked list entries
// keep the order given. Text is normalised as Read would leave it.
func WriteZip(w io.Writer, exp *Export) error {
	files, err := render(exp)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return reel.Wrap(err, reel.Internal, "letterboxd: write %s", f.name)
		}
		if _, err := fw.Write(f.data); err != nil {
			return reel.Wrap(err, reel.Internal, "letterboxd: write %s", f.name)
		}
	}
	if err := zw.Close(); err != nil {
		return reel.Wrap(err, reel.Internal, "letterboxd: write zip")
	}
	return nil
}

type outFile struct {
	name string
	data []byte
}

// sheet is one CSV table being built: rows sort by key, then by content.
type sheet struct {
	header []string
	rows   []sortRow
}

type sortRow struct{ key, rec []string }

func (s *sheet) add(rec []string, key ...string) {
	s.rows = append(s.rows, sortRow{key: key, rec: rec})
}

func (s *sheet) sorted() [][]string {
	slices.SortFunc(s.rows, func(a, b sortRow) int {
		return cmp.Or(slices.Compare(a.key, b.key), slices.Compare(a.rec, b.rec))
	})
	recs := make([][]string, 0, len(s.rows)+1)
	recs = append(recs, s.header)
	for _, r := range s.rows {
		recs = append(recs, r.rec)
	}
	return recs
}

func render(exp *Export) ([]outFile, error) {
	if err := validate(exp); err != nil {
		return nil, err
	}
	files := []outFile{
		{readmeFile, []byte(readme)},
		{ImportFile, encode(importSheet(exp).sorted())},
		{ImportWatchlistFile, encode(importWatchlistSheet(exp).sorted())},
		{fileDiary, encode(diarySheet(exp).sorted())},
		{fileReviews, encode(reviewsSheet(exp).sorted())},
		{fileRatings, encode(ratingsSheet(exp).sorted())},
		{fileWatched, encode(filmSheet(exp.Watched, func(x Watched) (Film, time.Time) { return x.Film, x.Date }).sorted())},
		{fileWatchlist, encode(filmSheet(exp.Watchlist, func(x WatchlistEntry) (Film, time.Time) { return x.Film, x.Date }).sorted())},
		{fileLikes, encode(filmSheet(exp.Likes, func(x LikedFilm) (Film, time.Time) { return x.Film, x.Date }).sorted())},
		{fileComments, encode(commentsSheet(exp).sorted())},
	}
	files = append(files, listFiles(exp)...)
	return append(files, outFile{fileIDs, encode(idSheet(exp).sorted())}), nil
}

// validate refuses values Read would refuse, so what is written reads back.
func validate(exp *Export) error {
	for _, ref := range exp.films() {
		if ref.film.Year < 0 || ref.film.Year > 9999 {
			return reel.Errorf(reel.Invalid, "letterboxd: %s %q: year %d out of range", ref.kind, ref.film.Name, ref.film.Year)
		}
	}
	check := func(kind string, f Film, s Stars) error {
		if _, err := parseStars(string(s)); err != nil {
			return reel.Errorf(reel.Invalid, "letterboxd: %s %q: %v", kind, f.Name, err)
		}
		return nil
	}
	for _, d := range exp.Diary {
		if err := check("diary entry", d.Film, d.Rating); err != nil {
			return err
		}
	}
	for _, r := range exp.Reviews {
		if err := check("review", r.Film, r.Rating); err != nil {
			return err
		}
	}
	for _, r := range exp.Ratings {
		if err := check("rating", r.Film, r.Rating); err != nil {
			return err
		}
	}
	return nil
}

func encode(recs [][]string) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	_ = cw.WriteAll(recs) // a bytes.Buffer does not fail
	return b.Bytes()
}

// clean makes free text what Read returns for it: valid UTF-8 without
// NUL bytes, line breaks as LF (csv reads CRLF inside quotes as LF).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// word is clean for the fields Read trims: names, links, dates.
func word(s string) string { return strings.TrimSpace(clean(s)) }

func tags(t []string) string { return joinTags(splitTags(clean(joinTags(t)))) }

func year(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func yes(b bool, text string) string {
	if b {
		return text
	}
	return ""
}

func rating10(s Stars) string {
	if n := s.Half(); n > 0 {
		return strconv.Itoa(n)
	}
	return ""
}

func filmCols(f Film) []string { return []string{word(f.Name), year(f.Year), word(f.URI)} }

func diarySheet(exp *Export) *sheet {
	s := &sheet{header: diaryHeader}
	for _, d := range exp.Diary {
		rec := append([]string{formatDate(d.Logged)}, filmCols(d.Film)...)
		rec = append(rec, string(d.Rating), yes(d.Rewatch, "Yes"), tags(d.Tags), formatDate(d.Watched))
		s.add(rec, formatDate(d.Watched), formatDate(d.Logged))
	}
	return s
}

// reviewsSheet writes the reviews held by diary entries and those that
// stand alone; a review joined to an entry is written once, from the entry.
func reviewsSheet(exp *Export) *sheet {
	s := &sheet{header: reviewsHeader}
	add := func(logged, watched time.Time, f Film, r Stars, rewatch bool, text string, t []string) {
		rec := append([]string{formatDate(logged)}, filmCols(f)...)
		rec = append(rec, string(r), yes(rewatch, "Yes"), clean(text), tags(t), formatDate(watched))
		s.add(rec, formatDate(logged), formatDate(watched))
	}
	for _, d := range exp.Diary {
		if d.Review != "" {
			add(d.Logged, d.Watched, d.Film, d.Rating, d.Rewatch, d.Review, d.Tags)
		}
	}
	for _, r := range exp.Reviews {
		if !r.InDiary {
			add(r.Logged, r.Watched, r.Film, r.Rating, r.Rewatch, r.Text, r.Tags)
		}
	}
	return s
}

func ratingsSheet(exp *Export) *sheet {
	s := &sheet{header: ratingsHeader}
	for _, r := range exp.Ratings {
		s.add(ratingRecord(r), formatDate(r.Date))
	}
	return s
}

func ratingRecord(r Rating) []string {
	rec := append([]string{formatDate(r.Date)}, filmCols(r.Film)...)
	return append(rec, string(r.Rating))
}

func filmSheet[T any](rows []T, get func(T) (Film, time.Time)) *sheet {
	s := &sheet{header: filmHeader}
	for _, r := range rows {
		f, d := get(r)
		s.add(append([]string{formatDate(d)}, filmCols(f)...), formatDate(d))
	}
	return s
}

func commentsSheet(exp *Export) *sheet {
	s := &sheet{header: []string{"Date", "Content", "Comment"}}
	for _, c := range exp.Comments {
		s.add([]string{formatDate(c.Date), word(c.Content), clean(c.Text)}, formatDate(c.Date))
	}
	return s
}

// filmKey identifies a film across files: its IMDb id when known, else
// its title and year.
func filmKey(f Film) string {
	if f.ID != "" {
		return f.ID
	}
	return titleKey(f.Name, f.Year)
}

func importRow(uri string, f Film, watched time.Time, r Stars, rewatch bool, t []string, review string) []string {
	return []string{word(uri), f.ID, word(f.Name), year(f.Year), formatDate(watched),
		string(r), rating10(r), yes(rewatch, "true"), tags(t), clean(review)}
}

// importSheet lists diary entries and standalone reviews, then films
// rated but never logged, then films only marked watched, so that
// Letterboxd's importer recreates each once.
func importSheet(exp *Export) *sheet {
	s := &sheet{header: ImportColumns}
	seen := make(map[string]bool)
	for _, d := range exp.Diary {
		seen[filmKey(d.Film)] = true
		s.add(importRow("", d.Film, d.Watched, d.Rating, d.Rewatch, d.Tags, d.Review), "1", formatDate(d.Watched))
	}
	for _, r := range exp.Reviews {
		if !r.InDiary {
			seen[filmKey(r.Film)] = true
			s.add(importRow("", r.Film, r.Watched, r.Rating, r.Rewatch, r.Tags, r.Text), "1", formatDate(r.Watched))
		}
	}
	// A film rated or watched twice gives one row: the latest rating (the
	// current one) and the first watch, content breaking ties, so that row
	// order does not change the output.
	ratings := slices.Clone(exp.Ratings)
	slices.SortFunc(ratings, func(a, b Rating) int {
		return cmp.Or(b.Date.Compare(a.Date), slices.Compare(ratingRecord(a), ratingRecord(b)))
	})
	rated := make(map[string]bool)
	for _, r := range ratings {
		if k := filmKey(r.Film); !seen[k] && !rated[k] {
			rated[k] = true
			s.add(importRow(r.URI, r.Film, time.Time{}, r.Rating, false, nil, ""), "2")
		}
	}
	watched := slices.Clone(exp.Watched)
	slices.SortFunc(watched, func(a, b Watched) int {
		return cmp.Or(a.Date.Compare(b.Date), slices.Compare(filmCols(a.Film), filmCols(b.Film)))
	})
	for _, w := range watched {
		if k := filmKey(w.Film); !seen[k] && !rated[k] {
			seen[k] = true
			s.add(importRow(w.URI, w.Film, time.Time{}, "", false, nil, ""), "3")
		}
	}
	return s
}

func importWatchlistSheet(exp *Export) *sheet {
	s := &sheet{header: ImportColumns[:4]}
	for _, w := range exp.Watchlist {
		s.add([]string{word(w.URI), w.ID, word(w.Name), year(w.Year)}, formatDate(w.Date))
	}
	return s
}

// idSheet records the IMDb id of every film row, for readIDs.
func idSheet(exp *Export) *sheet {
	s := &sheet{header: idHeader}
	seen := make(map[string]bool)
	for _, ref := range exp.films() {
		if ref.joined {
			continue
		}
		f := *ref.film
		rec := append(filmCols(f), f.ID)
		if k := strings.Join(rec, "\x00"); f.ID != "" && !seen[k] {
			seen[k] = true
			s.add(rec)
		}
	}
	return s
}

// listFiles writes each list in the v7 layout, named by a slug of its
// name as Letterboxd names them (favorite-films-of-2021-1.csv).
func listFiles(exp *Export) []outFile {
	type rendered struct {
		l    List
		data []byte
	}
	lists := make([]rendered, len(exp.Lists))
	for i, l := range exp.Lists {
		lists[i] = rendered{l, encodeList(l)}
	}
	// Slugs go to lists in this order; the content breaks ties so that
	// two lists of one name get the same files whatever order they came in.
	slices.SortFunc(lists, func(a, b rendered) int {
		return cmp.Or(a.l.Date.Compare(b.l.Date), strings.Compare(word(a.l.Name), word(b.l.Name)),
			strings.Compare(word(a.l.URL), word(b.l.URL)), bytes.Compare(a.data, b.data))
	})
	taken := make(map[string]bool)
	var files []outFile
	for _, r := range lists {
		name := dirLists + "/" + uniqueSlug(r.l.Name, taken) + ".csv"
		files = append(files, outFile{name, r.data})
	}
	slices.SortFunc(files, func(a, b outFile) int { return strings.Compare(a.name, b.name) })
	return files
}

func encodeList(l List) []byte {
	var b bytes.Buffer
	b.Write(encode([][]string{{ListVersion}, listHeader,
		{formatDate(l.Date), word(l.Name), tags(l.Tags), word(l.URL), clean(l.Description)}}))
	b.WriteByte('\n')
	entries := slices.Clone(l.Entries)
	if l.Ranked {
		slices.SortStableFunc(entries, func(a, b ListEntry) int { return cmp.Compare(a.Position, b.Position) })
	}
	recs := [][]string{entryHeader}
	for i, e := range entries {
		pos := ""
		if l.Ranked {
			pos = strconv.Itoa(i + 1) // Letterboxd numbers from 1 without gaps
		}
		recs = append(recs, []string{pos, word(e.Name), year(e.Year), word(e.URI), clean(e.Description)})
	}
	b.Write(encode(recs))
	return b.Bytes()
}

// maxSlug keeps file names short on every file system.
const maxSlug = 60

func uniqueSlug(name string, taken map[string]bool) string {
	base := strings.ReplaceAll(matchkey.Key(name), " ", "-")
	if len(base) > maxSlug {
		base = strings.TrimRight(truncateUTF8(base, maxSlug), "-")
	}
	if base == "" {
		base = "list"
	}
	slug := base
	for n := 1; taken[slug]; n++ {
		slug = fmt.Sprintf("%s-%d", base, n)
	}
	taken[slug] = true
	return slug
}

func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}

const readme = `This zip was written by reel.

letterboxd-import.csv            upload at https://letterboxd.com/import/ to recreate
                                 the diary, reviews, ratings and watched films
letterboxd-import-watchlist.csv  the watchlist, for the import on your Letterboxd
                                 watchlist page
diary.csv, reviews.csv, …, lists/  the same data in Letterboxd's own export layout,
                                 which reel imports back
reel/films.csv                   the IMDb id of every film, so that re-importing into
                                 reel matches each film exactly
`
