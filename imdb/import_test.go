package imdb_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"reel"
	"reel/imdb"
	"reel/researchdata"
	"reel/store"
	"reel/store/storetest"
)

// sampleDir returns a folder of the shared IMDb sample, skipping the test when
// the data is absent (and failing in CI, where it must be there).
func sampleDir(t *testing.T, name string) string {
	t.Helper()
	return researchdata.Dir(t, "imdb-tsv-sample", name)
}

// counts returns the row count of every catalog table.
func counts(t *testing.T, s *store.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"films", "film_titles", "people", "credits", "search_keys"} {
		var n int
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestImportSampleTwice(t *testing.T) {
	dir := sampleDir(t, "linked-subset-2022")
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sum, err := imdb.ImportDir(ctx, s, dir, imdb.Options{})
		if err != nil {
			t.Fatal(err)
		}
		first := counts(t, s)
		want := map[string]int{"films": 2000, "film_titles": 0, "credits": 11576, "people": 10177}
		for table, n := range want {
			if first[table] != n {
				t.Errorf("%s: %d rows, want %d", table, first[table], n)
			}
		}
		if first["search_keys"] < first["films"]+first["people"] {
			t.Errorf("only %d search keys for %d films and %d people", first["search_keys"], first["films"], first["people"])
		}
		names, _ := sum.File("name.basics")
		if names.Read != 10177 || names.Kept != 10177 || names.Bad != 0 {
			t.Errorf("name.basics summary: %+v", names)
		}
		if !strings.Contains(sum.String(), "title.principals.tsv") {
			t.Errorf("summary lacks a file:\n%s", sum)
		}
		checkTristan(t, s)

		if _, err := imdb.ImportDir(ctx, s, dir, imdb.Options{}); err != nil {
			t.Fatal(err)
		}
		if second := counts(t, s); !equalCounts(first, second) {
			t.Errorf("re-import changed counts: %v, then %v", first, second)
		}
		checkTristan(t, s)
	})
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// checkTristan checks one film of the sample: its row, its credits with
// characters (quotes inside the JSON arrays included) and its search keys.
func checkTristan(t *testing.T, s *store.Store) {
	t.Helper()
	var title string
	var year, runtime int
	var genres string
	err := s.DB().QueryRow(s.Rebind("SELECT title, year, runtime, genres FROM films WHERE id = ?"), 9838694).Scan(&title, &year, &runtime, &genres)
	if err != nil {
		t.Fatal(err)
	}
	if title != "The Tristan Project" || year != 2005 || runtime != 270 || genres != "" {
		t.Errorf("tt9838694 = %q %d %d %q", title, year, runtime, genres)
	}
	rows, err := s.DB().Query(s.Rebind(`SELECT c.ordering, c.person_id, c.category, c.characters, COALESCE(p.name, '')
		FROM credits c LEFT JOIN people p ON p.id = c.person_id WHERE c.film_id = ? ORDER BY c.ordering`), 9838694)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var ord int
		var pid int64
		var cat, chars, name string
		if err := rows.Scan(&ord, &pid, &cat, &chars, &name); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{reel.PersonID(pid).String(), cat, chars}, " "))
	}
	want := []string{
		`nm0093671 actress ["Woman - (segment: \"Fire Woman\")"]`,
		`nm1162181 actor ["Tristan (heavenly body) - (segment: \"Tristan's Ascension or The Sound of a Mountain Under a Waterfall\")"]`,
		`nm2281328 actor ["Tristan (earthly body)"]`,
		`nm0722364 actress ["Isolde (earthly body)"]`,
		`nm0899169 director `,
		`nm1155580 producer `,
		`nm0206142 cinematographer `,
		`nm0824231 actress ["Isolde (heavenly body) - (segment: \"Isolde's Ascension or The Shape of Light in the Space After Death\")"]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tt9838694 credits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, key := range []string{"the tristan project", "tristan project", "project"} {
		var n int
		err := s.DB().QueryRow(s.Rebind("SELECT COUNT(*) FROM search_keys WHERE key = ? AND kind = 1 AND ref = ?"), key, 9838694).Scan(&n)
		if err != nil || n != 1 {
			t.Errorf("search key %q: %d rows, %v", key, n, err)
		}
	}
}

func TestImportHeadWithRatings(t *testing.T) {
	dir := sampleDir(t, "head-2020")
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sum, err := imdb.ImportDir(ctx, s, dir, imdb.Options{MinVotes: 100})
		if err != nil {
			t.Fatal(err)
		}
		basics, _ := sum.File("title.basics")
		if basics.Read != 249 || basics.Kept+basics.SkippedTotal() != 249 {
			t.Fatalf("title.basics: %+v", basics)
		}
		if basics.Skipped["title type movie"] != 0 || basics.Skipped["fewer than 100 votes"] == 0 {
			t.Errorf("skip reasons: %v", basics.Skipped)
		}
		var rating sql.NullFloat64
		var votes int
		// tt0000001 Carmencita: 5.6 with 1,660 votes in the 2020 dump.
		if err := s.DB().QueryRow("SELECT rating, votes FROM films WHERE id = 1").Scan(&rating, &votes); err != nil {
			t.Fatal(err)
		}
		if rating.Float64 != 5.6 || votes != 1660 {
			t.Errorf("tt0000001 rating %v votes %d", rating, votes)
		}
		var pop int
		if err := s.DB().QueryRow("SELECT pop FROM search_keys WHERE key = 'carmencita' AND kind = 1").Scan(&pop); err != nil || pop != 1660 {
			t.Errorf("carmencita key pop %d, %v", pop, err)
		}
		if c := counts(t, s); c["films"] != int(basics.Kept) {
			t.Errorf("%d films, summary kept %d", c["films"], basics.Kept)
		}
	})
}
