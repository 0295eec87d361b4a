package linker

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"reel"
)

// TSV is a Source over IMDb's dataset files in a directory (or any fs.FS):
// title.basics, title.akas, title.ratings, name.basics, title.principals and
// title.crew, each as NAME.tsv or NAME.tsv.gz. Missing files yield no rows.
// It serves tests, benchmarks and building a matcher straight from the dumps
// without importing them first.
type TSV struct {
	FS fs.FS
	// Types keeps only these title types; nil keeps DefaultTypes.
	Types []string

	kept    []uint32 // sorted ids of the films EachFilm yielded
	keptSet bool
}

// DefaultTypes are the title types a review names: films and series, not
// episodes, shorts or games.
var DefaultTypes = []string{"movie", "tvMovie", "tvSeries", "tvMiniSeries", "tvSpecial", "video"}

// rows calls fn with the split fields of every data row of the named file.
func (t *TSV) rows(ctx context.Context, name string, fn func(f [][]byte) error) error {
	r, closer, err := openTSV(t.FS, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer closer.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var fields [][]byte
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			continue // header
		}
		if n%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		fields = splitTabs(fields[:0], sc.Bytes())
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s line %d: %w", name, n+1, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func openTSV(fsys fs.FS, name string) (io.Reader, io.Closer, error) {
	f, err := fsys.Open(name + ".tsv")
	if err == nil {
		return f, f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	f, err = fsys.Open(name + ".tsv.gz")
	if err != nil {
		return nil, nil, err
	}
	z, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s.tsv.gz: %w", name, err)
	}
	return z, f, nil
}

func splitTabs(dst [][]byte, line []byte) [][]byte {
	for {
		i := bytes.IndexByte(line, '\t')
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}

func field(f [][]byte, i int) string {
	if i >= len(f) || string(f[i]) == `\N` {
		return ""
	}
	return string(f[i])
}

func atoi(f [][]byte, i int) int {
	n, _ := strconv.Atoi(field(f, i))
	return n
}

// imdbNum parses "tt0287467" or "nm0000264" to its number, 0 when malformed.
func imdbNum(b []byte) uint32 {
	if len(b) < 3 {
		return 0
	}
	n, err := strconv.ParseUint(string(b[2:]), 10, 32)
	if err != nil {
		return 0
	}
	return uint32(n)
}

func (t *TSV) types() []string {
	if t.Types == nil {
		return DefaultTypes
	}
	return t.Types
}

// EachFilm yields the films of the kept types, with their vote counts.
func (t *TSV) EachFilm(ctx context.Context, fn func(reel.Film) error) error {
	votes, err := t.ratings(ctx)
	if err != nil {
		return err
	}
	t.kept, t.keptSet = t.kept[:0], false
	types := t.types()
	defer func() {
		slices.Sort(t.kept)
		t.keptSet = true
	}()
	return t.rows(ctx, "title.basics", func(f [][]byte) error {
		if len(f) < 9 || !slices.Contains(types, string(f[1])) {
			return nil
		}
		id := imdbNum(f[0])
		if id == 0 {
			return nil
		}
		t.kept = append(t.kept, id)
		fl := reel.Film{ID: reel.FilmID(id), Type: string(f[1]), Title: string(f[2]), OriginalTitle: string(f[3]),
			Year: atoi(f, 5), Adult: string(f[4]) == "1"}
		if i, ok := slices.BinarySearchFunc(votes, id, cmpVote); ok {
			fl.Votes = int(votes[i].votes)
		}
		return fn(fl)
	})
}

type vote struct{ id, votes uint32 }

func cmpVote(v vote, id uint32) int { return cmpU32(v.id, id) }

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ratings reads title.ratings into a sorted slice: a third of a map's memory
// for the dump's 1.5 million rows.
func (t *TSV) ratings(ctx context.Context) ([]vote, error) {
	var out []vote
	err := t.rows(ctx, "title.ratings", func(f [][]byte) error {
		if id := imdbNum(f[0]); id != 0 {
			out = append(out, vote{id, uint32(atoi(f, 2))})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b vote) int { return cmpU32(a.id, b.id) })
	return out, err
}

// has reports whether EachFilm yielded film id; before EachFilm ran, every id
// passes.
func (t *TSV) has(id uint32) bool {
	if !t.keptSet {
		return true
	}
	_, ok := slices.BinarySearch(t.kept, id)
	return ok
}

// EachAltTitle yields title.akas rows of kept films.
func (t *TSV) EachAltTitle(ctx context.Context, fn func(reel.FilmID, reel.AltTitle) error) error {
	return t.rows(ctx, "title.akas", func(f [][]byte) error {
		id := imdbNum(f[0])
		if len(f) < 8 || id == 0 || !t.has(id) {
			return nil
		}
		return fn(reel.FilmID(id), reel.AltTitle{Title: string(f[2]), Region: field(f, 3), Language: field(f, 4),
			Types: field(f, 5), Original: string(f[7]) == "1"})
	})
}

// EachPerson yields every row of name.basics; Build drops the people no kept
// credit names.
func (t *TSV) EachPerson(ctx context.Context, fn func(reel.Person) error) error {
	return t.rows(ctx, "name.basics", func(f [][]byte) error {
		id := imdbNum(f[0])
		if len(f) < 5 || id == 0 {
			return nil
		}
		return fn(reel.Person{ID: reel.PersonID(id), Name: string(f[1]), BirthYear: atoi(f, 2), DeathYear: atoi(f, 3)})
	})
}

// EachCredit yields title.principals, then the directors and writers of
// title.crew (ordering from 1000, as the store numbers them). A person in both
// appears twice; Build keeps one credit per film, person and category.
func (t *TSV) EachCredit(ctx context.Context, fn func(reel.Credit) error) error {
	err := t.rows(ctx, "title.principals", func(f [][]byte) error {
		film, person := imdbNum(f[0]), imdbNum(f[2])
		if len(f) < 6 || film == 0 || person == 0 || !t.has(film) {
			return nil
		}
		return fn(reel.Credit{FilmID: reel.FilmID(film), PersonID: reel.PersonID(person), Ordering: atoi(f, 1),
			Category: string(f[3]), Job: field(f, 4), Characters: ParseCharacters(field(f, 5))})
	})
	if err != nil {
		return err
	}
	return t.rows(ctx, "title.crew", func(f [][]byte) error {
		film := imdbNum(f[0])
		if len(f) < 3 || film == 0 || !t.has(film) {
			return nil
		}
		n := 1000
		for col, cat := range []string{reel.CategoryDirector, reel.CategoryWriter} {
			for _, nm := range bytes.Split(f[col+1], []byte{','}) {
				if p := imdbNum(nm); p != 0 {
					if err := fn(reel.Credit{FilmID: reel.FilmID(film), PersonID: reel.PersonID(p), Ordering: n, Category: cat}); err != nil {
						return err
					}
					n++
				}
			}
		}
		return nil
	})
}

// ParseCharacters reads IMDb's characters cell, a JSON-like array of strings
// that in the real dumps is not always valid JSON (bare quotes inside names,
// as in `["Stephen "Dr" Love"]`), so it is split leniently.
func ParseCharacters(s string) []string {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil
	}
	s = strings.TrimSpace(s[1 : len(s)-1])
	var out []string
	for _, part := range strings.Split(s, `","`) {
		part = strings.Trim(part, `"`)
		part = strings.ReplaceAll(part, `\"`, `"`)
		part = strings.ReplaceAll(part, `\\`, `\`)
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
