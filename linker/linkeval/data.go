// Package linkeval measures the entity linker on the copy desk's annotated set
// (testdata/copydesk): reviews written for the project and mention
// annotations of research reviews, which are read from the research data
// directory and never copied into the repository.
package linkeval

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"reel"
	"reel/linker"
)

// Gold is one annotated mention.
type Gold struct {
	File       string `json:"file"`
	Start, End int
	Kind, ID   string
}

// Span is a byte range of a text.
type Span struct{ Start, End int }

// Text is one annotated text.
type Text struct {
	File string // path under the copy-desk set or the data directory
	Body string
	Own  bool   // written for the project (cased, correct text)
	Film string // tconst of the film under review, "" for none
	// Written is the year by which the text was written, as a review in
	// reel carries its date: see ownWritten and corpusWritten.
	Written int
	Gold    []Gold
	Slips   []Span // known slips in the text: a check there is not a false alarm
}

// ownWritten is the year the project's own reviews were written.
const ownWritten = 2026

// corpusWritten bounds when the research reviews were written: Pang & Lee's
// polarity dataset v2.0 was published in 2004 (ACL 2004; see its SOURCE.md),
// from reviews posted to rec.arts.movies.reviews before then. The linker is
// told no more than that, not each review's real date, which is later than
// many of the films it names and earlier than the 2005–2022 films the
// catalog's distractors bring.
const corpusWritten = 2004

// Set locates the annotated set and the research data.
type Set struct {
	Repo string // the repository root
	Data string // the research data directory (shared/data)
}

func (s Set) copydesk(name string) string { return filepath.Join(s.Repo, "testdata", "copydesk", name) }

// readJSONL decodes one value per line.
func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// films reads films.tsv: the film under review of every text, and the
// subset the text belongs to (research, own, validation or test).
func (s Set) films() (map[string]string, map[string]string, error) {
	f, err := os.Open(s.copydesk("films.tsv"))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.FieldsPerRecord = 3
	rows, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	film, subset := map[string]string{}, map[string]string{}
	for _, row := range rows[1:] {
		film[row[0]], subset[row[0]] = row[1], row[2]
	}
	return film, subset, nil
}

// Own loads the reviews written for the project.
func (s Set) Own() ([]Text, error) {
	films, _, err := s.films()
	if err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(s.copydesk("reviews/*.md"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no reviews in %s", s.copydesk("reviews"))
	}
	var out []Text
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		gold, err := readJSONL[Gold](strings.TrimSuffix(p, ".md") + ".ann.jsonl")
		if err != nil {
			return nil, err
		}
		name := "reviews/" + filepath.Base(p)
		for i := range gold {
			gold[i].File = name
		}
		out = append(out, Text{File: name, Body: string(body), Own: true, Film: films[name], Written: ownWritten, Gold: gold})
	}
	return out, nil
}

// Research loads the annotated research reviews from the data directory:
// the development set, whose errors the linker's rules were tuned on.
func (s Set) Research() ([]Text, error) { return s.research("research", "research.jsonl") }

// Validation loads the first half of the held-out research reviews,
// annotated after the linker's rules were first set: its errors may be read
// to improve the linker, so its figures become in-sample too.
func (s Set) Validation() ([]Text, error) { return s.research("validation", "heldout.jsonl") }

// Test loads the other half of the held-out research reviews, whose
// per-text errors are never read: only its totals are, so its figures say
// how the linker does on text it was not fitted to.
func (s Set) Test() ([]Text, error) { return s.research("test", "heldout.jsonl") }

// All loads every text of the set: the project's own reviews and, when the
// data directory is there, the research reviews of all three subsets.
func (s Set) All() ([]Text, error) {
	texts, err := s.Own()
	if err != nil || s.Data == "" {
		return texts, err
	}
	for _, load := range []func() ([]Text, error){s.Research, s.Validation, s.Test} {
		more, err := load()
		if err != nil {
			return nil, err
		}
		texts = append(texts, more...)
	}
	return texts, nil
}

func (s Set) research(subset, mentions string) ([]Text, error) {
	films, subsets, err := s.films()
	if err != nil {
		return nil, err
	}
	gold, err := readJSONL[Gold](s.copydesk(mentions))
	if err != nil {
		return nil, err
	}
	slips, err := readJSONL[Gold](s.copydesk("slips.jsonl"))
	if err != nil {
		return nil, err
	}
	byFile := map[string]*Text{}
	var order []string
	for file := range films {
		if subsets[file] == subset {
			order = append(order, file)
		}
	}
	slices.Sort(order)
	var out []Text
	for _, file := range order {
		body, err := os.ReadFile(filepath.Join(s.Data, file))
		if err != nil {
			return nil, err
		}
		out = append(out, Text{File: file, Body: string(body), Film: films[file], Written: corpusWritten})
	}
	for i := range out {
		byFile[out[i].File] = &out[i]
	}
	for _, g := range gold {
		if t := byFile[g.File]; t != nil {
			t.Gold = append(t.Gold, g)
		}
	}
	for _, sl := range slips {
		if t := byFile[sl.File]; t != nil {
			t.Slips = append(t.Slips, Span{sl.Start, sl.End})
		}
	}
	return out, nil
}

// Catalog is the catalog the set is annotated against, testdata/copydesk/catalog,
// plus, when the data directory is there, distractors that make linking
// realistic: MovieLens's ~9,700 films (real ids, many titled with everyday
// words) and IMDb's 2022 sample of 2,000 films and 10,000 people.
func (s Set) Catalog() (linker.Source, error) {
	own := &linker.TSV{FS: os.DirFS(s.copydesk("catalog"))}
	if s.Data == "" {
		return own, nil
	}
	ml, err := movieLens(filepath.Join(s.Data, "movielens-ml-latest-small"))
	if err != nil {
		return nil, err
	}
	sample := &linker.TSV{FS: os.DirFS(filepath.Join(s.Data, "imdb-tsv-sample", "linked-subset-2022"))}
	return linker.Multi(ml, sample, own), nil
}

var mlTitle = regexp.MustCompile(`^(.*) \((\d{4})\)\s*$`)
var mlArticle = regexp.MustCompile(`^(.*), (The|A|An|Les|La|Le|El|Il|Das|Der|Die|L')$`)

// movieLens reads MovieLens's films with their IMDb ids. MovieLens has no
// IMDb vote counts; its own rating counts, scaled, stand in for them.
func movieLens(dir string) (linker.Source, error) {
	ratings := map[string]int{}
	if err := eachCSV(filepath.Join(dir, "ratings.csv"), func(r []string) { ratings[r[1]]++ }); err != nil {
		return nil, err
	}
	links := map[string]int64{}
	if err := eachCSV(filepath.Join(dir, "links.csv"), func(r []string) {
		if n, err := strconv.ParseInt(r[1], 10, 64); err == nil {
			links[r[0]] = n
		}
	}); err != nil {
		return nil, err
	}
	src := &linker.Mem{}
	err := eachCSV(filepath.Join(dir, "movies.csv"), func(r []string) {
		m := mlTitle.FindStringSubmatch(strings.TrimSpace(r[1]))
		id := links[r[0]]
		if m == nil || id == 0 {
			return
		}
		year, _ := strconv.Atoi(m[2])
		title, aka := m[1], ""
		if i := strings.Index(title, " ("); i > 0 && strings.HasSuffix(title, ")") {
			title, aka = title[:i], title[i+2:len(title)-1]
		}
		title, aka = unArticle(title), unArticle(aka)
		src.Films = append(src.Films, reel.Film{ID: reel.FilmID(id), Type: "movie", Title: title, OriginalTitle: title,
			Year: year, Votes: max(1000, 3000*ratings[r[0]])})
		if aka != "" {
			src.AltTitles = append(src.AltTitles, linker.AltTitle{Film: reel.FilmID(id), AltTitle: reel.AltTitle{Title: aka}})
		}
	})
	return src, err
}

func unArticle(t string) string {
	if m := mlArticle.FindStringSubmatch(t); m != nil {
		return m[2] + " " + m[1]
	}
	return t
}

func eachCSV(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	for n := 0; ; n++ {
		row, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if n > 0 {
			fn(row)
		}
	}
}

// Build builds a linker over the set's catalog.
func (s Set) Build(ctx context.Context) (*linker.Linker, error) {
	src, err := s.Catalog()
	if err != nil {
		return nil, err
	}
	return linker.Build(ctx, src)
}
