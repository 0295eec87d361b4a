package letterboxd

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"reel"
)

func writeZip(t testing.TB, exp *Export) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteZip(&buf, exp); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readZip(t testing.TB, data []byte) *Export {
	t.Helper()
	exp, err := OpenZip(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return exp
}

// unzip returns the files of a zip in order.
func unzip(t testing.TB, data []byte) (names []string, files map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files = map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		files[f.Name] = string(b)
	}
	return names, files
}

// matched returns the fixture with every film matched or resolved.
func matched(t *testing.T) *Export {
	t.Helper()
	exp := mustOpen(t, "testdata/export")
	res, err := ReadResolutions(strings.NewReader(
		"Harbour Lights,2001,tt0000103\nVanished Reel,1955,tt0000120\nAmélie's Bicycle,2004,tt0000111\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewMatcher(testCatalog(), res).MatchExport(context.Background(), exp)
	if err != nil || !rep.Complete() {
		t.Fatalf("fixture does not match: %v %+v", err, rep)
	}
	return exp
}

// withoutSources zeroes what depends on where rows sat in the files.
func withoutSources(exp *Export) *Export {
	c := *exp
	c.Ignored = nil
	c.Diary = slices.Clone(c.Diary)
	for i := range c.Diary {
		c.Diary[i].Source, c.Diary[i].ReviewSource = Source{}, Source{}
	}
	c.Reviews = slices.Clone(c.Reviews)
	for i := range c.Reviews {
		c.Reviews[i].Source = Source{}
	}
	c.Lists = slices.Clone(c.Lists)
	for i := range c.Lists {
		c.Lists[i].Source = Source{}
		c.Lists[i].Entries = slices.Clone(c.Lists[i].Entries)
		for j := range c.Lists[i].Entries {
			c.Lists[i].Entries[j].Source = Source{}
		}
	}
	zero := func(s *Source) { *s = Source{} }
	c.Ratings = slices.Clone(c.Ratings)
	for i := range c.Ratings {
		zero(&c.Ratings[i].Source)
	}
	c.Watched = slices.Clone(c.Watched)
	for i := range c.Watched {
		zero(&c.Watched[i].Source)
	}
	c.Watchlist = slices.Clone(c.Watchlist)
	for i := range c.Watchlist {
		zero(&c.Watchlist[i].Source)
	}
	c.Likes = slices.Clone(c.Likes)
	for i := range c.Likes {
		zero(&c.Likes[i].Source)
	}
	c.Comments = slices.Clone(c.Comments)
	for i := range c.Comments {
		zero(&c.Comments[i].Source)
	}
	return &c
}

func TestWriteRoundTrip(t *testing.T) {
	exp := matched(t)
	first := writeZip(t, exp)
	back := readZip(t, first)
	if second := writeZip(t, back); !bytes.Equal(first, second) {
		t.Fatal("write → read → write changed the bytes")
	}
	// The fixture is in Letterboxd's order already, so the rows come back
	// as they were, ids included (from reel/films.csv), lists by file name.
	want, got := withoutSources(exp), withoutSources(back)
	// A review joined to its diary entry by name, year and date is written
	// from the entry, under the entry's link.
	want.Reviews[1].URI = "https://boxd.it/aaA3"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows changed:\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(back.Ignored, []string{readmeFile, ImportWatchlistFile, ImportFile}) {
		t.Errorf("Ignored = %q", back.Ignored)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	exp := matched(t)
	want := writeZip(t, exp)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		c := *exp
		c.Diary, c.Reviews, c.Watched, c.Lists = slices.Clone(c.Diary), slices.Clone(c.Reviews), slices.Clone(c.Watched), slices.Clone(c.Lists)
		rng.Shuffle(len(c.Diary), func(i, j int) { c.Diary[i], c.Diary[j] = c.Diary[j], c.Diary[i] })
		rng.Shuffle(len(c.Reviews), func(i, j int) { c.Reviews[i], c.Reviews[j] = c.Reviews[j], c.Reviews[i] })
		rng.Shuffle(len(c.Watched), func(i, j int) { c.Watched[i], c.Watched[j] = c.Watched[j], c.Watched[i] })
		rng.Shuffle(len(c.Lists), func(i, j int) { c.Lists[i], c.Lists[j] = c.Lists[j], c.Lists[i] })
		if got := writeZip(t, &c); !bytes.Equal(got, want) {
			t.Fatal("row order changed the zip")
		}
	}
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestWriteImportFile(t *testing.T) {
	names, files := unzip(t, writeZip(t, matched(t)))
	wantNames := []string{readmeFile, ImportFile, ImportWatchlistFile, "diary.csv", "reviews.csv", "ratings.csv",
		"watched.csv", "watchlist.csv", "likes/films.csv", "comments.csv",
		"lists/harbours-and-ferries.csv", "lists/old-favourites.csv", "reel/films.csv"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("files %q\nwant %q", names, wantNames)
	}
	recs := readCSV(t, files[ImportFile])
	if !slices.Equal(recs[0], ImportColumns) {
		t.Errorf("header %q", recs[0])
	}
	want := [][]string{
		// diary entries by watch date, the joined reviews with them
		{"", "tt0000101", "The Glass Orchard", "1987", "2023-01-04", "4.5", "9", "", "winter, on-film",
			"A <b>quiet</b> film about apples.\n\n<blockquote>\"Glass breaks, orchards don't.\"</blockquote>\nWorth it."},
		{"", "tt0000103", "Harbour Lights", "2001", "2023-02-10", "", "", "", "", ""},
		{"", "tt0000101", "The Glass Orchard", "1987", "2023-03-01", "5", "10", "true", "rewatch", "Better the second time."},
		{"", "tt0000107", "Nobody's Kite", "", "2023-03-08", "2", "4", "", "", ""},
		{"", "tt0000120", "Vanished Reel", "1955", "2023-04-19", "0.5", "1", "", "", ""},
		{"", "tt0000110", "Eight, Nine, Ten", "2019", "2023-04-30", "3", "6", "", "", ""},
		// the review without a diary entry sorts first: no watch date
		{"", "tt0000103", "Harbour Lights", "2001", "", "", "", "", "",
			"Never logged, only reviewed: <a href=\"https://example.com/\">notes</a>."},
		// rated, never logged
		{"https://boxd.it/f7", "tt0000104", "Paper Moons", "1999", "", "3.5", "7", "", "", ""},
		// watched only
		{"https://boxd.it/f8", "tt0000105", "Salt Lanterns", "2010", "", "", "", "", "", ""},
	}
	got := recs[1:]
	want = append(want[6:7], append(want[:6:6], want[7:]...)...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("import rows:\n%q\nwant\n%q", got, want)
	}
	wl := readCSV(t, files[ImportWatchlistFile])
	if len(wl) != 3 || !slices.Equal(wl[2], []string{"https://boxd.it/f10", "tt0000111", "Amélie's Bicycle", "2004"}) {
		t.Errorf("watchlist import: %q", wl)
	}
	if !strings.HasPrefix(files["lists/harbours-and-ferries.csv"], ListVersion+"\nDate,Name,Tags,URL,Description\n") {
		t.Errorf("list layout:\n%s", files["lists/harbours-and-ferries.csv"])
	}
}

func TestWriteNormalisesText(t *testing.T) {
	exp := &Export{
		Diary: []DiaryEntry{{
			Film:   Film{Name: "  Spaced Out ", Year: 2000},
			Logged: day("2024-01-02"), Watched: day("2024-01-01"),
			Tags:   []string{" a ", "", "b,c"},
			Review: "one\r\ntwo\rthree\x00 bad \xff",
		}},
		Lists: []List{
			{Name: "Same", Entries: []ListEntry{{Film: Film{Name: "Z"}, Position: 9}, {Film: Film{Name: "Y"}, Position: 3}}, Ranked: true},
			{Name: "Same"},
			{Name: "!!!"},
		},
	}
	first := writeZip(t, exp)
	back := readZip(t, first)
	if !bytes.Equal(writeZip(t, back), first) {
		t.Fatal("not stable after one write")
	}
	d := back.Diary[0]
	if d.Name != "Spaced Out" || !slices.Equal(d.Tags, []string{"a", "b", "c"}) || d.Review != "one\ntwo\nthree bad \uFFFD" {
		t.Errorf("normalised entry: %+v", d)
	}
	names, _ := unzip(t, first)
	for _, want := range []string{"lists/list.csv", "lists/same.csv", "lists/same-1.csv"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s in %q", want, names)
		}
	}
	for _, l := range back.Lists {
		if l.Name == "Same" && len(l.Entries) == 2 {
			if l.Entries[0].Name != "Y" || l.Entries[0].Position != 1 || l.Entries[1].Position != 2 || !l.Ranked {
				t.Errorf("ranked list renumbered: %+v", l.Entries)
			}
		}
	}
}

func TestWriteRefusesBadValues(t *testing.T) {
	for _, exp := range []*Export{
		{Ratings: []Rating{{Film: Film{Name: "A"}, Rating: "4.2"}}},
		{Diary: []DiaryEntry{{Film: Film{Name: "A"}, Rating: "6"}}},
		{Watched: []Watched{{Film: Film{Name: "A", Year: 12345}}}},
	} {
		err := WriteZip(io.Discard, exp)
		if reel.ErrorCode(err) != reel.Invalid {
			t.Errorf("%+v: err = %v", exp, err)
		}
	}
}
