package linker_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"reel"
	"reel/linker"
	"reel/store"
	"reel/store/storetest"
)

const (
	basics = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n" +
		"tt0441909\tmovie\tVolver\tVolver\t0\t2006\t\\N\t121\tComedy,Drama\n" +
		"tt0000002\ttvEpisode\tEpisode #1.1\tEpisode #1.1\t0\t2001\t\\N\t\\N\t\\N\n"
	ratings    = "tconst\taverageRating\tnumVotes\ntt0441909\t7.6\t104000\n"
	names      = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\nnm0004851\tPenélope Cruz\t1974\t\\N\tactress\ttt0441909\nnm0000264\tPedro Almodóvar\t1949\t\\N\tdirector\t\\N\nnm0000009\tNobody Credited\t\\N\t\\N\t\\N\t\\N\n"
	principals = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\ntt0441909\t1\tnm0004851\tactress\t\\N\t[\"Raimunda \"Rai\" Sánchez\"]\ntt0000002\t1\tnm0004851\tself\t\\N\t\\N\n"
	crew       = "tconst\tdirectors\twriters\ntt0441909\tnm0000264\tnm0000264"
)

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestTSVSource(t *testing.T) {
	fsys := fstest.MapFS{
		"title.basics.tsv":        {Data: []byte(basics)},
		"title.ratings.tsv.gz":    {Data: gz(ratings)},
		"name.basics.tsv":         {Data: []byte(names)},
		"title.principals.tsv.gz": {Data: gz(principals)},
		"title.crew.tsv":          {Data: []byte(crew)}, // last line without newline, as IMDb writes it
	}
	l, err := linker.Build(context.Background(), &linker.TSV{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	st := l.Stats()
	if st.Films != 1 || st.People != 2 || st.Credits != 3 {
		t.Errorf("stats = %+v, want 1 film (episodes dropped), 2 people (uncredited dropped), 3 credits", st)
	}
	res := l.Link("Pedro Almodóvar's Volver: Penélope Cruz as Raimunda, or Rai.", linker.FilmHint{})
	got := linked(res)
	if got["Volver"] != "tt0441909" || got["Raimunda"] != "tt0441909/nm0004851" || got["Pedro Almodóvar"] != "nm0000264" {
		t.Errorf("mentions = %v", got)
	}
	if got["Rai"] != "tt0441909/nm0004851" {
		t.Errorf("nickname in quotes not linked: %v", got)
	}
}

func TestParseCharacters(t *testing.T) {
	for in, want := range map[string][]string{
		`["Raimunda"]`:                     {"Raimunda"},
		`["Projectionist","Sherlock Jr."]`: {"Projectionist", "Sherlock Jr."},
		`["Stephen "Dr" Love"]`:            {`Stephen "Dr" Love`},
		`["Ray \"Boom Boom\" Mancini"]`:    {`Ray "Boom Boom" Mancini`},
		`\N`:                               nil, ``: nil, `[]`: nil,
	} {
		if got := linker.ParseCharacters(in); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseCharacters(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestBuildFromDemoCatalog(t *testing.T) {
	dir := filepath.Join("..", "demo", "catalog")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no demo catalog")
	}
	l, err := linker.Build(context.Background(), &linker.TSV{FS: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	res := l.Link("Pedro Almodóvar's *Volver* stars Penélope Cruz as Raimunda.", linker.FilmHint{})
	if got := linked(res); got["Volver"] == "" || got["Penélope Cruz"] == "" || got["Raimunda"] == "" {
		t.Errorf("demo catalog: mentions %v", got)
	}
}

// TestBuildFromStore builds the linker from the store's streaming
// iterators, the way the application does.
func TestBuildFromStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := s.DB().ExecContext(ctx, s.Rebind(q), args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec("INSERT INTO films (id, type, title, original_title, year, votes) VALUES (287467, 'movie', 'Talk to Her', 'Hable con ella', 2002, 128000)")
		exec("INSERT INTO film_titles (film_id, ordering, title, region, is_original) VALUES (287467, 1, 'Hable con ella', 'ES', 1)")
		exec("INSERT INTO people (id, name) VALUES (264, 'Pedro Almodóvar'), (9990003, 'Javier Cámara')")
		exec("INSERT INTO credits (film_id, ordering, person_id, category) VALUES (287467, 1, 264, 'director')")
		exec(`INSERT INTO credits (film_id, ordering, person_id, category, characters) VALUES (287467, 2, 9990003, 'actor', '["Benigno Martín"]')`)
		l, err := linker.Build(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		got := linked(l.Link("In Hable con ella, Benigno (Javier Cámara) talks; Almodóvar listens.", linker.FilmHint{}))
		want := map[string]string{"Hable con ella": "tt0287467", "Benigno": "tt0287467/nm9990003",
			"Javier Cámara": "nm9990003", "Almodóvar": "nm0000264"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("mentions = %v, want %v", got, want)
		}
	})
}

var _ linker.Source = (*store.Store)(nil)
var _ = reel.FilmID(0)
