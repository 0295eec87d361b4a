package letterboxd

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ReportRow is the outcome for one row of the export.
type ReportRow struct {
	File       string      `json:"file"`
	Line       int         `json:"line"`
	Kind       string      `json:"kind"` // diary, review, rating, watched, watchlist, like, list
	Name       string      `json:"name"`
	Year       int         `json:"year,omitempty"`
	URI        string      `json:"uri,omitempty"`
	Status     Status      `json:"status"`
	ID         string      `json:"id,omitempty"`
	Reason     string      `json:"reason"`
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Report lists what matching made of every film-bearing row.
type Report struct {
	Matched   int         `json:"matched"`
	Ambiguous int         `json:"ambiguous"`
	Unmatched int         `json:"unmatched"`
	Rows      []ReportRow `json:"rows"`
}

func (r *Report) add(ref filmRef, m Match) {
	r.Rows = append(r.Rows, ReportRow{
		File: ref.src.File, Line: ref.src.Line, Kind: ref.kind,
		Name: ref.film.Name, Year: ref.film.Year, URI: ref.film.URI,
		Status: m.Status, ID: m.ID, Reason: m.Reason, Candidates: m.Candidates,
	})
	switch m.Status {
	case Matched:
		r.Matched++
	case Ambiguous:
		r.Ambiguous++
	default:
		r.Unmatched++
	}
}

// Complete reports whether every row matched.
func (r *Report) Complete() bool { return r.Ambiguous == 0 && r.Unmatched == 0 }

// WriteJSON writes the whole report, matched rows included.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes a summary and every row that did not match, with its
// reason and candidates; verbose adds the matched rows.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rows: %d matched, %d ambiguous, %d unmatched\n",
		len(r.Rows), r.Matched, r.Ambiguous, r.Unmatched)
	for _, row := range r.Rows {
		if row.Status == Matched && !verbose {
			continue
		}
		fmt.Fprintf(&b, "%s:%d\t%s\t%s", row.File, row.Line, row.Status, filmLabel(row.Name, row.Year))
		if row.ID != "" {
			fmt.Fprintf(&b, " = %s", row.ID)
		}
		fmt.Fprintf(&b, ": %s\n", row.Reason)
		for _, c := range row.Candidates {
			fmt.Fprintf(&b, "\t\t%s %s, %d votes%s\n", c.ID, filmLabel(c.Title, c.Year), c.Popularity, alternate(c))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func filmLabel(name string, year int) string {
	if year == 0 {
		return strconv.Quote(name)
	}
	return fmt.Sprintf("%q (%d)", name, year)
}

// WriteResolutions writes a resolution file to fill in: one line per
// distinct title and year left unmatched or ambiguous, with the candidates
// and the rows concerned as comments. A title line settles every row of
// that film at once, where diary links differ per entry.
func (r *Report) WriteResolutions(w io.Writer) error {
	type film struct {
		name  string
		year  int
		cands []Candidate
		rows  []string
	}
	byKey := map[string]*film{}
	var films []*film
	for _, row := range r.Rows {
		if row.Status == Matched {
			continue
		}
		k := titleKey(row.Name, row.Year)
		f := byKey[k]
		if f == nil {
			f = &film{name: row.Name, year: row.Year, cands: row.Candidates}
			byKey[k] = f
			films = append(films, f)
		}
		f.rows = append(f.rows, fmt.Sprintf("%s:%d", row.File, row.Line))
	}
	slices.SortStableFunc(films, func(a, b *film) int {
		return cmp.Or(strings.Compare(a.name, b.name), cmp.Compare(a.year, b.year))
	})
	var b strings.Builder
	b.WriteString("# Fill in the IMDb id (tt…) of each film, then import again with --resolve.\n")
	b.WriteString("letterboxd_uri_or_title,year,imdb_id\n")
	for _, f := range films {
		fmt.Fprintf(&b, "# %s\n", abbreviate(f.rows, 5))
		for _, c := range f.cands {
			fmt.Fprintf(&b, "#   %s %s, %d votes\n", c.ID, filmLabel(c.Title, c.Year), c.Popularity)
		}
		fmt.Fprintf(&b, "%s,%s,\n", csvField(f.name), yearField(f.year))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func abbreviate(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, " ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], " "), len(items)-n)
}

func yearField(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// csvField quotes s when CSV needs it; titles often hold commas.
func csvField(s string) string {
	if s == "" || !strings.ContainsAny(s, ",\"\r\n#") && s == strings.TrimSpace(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
