package imdb_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"reel"
	"reel/imdb"
	"reel/store"
	"reel/store/storetest"
)

const basicsHeader = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"

// basics returns a title.basics file of n made-up movies, ids from first.
func basics(first, n int) string {
	var b strings.Builder
	b.WriteString(basicsHeader)
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "tt%07d\tmovie\tFilm número %d\t\\N\t0\t1999\t\\N\t90\tDrama\n", i, i)
	}
	return b.String()
}

// seeded returns a store on every engine with a small previous catalog, and
// its counts, to check failed imports leave it alone.
func seeded(t *testing.T, fn func(t *testing.T, s *store.Store, before map[string]int)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fsys := fstest.MapFS{"title.basics.tsv": {Data: []byte(basics(1, 50))}}
		if _, err := imdb.Import(context.Background(), s, fsys, imdb.Options{}); err != nil {
			t.Fatal(err)
		}
		before := counts(t, s)
		if before["films"] != 50 {
			t.Fatalf("seed catalog has %d films", before["films"])
		}
		fn(t, s, before)
	})
}

// wantAbandoned checks an import failed with code and a message naming each
// of parts and saying the catalog is unchanged, and that it is.
func wantAbandoned(t *testing.T, s *store.Store, before map[string]int, err error, code reel.Code, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("import succeeded")
	}
	msg := reel.ErrorMessage(err)
	if reel.ErrorCode(err) != code {
		t.Errorf("code %s, want %s: %s", reel.ErrorCode(err), code, msg)
	}
	for _, p := range append(parts, "catalog is unchanged") {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q lacks %q", msg, p)
		}
	}
	if after := counts(t, s); !equalCounts(before, after) {
		t.Errorf("catalog changed: %v, then %v", before, after)
	}
}

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	zw.Close()
	return b.Bytes()
}

func TestBadInputs(t *testing.T) {
	seeded(t, func(t *testing.T, s *store.Store, before map[string]int) {
		ctx := context.Background()
		wrongHeader := strings.Replace(basics(100, 5), "primaryTitle", "title", 1)
		full := basics(100, 3000)
		truncated := gz(t, full)
		truncated = truncated[:len(truncated)*2/3]
		tooManyBad := basics(100, 50) + "tt0000999\tmovie\tshort row\n"
		cases := []struct {
			name  string
			fsys  fs.FS
			code  reel.Code
			parts []string
		}{
			{"wrong header", fstest.MapFS{"title.basics.tsv": {Data: []byte(wrongHeader)}}, reel.Invalid,
				[]string{"title.basics.tsv", "wrong header", `"primaryTitle"`, `"title"`}},
			{"truncated gzip", fstest.MapFS{"title.basics.tsv.gz": {Data: truncated}}, reel.Invalid,
				[]string{"title.basics.tsv.gz", "truncated"}},
			{"not gzip", fstest.MapFS{"title.basics.tsv.gz": {Data: []byte(full)}}, reel.Invalid,
				[]string{"title.basics.tsv.gz", "gzip"}},
			{"over 1% bad rows", fstest.MapFS{"title.basics.tsv": {Data: []byte(tooManyBad)}}, reel.Invalid,
				[]string{"title.basics.tsv", "1 of 51 rows are malformed", "title.basics.tsv:52: 3 fields, want 9"}},
			{"both .tsv and .tsv.gz", fstest.MapFS{"title.basics.tsv": {Data: []byte(full)}, "title.basics.tsv.gz": {Data: gz(t, full)}}, reel.Invalid,
				[]string{"title.basics.tsv and title.basics.tsv.gz"}},
			{"no dataset files", fstest.MapFS{"notes.txt": {Data: []byte("hi")}}, reel.Invalid,
				[]string{"no IMDb dataset files", "title.basics.tsv[.gz]"}},
			{"unreadable file", unreadableFS{fstest.MapFS{"title.basics.tsv": {Data: []byte(full)}}}, reel.Invalid,
				[]string{"title.basics.tsv", "permission denied"}},
			{"empty file", fstest.MapFS{"name.basics.tsv": {Data: nil}}, reel.Invalid,
				[]string{"name.basics.tsv is empty", "nconst"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := imdb.Import(ctx, s, c.fsys, imdb.Options{})
				if strings.HasPrefix(c.name, "no dataset") || strings.HasPrefix(c.name, "both") {
					// Refused before starting: no "unchanged" to say.
					if reel.ErrorCode(err) != reel.Invalid || !strings.Contains(reel.ErrorMessage(err), c.parts[0]) {
						t.Fatalf("%v", err)
					}
					return
				}
				wantAbandoned(t, s, before, err, c.code, c.parts...)
			})
		}
	})
}

// unreadableFS fails to open every file, as a file without read permission
// does (tests run as root, where chmod cannot make one).
type unreadableFS struct{ fstest.MapFS }

func (u unreadableFS) Open(name string) (fs.File, error) {
	if name == "." {
		return u.MapFS.Open(name)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

func TestFewBadRowsAreSkippedAndReported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		data := basics(1, 300) +
			"tt0000999\tmovie\ttoo\tfew\n" + // wrong field count
			"tt0001000\tmovie\tBad \xff UTF-8\tx\t0\t2000\t\\N\t\\N\t\\N\n" +
			"tt0001001\tmovie\tlast line without newline\t\\N\t0\t2000\t\\N\t\\N\t\\N"
		sum, err := imdb.Import(context.Background(), s, fstest.MapFS{"title.basics.tsv": {Data: []byte(data)}}, imdb.Options{})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := sum.File("title.basics")
		if f.Read != 303 || f.Kept != 301 || f.Bad != 2 {
			t.Fatalf("summary %+v", f)
		}
		want := []string{"title.basics.tsv:302: 4 fields, want 9", "title.basics.tsv:303: invalid UTF-8"}
		if strings.Join(f.BadExamples, "|") != strings.Join(want, "|") {
			t.Errorf("bad rows reported as %q", f.BadExamples)
		}
		if !strings.Contains(sum.String(), want[0]) {
			t.Errorf("summary does not show the bad row:\n%s", sum)
		}
		if c := counts(t, s); c["films"] != 301 {
			t.Errorf("%d films", c["films"])
		}
	})
}

func TestImportDirErrors(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	for _, d := range []string{filepath.Join(dir, "missing"), file} {
		_, err := imdb.ImportDir(context.Background(), s, d, imdb.Options{})
		if reel.ErrorCode(err) != reel.Invalid || !strings.Contains(reel.ErrorMessage(err), d) {
			t.Errorf("ImportDir(%s): %v", d, err)
		}
	}
}

// cancelWriter cancels the import the first time the progress report names
// a file, the way Ctrl-C would halfway through.
type cancelWriter struct {
	when   string
	cancel context.CancelFunc
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(c.when)) {
		c.cancel()
	}
	return len(p), nil
}

func TestCancelLeavesCatalogUnchanged(t *testing.T) {
	seeded(t, func(t *testing.T, s *store.Store, before map[string]int) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var principals strings.Builder
		principals.WriteString("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
		for i := 1; i <= 20000; i++ {
			fmt.Fprintf(&principals, "tt%07d\t%d\tnm%07d\tactor\t\\N\t[\"Role\"]\n", 100+i%900, i%10+1, i)
		}
		fsys := fstest.MapFS{
			"title.basics.tsv":     {Data: []byte(basics(100, 900))},
			"title.principals.tsv": {Data: []byte(principals.String())},
		}
		// The basics are written by the time principals start.
		_, err := imdb.Import(ctx, s, fsys, imdb.Options{Progress: cancelWriter{"title.principals", cancel}})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
		wantAbandoned(t, s, before, err, reel.Internal, "interrupted")
	})
}

func TestDiskFullLeavesCatalogUnchanged(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	if _, err := imdb.Import(ctx, s, fstest.MapFS{"title.basics.tsv": {Data: []byte(basics(1, 50))}}, imdb.Options{}); err != nil {
		t.Fatal(err)
	}
	before := counts(t, s)
	// One pooled connection, capped at a few more pages than the file has:
	// the import hits SQLITE_FULL as on a full disk.
	s.DB().SetMaxOpenConns(1)
	var pages int
	if err := s.DB().QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+20)); err != nil {
		t.Fatal(err)
	}
	_, err := imdb.Import(ctx, s, fstest.MapFS{"title.basics.tsv": {Data: []byte(basics(100, 20000))}}, imdb.Options{})
	wantAbandoned(t, s, before, err, reel.Internal, "full")
}
