package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"reel/letterboxd"
	"reel/matchkey"
)

// config sizes the synthetic catalog and member.
type config struct {
	Films   int    // catalog films
	Entries int    // diary entries
	Years   int    // years the diary spans, ending with EndYear
	EndYear int    // last year of the diary
	Seed    uint64 // same seed, same catalog and export
}

// film is one synthetic film. Missing films are what a Letterboxd member
// logs but the catalog lacks (shorts, new releases, obscurities): they
// appear in the export only, as unmatched rows.
type film struct {
	ID      int // IMDb number
	Title   string
	Orig    string   // original title; Title when the film is in English
	Akas    []string // alternate titles besides Title and Orig
	Year    int
	Votes   int
	Missing bool
}

// world is the catalog and the films the export may name, in popularity
// order: films[0] is the most voted.
type world struct {
	c     config
	rng   *rand.Rand
	films []film
}

// Vocabulary of titles. Real titles end in thousands of different words;
// the invented names (see name) give the catalog that spread, and the
// few dozen common words give it the collisions real titles have:
// word-suffix keys ("the river" → "river") shared by many films.
var (
	adjectives = strings.Fields("Silent Long Last Red Blue Cold Hidden Broken Golden Dark Quiet Wild Little Lost " +
		"Secret Empty Burning Distant Bitter Sweet Young Old Strange Lonely Gentle Hollow Crimson Pale Endless Final " +
		"Late Early Northern Southern Electric Paper Glass Iron Velvet Savage")
	nouns = strings.Fields("River Harbour Night Summer Winter House Garden Road Mirror Island Station Letter " +
		"Daughter Son Stranger Witness Border City Window Shadow Heart Storm Forest Song Dream Tide Fire Ghost " +
		"Orchard Bridge Hotel Mountain Sea Promise Game Kingdom Voyage Secret Harvest Silence Evening Morning " +
		"Return Passenger Inheritance Affair Hunter Dancer Painter Soldier Widow Thief Circus Festival Lighthouse")
	syllables = strings.Fields("ka ren mo li sa vel tor an mi ra do bel ne qua sil ve ro ma tan es or il ga " +
		"lu pe fin dra cos te ni jo ha bri")
	accented = map[rune]string{'e': "é", 'o': "ö", 'a': "á", 'i': "í", 'u': "ü"}
	tagWords = []string{"cinema", "home", "criterion", "festival", "with friends", "plane", "35mm",
		"streaming", "noir", "slow cinema", "comfort", "double bill", "library", "projector"}
)

func newWorld(c config) *world {
	w := &world{c: c, rng: rand.New(rand.NewPCG(c.Seed, 0x5eed))}
	w.makeFilms()
	return w
}

func (w *world) pick(words []string) string { return words[w.rng.IntN(len(words))] }

// name invents a proper name of two or three syllables, some accented,
// so matching has accents to fold.
func (w *world) name() string {
	var b strings.Builder
	for range 2 + w.rng.IntN(2) {
		b.WriteString(w.pick(syllables))
	}
	s := b.String()
	if w.rng.IntN(8) == 0 {
		i := w.rng.IntN(len(s))
		if acc, ok := accented[rune(s[i])]; ok {
			s = s[:i] + acc + s[i+1:]
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// title invents an English title in one of a few common shapes.
func (w *world) title() string {
	switch w.rng.IntN(10) {
	case 0:
		return "The " + w.pick(adjectives) + " " + w.pick(nouns)
	case 1:
		return w.pick(nouns) + " of " + w.name()
	case 2:
		return w.name()
	case 3:
		return w.name() + " and " + w.name()
	case 4:
		return "The " + w.pick(nouns) + " of " + w.name() + " " + w.name()
	case 5:
		return w.pick(adjectives) + " " + w.pick(nouns)
	case 6:
		return "A " + w.pick(nouns) + " for " + w.name()
	case 7:
		return w.name() + "'s " + w.pick(nouns)
	case 8:
		return "The " + w.pick(nouns) + " in the " + w.pick(nouns)
	default:
		return w.name() + ": " + w.pick(adjectives) + " " + w.pick(nouns)
	}
}

// year draws a release year, recent decades weighted as IMDb's are.
func (w *world) year() int {
	// The square of a uniform draw leans toward the top of 1920–EndYear.
	u := w.rng.Float64()
	return w.c.EndYear - int(float64(w.c.EndYear-1920)*u*u)
}

// makeFilms invents c.Films catalog films and, as 1 % more, missing ones.
// A title is redrawn when its match key is taken within three years, so
// that every film the export names is matchable by title and year; the
// same title decades apart (remakes) is kept, for the year to settle.
func (w *world) makeFilms() {
	total := w.c.Films + w.c.Films/100
	taken := map[string][]int{} // match key → years
	clash := func(key string, year int) bool {
		for _, y := range taken[key] {
			if y-year <= 3 && year-y <= 3 {
				return true
			}
		}
		return false
	}
	ids := w.rng.Perm(total * 3) // ids with gaps, unrelated to popularity
	for i := range total {
		f := film{ID: 100000 + ids[i], Year: w.year(), Missing: i%101 == 100}
		for f.Title = w.title(); clash(matchkey.Key(f.Title), f.Year); f.Title = w.title() {
		}
		f.Orig = f.Title
		if w.rng.IntN(4) == 0 { // a foreign film: its original title differs
			for f.Orig = w.name() + " " + w.name(); clash(matchkey.Key(f.Orig), f.Year); f.Orig = w.name() + " " + w.name() {
			}
		}
		if w.rng.IntN(20) == 0 { // a working or festival title
			aka := "The " + w.name() + " Project"
			if !clash(matchkey.Key(aka), f.Year) {
				f.Akas = append(f.Akas, aka)
			}
		}
		for _, t := range append([]string{f.Title, f.Orig}, f.Akas...) {
			k := matchkey.Key(t)
			taken[k] = append(taken[k], f.Year)
		}
		// Votes fall off with rank as IMDb's do: a few famous films, a long tail.
		f.Votes = 5 + int(2_500_000/float64(i+1))
		w.films = append(w.films, f)
	}
}

// catalogFS writes the catalog as IMDb dataset files: title.basics,
// title.akas and title.ratings (people are not needed to match films).
func (w *world) catalogFS() fstest.MapFS {
	var basics, akas, ratings bytes.Buffer
	basics.WriteString("tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n")
	akas.WriteString("titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n")
	ratings.WriteString("tconst\taverageRating\tnumVotes\n")
	for _, f := range w.films {
		if f.Missing {
			continue
		}
		tc := fmt.Sprintf("tt%07d", f.ID)
		fmt.Fprintf(&basics, "%s\tmovie\t%s\t%s\t0\t%d\t\\N\t%d\tDrama\n", tc, f.Title, f.Orig, f.Year, 80+f.ID%60)
		fmt.Fprintf(&ratings, "%s\t%.1f\t%d\n", tc, 5+float64(f.ID%45)/10, f.Votes)
		fmt.Fprintf(&akas, "%s\t1\t%s\t\\N\t\\N\toriginal\t\\N\t1\n", tc, f.Orig)
		fmt.Fprintf(&akas, "%s\t2\t%s\tGB\ten\timdbDisplay\t\\N\t0\n", tc, f.Title)
		for i, a := range f.Akas {
			fmt.Fprintf(&akas, "%s\t%d\t%s\tUS\ten\tworking\t\\N\t0\n", tc, 3+i, a)
		}
	}
	return fstest.MapFS{
		"title.basics.tsv":  {Data: basics.Bytes()},
		"title.akas.tsv":    {Data: akas.Bytes()},
		"title.ratings.tsv": {Data: ratings.Bytes()},
	}
}

// member is the synthetic Letterboxd member being generated.
type member struct {
	w       *world
	exp     *letterboxd.Export
	seen    map[int]int // film index → its latest diary entry
	order   []int       // films in the order first seen
	zipf    *rand.Zipf
	entryNo int
}

// export invents the member's Letterboxd export: c.Entries diary entries
// over c.Years years with rewatches, ratings, tags and reviews; films
// marked watched without a diary entry; ratings, likes, a watchlist and
// lists, as a 20-year member's export holds them.
func (w *world) export() *letterboxd.Export {
	m := &member{w: w, exp: &letterboxd.Export{}, seen: map[int]int{},
		zipf: rand.NewZipf(w.rng, 1.07, 20, uint64(len(w.films)-1))}
	m.diary()
	m.watchedOnly()
	m.ratingsAndWatched()
	m.likes()
	m.watchlist()
	m.lists()
	return m.exp
}

func (m *member) rng() *rand.Rand { return m.w.rng }

// uri is a boxd.it link, unique per n: rows carry one in real exports,
// and the importer keys rows by it.
func uri(n int) string { return "https://boxd.it/" + strconv.FormatInt(int64(n)+1_000_000, 36) }

// filmRef names film i as Letterboxd does: its English title, or now and
// then its alternate title, with the film's own link.
func (m *member) filmRef(i int) letterboxd.Film {
	f := m.w.films[i]
	name := f.Title
	if len(f.Akas) > 0 && f.ID%3 == 0 {
		name = f.Akas[0]
	}
	return letterboxd.Film{Name: name, Year: f.Year, URI: uri(50_000_000 + i)}
}

// newFilm draws a film not seen yet and released by year, popular films
// more often; 1 % are missing from the catalog by construction.
func (m *member) newFilm(year int) int {
	for range 200 {
		i := int(m.zipf.Uint64())
		if _, ok := m.seen[i]; !ok && m.w.films[i].Year <= year {
			return i
		}
	}
	for i, f := range m.w.films { // the popular films are used up: take the next one
		if _, ok := m.seen[i]; !ok && f.Year <= year {
			return i
		}
	}
	panic("bench: catalog too small for the export")
}

func (m *member) stars() letterboxd.Stars {
	// Half stars 1–10, centred on 3.5 stars as members' ratings are.
	h := min(10, max(1, 7+int(m.rng().NormFloat64()*1.8)))
	return letterboxd.Stars(strconv.FormatFloat(float64(h)/2, 'f', -1, 64))
}

func (m *member) tags() []string {
	var t []string
	for range 1 + m.rng().IntN(3) {
		if w := m.w.pick(tagWords); !slices.Contains(t, w) {
			t = append(t, w)
		}
	}
	return t
}

// review writes a few paragraphs of HTML as Letterboxd exports them.
func (m *member) review(title string) string {
	var b strings.Builder
	for p := range 1 + m.rng().IntN(4) {
		b.WriteString("<p>")
		if p == 0 {
			fmt.Fprintf(&b, "<i>%s</i> ", title)
		}
		for s := range 2 + m.rng().IntN(5) {
			if s > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "A %s %s, %s as a %s.", strings.ToLower(m.w.pick(adjectives)), strings.ToLower(m.w.pick(nouns)),
				strings.ToLower(m.w.pick(adjectives)), strings.ToLower(m.w.pick(nouns)))
		}
		b.WriteString("</p>\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (m *member) diary() {
	first := time.Date(m.w.c.EndYear-m.w.c.Years+1, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(m.w.c.EndYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(first).Hours() / 24)
	dates := make([]int, m.w.c.Entries)
	for i := range dates {
		dates[i] = m.rng().IntN(days)
	}
	slices.Sort(dates)
	for _, d := range dates {
		watched := first.AddDate(0, 0, d)
		i, rewatch := m.pickDiaryFilm(watched.Year())
		e := letterboxd.DiaryEntry{Film: m.filmRef(i), Watched: watched, Logged: watched.AddDate(0, 0, m.rng().IntN(3)), Rewatch: rewatch}
		e.URI = uri(m.entryNo) // diary rows link the entry, not the film
		m.entryNo++
		if m.rng().IntN(100) < 85 {
			e.Rating = m.stars()
		}
		if m.rng().IntN(100) < 30 {
			e.Tags = m.tags()
		}
		if m.rng().IntN(100) < 12 {
			e.Review = m.review(e.Name)
		}
		m.seen[i] = len(m.exp.Diary)
		m.exp.Diary = append(m.exp.Diary, e)
	}
}

// pickDiaryFilm returns a rewatch one time in six once there is something
// to rewatch, else a film not seen before.
func (m *member) pickDiaryFilm(year int) (int, bool) {
	if len(m.order) > 50 && m.rng().IntN(6) == 0 {
		return m.order[m.rng().IntN(len(m.order))], true
	}
	i := m.newFilm(year)
	m.order = append(m.order, i)
	return i, false
}

// watchedOnly marks films seen before the member joined, without diary
// entries; a few get a review with no watch date.
func (m *member) watchedOnly() {
	joined := m.exp.Diary[0].Logged
	for n := range m.w.c.Entries / 6 {
		i := m.newFilm(joined.Year() - 1)
		m.seen[i] = -1
		m.order = append(m.order, i)
		at := joined.AddDate(0, 0, m.rng().IntN(60))
		m.exp.Watched = append(m.exp.Watched, letterboxd.Watched{Film: m.filmRef(i), Date: at})
		if n%15 == 0 {
			r := letterboxd.Review{Film: m.filmRef(i), Logged: at, Rating: m.stars(), Text: m.review(m.w.films[i].Title)}
			r.URI = uri(m.entryNo)
			m.entryNo++
			m.exp.Reviews = append(m.exp.Reviews, r)
		}
	}
}

// ratingsAndWatched adds ratings.csv (each rated film once, its latest
// rating) and watched.csv rows for every film in the diary.
func (m *member) ratingsAndWatched() {
	for _, i := range m.order {
		e := m.seen[i]
		if e < 0 {
			continue
		}
		d := m.exp.Diary[e]
		m.exp.Watched = append(m.exp.Watched, letterboxd.Watched{Film: m.filmRef(i), Date: d.Logged})
		if d.Rating != "" {
			m.exp.Ratings = append(m.exp.Ratings, letterboxd.Rating{Film: m.filmRef(i), Date: d.Logged, Rating: d.Rating})
		}
	}
}

// likes hearts one film in eight of those rated 4 stars or more.
func (m *member) likes() {
	for _, i := range m.order {
		if e := m.seen[i]; e >= 0 && m.exp.Diary[e].Rating.Half() >= 8 && m.rng().IntN(3) == 0 {
			m.exp.Likes = append(m.exp.Likes, letterboxd.LikedFilm{Film: m.filmRef(i), Date: m.exp.Diary[e].Logged})
		}
	}
}

// watchlist holds films not seen, added over the last years.
func (m *member) watchlist() {
	last := m.exp.Diary[len(m.exp.Diary)-1].Logged
	for range m.w.c.Entries / 16 {
		i := m.newFilm(m.w.c.EndYear)
		m.seen[i] = -2 // on the list, not seen: no other draw takes it
		m.exp.Watchlist = append(m.exp.Watchlist, letterboxd.WatchlistEntry{Film: m.filmRef(i), Date: last.AddDate(0, 0, -m.rng().IntN(1500))})
	}
}

// lists makes one list per 250 diary entries, 10 to 150 films each, seen
// films mostly; half ranked, some entries annotated.
func (m *member) lists() {
	seen := slices.DeleteFunc(slices.Clone(m.order), func(i int) bool { return m.seen[i] < 0 })
	for n := range m.w.c.Entries / 250 {
		l := letterboxd.List{Name: fmt.Sprintf("%s %ss (%d)", m.w.pick(adjectives), strings.ToLower(m.w.pick(nouns)), n+1),
			Date: m.exp.Diary[m.rng().IntN(len(m.exp.Diary))].Logged, Ranked: n%2 == 0,
			URL: "https://letterboxd.com/bench/list/" + strconv.Itoa(n+1) + "/"}
		if n%3 == 0 {
			l.Description = "Films that stayed with me."
		}
		for pos, i := range m.rng().Perm(len(seen))[:min(len(seen), 10+m.rng().IntN(141))] {
			e := letterboxd.ListEntry{Film: m.filmRef(seen[i])}
			if l.Ranked {
				e.Position = pos + 1
			}
			if pos%7 == 0 {
				e.Description = "See it on a big screen."
			}
			l.Entries = append(l.Entries, e)
		}
		m.exp.Lists = append(m.exp.Lists, l)
	}
}

// exportZip writes exp as letterboxd.com does: WriteZip's Letterboxd
// layout, without the files reel adds for its own round trips (reel/
// with IMDb ids, the letterboxd.com import files, the README), so the
// import has to match every film by title and year.
func exportZip(exp *letterboxd.Export) ([]byte, error) {
	var full bytes.Buffer
	if err := letterboxd.WriteZip(&full, exp); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(full.Bytes()), int64(full.Len()))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "reel/") || f.Name == letterboxd.ImportFile || f.Name == letterboxd.ImportWatchlistFile || f.Name == "README.txt" {
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
