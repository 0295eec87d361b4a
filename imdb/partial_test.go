package imdb_test

import (
	"context"
	"testing"
	"testing/fstest"

	"reel/imdb"
	"reel/store"
	"reel/store/storetest"
)

// The files of a tiny made-up dump; each test imports a subset.
var tiny = map[string]string{
	"title.ratings.tsv": "tconst\taverageRating\tnumVotes\n" +
		"tt0000001\t7.5\t500\n" +
		"tt0000002\t6.0\t20",
	"title.basics.tsv": basicsHeader +
		"tt0000001\tmovie\tLa Grande Illusion\t\\N\t0\t1937\t\\N\t114\tDrama,War\n" +
		"tt0000002\tshort\tLe Voyage\tLe Voyage\t0\t1902\t\\N\t13\tShort\n" +
		"tt0000003\ttvEpisode\tPilot\tPilot\t0\t1999\t\\N\t44\tDrama\n",
	"title.akas.tsv": "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n" +
		"tt0000001\t1\tGrand Illusion\tUS\t\\N\timdbDisplay\x02working\t\\N\t0\n" +
		"tt0000003\t1\tEpisode aka\t\\N\t\\N\t\\N\t\\N\t0\n",
	"title.principals.tsv": "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n" +
		"tt0000001\t1\tnm0000010\tactor\t\\N\t[\"Lieutenant Maréchal\"]\n" +
		"tt0000001\t2\tnm0000020\tdirector\t\\N\t\\N\n" +
		"tt0000002\t1\tnm0000030\tdirector\t\\N\t\\N\n" +
		"tt0000003\t1\tnm0000040\tactor\t\\N\t[\"X\"]\n",
	"title.crew.tsv": "tconst\tdirectors\twriters\n" +
		"tt0000001\tnm0000020\tnm0000020,nm0000050\n" +
		"tt0000002\tnm0000030\t\\N\n" +
		"tt0000003\tnm0000040\t\\N\n",
	"name.basics.tsv": "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n" +
		"nm0000010\tJean Gabin\t1904\t1976\tactor\ttt0000001\n" +
		"nm0000020\tJean Renoir\t1894\t1979\tdirector,writer\ttt0000001\n" +
		"nm0000030\tGeorges Méliès\t1861\t1938\tdirector\ttt0000002\n" +
		"nm0000040\tNobody Kept\t\\N\t\\N\tactor\t\\N\n" +
		"nm0000050\tCharles Spaak\t1903\t1975\twriter\ttt0000001\n",
}

func subset(files map[string]string, names ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, n := range names {
		fsys[n] = &fstest.MapFile{Data: []byte(files[n])}
	}
	return fsys
}

func all(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for n, d := range files {
		fsys[n] = &fstest.MapFile{Data: []byte(d)}
	}
	return fsys
}

func scalar(t *testing.T, s *store.Store, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := s.DB().QueryRow(s.Rebind(query), args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestTinyDumpAndPartialReimports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		imp := func(fsys fstest.MapFS) {
			t.Helper()
			if _, err := imdb.Import(ctx, s, fsys, imdb.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		key := func(k string, kind, ref int) int64 {
			return scalar(t, s, "SELECT COUNT(*) FROM search_keys WHERE key = ? AND kind = ? AND ref = ?", k, kind, ref)
		}
		imp(all(tiny))
		c := counts(t, s)
		// The TV episode, its aka and its only credited person are left out.
		if c["films"] != 2 || c["film_titles"] != 1 || c["people"] != 4 {
			t.Fatalf("counts %v", c)
		}
		// Crew: Renoir directs and writes; only the writing credit is new, and
		// Spaak's. Credits: 3 principals + 2 crew.
		if c["credits"] != 5 || scalar(t, s, "SELECT COUNT(*) FROM credits WHERE film_id = 1 AND ordering >= 1000") != 2 {
			t.Fatalf("credits %d", c["credits"])
		}
		if scalar(t, s, "SELECT popularity FROM people WHERE id = 20") != 500 {
			t.Error("Renoir's popularity is not the film's votes")
		}
		if key("grand illusion", 1, 1) != 1 || key("illusion", 1, 1) != 1 || key("melies", 2, 30) != 1 {
			t.Error("missing search keys")
		}
		if scalar(t, s, "SELECT COUNT(*) FROM film_titles WHERE types = 'imdbDisplay,working'") != 1 {
			t.Error("akas types not joined with commas")
		}

		// A newer title.ratings alone updates votes, key pops and popularity.
		imp(fstest.MapFS{"title.ratings.tsv": {Data: []byte("tconst\taverageRating\tnumVotes\ntt0000001\t8.1\t900\ntt0000999\t5.0\t3\n")}})
		if scalar(t, s, "SELECT votes FROM films WHERE id = 1") != 900 ||
			scalar(t, s, "SELECT pop FROM search_keys WHERE key = 'illusion' AND kind = 1") != 900 ||
			scalar(t, s, "SELECT popularity FROM people WHERE id = 20") != 900 {
			t.Error("ratings-only import did not update votes, key pop and popularity")
		}
		if scalar(t, s, "SELECT COUNT(*) FROM films") != 2 {
			t.Error("ratings-only import added a film")
		}

		// title.basics alone: a renamed film gets new keys, loses its old title's
		// keys, keeps its aka's keys and its votes.
		renamed := basicsHeader + "tt0000001\tmovie\tThe Grand Illusion\tLa Grande Illusion\t0\t1937\t\\N\t114\tDrama,War\n"
		imp(fstest.MapFS{"title.basics.tsv": {Data: []byte(renamed)}})
		if key("the grand illusion", 1, 1) != 1 || key("grand illusion", 1, 1) != 1 || key("la grande illusion", 1, 1) != 1 {
			t.Error("keys after a basics-only re-import")
		}
		if scalar(t, s, "SELECT votes FROM films WHERE id = 1") != 900 {
			t.Error("a basics-only import lost the film's votes")
		}
		if scalar(t, s, "SELECT COUNT(*) FROM film_titles WHERE film_id = 1") != 1 {
			t.Error("a basics-only import touched the akas")
		}

		// title.akas alone replaces the akas and keeps the title keys.
		imp(subset(map[string]string{"title.akas.tsv": "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n" +
			"tt0000001\t2\tDie große Illusion\tDE\tde\t\\N\t\\N\t0\n"}, "title.akas.tsv"))
		if key("die grosse illusion", 1, 1) != 1 || key("the grand illusion", 1, 1) != 1 {
			t.Error("keys after an akas-only import")
		}
		if scalar(t, s, "SELECT COUNT(*) FROM film_titles WHERE film_id = 1") != 1 || key("grand illusion", 1, 1) != 1 {
			// "grand illusion" survives as a suffix of "the grand illusion".
			t.Error("akas not replaced")
		}

		// name.basics alone: people credited in the catalog are updated, others skipped.
		sum, err := imdb.Import(ctx, s, fstest.MapFS{"name.basics.tsv": {Data: []byte(
			"nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n" +
				"nm0000030\tGeorges Melies\t1861\t1938\tdirector\ttt0000002\n" +
				"nm0000040\tNobody Kept\t\\N\t\\N\tactor\t\\N\n")}}, imdb.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f, _ := sum.File("name.basics"); f.Kept != 1 || f.Skipped["not credited on a kept title"] != 1 {
			t.Errorf("names-only summary %+v", f)
		}
		if scalar(t, s, "SELECT COUNT(*) FROM people WHERE name = 'Georges Melies' AND popularity = 20") != 1 {
			t.Error("names-only import did not update the person with their popularity")
		}

		// The whole dump again: same counts as the first time.
		imp(all(tiny))
		if again := counts(t, s); !equalCounts(c, again) {
			t.Errorf("full re-import: %v, first import %v", again, c)
		}
	})
}
