// Package synth writes synthetic IMDb dataset files of the real dumps' shape
// at any size, for benchmarks and for tests that need a large import. Output
// is deterministic for a given Config: same seed, same bytes.
//
// The shape follows the real dumps: most titles are TV episodes (so an import
// with the default types keeps about a sixth of them), ids have gaps, titles
// and names carry accents, ligatures, apostrophes and bare quotes, missing
// values are \N, characters are JSON arrays with escaped quotes, akas use the
// 0x02 array separator, and the last line of every file has no newline.
package synth

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// Config sizes a synthetic dump.
type Config struct {
	Titles     int // title.basics and title.crew rows
	Akas       int // title.akas rows
	Principals int // title.principals rows
	Names      int // name.basics rows
	Ratings    int // title.ratings rows
	Seed       uint64
	Gzip       bool // write .tsv.gz instead of .tsv
}

// Scaled returns the benchmark's proportions for a number of titles: the
// default 2 million titles give 8 million principals, 3 million names, 4
// million akas and 300,000 ratings.
func Scaled(titles int) Config {
	return Config{
		Titles:     titles,
		Akas:       titles * 2,
		Principals: titles * 4,
		Names:      titles * 3 / 2,
		Ratings:    titles * 3 / 20,
		Seed:       1,
	}
}

// Rows is the total number of data rows the config writes.
func (c Config) Rows() int {
	return 2*c.Titles + c.Akas + c.Principals + c.Names + c.Ratings
}

// titleID spreads ids with gaps, as IMDb's are.
func titleID(i int) int { return i + i/2 + 1 }

// personID likewise for people.
func personID(j int) int { return j + j/3 + 1 }

// Write generates the six files into dir, one goroutine per file.
func Write(dir string, c Config) error {
	if c.Titles <= 0 {
		return fmt.Errorf("synth: need at least one title")
	}
	c.Names = max(c.Names, 1)
	gens := map[string]func(*gen){
		"title.basics":     c.basics,
		"title.akas":       c.akas,
		"title.crew":       c.crew,
		"title.principals": c.principals,
		"name.basics":      c.names,
		"title.ratings":    c.ratings,
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(gens))
	n := 0
	for base, fn := range gens {
		n++
		wg.Add(1)
		go func(base string, fn func(*gen), seed uint64) {
			defer wg.Done()
			errs <- c.writeFile(dir, base, fn, seed)
		}(base, fn, c.Seed*100+uint64(len(base))*7+uint64(base[6]))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (c Config) writeFile(dir, base string, fn func(*gen), seed uint64) error {
	name := base + ".tsv"
	if c.Gzip {
		name += ".gz"
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	var w io.Writer = f
	var zw *gzip.Writer
	if c.Gzip {
		zw, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
		w = zw
	}
	g := &gen{w: bufio.NewWriterSize(w, 1<<20), r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	fn(g)
	err = g.w.Flush()
	if zw != nil && err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = g.err
	}
	return err
}

// gen writes rows; the newline goes before each data row, so the file's last
// line ends without one, as the truncated real dumps do.
type gen struct {
	w   *bufio.Writer
	r   *rand.Rand
	buf []byte
	err error
}

func (g *gen) header(cols string) { g.w.WriteString(cols) }

// row starts a new line.
func (g *gen) row() { g.buf = append(g.buf[:0], '\n') }

func (g *gen) tab()         { g.buf = append(g.buf, '\t') }
func (g *gen) str(s string) { g.buf = append(g.buf, s...) }
func (g *gen) num(n int)    { g.buf = strconv.AppendInt(g.buf, int64(n), 10) }
func (g *gen) null()        { g.buf = append(g.buf, `\N`...) }
func (g *gen) id(p string, n int) {
	g.buf = append(g.buf, p...)
	s := strconv.Itoa(n)
	for i := len(s); i < 7; i++ {
		g.buf = append(g.buf, '0')
	}
	g.buf = append(g.buf, s...)
}
func (g *gen) end() {
	if _, err := g.w.Write(g.buf); err != nil && g.err == nil {
		g.err = err
	}
}

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// spread returns how many rows item i of n gets so that the total is exactly
// total, with some variety from item to item.
func (g *gen) spread(i, n, total, emitted int) int {
	target := (i + 1) * total / n
	if i == n-1 {
		return max(0, total-emitted)
	}
	k := target - emitted + g.r.IntN(5) - 2
	return max(0, k)
}

// words are title words: plain English most of the time, with the accents,
// ligatures and punctuation of real titles.
var words = []string{
	"the", "night", "of", "a", "love", "story", "last", "man", "city", "dark", "return", "house", "blue",
	"summer", "war", "king", "girl", "road", "dream", "secret", "life", "death", "black", "white", "river",
	"red", "time", "world", "star", "fire", "little", "lost", "home", "heart", "moon", "day", "water",
	"Amélie", "Crème", "Müller", "Señor", "Łódź", "Ōkami", "Straße", "café", "naïve", "Æon", "Œuvre",
	"Schindler's", "8½", "&", "L.A.", "Día", "São", "Paulo", "Ça", "Björk", "Zoë", "Fjørd", "Ångström",
	"Jalsaghar", "Yojimbo", "Kärlek", "Żółw", "Dvořák", "Être", "Noël", "Götterdämmerung", "Ni-ni",
}

var (
	firstNames = []string{"John", "Mary", "José", "Zoë", "Björn", "Chloé", "François", "Søren", "Łukasz",
		"Renée", "Ángel", "Jürgen", "Ana", "Pedro", "Isabelle", "Akira", "Yasujirō", "Agnès", "Małgorzata",
		"Nuño", "Siân", "Dagný", "Ines", "Paul", "Anna", "Michael", "Emma", "David", "Sarah", "James"}
	lastNames = []string{"Smith", "Almodóvar", "Müller", "Nuñez", "Øster", "Kieślowski", "Varda", "Ozu",
		"Kurosawa", "Bergman", "O'Brien", "D'Amato", "García", "Lévy", "Straub", "Hušková", "Ødegaard",
		"Jones", "Brown", "Taylor", "Wilson", "Martin", "Dupont", "Rossi", "Kowalski", "Nakamura", "Kim"}
	genres      = []string{"Drama", "Comedy", "Documentary", "Short", "Romance", "Thriller", "Horror", "Action", "Crime", "Animation", "Family", "Music", "Adventure", "Fantasy", "Sci-Fi", "Mystery", "Biography", "History", "War", "Western"}
	professions = []string{"actor", "actress", "director", "writer", "producer", "composer", "cinematographer", "editor", "soundtrack", "miscellaneous", "camera_department"}
	regions     = []string{"US", "GB", "FR", "DE", "JP", "IT", "ES", "BR", "IN", "RU", "SE", "PL", "XWW"}
	languages   = []string{"en", "fr", "de", "ja", "es", "it", "pt", "ru", "sv"}
	akaTypes    = []string{"imdbDisplay", "original", "working", "alternative", "festival", "dvd", "tv"}
	attributes  = []string{"literal English title", "short title", "complete title", "new title", "informal title"}
)

// typeOf gives title i a type in roughly the real proportions.
func typeOf(r *rand.Rand) string {
	x := r.IntN(1000)
	switch {
	case x < 770:
		return "tvEpisode"
	case x < 860:
		return "short"
	case x < 925:
		return "movie"
	case x < 953:
		return "video"
	case x < 977:
		return "tvSeries"
	case x < 990:
		return "tvMovie"
	case x < 995:
		return "tvMiniSeries"
	default:
		return "tvSpecial"
	}
}

func (g *gen) title(minWords, maxWords int) {
	n := minWords + g.r.IntN(maxWords-minWords+1)
	for i := 0; i < n; i++ {
		if i > 0 {
			g.buf = append(g.buf, ' ')
		}
		w := g.pick(words)
		if i == 0 && w[0] >= 'a' && w[0] <= 'z' {
			g.buf = append(g.buf, w[0]-'a'+'A')
			g.buf = append(g.buf, w[1:]...)
			continue
		}
		g.str(w)
	}
}

func (g *gen) personName() {
	g.str(g.pick(firstNames))
	if g.chance(0.01) {
		g.str(` "Dr"`) // bare quotes, as in real names
	}
	g.str(" ")
	g.str(g.pick(lastNames))
	if g.chance(0.2) {
		g.str(" ")
		g.str(g.pick(lastNames))
	}
}

func (g *gen) list(items []string, max int) {
	n := 1 + g.r.IntN(max)
	for i := 0; i < n; i++ {
		if i > 0 {
			g.buf = append(g.buf, ',')
		}
		g.str(g.pick(items))
	}
}

func (g *gen) optYear(pNull float64, lo, hi int) {
	if g.chance(pNull) {
		g.null()
		return
	}
	g.num(lo + g.r.IntN(hi-lo+1))
}

func (c Config) basics(g *gen) {
	g.header("tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres")
	for i := 0; i < c.Titles; i++ {
		g.row()
		typ := typeOf(g.r)
		g.id("tt", titleID(i))
		g.tab()
		g.str(typ)
		g.tab()
		start := len(g.buf)
		if typ == "tvEpisode" && g.chance(0.5) {
			g.str("Episode #")
			g.num(1 + g.r.IntN(30))
			g.str(".")
			g.num(1 + g.r.IntN(200))
		} else {
			g.title(1, 6)
		}
		primary := string(g.buf[start:])
		g.tab()
		if g.chance(0.85) {
			g.str(primary)
		} else {
			g.title(1, 6)
		}
		g.tab()
		if g.chance(0.01) {
			g.str("1")
		} else {
			g.str("0")
		}
		g.tab()
		g.optYear(0.05, 1890, 2025)
		g.tab()
		if typ == "tvSeries" || typ == "tvMiniSeries" {
			g.optYear(0.5, 1950, 2025)
		} else {
			g.null()
		}
		g.tab()
		g.optYear(0.4, 1, 240)
		g.tab()
		if g.chance(0.05) {
			g.null()
		} else {
			g.list(genres, 3)
		}
		g.end()
	}
}

func (c Config) akas(g *gen) {
	g.header("titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle")
	emitted := 0
	for i := 0; i < c.Titles && c.Akas > 0; i++ {
		k := g.spread(i, c.Titles, c.Akas, emitted)
		for o := 1; o <= k; o++ {
			g.row()
			g.id("tt", titleID(i))
			g.tab()
			g.num(o)
			g.tab()
			g.title(1, 7)
			g.tab()
			if o == 1 || g.chance(0.1) {
				g.null()
			} else {
				g.str(g.pick(regions))
			}
			g.tab()
			if g.chance(0.8) {
				g.null()
			} else {
				g.str(g.pick(languages))
			}
			g.tab()
			switch {
			case o == 1:
				g.str("original")
			case g.chance(0.05):
				g.str("imdbDisplay\x02working") // the dumps' array separator
			case g.chance(0.5):
				g.null()
			default:
				g.str(g.pick(akaTypes))
			}
			g.tab()
			if g.chance(0.9) {
				g.null()
			} else {
				g.str(g.pick(attributes))
			}
			g.tab()
			if o == 1 {
				g.str("1")
			} else {
				g.str("0")
			}
			g.end()
		}
		emitted += k
	}
}

// person picks a credited person, skewed towards low numbers so that some
// people are credited often, as stars are.
func (c Config) person(g *gen) int {
	u := g.r.Float64()
	return personID(int(float64(c.Names) * u * u * u))
}

var categories = []string{"actor", "actress", "actor", "actress", "self", "director", "writer", "producer", "composer", "cinematographer", "editor", "production_designer", "archive_footage"}

func (c Config) principals(g *gen) {
	g.header("tconst\tordering\tnconst\tcategory\tjob\tcharacters")
	emitted := 0
	for i := 0; i < c.Titles && c.Principals > 0; i++ {
		k := g.spread(i, c.Titles, c.Principals, emitted)
		for o := 1; o <= k; o++ {
			g.row()
			g.id("tt", titleID(i))
			g.tab()
			g.num(o)
			g.tab()
			g.id("nm", c.person(g))
			g.tab()
			cat := g.pick(categories)
			g.str(cat)
			g.tab()
			switch {
			case cat == "producer":
				g.str("producer")
			case cat == "writer" && g.chance(0.3):
				g.str(`novel "`)
				g.title(1, 4)
				g.str(`"`)
			default:
				g.null()
			}
			g.tab()
			if cat == "actor" || cat == "actress" || cat == "self" {
				g.str(`["`)
				g.str(g.pick(firstNames))
				if g.chance(0.05) {
					g.str(` - (segment: \"`)
					g.title(1, 4)
					g.str(`\")`)
				}
				if g.chance(0.00001) { // a very long line now and then
					for j := 0; j < 400; j++ {
						g.str(`","`)
						g.str(g.pick(firstNames))
					}
				}
				g.str(`"]`)
			} else {
				g.null()
			}
			g.end()
		}
		emitted += k
	}
}

func (c Config) crew(g *gen) {
	g.header("tconst\tdirectors\twriters")
	for i := 0; i < c.Titles; i++ {
		g.row()
		g.id("tt", titleID(i))
		for _, p := range []float64{0.1, 0.4} {
			g.tab()
			if g.chance(p) {
				g.null()
				continue
			}
			n := 1 + g.r.IntN(2)
			for j := 0; j < n; j++ {
				if j > 0 {
					g.str(",")
				}
				g.id("nm", c.person(g))
			}
		}
		g.end()
	}
}

func (c Config) names(g *gen) {
	g.header("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles")
	for j := 0; j < c.Names; j++ {
		g.row()
		g.id("nm", personID(j))
		g.tab()
		g.personName()
		g.tab()
		g.optYear(0.6, 1850, 2010)
		g.tab()
		g.optYear(0.9, 1900, 2025)
		g.tab()
		if g.chance(0.1) {
			g.null()
		} else {
			g.list(professions, 3)
		}
		g.tab()
		n := g.r.IntN(5)
		if n == 0 {
			g.null()
		}
		for k := 0; k < n; k++ {
			if k > 0 {
				g.str(",")
			}
			g.id("tt", titleID(g.r.IntN(c.Titles)))
		}
		g.end()
	}
}

func (c Config) ratings(g *gen) {
	g.header("tconst\taverageRating\tnumVotes")
	if c.Ratings <= 0 {
		return
	}
	// Every step-th title, in id order as in the real file.
	step := max(1, c.Titles/c.Ratings)
	for i, n := 0, 0; i < c.Titles && n < c.Ratings; i, n = i+step, n+1 {
		g.row()
		g.id("tt", titleID(i))
		g.tab()
		t := 10 + g.r.IntN(91)
		g.num(t / 10)
		g.str(".")
		g.num(t % 10)
		g.tab()
		u := g.r.Float64()
		g.num(5 + int(3e6*math.Pow(u, 14)))
		g.end()
	}
}
