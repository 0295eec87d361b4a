package letterboxd

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"reel"
)

func day(s string) time.Time {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustOpen(t *testing.T, path string) *Export {
	t.Helper()
	exp, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return exp
}

func TestReadFixture(t *testing.T) {
	exp := mustOpen(t, "testdata/export")
	counts := map[string][2]int{
		"diary": {len(exp.Diary), 6}, "reviews": {len(exp.Reviews), 3}, "ratings": {len(exp.Ratings), 2},
		"watched": {len(exp.Watched), 5}, "watchlist": {len(exp.Watchlist), 2}, "likes": {len(exp.Likes), 1},
		"lists": {len(exp.Lists), 2}, "comments": {len(exp.Comments), 1},
	}
	for name, c := range counts {
		if c[0] != c[1] {
			t.Errorf("%s: %d rows, want %d", name, c[0], c[1])
		}
	}
	if !reflect.DeepEqual(exp.Ignored, []string{"profile.csv"}) {
		t.Errorf("Ignored = %q", exp.Ignored)
	}

	first := exp.Diary[0]
	want := DiaryEntry{
		Source: Source{"diary.csv", 2}, // the BOM does not shift lines
		Film:   Film{Name: "The Glass Orchard", Year: 1987, URI: "https://boxd.it/aaA1"},
		Logged: day("2023-01-05"), Watched: day("2023-01-04"), Rating: "4.5",
		Tags:         []string{"winter", "on-film"},
		Review:       "A <b>quiet</b> film about apples.\n\n<blockquote>\"Glass breaks, orchards don't.\"</blockquote>\nWorth it.",
		ReviewSource: Source{"reviews.csv", 2},
	}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("diary[0] =\n%+v\nwant\n%+v", first, want)
	}
	if d := exp.Diary[1]; d.Rating != "" || d.Rating.Half() != 0 || d.Review != "" {
		t.Errorf("blank rating row: %+v", d)
	}
	rewatch := exp.Diary[2]
	if !rewatch.Rewatch || rewatch.Review != "Better the second time." || rewatch.ReviewSource.Line != 6 {
		t.Errorf("rewatch joined by name, year and date: %+v", rewatch)
	}
	if exp.Diary[3].Year != 0 || exp.Diary[3].Name != "Nobody's Kite" {
		t.Errorf("empty year: %+v", exp.Diary[3])
	}
	if exp.Diary[4].URI != "" || exp.Diary[4].Rating.Half() != 1 {
		t.Errorf("removed film: %+v", exp.Diary[4])
	}
	if exp.Diary[5].Name != "Eight, Nine, Ten" {
		t.Errorf("quoted comma: %q", exp.Diary[5].Name)
	}

	if !exp.Reviews[0].InDiary || !exp.Reviews[1].InDiary || exp.Reviews[2].InDiary {
		t.Errorf("review joins: %v %v %v", exp.Reviews[0].InDiary, exp.Reviews[1].InDiary, exp.Reviews[2].InDiary)
	}
	if r := exp.Reviews[2]; !r.Watched.IsZero() || r.Source.Line != 7 || !strings.Contains(r.Text, `<a href="https://example.com/">`) {
		t.Errorf("standalone review: %+v", r)
	}
	if c := exp.Comments[0]; c.Text != "Agreed, the ending\nstays with you." || c.Content != "https://boxd.it/cmt1" {
		t.Errorf("comment: %+v", c)
	}
}

func TestReadLists(t *testing.T) {
	exp := mustOpen(t, "testdata/export")
	v7, old := exp.Lists[0], exp.Lists[1] // lexical file order
	if v7.Name != "Harbours & Ferries" || v7.Description != "Films by the sea.\nTwo lines." || !v7.Ranked ||
		v7.Source != (Source{"lists/harbours-ferries.csv", 3}) || v7.URL != "https://boxd.it/L2" {
		t.Errorf("v7 list: %+v", v7)
	}
	if len(v7.Entries) != 2 || v7.Entries[1].Name != "The Last Ferry to Aran" || v7.Entries[1].Position != 2 ||
		v7.Entries[1].Source.Line != 8 {
		t.Errorf("v7 entries: %+v", v7.Entries)
	}
	if old.Name != "Old Favourites" || !reflect.DeepEqual(old.Tags, []string{"top", "old"}) || !old.Date.Equal(day("2022-12-31")) {
		t.Errorf("old list: %+v", old)
	}
	if len(old.Entries) != 2 || old.Entries[1].Description != "Still the best moon, I think." || old.Entries[0].Year != 1987 {
		t.Errorf("old entries: %+v", old.Entries)
	}
}

func TestUnrankedList(t *testing.T) {
	exp, err := Read(fstest.MapFS{"lists/a.csv": {Data: []byte(
		"Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-01-01,A,,,\n\nPosition,Name,Year,URL,Description\n,X,2000,,\n,Y,2001,,\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if l := exp.Lists[0]; l.Ranked || len(l.Entries) != 2 || l.Entries[1].Name != "Y" {
		t.Errorf("unranked list: %+v", l)
	}
}

// zipDir zips the files under dir, each name prefixed.
func zipDir(t testing.TB, dir, prefix string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOpenZipMatchesDir(t *testing.T) {
	want := mustOpen(t, "testdata/export")
	for _, prefix := range []string{"", "letterboxd-invented-2023-09-10-12-00-utc/"} {
		data := zipDir(t, "testdata/export", prefix)
		path := filepath.Join(t.TempDir(), "export.zip")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		got := mustOpen(t, path)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("prefix %q: zip reads differently from the folder", prefix)
		}
	}
}

func TestReadErrors(t *testing.T) {
	const diaryHead = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
	const okRow = "2023-01-01,A,2000,https://boxd.it/a,,,,2023-01-01\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"missing column", map[string]string{"diary.csv": "Date,Name,Year,Letterboxd URI,Rating\n" + okRow},
			[]string{"diary.csv:1:", "missing column Watched Date", "expected Date,Name,Year,Letterboxd URI,Watched Date", "found Date,Name,Year,Letterboxd URI,Rating"}},
		{"broken quoting", map[string]string{"diary.csv": diaryHead + okRow + "2023-01-02,\"Unclosed,2000,,,,,2023-01-02\n"},
			[]string{"diary.csv:3:", "broken CSV"}},
		{"bare quote", map[string]string{"diary.csv": diaryHead + "2023-01-02,Say \"Hi\",2000,,,,,2023-01-02\n"},
			[]string{"diary.csv:2:", "broken CSV"}},
		{"short row", map[string]string{"diary.csv": diaryHead + okRow + okRow + "2023-01-02,B,2000\n"},
			[]string{"diary.csv:4:", "3 fields where the header has 8"}},
		{"latin-1", map[string]string{"watchlist.csv": "Date,Name,Year,Letterboxd URI\n2023-01-01,A,2000,\n2023-01-02,Am\xe9lie,2001,\n"},
			[]string{"watchlist.csv:3:", "not valid UTF-8", "0xe9"}},
		{"utf-16", map[string]string{"ratings.csv": "\xff\xfeD\x00a\x00"}, []string{"ratings.csv:1:", "UTF-16"}},
		{"bad date", map[string]string{"diary.csv": diaryHead + "01/02/2023,A,2000,,,,,2023-01-01\n"},
			[]string{"diary.csv:2:", `Date "01/02/2023" is not a date`}},
		{"bad rating", map[string]string{"diary.csv": diaryHead + "2023-01-01,A,2000,,3.7,,,2023-01-01\n"},
			[]string{"diary.csv:2:", `rating "3.7"`}},
		{"bad rewatch", map[string]string{"diary.csv": diaryHead + "2023-01-01,A,2000,,,Maybe,,2023-01-01\n"},
			[]string{"diary.csv:2:", `Rewatch "Maybe"`}},
		{"bad year", map[string]string{"watched.csv": "Date,Name,Year,Letterboxd URI\n2023-01-01,A,20x0,\n"},
			[]string{"watched.csv:2:", `Year "20x0" is not a year`}},
		{"list without films header", map[string]string{"lists/x.csv": "Date,Name,Tags,URL,Description\n2023-01-01,X,,,\n\nName,Year\nA,2000\n"},
			[]string{"lists/x.csv:4:", "missing column Position, URL"}},
		{"empty list", map[string]string{"lists/x.csv": ""}, []string{"lists/x.csv: empty list file"}},
		{"bad id file", map[string]string{"watched.csv": "", "reel/films.csv": "Name,Year,Letterboxd URI,imdbID\nA,2000,,nm123\n"},
			[]string{"reel/films.csv:2:", "invalid id"}},
		{"not an export", map[string]string{"photo.jpg": "\xff\xd8", "notes/diary.csv": ""},
			[]string{"not a Letterboxd export"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			exp, err := Read(fsys)
			if err == nil {
				t.Fatalf("no error; read %+v", exp)
			}
			if exp != nil {
				t.Error("half-read export returned with the error")
			}
			if reel.ErrorCode(err) != reel.Invalid {
				t.Errorf("code %q, want invalid", reel.ErrorCode(err))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadEmptyAndExtraColumns(t *testing.T) {
	exp, err := Read(fstest.MapFS{
		"diary.csv":   {Data: []byte("")},
		"watched.csv": {Data: []byte("Extra,Letterboxd URI,Year,Name,Date\nx,https://boxd.it/q,1999,Q,2024-02-03\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Diary) != 0 || len(exp.Watched) != 1 {
		t.Fatalf("rows: %d diary, %d watched", len(exp.Diary), len(exp.Watched))
	}
	if w := exp.Watched[0]; w.Name != "Q" || w.Year != 1999 || w.URI != "https://boxd.it/q" || !w.Date.Equal(day("2024-02-03")) {
		t.Errorf("columns by name: %+v", w)
	}
}

func TestDirSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(secret, []byte("Date,Name,Year,Letterboxd URI\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "watched.csv")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v, want a refusal of the link", err)
	}
}
