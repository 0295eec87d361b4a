package demo

// Structural and factual checks on the bundled demo catalog in catalog/*.tsv.
// The files use the IMDb non-commercial dataset format: UTF-8, LF line endings,
// tab-separated, one header row, `\N` for null, no quoting, JSON array
// `characters`. The test reads them with plain string splitting, as the real
// importer must (a bare `"` is legal inside a field).

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

const catNull = `\N`

// catTable is one TSV file: its header and its data rows, each row a slice of
// cells, plus a column index by header name.
type catTable struct {
	name   string
	header []string
	rows   [][]string
	col    map[string]int
}

func (tb *catTable) get(row []string, column string) string {
	i, ok := tb.col[column]
	if !ok {
		panic("no column " + column + " in " + tb.name)
	}
	return row[i]
}

var catHeaders = map[string]string{
	"title.basics.tsv":     "tconst titleType primaryTitle originalTitle isAdult startYear endYear runtimeMinutes genres",
	"title.akas.tsv":       "titleId ordering title region language types attributes isOriginalTitle",
	"title.crew.tsv":       "tconst directors writers",
	"title.principals.tsv": "tconst ordering nconst category job characters",
	"name.basics.tsv":      "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
	"title.ratings.tsv":    "tconst averageRating numVotes",
}

// catReadTable reads one catalog file and fails the test on any framing problem:
// invalid UTF-8, CR characters, missing trailing newline, wrong header, wrong
// column count, empty cell.
func catReadTable(t *testing.T, name string) *catTable {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("catalog", name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if !utf8.Valid(data) {
		t.Fatalf("%s: not valid UTF-8", name)
	}
	if strings.ContainsRune(string(data), '\r') {
		t.Fatalf("%s: contains CR; want LF line endings only", name)
	}
	if len(data) == 0 || data[len(data)-1] != '\n' {
		t.Fatalf("%s: must end with a newline", name)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	want := strings.Fields(catHeaders[name])
	header := strings.Split(lines[0], "\t")
	if strings.Join(header, " ") != strings.Join(want, " ") {
		t.Fatalf("%s: header %q, want %q", name, header, want)
	}
	tb := &catTable{name: name, header: header, col: map[string]int{}}
	for i, h := range header {
		tb.col[h] = i
	}
	for n, line := range lines[1:] {
		cells := strings.Split(line, "\t")
		if len(cells) != len(header) {
			t.Errorf("%s line %d: %d columns, want %d: %q", name, n+2, len(cells), len(header), line)
			continue
		}
		for i, c := range cells {
			if c == "" {
				t.Errorf("%s line %d: empty %s (use \\N for null)", name, n+2, header[i])
			}
			if c != strings.TrimSpace(c) {
				t.Errorf("%s line %d: %s has surrounding white space: %q", name, n+2, header[i], c)
			}
		}
		tb.rows = append(tb.rows, cells)
	}
	return tb
}

// catCatalog is the whole catalog with lookups used by the checks.
type catCatalog struct {
	basics, akas, crew, principals, names, ratings *catTable

	title  map[string][]string // tconst -> basics row
	person map[string][]string // nconst -> names row
}

func catLoad(t *testing.T) *catCatalog {
	t.Helper()
	c := &catCatalog{
		basics:     catReadTable(t, "title.basics.tsv"),
		akas:       catReadTable(t, "title.akas.tsv"),
		crew:       catReadTable(t, "title.crew.tsv"),
		principals: catReadTable(t, "title.principals.tsv"),
		names:      catReadTable(t, "name.basics.tsv"),
		ratings:    catReadTable(t, "title.ratings.tsv"),
		title:      map[string][]string{},
		person:     map[string][]string{},
	}
	if t.Failed() {
		t.FailNow()
	}
	for _, r := range c.basics.rows {
		c.title[r[0]] = r
	}
	for _, r := range c.names.rows {
		c.person[r[0]] = r
	}
	return c
}

var (
	catTconst = regexp.MustCompile(`^tt[0-9]{7,8}$`)
	catNconst = regexp.MustCompile(`^nm[0-9]{7,8}$`)
	catRating = regexp.MustCompile(`^(10\.0|[1-9]\.[0-9])$`)
	catRegion = regexp.MustCompile(`^[A-Z]{2,3}$`)
	catLang   = regexp.MustCompile(`^[a-z]{2,3}$`)
)

func catYear(s string, lo, hi int) bool {
	if s == catNull {
		return true
	}
	y, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && y >= lo && y <= hi
}

func TestCatalogIDsAndReferences(t *testing.T) {
	c := catLoad(t)

	if n := len(c.basics.rows); n < 300 {
		t.Errorf("catalog has %d titles, want at least 300", n)
	}
	seen := map[string]bool{}
	for _, r := range c.basics.rows {
		if !catTconst.MatchString(r[0]) {
			t.Errorf("basics: bad tconst %q", r[0])
		}
		if seen[r[0]] {
			t.Errorf("basics: duplicate tconst %s", r[0])
		}
		seen[r[0]] = true
	}
	seen = map[string]bool{}
	for _, r := range c.names.rows {
		if !catNconst.MatchString(r[0]) {
			t.Errorf("names: bad nconst %q", r[0])
		}
		if seen[r[0]] {
			t.Errorf("names: duplicate nconst %s", r[0])
		}
		seen[r[0]] = true
	}

	// Every title has exactly one crew row and one ratings row.
	for _, tb := range []*catTable{c.crew, c.ratings} {
		seen := map[string]bool{}
		for _, r := range tb.rows {
			if _, ok := c.title[r[0]]; !ok {
				t.Errorf("%s: unknown tconst %s", tb.name, r[0])
			}
			if seen[r[0]] {
				t.Errorf("%s: duplicate tconst %s", tb.name, r[0])
			}
			seen[r[0]] = true
		}
		if len(seen) != len(c.title) {
			t.Errorf("%s: %d titles covered, want all %d", tb.name, len(seen), len(c.title))
		}
	}

	// Crew ids exist; crew directors and writers are principals with that category.
	credited := map[string]bool{} // tconst|nconst|category
	for _, r := range c.principals.rows {
		credited[r[0]+"|"+r[2]+"|"+r[3]] = true
	}
	for _, r := range c.crew.rows {
		for col, cat := range map[string]string{"directors": "director", "writers": "writer"} {
			v := c.crew.get(r, col)
			if v == catNull {
				continue
			}
			for _, id := range strings.Split(v, ",") {
				if _, ok := c.person[id]; !ok {
					t.Errorf("crew %s: unknown %s %s", r[0], col, id)
				}
				if !credited[r[0]+"|"+id+"|"+cat] {
					t.Errorf("crew %s: %s %s has no %s row in principals", r[0], col, id, cat)
				}
			}
		}
	}

	// Principals: known ids, unique (tconst, ordering), orderings 1..n.
	pairs := map[string]bool{}
	maxOrder := map[string]int{}
	count := map[string]int{}
	for _, r := range c.principals.rows {
		if _, ok := c.title[r[0]]; !ok {
			t.Errorf("principals: unknown tconst %s", r[0])
		}
		if _, ok := c.person[r[2]]; !ok {
			t.Errorf("principals %s: unknown nconst %s", r[0], r[2])
		}
		key := r[0] + "|" + r[1]
		if pairs[key] {
			t.Errorf("principals: duplicate (tconst, ordering) %s", key)
		}
		pairs[key] = true
		o, err := strconv.Atoi(r[1])
		if err != nil || o < 1 {
			t.Errorf("principals %s: bad ordering %q", r[0], r[1])
		}
		if o > maxOrder[r[0]] {
			maxOrder[r[0]] = o
		}
		count[r[0]]++
	}
	for id, n := range count {
		if maxOrder[id] != n {
			t.Errorf("principals %s: orderings are not 1..%d", id, n)
		}
	}

	// Akas: known ids, unique (titleId, ordering), one original row per title.
	pairs = map[string]bool{}
	originals := map[string]int{}
	for _, r := range c.akas.rows {
		b, ok := c.title[r[0]]
		if !ok {
			t.Errorf("akas: unknown titleId %s", r[0])
			continue
		}
		key := r[0] + "|" + r[1]
		if pairs[key] {
			t.Errorf("akas: duplicate (titleId, ordering) %s", key)
		}
		pairs[key] = true
		switch c.akas.get(r, "isOriginalTitle") {
		case "1":
			originals[r[0]]++
			if r[2] != c.basics.get(b, "originalTitle") {
				t.Errorf("akas %s: original row %q differs from originalTitle %q", r[0], r[2], c.basics.get(b, "originalTitle"))
			}
		case "0":
		default:
			t.Errorf("akas %s: isOriginalTitle %q", key, c.akas.get(r, "isOriginalTitle"))
		}
		if reg := c.akas.get(r, "region"); reg != catNull && !catRegion.MatchString(reg) {
			t.Errorf("akas %s: bad region %q", key, reg)
		}
		if lang := c.akas.get(r, "language"); lang != catNull && !catLang.MatchString(lang) {
			t.Errorf("akas %s: bad language %q", key, lang)
		}
	}
	for id := range c.title {
		if originals[id] != 1 {
			t.Errorf("akas %s: %d original-title rows, want 1", id, originals[id])
		}
	}

	// knownForTitles point into the catalog.
	for _, r := range c.names.rows {
		kf := c.names.get(r, "knownForTitles")
		if kf == catNull {
			continue
		}
		for _, id := range strings.Split(kf, ",") {
			if _, ok := c.title[id]; !ok {
				t.Errorf("names %s: knownForTitles has unknown %s", r[0], id)
			}
		}
	}
}

func TestCatalogFieldValues(t *testing.T) {
	c := catLoad(t)
	types := map[string]bool{"movie": true, "short": true, "tvMovie": true}
	for _, r := range c.basics.rows {
		id := r[0]
		if !types[c.basics.get(r, "titleType")] {
			t.Errorf("basics %s: titleType %q", id, c.basics.get(r, "titleType"))
		}
		if a := c.basics.get(r, "isAdult"); a != "0" && a != "1" {
			t.Errorf("basics %s: isAdult %q", id, a)
		}
		if y := c.basics.get(r, "startYear"); y == catNull || !catYear(y, 1888, 2030) {
			t.Errorf("basics %s: implausible startYear %q", id, y)
		}
		if y := c.basics.get(r, "endYear"); y != catNull {
			t.Errorf("basics %s: endYear %q for a film", id, y)
		}
		if m := c.basics.get(r, "runtimeMinutes"); m != catNull {
			if n, err := strconv.Atoi(m); err != nil || n < 1 || n > 1000 {
				t.Errorf("basics %s: runtimeMinutes %q", id, m)
			}
		}
		if g := c.basics.get(r, "genres"); g != catNull && len(strings.Split(g, ",")) > 3 {
			t.Errorf("basics %s: more than 3 genres: %q", id, g)
		}
	}
	for _, r := range c.ratings.rows {
		if !catRating.MatchString(r[1]) {
			t.Errorf("ratings %s: averageRating %q, want one decimal in 1.0..10.0", r[0], r[1])
		}
		if n, err := strconv.Atoi(r[2]); err != nil || n < 1 {
			t.Errorf("ratings %s: numVotes %q", r[0], r[2])
		}
	}
	cats := map[string]bool{"actor": true, "actress": true, "self": true, "director": true, "writer": true,
		"composer": true, "cinematographer": true, "editor": true, "producer": true, "production_designer": true}
	for _, r := range c.principals.rows {
		cat := c.principals.get(r, "category")
		if !cats[cat] {
			t.Errorf("principals %s: category %q", r[0], cat)
		}
		ch := c.principals.get(r, "characters")
		acting := cat == "actor" || cat == "actress" || cat == "self"
		if ch == catNull {
			if acting {
				t.Errorf("principals %s/%s: %s without characters", r[0], r[1], cat)
			}
			continue
		}
		var names []string
		if err := json.Unmarshal([]byte(ch), &names); err != nil || len(names) == 0 {
			t.Errorf("principals %s/%s: characters %q is not a non-empty JSON array of strings", r[0], r[1], ch)
		}
		if !acting {
			t.Errorf("principals %s/%s: %s has characters %q", r[0], r[1], cat, ch)
		}
	}
	for _, r := range c.names.rows {
		b, d := c.names.get(r, "birthYear"), c.names.get(r, "deathYear")
		if !catYear(b, 1500, 2024) || !catYear(d, 1500, 2026) {
			t.Errorf("names %s: implausible years %s-%s", r[0], b, d)
		}
		if b != catNull && d != catNull {
			by, _ := strconv.Atoi(b)
			dy, _ := strconv.Atoi(d)
			if dy < by || dy-by > 110 {
				t.Errorf("names %s (%s): died %d, born %d", r[0], r[1], dy, by)
			}
		}
		if p := c.names.get(r, "primaryProfession"); p != catNull && len(strings.Split(p, ",")) > 3 {
			t.Errorf("names %s: more than 3 professions: %q", r[0], p)
		}
	}
	// A credit must not predate the person's birth by more than a couple of years
	// (child roles excepted: born before the film).
	for _, r := range c.principals.rows {
		p, tt := c.person[r[2]], c.title[r[0]]
		if p == nil || tt == nil {
			continue
		}
		b := c.names.get(p, "birthYear")
		y, _ := strconv.Atoi(c.basics.get(tt, "startYear"))
		if b != catNull {
			if by, _ := strconv.Atoi(b); by > y && c.principals.get(r, "job") == catNull {
				t.Errorf("%s (%d): %s credited but born %d", c.basics.get(tt, "primaryTitle"), y, p[1], by)
			}
		}
	}
}

// catFind helpers for the fixture assertions.
func (c *catCatalog) titlesNamed(primary string) [][]string {
	var out [][]string
	for _, r := range c.basics.rows {
		if r[2] == primary {
			out = append(out, r)
		}
	}
	return out
}

func (c *catCatalog) titleByNameYear(t *testing.T, primary, year string) []string {
	t.Helper()
	for _, r := range c.titlesNamed(primary) {
		if c.basics.get(r, "startYear") == year {
			return r
		}
	}
	t.Errorf("no title %q (%s)", primary, year)
	return nil
}

func (c *catCatalog) personNamed(t *testing.T, name string) []string {
	t.Helper()
	var found []string
	for _, r := range c.names.rows {
		if r[1] == name {
			if found != nil {
				t.Errorf("two people named %q", name)
			}
			found = r
		}
	}
	if found == nil {
		t.Errorf("no person named %q", name)
	}
	return found
}

// credit reports whether nconst has a principals row on tconst with the given
// category and (if character is not empty) that character name.
func (c *catCatalog) credit(tconst, nconst, category, character string) bool {
	for _, r := range c.principals.rows {
		if r[0] != tconst || r[2] != nconst || r[3] != category {
			continue
		}
		if character == "" {
			return true
		}
		var chars []string
		_ = json.Unmarshal([]byte(r[5]), &chars)
		for _, ch := range chars {
			if ch == character {
				return true
			}
		}
	}
	return false
}

func TestCatalogFixtures(t *testing.T) {
	c := catLoad(t)

	// Pedro Almodóvar, with his real IMDb ids.
	almodovar := c.personNamed(t, "Pedro Almodóvar")
	if almodovar != nil && almodovar[0] != "nm0000264" {
		t.Errorf("Pedro Almodóvar is %s, want nm0000264", almodovar[0])
	}
	almodovarFilms := map[string]string{ // tconst -> original title
		"tt0287467": "Hable con ella",
		"tt0441909": "Volver",
		"tt8291806": "Dolor y gloria",
	}
	for id, orig := range almodovarFilms {
		b := c.title[id]
		if b == nil {
			t.Errorf("missing Almodóvar film %s (%s)", id, orig)
			continue
		}
		if got := c.basics.get(b, "originalTitle"); got != orig {
			t.Errorf("%s originalTitle %q, want %q", id, got, orig)
		}
		if !c.credit(id, "nm0000264", "director", "") {
			t.Errorf("Almodóvar is not credited as director of %s", id)
		}
	}
	for _, want := range []struct{ title, year, original string }{
		{"Talk to Her", "2002", "Hable con ella"},
		{"Volver", "2006", "Volver"},
		{"Pain and Glory", "2019", "Dolor y gloria"},
		{"All About My Mother", "1999", "Todo sobre mi madre"},
		{"Women on the Verge of a Nervous Breakdown", "1988", "Mujeres al borde de un ataque de nervios"},
	} {
		if r := c.titleByNameYear(t, want.title, want.year); r != nil {
			if got := c.basics.get(r, "originalTitle"); got != want.original {
				t.Errorf("%s: originalTitle %q, want %q", want.title, got, want.original)
			}
			if !c.credit(r[0], "nm0000264", "director", "") {
				t.Errorf("%s: Almodóvar not credited as director", want.title)
			}
		}
	}
	for _, crew := range c.crew.rows {
		if crew[0] == "tt0441909" && !strings.Contains(crew[1], "nm0000264") {
			t.Errorf("crew of Volver does not list Almodóvar: %q", crew[1])
		}
	}
	// Talk to Her has a Spanish aka and other regional titles.
	regions := map[string]string{}
	for _, r := range c.akas.rows {
		if r[0] == "tt0287467" {
			regions[c.akas.get(r, "region")] = r[2]
		}
	}
	if regions["ES"] != "Hable con ella" {
		t.Errorf("Talk to Her: ES aka %q, want %q", regions["ES"], "Hable con ella")
	}
	if len(regions) < 3 {
		t.Errorf("Talk to Her: only %d aka regions", len(regions))
	}

	// Cast with character names.
	for _, want := range []struct{ person, tconst, category, character string }{
		{"Antonio Banderas", "tt8291806", "actor", "Salvador Mallo"},
		{"Penélope Cruz", "tt0441909", "actress", "Raimunda"},
		{"Asier Etxeandia", "tt8291806", "actor", "Alberto Crespo"},
		{"Carmen Maura", "tt0441909", "actress", "Irene"},
		{"Javier Cámara", "tt0287467", "actor", "Benigno Martín"},
		{"Leonor Watling", "tt0287467", "actress", "Alicia"},
		{"Cecilia Roth", "", "actress", "Manuela"},
	} {
		p := c.personNamed(t, want.person)
		if p == nil {
			continue
		}
		id := want.tconst
		if id == "" {
			if r := c.titleByNameYear(t, "All About My Mother", "1999"); r != nil {
				id = r[0]
			}
		}
		if !c.credit(id, p[0], want.category, want.character) {
			t.Errorf("%s does not play %q (%s) in %s", want.person, want.character, want.category, id)
		}
	}
	if banderas := c.personNamed(t, "Antonio Banderas"); banderas != nil && banderas[0] != "nm0000104" {
		t.Errorf("Antonio Banderas is %s, want nm0000104", banderas[0])
	}

	// 8½ keeps its non-ASCII primary title and its Italian original title.
	eight := c.title["tt0056801"]
	if eight == nil || eight[2] != "8½" || eight[3] != "Otto e mezzo" {
		t.Errorf("8½: got %q, want primaryTitle 8½ and originalTitle Otto e mezzo", eight)
	} else if !c.credit("tt0056801", "nm0000019", "director", "") {
		t.Errorf("8½ is not directed by Federico Fellini (nm0000019)")
	}

	// Titles that are ordinary words, and a title shared by two films.
	for _, w := range []struct{ title, year string }{
		{"Her", "2013"}, {"Up", "2009"}, {"It", "2017"}, {"It", "1927"}, {"Heat", "1995"},
		{"Amour", "2012"}, {"Volver", "2006"}, {"Alien", "1979"}, {"Jaws", "1975"}, {"Rope", "1948"},
		{"Psycho", "1960"}, {"Memento", "2000"}, {"Parasite", "2019"}, {"Drive", "2011"},
		{"Gravity", "2013"}, {"Contact", "1997"}, {"Signs", "2002"}, {"Arrival", "2016"},
	} {
		c.titleByNameYear(t, w.title, w.year)
	}
	if r := c.titleByNameYear(t, "Parasite", "2019"); r != nil && r[3] != "Gisaengchung" {
		t.Errorf("Parasite originalTitle %q, want Gisaengchung", r[3])
	}

	// People who share a surname, and names with accents, exactly as written.
	for _, name := range []string{
		"Joel Coen", "Ethan Coen", "Paul Thomas Anderson", "Wes Anderson", "Tony Scott", "Ridley Scott",
		"Sofia Coppola", "Francis Ford Coppola", "Paul Newman", "Ingmar Bergman", "Ingrid Bergman",
		"Akira Kurosawa", "Kiyoshi Kurosawa", "Stellan Skarsgård", "Bill Skarsgård",
		"Alejandro González Iñárritu", "Agnès Varda", "Michael Haneke", "Jean-Luc Godard",
		"Krzysztof Kieślowski", "Andrzej Wajda", "Béla Tarr", "Bong Joon Ho", "Wong Kar-wai",
		"Zhang Yimou", "Satyajit Ray", "Abbas Kiarostami", "Asghar Farhadi", "Hayao Miyazaki",
		"Ousmane Sembène", "Lucrecia Martel", "Guillermo del Toro", "Alfonso Cuarón",
		"Alfred Hitchcock", "Stanley Kubrick", "Martin Scorsese", "Steven Spielberg",
		"Christopher Nolan", "David Lynch", "Kathryn Bigelow", "Greta Gerwig", "Jordan Peele",
	} {
		if p := c.personNamed(t, name); p != nil {
			if c.names.get(p, "knownForTitles") == catNull {
				t.Errorf("%s has no knownForTitles", name)
			}
		}
	}
	// Directors in the list above really direct something in the catalog.
	directs := map[string]bool{}
	for _, r := range c.principals.rows {
		if r[3] == "director" {
			directs[r[2]] = true
		}
	}
	for _, name := range []string{"Joel Coen", "Ethan Coen", "Tony Scott", "Ridley Scott", "Sofia Coppola",
		"Krzysztof Kieślowski", "Alejandro González Iñárritu", "Agnès Varda", "Bong Joon Ho"} {
		if p := c.personNamed(t, name); p != nil && !directs[p[0]] {
			t.Errorf("%s directs nothing in the catalog", name)
		}
	}

	// Regional titles for word-title films help search tests.
	jaws := map[string]string{}
	for _, r := range c.akas.rows {
		if r[0] == "tt0073195" {
			jaws[c.akas.get(r, "region")] = r[2]
		}
	}
	if jaws["DE"] != "Der weiße Hai" {
		t.Errorf("Jaws: DE aka %q, want Der weiße Hai", jaws["DE"])
	}

	// A short film and a fake-range id are present, and fake ids stay in range.
	var shorts, fakes int
	for _, r := range c.basics.rows {
		if c.basics.get(r, "titleType") == "short" {
			shorts++
		}
		if strings.HasPrefix(r[0], "tt999") {
			fakes++
		}
	}
	if shorts == 0 {
		t.Errorf("no short films in the catalog")
	}
	for id := range c.person {
		if strings.HasPrefix(id, "nm999") && len(id) != 9 {
			t.Errorf("fake nconst %s out of the reserved nm999xxxx range", id)
		}
	}
	t.Logf("catalog: %d titles (%d with reserved fake ids, %d shorts), %d people, %d principals, %d akas",
		len(c.basics.rows), fakes, shorts, len(c.names.rows), len(c.principals.rows), len(c.akas.rows))
}
