// Package imdb imports IMDb's non-commercial dataset files (title.basics,
// title.akas, title.crew, title.principals, name.basics, title.ratings; .tsv or
// .tsv.gz, any subset) into the catalog.
//
// The import streams every file once, in an order chosen so that each filter
// is known before the file that needs it (see importOrder), and keeps its
// memory flat: the kept titles and credited people are bitsets and tables
// indexed by IMDb number, and rows go to the database in batches. Everything
// is written in one transaction: an import that fails, is interrupted or is
// killed leaves the catalog exactly as it was.
package imdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"reel"
	"reel/store"
)

// DefaultTypes are the title types kept unless Options.Types says otherwise:
// feature films, TV movies and shorts.
var DefaultTypes = []string{"movie", "tvMovie", "short"}

// Options tune an import.
type Options struct {
	// Types are the IMDb title types to keep; empty means DefaultTypes.
	Types []string
	// MinVotes drops titles with fewer IMDb votes (unrated titles have 0).
	MinVotes int
	// Progress receives progress reports; nil is silent.
	Progress io.Writer
	// Terminal draws a progress bar in place instead of plain log lines.
	Terminal bool
}

// badRowLimit is the share of malformed rows (in percent of a file's rows)
// beyond which the import gives up: past it the file is more likely the wrong
// file, or damaged, than a dump with a few broken lines.
const badRowLimit = 1

// ImportDir imports the dataset files found in dir.
func ImportDir(ctx context.Context, st *store.Store, dir string, opts Options) (Summary, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Summary{}, reel.Errorf(reel.Invalid, "IMDb directory %s does not exist", dir)
	case err != nil:
		return Summary{}, reel.Errorf(reel.Invalid, "IMDb directory %s cannot be read: %v", dir, err)
	case !info.IsDir():
		return Summary{}, reel.Errorf(reel.Invalid, "%s is not a directory: give the directory holding the IMDb .tsv or .tsv.gz files", dir)
	}
	return Import(ctx, st, os.DirFS(dir), opts)
}

// Import reads whichever of the six dataset files exist in fsys, as name.tsv
// or name.tsv.gz, and upserts their rows into the catalog. On any error,
// including cancellation of ctx, nothing is written and the error says so.
func Import(ctx context.Context, st *store.Store, fsys fs.FS, opts Options) (Summary, error) {
	start := time.Now()
	srcs, err := findSources(fsys)
	if err != nil {
		return Summary{}, reel.Errorf(reel.Invalid, "%v", err)
	}
	if len(srcs) == 0 {
		var names []string
		for _, d := range importOrder {
			names = append(names, d.base+".tsv[.gz]")
		}
		return Summary{}, reel.Errorf(reel.Invalid, "no IMDb dataset files found: expected one or more of %s", strings.Join(names, ", "))
	}
	im := newImporter(ctx, opts, srcs)
	defer im.prog.close()
	load, err := st.BeginCatalogLoad(ctx)
	if err != nil {
		return Summary{}, abandoned(ctx, err)
	}
	im.load = load
	err = im.run(fsys, srcs)
	if err == nil {
		im.prog.setStage("committing")
		err = load.Commit()
	}
	im.sum.Duration = time.Since(start)
	if err != nil {
		load.Rollback()
		return im.sum, abandoned(ctx, err)
	}
	return im.sum, nil
}

// inputError marks a problem with the files rather than the database.
type inputError struct{ error }

// abandoned turns the error that stopped an import into the one the user sees:
// what went wrong and that nothing was written.
func abandoned(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return &reel.Error{Code: reel.Internal, Message: "import interrupted: the catalog is unchanged", Err: ctx.Err()}
	}
	var in inputError
	if errors.As(err, &in) {
		return &reel.Error{Code: reel.Invalid, Message: in.Error() + "; import abandoned, the catalog is unchanged"}
	}
	code := reel.ErrorCode(err)
	if code == reel.NotFound {
		code = reel.Internal
	}
	return &reel.Error{Code: code, Message: "import failed, the catalog is unchanged: " + err.Error()}
}

// importer is the state of one import.
type importer struct {
	ctx   context.Context
	load  *store.CatalogLoad
	opts  Options
	types map[string]bool
	has   map[string]bool // dataset bases present
	prog  *progress
	sum   Summary

	rat  *ratings
	kept idSet // titles kept
	// credited maps each person credited on a kept title to 1 + the highest
	// vote count among those titles: their popularity.
	credited idValues
	named    idSet // people written, to skip duplicates

	keys []string // scratch for search keys
}

func newImporter(ctx context.Context, opts Options, srcs []source) *importer {
	if len(opts.Types) == 0 {
		opts.Types = DefaultTypes
	}
	im := &importer{ctx: ctx, opts: opts, types: map[string]bool{}, has: map[string]bool{}, rat: newRatings()}
	for _, t := range opts.Types {
		im.types[t] = true
	}
	var total int64
	for _, s := range srcs {
		im.has[s.base] = true
		total += s.size
	}
	im.prog = newProgress(opts.Progress, opts.Terminal, total)
	return im
}

// run reads every file, then completes the load.
func (im *importer) run(fsys fs.FS, srcs []source) error {
	if err := im.seed(); err != nil {
		return err
	}
	for _, src := range srcs {
		if err := im.readFile(fsys, src); err != nil {
			return err
		}
	}
	if err := im.rekeyPartial(); err != nil {
		return err
	}
	im.prog.setStage("writing search keys and indexes")
	filmPop := im.has[ratingsFile.base] && !im.has[basicsFile.base]
	credits := im.has[principalsFile.base] || im.has[crewFile.base] || im.has[ratingsFile.base]
	peoplePop := !im.load.Fresh() && !im.has[namesFile.base] && credits
	return im.load.Finish(filmPop, peoplePop)
}

// seed loads from the catalog what a partial import needs from the files it
// lacks: votes without title.ratings, kept titles without title.basics,
// credited people without the credit files.
func (im *importer) seed() error {
	if !im.has[ratingsFile.base] && !im.load.Fresh() {
		err := im.load.CatalogRatings(func(id, votes int64, rating float64) {
			im.rat.add(uint32(id), int(rating*10+0.5), int(votes))
		})
		if err != nil {
			return err
		}
	}
	if !im.has[basicsFile.base] {
		err := im.load.KeepCatalogFilms(func(id, votes int64) { im.kept.Add(uint32(id)) })
		if err != nil {
			return err
		}
	}
	if im.has[namesFile.base] && !im.has[principalsFile.base] && !im.has[crewFile.base] {
		err := im.load.CreditedPeople(func(id, votes int64) { im.credited.Max(uint32(id), uint32(min(votes, maxVotes))+1) })
		if err != nil {
			return err
		}
	}
	im.rat.finish()
	return nil
}

// rekeyPartial restages, from the catalog, the film search keys that come
// from the one of title.basics and title.akas this import lacks, since Finish
// replaces every key of a re-keyed film.
func (im *importer) rekeyPartial() error {
	if im.load.Fresh() {
		return nil
	}
	switch {
	case im.has[basicsFile.base] && !im.has[akasFile.base]:
		return im.load.KeptAltTitles(func(id int64, title string, votes int64) {
			im.addKeys(store.KeyFilm, id, votes, title)
		})
	case im.has[akasFile.base] && !im.has[basicsFile.base]:
		return im.load.KeptFilmTitles(func(id int64, title, orig string, votes int64) {
			im.addKeys(store.KeyFilm, id, votes, title, orig)
		})
	}
	return nil
}

// addKeys stages the distinct word-suffix keys of names for one entity.
func (im *importer) addKeys(kind int, ref, pop int64, names ...string) error {
	im.keys = im.keys[:0]
	for i, n := range names {
		if i > 0 && n == names[i-1] {
			continue // most original titles repeat the title
		}
		im.keys = appendKeys(im.keys, n)
	}
	for _, k := range im.keys {
		if err := im.load.AddSearchKey(k, kind, ref, pop); err != nil {
			return err
		}
	}
	return nil
}

// rowFunc handles one well-formed row. It returns a skip reason, "" when the
// row is kept, or a badRow error for a row that turns out malformed.
type rowFunc func(t *tsvReader, f *FileSummary) (skip string, err error)

// badRow marks a row as malformed; the import counts it and goes on.
type badRow string

func (b badRow) Error() string { return string(b) }

// readFile streams one file through its row handler.
func (im *importer) readFile(fsys fs.FS, src source) error {
	start := time.Now()
	im.prog.setStage("reading " + src.name)
	t, closer, err := src.open(fsys, &im.prog.bytes)
	if err != nil {
		return inputError{err}
	}
	defer closer.Close()
	handle, err := im.handler(src.dataset)
	if err != nil {
		return err
	}
	f := FileSummary{File: src.name}
	var pending int64
	for t.Next() {
		f.Read++
		if pending++; pending == 4096 {
			im.prog.rows.Add(pending)
			pending = 0
			if err := im.ctx.Err(); err != nil {
				return err
			}
		}
		if why := t.Bad(); why != "" {
			f.bad(t.Line(), why)
			continue
		}
		skip, err := handle(t, &f)
		var bad badRow
		switch {
		case errors.As(err, &bad):
			f.bad(t.Line(), string(bad))
		case err != nil:
			return err
		case skip != "":
			f.skip(skip)
		default:
			f.Kept++
		}
	}
	im.prog.rows.Add(pending)
	if err := t.Err(); err != nil {
		return inputError{err}
	}
	if f.Bad*100 > f.Read*badRowLimit {
		return inputError{fmt.Errorf("%s: %s of %s rows are malformed (more than %d %%), first %s",
			src.name, thousands(f.Bad), thousands(f.Read), badRowLimit, f.BadExamples[0])}
	}
	if err := im.load.Flush(); err != nil {
		return err
	}
	if src.base == ratingsFile.base {
		im.rat.finish()
	}
	f.Duration = time.Since(start)
	im.sum.Files = append(im.sum.Files, f)
	im.prog.log("%s: %s rows read, %s kept, %s skipped, %s bad in %s", src.name, thousands(f.Read),
		thousands(f.Kept), thousands(f.SkippedTotal()), thousands(f.Bad), f.Duration.Round(time.Millisecond))
	return nil
}

// handler prepares the catalog for a file and returns its row handler.
func (im *importer) handler(d dataset) (rowFunc, error) {
	switch d.base {
	case ratingsFile.base:
		return im.ratingRow, nil
	case basicsFile.base:
		return im.basicsRow, nil
	case akasFile.base:
		return im.akaRow, im.load.ClearAltTitles()
	case principalsFile.base:
		return im.principalRow, im.load.ClearCredits(false)
	case crewFile.base:
		return im.crewRow, im.load.ClearCredits(true)
	case namesFile.base:
		return im.nameRow, nil
	}
	return nil, fmt.Errorf("no handler for %s", d.base)
}

// Skip reasons, as the summary prints them.
const (
	skipNotKept     = "title not kept"
	skipDuplicate   = "duplicate"
	skipNotCredited = "not credited on a kept title"
	skipNotInCat    = "title not in catalog"
)

func (im *importer) filmID(t *tsvReader, i int) (uint32, error) {
	id, ok := parseID(t.Bytes(i), "tt")
	if !ok {
		return 0, badRow(fmt.Sprintf("bad title id %.40q", t.Bytes(i)))
	}
	return id, nil
}

func (im *importer) personID(b []byte) (uint32, error) {
	id, ok := parseID(b, "nm")
	if !ok {
		return 0, badRow(fmt.Sprintf("bad person id %.40q", b))
	}
	return id, nil
}

// title.ratings: tconst averageRating numVotes
func (im *importer) ratingRow(t *tsvReader, f *FileSummary) (string, error) {
	id, err := im.filmID(t, 0)
	if err != nil {
		return "", err
	}
	tenths, ok := parseTenths(t.Bytes(1))
	if !ok {
		return "", badRow(fmt.Sprintf("bad averageRating %.20q", t.Bytes(1)))
	}
	votes, ok := parseUint(t.Bytes(2))
	if !ok {
		return "", badRow(fmt.Sprintf("bad numVotes %.20q", t.Bytes(2)))
	}
	im.rat.add(id, tenths, int(min(votes, maxVotes)))
	if !im.has[basicsFile.base] {
		// No title.basics: update the films already in the catalog.
		if !im.kept.Has(id) {
			return skipNotInCat, nil
		}
		return "", im.load.UpdateRating(int64(id), float64(tenths)/10, votes)
	}
	return "", nil
}

// title.basics: tconst titleType primaryTitle originalTitle isAdult startYear
// endYear runtimeMinutes genres
func (im *importer) basicsRow(t *tsvReader, f *FileSummary) (string, error) {
	id, err := im.filmID(t, 0)
	if err != nil {
		return "", err
	}
	if typ := t.Bytes(1); !im.types[string(typ)] {
		return "title type " + string(typ), nil
	}
	votes, tenths, rated := im.rat.get(id)
	if votes < im.opts.MinVotes {
		return fmt.Sprintf("fewer than %d votes", im.opts.MinVotes), nil
	}
	year, ok1 := parseOptInt(t.Bytes(5))
	end, ok2 := parseOptInt(t.Bytes(6))
	runtime, ok3 := parseOptInt(t.Bytes(7))
	if !ok1 || !ok2 || !ok3 {
		return "", badRow("bad startYear, endYear or runtimeMinutes")
	}
	if !im.kept.Add(id) {
		return skipDuplicate, nil
	}
	title, orig := t.Str(2), optStr(t.Str(3))
	if title == null {
		title = orig
	}
	if orig == "" {
		orig = title
	}
	err = im.load.AddFilm(store.FilmRow{
		ID: int64(id), Type: t.Str(1), Title: title, OriginalTitle: orig,
		Adult: string(t.Bytes(4)) == "1", Year: year, EndYear: end, Runtime: runtime,
		Genres: optStr(t.Str(8)), Rating: float64(tenths) / 10, HasRating: rated, Votes: int64(votes),
	})
	if err != nil {
		return "", err
	}
	return "", im.addKeys(store.KeyFilm, int64(id), int64(votes), title, orig)
}

// title.akas: titleId ordering title region language types attributes
// isOriginalTitle
func (im *importer) akaRow(t *tsvReader, f *FileSummary) (string, error) {
	id, err := im.filmID(t, 0)
	if err != nil {
		return "", err
	}
	if !im.kept.Has(id) {
		return skipNotKept, nil
	}
	ordering, ok := parseUint(t.Bytes(1))
	if !ok || ordering > 1<<31-1 {
		return "", badRow(fmt.Sprintf("bad ordering %.20q", t.Bytes(1)))
	}
	title := optStr(t.Str(2))
	if title == "" {
		return "no title", nil
	}
	err = im.load.AddAltTitle(store.AltTitleRow{
		FilmID: int64(id), Ordering: int(ordering), Title: title,
		Region: optStr(t.Str(3)), Language: optStr(t.Str(4)),
		Types: arrayStr(t.Str(5)), Attributes: arrayStr(t.Str(6)),
		IsOriginal: string(t.Bytes(7)) == "1",
	})
	if err != nil {
		return "", err
	}
	return "", im.addKeys(store.KeyFilm, int64(id), int64(im.rat.votes(id)), title)
}

// title.principals: tconst ordering nconst category job characters
func (im *importer) principalRow(t *tsvReader, f *FileSummary) (string, error) {
	id, err := im.filmID(t, 0)
	if err != nil {
		return "", err
	}
	if !im.kept.Has(id) {
		return skipNotKept, nil
	}
	ordering, ok := parseUint(t.Bytes(1))
	if !ok || ordering >= store.CrewOrdering {
		return "", badRow(fmt.Sprintf("bad ordering %.20q", t.Bytes(1)))
	}
	pid, err := im.personID(t.Bytes(2))
	if err != nil {
		return "", err
	}
	im.credit(pid, id)
	return "", im.load.AddCredit(store.CreditRow{
		FilmID: int64(id), Ordering: int(ordering), PersonID: int64(pid),
		Category: t.Str(3), Job: optStr(t.Str(4)), Characters: optStr(t.Str(5)),
	})
}

// credit records that person is credited on film, for the people filter and
// popularity.
func (im *importer) credit(person, film uint32) {
	im.credited.Max(person, uint32(im.rat.votes(film))+1)
}

// title.crew: tconst directors writers
func (im *importer) crewRow(t *tsvReader, f *FileSummary) (string, error) {
	id, err := im.filmID(t, 0)
	if err != nil {
		return "", err
	}
	if !im.kept.Has(id) {
		return skipNotKept, nil
	}
	type member struct {
		pid uint32
		cat string
	}
	var crew []member
	for i, cat := range []string{reel.CategoryDirector, reel.CategoryWriter} {
		field := t.Bytes(1 + i)
		if string(field) == null || len(field) == 0 {
			continue
		}
		for len(field) > 0 {
			var one []byte
			one, field, _ = cutByte(field, ',')
			pid, err := im.personID(one)
			if err != nil {
				return "", err
			}
			if !slices.Contains(crew, member{pid, cat}) {
				crew = append(crew, member{pid, cat})
			}
		}
	}
	for i, m := range crew {
		im.credit(m.pid, id)
		err := im.load.AddCrewCredit(store.CreditRow{FilmID: int64(id), Ordering: store.CrewOrdering + i, PersonID: int64(m.pid), Category: m.cat})
		if err != nil {
			return "", err
		}
	}
	return "", nil
}

func cutByte(b []byte, sep byte) (before, after []byte, found bool) {
	for i, c := range b {
		if c == sep {
			return b[:i], b[i+1:], true
		}
	}
	return b, nil, false
}

// name.basics: nconst primaryName birthYear deathYear primaryProfession
// knownForTitles
func (im *importer) nameRow(t *tsvReader, f *FileSummary) (string, error) {
	pid, err := im.personID(t.Bytes(0))
	if err != nil {
		return "", err
	}
	pop := im.credited.Get(pid)
	if pop == 0 {
		return skipNotCredited, nil
	}
	birth, ok1 := parseOptInt(t.Bytes(2))
	death, ok2 := parseOptInt(t.Bytes(3))
	if !ok1 || !ok2 {
		return "", badRow("bad birthYear or deathYear")
	}
	if !im.named.Add(pid) {
		return skipDuplicate, nil
	}
	name := optStr(t.Str(1))
	err = im.load.AddPerson(store.PersonRow{
		ID: int64(pid), Name: name, BirthYear: birth, DeathYear: death,
		Professions: optStr(t.Str(4)), KnownFor: optStr(t.Str(5)), Popularity: int64(pop - 1),
	})
	if err != nil {
		return "", err
	}
	return "", im.addKeys(store.KeyPerson, int64(pid), int64(pop-1), name)
}
