package web

import (
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"reel"
)

func TestBarChart(t *testing.T) {
	c := newBarChart("x", "Films", []string{"1980s", "1990s", "2000s"}, []int64{2, 0, 4})
	if c.Empty || len(c.Bars) != 3 {
		t.Fatalf("chart = %+v", c)
	}
	top := c.Base - chartTop
	if c.Bars[2].H != top || c.Bars[0].H != top/2 || c.Bars[1].H != 0 {
		t.Errorf("heights %v %v %v, want %v, half of it and 0", c.Bars[0].H, c.Bars[1].H, c.Bars[2].H, top)
	}
	for i, b := range c.Bars {
		if b.Y+b.H != c.Base {
			t.Errorf("bar %d does not stand on the baseline: y %v + h %v != %v", i, b.Y, b.H, c.Base)
		}
		if b.X < 0 || b.X+b.W > chartWidth {
			t.Errorf("bar %d at %v+%v leaves the %d-wide chart", i, b.X, b.W, chartWidth)
		}
		if i > 0 && b.X <= c.Bars[i-1].X+c.Bars[i-1].W {
			t.Errorf("bar %d overlaps bar %d", i, i-1)
		}
	}
	if c.Desc != "1980s: 2, 2000s: 4." {
		t.Errorf("desc = %q", c.Desc)
	}
	if e := newBarChart("e", "Empty", []string{"a"}, []int64{0}); !e.Empty || e.Desc != "No data yet." {
		t.Errorf("all-zero chart = %+v", e)
	}
}

func TestDecades(t *testing.T) {
	credits := []reel.FilmCredit{
		{Credit: reel.Credit{FilmID: 1, Category: "director"}, Year: 1984},
		{Credit: reel.Credit{FilmID: 1, Category: "writer"}, Year: 1984}, // same film, second role
		{Credit: reel.Credit{FilmID: 2}, Year: 1988},
		{Credit: reel.Credit{FilmID: 3}, Year: 2006}, // the 1990s are empty and must show
		{Credit: reel.Credit{FilmID: 4}, Year: 0},    // undated: counted as a title, not charted
	}
	n, c := decades(credits)
	if n != 4 {
		t.Errorf("film count %d, want 4 distinct films", n)
	}
	var labels []string
	var values []int64
	for _, b := range c.Bars {
		labels, values = append(labels, b.Label), append(values, b.Value)
	}
	if !reflect.DeepEqual(labels, []string{"1980s", "1990s", "2000s"}) || !reflect.DeepEqual(values, []int64{2, 0, 1}) {
		t.Errorf("decades %v %v", labels, values)
	}
	if got := decadeLabel(2000, 11); got != "’00s" {
		t.Errorf("short label %q", got)
	}
	if _, c := decades(nil); !c.Empty || len(c.Bars) != 0 {
		t.Errorf("no credits: %+v", c)
	}
}

func TestGroupRoles(t *testing.T) {
	credits := []reel.FilmCredit{
		{Credit: reel.Credit{FilmID: 3, Category: "composer"}, Title: "C", Year: 2010},
		{Credit: reel.Credit{FilmID: 2, Category: "writer", Job: "screenplay"}, Title: "B", Year: 2005},
		{Credit: reel.Credit{FilmID: 2, Category: "actress", Characters: []string{"Ana", "Eva"}}, Title: "B", Year: 2005},
		{Credit: reel.Credit{FilmID: 1, Category: "director"}, Title: "A", Year: 2001},
		{Credit: reel.Credit{FilmID: 1, Category: "director", Ordering: 1000}, Title: "A", Year: 2001},
	}
	groups := groupRoles(credits)
	var got []string
	for _, g := range groups {
		got = append(got, g.Label)
	}
	if !reflect.DeepEqual(got, []string{"Director", "Writer", "Actress", "Composer"}) {
		t.Fatalf("role order %v", got)
	}
	if len(groups[0].Credits) != 1 {
		t.Errorf("director credits %+v: a film twice", groups[0].Credits)
	}
	if groups[1].Credits[0].Note != "screenplay" || groups[2].Credits[0].Note != "as Ana / Eva" {
		t.Errorf("notes %q %q", groups[1].Credits[0].Note, groups[2].Credits[0].Note)
	}
}

func TestSortCredits(t *testing.T) {
	fc := sortCredits([]reel.PersonCredit{
		{Credit: reel.Credit{PersonID: 1, Category: "actor", Characters: []string{"Salvador"}}, Name: "Antonio"},
		{Credit: reel.Credit{PersonID: 2, Category: "director"}, Name: "Pedro"},
		{Credit: reel.Credit{PersonID: 2, Category: "director", Ordering: 1000}, Name: "Pedro"},
		{Credit: reel.Credit{PersonID: 3, Category: "production_designer"}, Name: "Antxón"},
		{Credit: reel.Credit{PersonID: 4, Category: "self"}, Name: "Her"},
	})
	if len(fc.Directors) != 1 || len(fc.Cast) != 2 || !fc.Cast[1].Self || len(fc.Crew) != 1 || fc.Crew[0].Role != "Production designer" {
		t.Errorf("sorted credits %+v", fc)
	}
}

func TestGroupAltTitles(t *testing.T) {
	got := groupAltTitles([]reel.AltTitle{
		{Title: "Dolor y gloria", Original: true},
		{Title: "Dolor y gloria", Region: "ES"},
		{Title: "Pain and Glory", Region: "US"},
		{Title: "Dolor y gloria", Region: "IT"},
		{Title: "Dolor y gloria", Region: "ES"},
	})
	want := []akaView{{"Dolor y gloria", true, []string{"ES", "IT"}}, {"Pain and Glory", false, []string{"US"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groupAltTitles = %+v", got)
	}
}

func TestGroupHits(t *testing.T) {
	hits := []reel.SearchHit{{Kind: "person", ID: "nm1"}, {Kind: "film", ID: "tt1"}, {Kind: "person", ID: "nm2"}}
	g := groupHits(hits)
	if len(g) != 2 || g[0].Kind != "person" || len(g[0].Hits) != 2 || g[1].Kind != "film" {
		t.Errorf("groups %+v: want people (the best hit) first", g)
	}
	if g := groupHits(hits[1:2]); len(g) != 1 || g[0].Kind != "film" {
		t.Errorf("films only: %+v", g)
	}
}

func TestFormatting(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 62000: "62,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
	for m, want := range map[int]string{45: "45 min", 60: "1 h", 113: "1 h 53 min"} {
		if got := runtime(m); got != want {
			t.Errorf("runtime(%d) = %q, want %q", m, got, want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{"": false, "gzip": true, "deflate, gzip;q=0.5": true, "gzip;q=0": false, "br": false} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", h)
		if got := acceptsGzip(r); got != want {
			t.Errorf("acceptsGzip(%q) = %v", h, got)
		}
	}
}

// TestParsePagesFailsAtBoot: a missing page template is an error at parse
// time, which New turns into a panic at boot.
func TestParsePagesFailsAtBoot(t *testing.T) {
	s := &Server{}
	var err error
	if s.assets, err = loadAssets(staticFiles); err != nil {
		t.Fatal(err)
	}
	if _, err := parsePages(templateFiles, s.templateFuncs()); err != nil {
		t.Fatalf("embedded templates: %v", err)
	}
	partial := fstest.MapFS{"templates/_layout.html": {Data: []byte(`{{define "layout"}}{{template "main" .}}{{end}}`)}}
	if _, err := parsePages(partial, s.templateFuncs()); err == nil || !strings.Contains(err.Error(), "home") {
		t.Errorf("parsePages without page files: %v, want an error naming the page", err)
	}
}

func TestHashedName(t *testing.T) {
	a, b := hashedName("app.css", []byte("a")), hashedName("app.css", []byte("b"))
	if a == b || !strings.HasPrefix(a, "app.") || !strings.HasSuffix(a, ".css") || len(a) != len("app.")+12+len(".css") {
		t.Errorf("hashed names %q %q", a, b)
	}
}
