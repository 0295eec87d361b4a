package imdb

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync/atomic"
)

// A dataset file and the columns its header must carry, in file order.
type dataset struct {
	base string // "title.basics"
	cols []string
}

var (
	ratingsFile    = dataset{"title.ratings", []string{"tconst", "averageRating", "numVotes"}}
	basicsFile     = dataset{"title.basics", []string{"tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear", "runtimeMinutes", "genres"}}
	akasFile       = dataset{"title.akas", []string{"titleId", "ordering", "title", "region", "language", "types", "attributes", "isOriginalTitle"}}
	principalsFile = dataset{"title.principals", []string{"tconst", "ordering", "nconst", "category", "job", "characters"}}
	crewFile       = dataset{"title.crew", []string{"tconst", "directors", "writers"}}
	namesFile      = dataset{"name.basics", []string{"nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"}}
)

// importOrder is the order the files are read in, chosen so every filter is
// known before the file that needs it: ratings give the votes that the
// min-votes filter of basics needs, basics decide the kept titles that akas,
// principals and crew are filtered on, and those credits decide the people
// kept from name.basics. Crew comes after principals because its credits are
// only added when the principals lack them.
var importOrder = []dataset{ratingsFile, basicsFile, akasFile, principalsFile, crewFile, namesFile}

// source is one dataset file found in the import's file system.
type source struct {
	dataset
	name string // file name as found, e.g. "title.basics.tsv.gz"
	gz   bool
	size int64 // bytes on disk, for progress
}

// findSources lists the dataset files present in fsys, in import order.
func findSources(fsys fs.FS) ([]source, error) {
	var out []source
	for _, d := range importOrder {
		var found []source
		for _, ext := range []string{".tsv", ".tsv.gz"} {
			st, err := fs.Stat(fsys, d.base+ext)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s%s: %w", d.base, ext, err)
			}
			if st.IsDir() {
				return nil, fmt.Errorf("%s%s is a directory, not a dataset file", d.base, ext)
			}
			found = append(found, source{dataset: d, name: d.base + ext, gz: ext == ".tsv.gz", size: st.Size()})
		}
		switch len(found) {
		case 1:
			out = append(out, found[0])
		case 2:
			return nil, fmt.Errorf("both %s.tsv and %s.tsv.gz are present: keep one", d.base, d.base)
		}
	}
	return out, nil
}

// countingReader counts the bytes read from disk, for progress and ETA.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// open opens src and returns a reader of its header-checked rows. done counts
// the bytes consumed from disk.
func (src source) open(fsys fs.FS, done *atomic.Int64) (*tsvReader, io.Closer, error) {
	f, err := fsys.Open(src.name)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open %s: %w", src.name, err)
	}
	var r io.Reader = countingReader{f, done}
	closer := io.Closer(f)
	if src.gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s is not a valid gzip file: %w", src.name, err)
		}
		r = zr
	}
	t, err := newTSVReader(src.name, r, src.cols)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return t, closer, nil
}
