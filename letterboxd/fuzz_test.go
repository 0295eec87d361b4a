package letterboxd

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"reel"
)

// fuzzFiles are the places a fuzzed CSV is put in an export.
var fuzzFiles = []string{fileDiary, fileReviews, fileRatings, fileWatched, fileWatchlist, fileLikes, fileComments, "lists/x.csv", fileIDs}

func addFixtureSeeds(f *testing.F) {
	for i, name := range fuzzFiles {
		path := "testdata/export/" + name
		if name == "lists/x.csv" {
			path = "testdata/export/lists/harbours-ferries.csv"
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue // reel/films.csv has no fixture; the seeds below cover it
		}
		f.Add(data, uint8(i))
	}
	f.Add([]byte("Name,Year,Letterboxd URI,imdbID\nA,2000,https://boxd.it/a,tt0000001\n"), uint8(len(fuzzFiles)-1))
	f.Add([]byte("\nDate,Name,Tags,URL,Description\n2024-01-01,L,,,\n\nPosition,Name,Year,URL,Description\n,A,2000,,\"x\r\ny\"\n"), uint8(7))
	f.Add([]byte("\xef\xbb\xbfDate,Name,Year,Letterboxd URI\n2024-01-01,\"A\"\"B\",,\n"), uint8(3))
	f.Add([]byte("Date,Name,Year,Letterboxd URI\n2024-01-01,Am\xe9lie,2001,\n"), uint8(4))
}

// FuzzReadCSV reads arbitrary bytes as one file of an export. Reading
// must not panic, must fail with reel.Invalid naming the file, and what
// it reads must write, read back and write again to the same bytes.
func FuzzReadCSV(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := fuzzFiles[int(which)%len(fuzzFiles)]
		fsys := fstest.MapFS{name: {Data: data}}
		if name == fileIDs {
			fsys[fileWatched] = &fstest.MapFile{} // reel/films.csv alone is no export
		}
		exp, err := Read(fsys)
		if err != nil {
			if reel.ErrorCode(err) != reel.Invalid || !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q (%s) does not name %s", err, reel.ErrorCode(err), name)
			}
			return
		}
		first := writeZip(t, exp)
		second := writeZip(t, readZip(t, first))
		if !bytes.Equal(first, second) {
			t.Fatal("write → read → write changed the bytes")
		}
	})
}

// FuzzOpenZip opens arbitrary bytes as an export zip.
func FuzzOpenZip(f *testing.F) {
	f.Add(zipDir(f, "testdata/export", ""))
	f.Add(zipDir(f, "testdata/export", "letterboxd-x-2024-01-01-utc/"))
	f.Add(buildZip(f, entry{name: "../watched.csv", data: "Date,Name,Year,Letterboxd URI\n"}))
	f.Add(buildZip(f, entry{name: "watched.csv", data: "x", mode: 0o777 | 1<<27}))
	f.Add(lyingZip(f, "watched.csv", 1<<16, 10))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := OpenZip(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if reel.ErrorCode(err) != reel.Invalid || exp != nil {
				t.Fatalf("err = %v (%s), export %v", err, reel.ErrorCode(err), exp != nil)
			}
			return
		}
		if err := WriteZip(&bytes.Buffer{}, exp); err != nil {
			t.Fatalf("read but cannot write: %v", err)
		}
	})
}

// FuzzReadResolutions reads arbitrary bytes as a resolution file.
func FuzzReadResolutions(f *testing.F) {
	f.Add([]byte("letterboxd_uri_or_title,year,imdb_id\nhttps://boxd.it/a,,tt1\n\"A, B\",1999,tt0000002\n# note\nC,,\n"))
	f.Add([]byte("a,1999,tt1\nA!,1999,tt2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadResolutions(bytes.NewReader(data))
		if err != nil {
			if reel.ErrorCode(err) != reel.Invalid {
				t.Fatalf("err = %v (%s)", err, reel.ErrorCode(err))
			}
			return
		}
		if res.Len() > strings.Count(string(data), "\n")+1 {
			t.Fatalf("%d resolutions from %d lines", res.Len(), strings.Count(string(data), "\n")+1)
		}
	})
}
