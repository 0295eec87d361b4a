package letterboxd

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"reel/researchdata"
)

// sampleDir is the real Letterboxd export documented in its SOURCE.md; the
// test skips without it, except under CI, where it fails.
func sampleDir(t *testing.T) string {
	t.Helper()
	return researchdata.Dir(t, "letterboxd-export-sample")
}

// checkSample asserts the record counts SOURCE.md documents.
func checkSample(t *testing.T, exp *Export) {
	t.Helper()
	entries := 0
	for _, l := range exp.Lists {
		entries += len(l.Entries)
	}
	got := []int{len(exp.Diary), len(exp.Reviews), len(exp.Ratings), len(exp.Watched), len(exp.Watchlist), len(exp.Comments), len(exp.Lists), entries, len(exp.Likes)}
	want := []int{2132, 162, 5, 2604, 805, 14, 25, 885, 0}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diary, reviews, ratings, watched, watchlist, comments, lists, list entries, likes = %v, want %v", got, want)
	}
	joined, noURI, noYear, rated, rewatches := 0, 0, 0, 0, 0
	for _, d := range exp.Diary {
		if d.ReviewSource.File != "" {
			joined++
		}
		if d.URI == "" {
			noURI++
		}
		if d.Year == 0 {
			noYear++
		}
		if d.Rating != "" {
			rated++
		}
		if d.Rewatch {
			rewatches++
		}
	}
	// SOURCE.md: 10 diary rows without a link, 2 without a year, 6 rated;
	// 161 of the 162 reviews describe a diary entry, one stands alone.
	if joined != 161 || noURI != 10 || noYear != 2 || rated != 6 || rewatches == 0 {
		t.Errorf("joined %d, no URI %d, no year %d, rated %d, rewatches %d", joined, noURI, noYear, rated, rewatches)
	}
	multiLine := 0
	for _, r := range exp.Reviews {
		if bytes.ContainsRune([]byte(r.Text), '\n') {
			multiLine++
		}
	}
	if multiLine != 84 {
		t.Errorf("%d multi-line reviews, want 84", multiLine)
	}
}

func TestRealSample(t *testing.T) {
	dir := sampleDir(t)
	fromDir := mustOpen(t, dir)
	checkSample(t, fromDir)

	path := filepath.Join(t.TempDir(), "letterboxd.zip")
	if err := os.WriteFile(path, zipDir(t, dir, "letterboxd-patrickmjones-2022-08-13-utc/"), 0o600); err != nil {
		t.Fatal(err)
	}
	fromZip := mustOpen(t, path)
	checkSample(t, fromZip)
	fromDir.Ignored, fromZip.Ignored = nil, nil // SOURCE.md sits beside the CSVs
	if !reflect.DeepEqual(fromDir, fromZip) {
		t.Error("the zip reads differently from the folder")
	}
}

// TestRealSampleRoundTrip writes the sample, reads it back and writes it
// again: the two zips are identical and the rows survive.
func TestRealSampleRoundTrip(t *testing.T) {
	exp := mustOpen(t, sampleDir(t))
	var first, second bytes.Buffer
	if err := WriteZip(&first, exp); err != nil {
		t.Fatal(err)
	}
	back, err := OpenZip(bytes.NewReader(first.Bytes()), int64(first.Len()))
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, back)
	if err := WriteZip(&second, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("write → read → write changed the bytes")
	}
}
