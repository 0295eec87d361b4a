package letterboxd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"reel"
)

// testCatalog holds invented films that exercise each matching rule.
func testCatalog() *MemCatalog {
	c := &MemCatalog{}
	c.Add("tt0000101", "The Glass Orchard", 1987, 5000)
	c.Add("tt0000102", "Harbour Lights", 2001, 1000) // two of similar standing: ambiguous
	c.Add("tt0000103", "Harbour Lights", 2001, 900)
	c.Add("tt0000104", "Paper Moons", 1998, 300) // a year off
	c.Add("tt0000105", "Salt Lanterns", 2010, 100000)
	c.Add("tt0000106", "Salt Lanterns", 2010, 50) // an obscure namesake
	c.Add("tt0000107", "Nobody’s Kite", 2015, 20)
	c.Add("tt0000110", "Ocho, nueve, diez", 2019, 700, "Eight Nine Ten")
	c.Add("tt0000108", "The Last Ferry to Aran", 1972, 10)
	c.Add("tt0000109", "The Last Ferry to Aran", 1973, 100000) // same title, next year
	c.Add("tt0000111", "Amélie's Bicycle", 2010, 400)          // far from 2004
	c.Add("tt0000112", "Twin Title", 1990, 500)
	c.Add("tt0000113", "Twin Title", 2000, 600)
	c.Add("tt0000114", "Lone Title", 1990, 5000)
	c.Add("tt0000115", "Lone Title", 2000, 60)
	return c
}

func TestMatchRules(t *testing.T) {
	tests := []struct {
		name   string
		film   Film
		status Status
		id     string
		reason string
		cands  int
	}{
		{"exact", Film{Name: "the glass orchard", Year: 1987}, Matched, "tt0000101", "title and year match", 0},
		{"ambiguous", Film{Name: "Harbour Lights", Year: 2001}, Ambiguous, "", "2 films of similar popularity", 2},
		{"year off by one", Film{Name: "Paper Moons", Year: 1999}, Matched, "tt0000104", "year differs by one", 0},
		{"popularity", Film{Name: "Salt Lanterns", Year: 2010}, Matched, "tt0000105", "most popular by far", 2},
		{"no year, unique", Film{Name: "Nobody's Kite"}, Matched, "tt0000107", "no year in the export", 0},
		{"alternate title", Film{Name: "Eight, Nine, Ten", Year: 2019}, Matched, "tt0000110", `alternate title "Eight Nine Ten"`, 0},
		{"exact year beats popularity", Film{Name: "The Last Ferry to Aran", Year: 1972}, Matched, "tt0000108", "title and year match", 0},
		{"too far", Film{Name: "Amélie’s Bicycle", Year: 2004}, Unmatched, "", "from 2003–2005", 0},
		{"unknown", Film{Name: "Vanished Reel", Year: 1955}, Unmatched, "", `no catalog film titled "Vanished Reel"`, 0},
		{"no year, similar", Film{Name: "Twin Title"}, Ambiguous, "", "2 films", 2},
		{"no year, clear lead", Film{Name: "Lone Title"}, Matched, "tt0000114", "most popular by far", 2},
		{"no title", Film{Name: "  "}, Unmatched, "", "no title", 0},
		{"recorded id", Film{Name: "Whatever", ID: "tt0000999"}, Matched, "tt0000999", "recorded in the export", 0},
	}
	m := NewMatcher(testCatalog(), nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.Match(context.Background(), tt.film)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.status || got.ID != tt.id || !strings.Contains(got.Reason, tt.reason) || len(got.Candidates) != tt.cands {
				t.Errorf("got %+v; want %s %q reason containing %q with %d candidates", got, tt.status, tt.id, tt.reason, tt.cands)
			}
		})
	}
}

// looseCatalog returns every film whatever the query, as a fuzzy search
// might; Match must still apply its own title and year checks.
type looseCatalog struct {
	films []Candidate
	calls int
}

func (c *looseCatalog) Candidates(ctx context.Context, title string, year int) ([]Candidate, error) {
	c.calls++
	return c.films, nil
}

func TestMatchChecksCandidatesAndCaches(t *testing.T) {
	cat := &looseCatalog{films: []Candidate{
		{ID: "tt1", Title: "Crash", Year: 2004, Popularity: 500000},
		{ID: "tt2", Title: "Crash", Year: 1996, Popularity: 200000},
		{ID: "tt3", Title: "Crush", Year: 1996, Popularity: 1},
		{ID: "tt2", Title: "Crash", Year: 1996, Popularity: 200000, MatchedTitle: "Crash!"},
	}}
	m := NewMatcher(cat, nil)
	for range 3 {
		got, err := m.Match(context.Background(), Film{Name: "CRASH", Year: 1996})
		if err != nil || got.Status != Matched || got.ID != "tt2" {
			t.Fatalf("got %+v, %v; want tt2 (the 2004 film is too far, Crush is another title)", got, err)
		}
	}
	if cat.calls != 1 {
		t.Errorf("catalog asked %d times for one title and year", cat.calls)
	}
}

type failingCatalog struct{}

func (failingCatalog) Candidates(context.Context, string, int) ([]Candidate, error) {
	return nil, errors.New("database is gone")
}

func TestMatchExportCatalogFailure(t *testing.T) {
	exp := mustOpen(t, "testdata/export")
	_, err := NewMatcher(failingCatalog{}, nil).MatchExport(context.Background(), exp)
	if err == nil || !strings.Contains(err.Error(), "database is gone") || reel.ErrorCode(err) != reel.Internal {
		t.Fatalf("err = %v (%s)", err, reel.ErrorCode(err))
	}
}

func TestReadResolutions(t *testing.T) {
	src := "\ufeff# answers for the import\nletterboxd_uri_or_title,year,imdb_id\n" +
		"https://boxd.it/aaA2,,tt0000103\n" +
		"\"Amélie's Bicycle\",2004,111\n" +
		"vanished reel,,tt0000120\n"
	res, err := ReadResolutions(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if res.Len() != 3 {
		t.Errorf("Len = %d", res.Len())
	}
	tests := []struct {
		film Film
		id   string
		how  string
	}{
		{Film{Name: "Harbour Lights", Year: 2001, URI: "http://boxd.it/aaA2/"}, "tt0000103", "by link on resolutions line 3"},
		{Film{Name: "Harbour Lights", Year: 2001, URI: "https://boxd.it/other"}, "", ""},
		{Film{Name: "AMELIE’S BICYCLE", Year: 2004}, "tt0000111", "by title on resolutions line 4"},
		{Film{Name: "Amélie's Bicycle", Year: 2005}, "", ""},
		{Film{Name: "Vanished Reel", Year: 1955}, "tt0000120", "line 5"},
	}
	for _, tt := range tests {
		id, how, ok := res.Lookup(tt.film)
		if id != tt.id || ok != (tt.id != "") || !strings.Contains(how, tt.how) {
			t.Errorf("Lookup(%+v) = %q, %q, %v; want %q", tt.film, id, how, ok, tt.id)
		}
	}
	var none *Resolutions
	if _, _, ok := none.Lookup(Film{Name: "x"}); ok || none.Len() != 0 {
		t.Error("nil resolutions resolve something")
	}
}

func TestReadResolutionsErrors(t *testing.T) {
	tests := map[string]string{
		"a,1999,tt1\nb,,nm5\n":                     "resolutions:2: invalid id",
		"a,1999\n":                                 "resolutions:1: 2 fields",
		"a,99x,tt1\n":                              `year "99x"`,
		"a,1999,tt1\nA!,1999,tt2\n":                "resolved to tt0000002 here and to tt0000001 on line 1",
		",1999,tt1\n":                              "no link or title",
		"a,1999,tt1\n\"b,1999,tt2\n":               "resolutions:2: broken CSV",
		"caf\xe9,1999,tt1\n":                       "resolutions:1: not valid UTF-8",
		"https://boxd.it/x,,tt1\nboxd.it/x,,tt1\n": "", // the same answer twice is fine
		"a,1999,\n":                                "", // not answered yet
	}
	for src, want := range tests {
		_, err := ReadResolutions(strings.NewReader(src))
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", src, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) || reel.ErrorCode(err) != reel.Invalid {
			t.Errorf("%q: err = %v, want %q", src, err, want)
		}
	}
}

func TestResolutionsWin(t *testing.T) {
	res, err := ReadResolutions(strings.NewReader("The Glass Orchard,1987,tt0000777\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := NewMatcher(testCatalog(), res).Match(context.Background(), Film{Name: "The Glass Orchard", Year: 1987, ID: "tt0000101"})
	if got.ID != "tt0000777" || got.Status != Matched {
		t.Errorf("got %+v, want the resolution", got)
	}
}

// TestReportAndResolutionTemplate matches the fixture, checks the report,
// fills in the template it writes and matches again: everything matches.
func TestReportAndResolutionTemplate(t *testing.T) {
	ctx := context.Background()
	exp := mustOpen(t, "testdata/export")
	rep, err := NewMatcher(testCatalog(), nil).MatchExport(ctx, exp)
	if err != nil {
		t.Fatal(err)
	}
	// Rows naming a film: 6 diary, 3 reviews, 2 ratings, 5 watched, 2
	// watchlist, 1 like, 4 list entries. Harbour Lights is ambiguous (1
	// diary, 1 review, 1 watched, 1 list entry); Vanished Reel and
	// Amélie's Bicycle are unmatched.
	if len(rep.Rows) != 23 || rep.Ambiguous != 4 || rep.Unmatched != 2 || rep.Matched != 17 || rep.Complete() {
		t.Fatalf("rows %d: %d matched, %d ambiguous, %d unmatched", len(rep.Rows), rep.Matched, rep.Ambiguous, rep.Unmatched)
	}
	if exp.Diary[0].ID != "tt0000101" || exp.Diary[1].ID != "" {
		t.Errorf("ids not set on rows: %q %q", exp.Diary[0].ID, exp.Diary[1].ID)
	}

	var text bytes.Buffer
	if err := rep.WriteText(&text, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"23 rows: 17 matched, 4 ambiguous, 2 unmatched",
		"diary.csv:3\tambiguous\t\"Harbour Lights\" (2001): title and year match for 2 films of similar popularity",
		"\t\ttt0000102 \"Harbour Lights\" (2001), 1000 votes",
		"diary.csv:6\tunmatched\t\"Vanished Reel\" (1955)",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "Glass Orchard") {
		t.Error("matched rows in the short report")
	}

	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var decoded Report
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatal(err)
	}
	if len(decoded.Rows) != 23 || decoded.Rows[1].File != "diary.csv" || decoded.Rows[1].Line != 3 || len(decoded.Rows[1].Candidates) != 2 {
		t.Errorf("JSON row: %+v", decoded.Rows[1])
	}

	var tmpl bytes.Buffer
	if err := rep.WriteResolutions(&tmpl); err != nil {
		t.Fatal(err)
	}
	filled := strings.NewReplacer(
		"Harbour Lights,2001,", "Harbour Lights,2001,tt0000103",
		"Vanished Reel,1955,", "Vanished Reel,1955,tt0000120",
		"Amélie's Bicycle,2004,", "Amélie's Bicycle,2004,tt0000111",
	).Replace(tmpl.String())
	res, err := ReadResolutions(strings.NewReader(filled))
	if err != nil {
		t.Fatalf("%v in\n%s", err, filled)
	}
	rep, err = NewMatcher(testCatalog(), res).MatchExport(ctx, mustOpen(t, "testdata/export"))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Complete() {
		var b bytes.Buffer
		rep.WriteText(&b, false)
		t.Errorf("still open after resolving:\n%s\ntemplate:\n%s", b.String(), filled)
	}
}

// TestResolutionsSet builds resolutions as the Import page does: a title
// and year, or a title for any year; bad ids and empty titles are refused.
func TestResolutionsSet(t *testing.T) {
	var res Resolutions
	if err := res.Set("Harbour Lights", 2001, "tt0000103"); err != nil {
		t.Fatal(err)
	}
	if err := res.Set("Paper Moons", 0, " tt0000104 "); err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(testCatalog(), &res)
	for _, tc := range []struct {
		film Film
		id   string
	}{
		{Film{Name: "Harbour Lights", Year: 2001}, "tt0000103"},
		{Film{Name: "harbour lights!", Year: 2001}, "tt0000103"},
		{Film{Name: "Paper Moons", Year: 1960}, "tt0000104"},
		{Film{Name: "Harbour Lights", Year: 1999}, ""}, // another year: not resolved, and no catalog film
	} {
		got, err := m.Match(context.Background(), tc.film)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != tc.id {
			t.Errorf("%+v matched %q (%s), want %q", tc.film, got.ID, got.Reason, tc.id)
		}
		if tc.id != "" && got.Reason != "resolved by title" {
			t.Errorf("%+v: reason %q", tc.film, got.Reason)
		}
	}
	for _, bad := range []struct {
		title string
		year  int
		id    string
	}{{"Harbour Lights", 2001, "tt12x"}, {"Harbour Lights", 2001, ""}, {"  ", 2001, "tt0000103"}, {"X", -1, "tt0000103"}} {
		if err := res.Set(bad.title, bad.year, bad.id); reel.ErrorCode(err) != reel.Invalid {
			t.Errorf("Set(%q, %d, %q) = %v, want Invalid", bad.title, bad.year, bad.id, err)
		}
	}
}

// TestMatchExportProgress: the callback sees the count rise to the total.
func TestMatchExportProgress(t *testing.T) {
	exp := &Export{}
	for range 250 {
		exp.Watched = append(exp.Watched, Watched{Film: Film{Name: "The Glass Orchard", Year: 1987}})
	}
	var calls [][2]int
	m := NewMatcher(testCatalog(), nil)
	m.OnProgress(func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if _, err := m.MatchExport(context.Background(), exp); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{0, 250}, {100, 250}, {200, 250}, {250, 250}}
	if len(calls) != len(want) {
		t.Fatalf("progress calls %v, want %v", calls, want)
	}
	for i := range want {
		if calls[i] != want[i] {
			t.Fatalf("progress calls %v, want %v", calls, want)
		}
	}
}
