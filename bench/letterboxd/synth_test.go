package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"reel/imdb"
	"reel/journalio"
	"reel/letterboxd"
	"reel/matchkey"
	"reel/store"
	"reel/store/storetest"
)

var small = config{Films: 3000, Entries: 600, Years: 20, EndYear: 2024, Seed: 7}

// The benchmark's input must not change between runs or machines.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := exportZip(newWorld(small).export())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := exportZip(newWorld(small).export())
	if !bytes.Equal(a, b) {
		t.Fatal("the same seed gave two different exports")
	}
	other := small
	other.Seed++
	if c, _ := exportZip(newWorld(other).export()); bytes.Equal(a, c) {
		t.Fatal("another seed gave the same export")
	}
}

// TestExportShape checks the export is what the benchmark claims: the
// diary spans the years asked for, in order, with rewatches only of films
// seen before, and the other files present.
func TestExportShape(t *testing.T) {
	exp := newWorld(small).export()
	if len(exp.Diary) != small.Entries {
		t.Fatalf("%d diary entries, want %d", len(exp.Diary), small.Entries)
	}
	first, last := exp.Diary[0].Watched.Year(), exp.Diary[len(exp.Diary)-1].Watched.Year()
	if first != small.EndYear-small.Years+1 || last != small.EndYear {
		t.Errorf("diary spans %d–%d", first, last)
	}
	seen := map[letterboxd.Film]bool{} // name and year: remakes share a title
	rewatches, reviews := 0, 0
	for _, d := range exp.Diary {
		f := letterboxd.Film{Name: d.Name, Year: d.Year}
		if d.Rewatch != seen[f] {
			t.Fatalf("%q (%d) logged as rewatch=%v, seen before=%v", d.Name, d.Year, d.Rewatch, seen[f])
		}
		seen[f] = true
		rewatches += b2i(d.Rewatch)
		reviews += b2i(d.Review != "")
	}
	if rewatches == 0 || reviews == 0 || len(exp.Reviews) == 0 || len(exp.Ratings) == 0 || len(exp.Watched) == 0 ||
		len(exp.Likes) == 0 || len(exp.Watchlist) == 0 || len(exp.Lists) == 0 {
		t.Errorf("export lacks a kind of row: %d rewatches, %d diary reviews, %d reviews, %d ratings, %d watched, %d likes, %d watchlist, %d lists",
			rewatches, reviews, len(exp.Reviews), len(exp.Ratings), len(exp.Watched), len(exp.Likes), len(exp.Watchlist), len(exp.Lists))
	}
}

// TestImportMatchesAllButMissing imports the generated catalog and export
// on each engine: exactly the rows naming films left out of the catalog
// are unmatched, nothing is ambiguous, and a second import adds nothing.
func TestImportMatchesAllButMissing(t *testing.T) {
	w := newWorld(small)
	data, err := exportZip(w.export())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	exp, err := letterboxd.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want := missingRows(w, exp)
	if want == 0 {
		t.Fatal("no row names a missing film: the unmatched path goes untested")
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := imdb.Import(ctx, s, w.catalogFS(), imdb.Options{Types: []string{"movie"}}); err != nil {
			t.Fatal(err)
		}
		u, err := s.CreateUser(ctx, "bench", "bench-password", store.RoleMember)
		if err != nil {
			t.Fatal(err)
		}
		rep, n, err := journalio.ImportFile(ctx, s, u.ID, path, journalio.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Ambiguous != 0 || rep.Unmatched != want || n.Diary == 0 || n.Lists != len(exp.Lists) {
			t.Fatalf("%d rows: %d ambiguous, %d unmatched (want %d); stored %+v", len(rep.Rows), rep.Ambiguous, rep.Unmatched, want, n)
		}
		_, again, err := journalio.ImportFile(ctx, s, u.ID, path, journalio.ImportOptions{})
		if err != nil || again.Diary+again.Reviews+again.Watched+again.Watchlist+again.Likes+again.Lists+again.ListEntries != 0 {
			t.Fatalf("re-import: %+v %v", again, err)
		}
	})
}

// missingRows counts the rows of exp (as read back) naming a film the
// catalog leaves out; a review joined to its diary entry is one row.
func missingRows(w *world, exp *letterboxd.Export) int {
	type key struct {
		title string
		year  int
	}
	missing := map[key]bool{}
	for _, f := range w.films {
		if f.Missing {
			missing[key{matchkey.Key(f.Title), f.Year}] = true
		}
	}
	n := 0
	count := func(f letterboxd.Film) { n += b2i(missing[key{matchkey.Key(f.Name), f.Year}]) }
	for _, r := range exp.Diary {
		count(r.Film)
	}
	for _, r := range exp.Reviews {
		if !r.InDiary {
			count(r.Film)
		}
	}
	for _, r := range exp.Ratings {
		count(r.Film)
	}
	for _, r := range exp.Watched {
		count(r.Film)
	}
	for _, r := range exp.Watchlist {
		count(r.Film)
	}
	for _, r := range exp.Likes {
		count(r.Film)
	}
	for _, l := range exp.Lists {
		for _, e := range l.Entries {
			count(e.Film)
		}
	}
	return n
}
