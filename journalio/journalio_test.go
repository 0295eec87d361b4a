package journalio_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/imdb"
	"reel/journalio"
	"reel/letterboxd"
	"reel/matchkey"
	"reel/researchdata"
	"reel/store"
	"reel/store/storetest"
)

// seed writes a tiny catalog: films and the exact title keys the
// Letterboxd catalog looks up.
func seed(t *testing.T, s *store.Store) {
	t.Helper()
	films := []struct {
		id          int64
		title, orig string
		year        int
		votes       int64
	}{
		{441909, "Volver", "Volver", 2006, 100000},
		{8291806, "Pain and Glory", "Dolor y gloria", 2019, 110000},
		{287467, "Talk to Her", "Hable con ella", 2002, 130000},
		{1798709, "Her", "Her", 2013, 650000},
	}
	for _, f := range films {
		exec(t, s, "INSERT INTO films (id, type, title, original_title, year, votes) VALUES (?, 'movie', ?, ?, ?, ?)", f.id, f.title, f.orig, f.year, f.votes)
		for k := range map[string]bool{matchkey.Key(f.title): true, matchkey.Key(f.orig): true} {
			exec(t, s, "INSERT INTO search_keys (key, kind, ref, pop) VALUES (?, 1, ?, ?)", k, f.id, f.votes)
		}
	}
}

func exec(t *testing.T, s *store.Store, q string, args ...any) {
	t.Helper()
	if _, err := s.DB().Exec(s.Rebind(q), args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func user(t *testing.T, s *store.Store, name string) store.UserID {
	t.Helper()
	u, err := s.CreateUser(context.Background(), name, "password-"+name, store.RoleMember)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func day(s string) time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return d
}

// invented is a small export over seed's films plus one the catalog lacks.
func invented() *letterboxd.Export {
	film := func(name string, year int) letterboxd.Film { return letterboxd.Film{Name: name, Year: year} }
	return &letterboxd.Export{
		Diary: []letterboxd.DiaryEntry{
			{Film: film("Volver", 2006), Logged: day("2024-01-02"), Watched: day("2024-01-01"), Rating: "4.5", Tags: []string{"cinema"}, Review: "<p>Great <i>film</i>.</p>"},
			{Film: film("Volver", 2006), Logged: day("2024-03-02"), Watched: day("2024-03-01"), Rating: "5", Rewatch: true},
			{Film: film("Nowhere Film", 2001), Logged: day("2024-03-02"), Watched: day("2024-03-01")},
		},
		Reviews:   []letterboxd.Review{{Film: film("Her", 2013), Logged: day("2023-05-05"), Rating: "3", Text: "Lonely."}},
		Ratings:   []letterboxd.Rating{{Film: film("Pain and Glory", 2019), Date: day("2024-02-02"), Rating: "4"}},
		Watched:   []letterboxd.Watched{{Film: film("Talk to Her", 2002), Date: day("2022-01-02")}},
		Watchlist: []letterboxd.WatchlistEntry{{Film: film("Dolor y gloria", 2019), Date: day("2021-01-01")}},
		Likes:     []letterboxd.LikedFilm{{Film: film("Volver", 2006), Date: day("2024-01-03")}},
		Lists: []letterboxd.List{{Date: day("2024-04-01"), Name: "Almodóvar", Ranked: true, Entries: []letterboxd.ListEntry{
			{Film: film("Volver", 2006), Position: 1, Description: "best"},
			{Film: film("Nowhere Film", 2001), Position: 2},
			{Film: film("Talk to Her", 2002), Position: 3},
		}}},
	}
}

func exportZip(t *testing.T, s *store.Store, u store.UserID) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := journalio.WriteLetterboxd(context.Background(), s, u, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seed(t, s)
		ann := user(t, s, "ann")
		rep, n, err := journalio.Import(ctx, s, ann, invented(), journalio.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Unmatched != 2 || n.Unmatched != 2 || n.Diary != 2 || n.Lists != 1 || n.ListEntries != 2 {
			t.Fatalf("report %d unmatched; import %+v", rep.Unmatched, n)
		}
		first := exportZip(t, s, ann)

		// Import the export into a fresh database and export again.
		dir := t.TempDir()
		path := filepath.Join(dir, "export.zip")
		if err := os.WriteFile(path, first, 0o600); err != nil {
			t.Fatal(err)
		}
		fresh := storetest.Open(t, s.Dialect())
		seed(t, fresh)
		bob := user(t, fresh, "bob")
		rep, _, err = journalio.ImportFile(ctx, fresh, bob, path, journalio.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Complete() {
			t.Errorf("re-import of reel's export not fully matched: %+v", rep)
		}
		if second := exportZip(t, fresh, bob); !bytes.Equal(first, second) {
			t.Errorf("export → import → export differs (%d vs %d bytes)", len(first), len(second))
		}

		var js bytes.Buffer
		if err := journalio.WriteJSON(ctx, s, ann, &js); err != nil {
			t.Fatal(err)
		}
		var doc journalio.Document
		if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Schema != journalio.Schema || len(doc.Diary) != 2 || len(doc.Reviews) != 3 || len(doc.Lists) != 1 || len(doc.Likes) != 1 || len(doc.Watchlist) != 1 || doc.Films["tt0441909"].Title != "Volver" {
			t.Errorf("json export: %s", js.String())
		}
	})
}

func TestDryRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seed(t, s)
		ann := user(t, s, "ann")
		rep, n, err := journalio.Import(context.Background(), s, ann, invented(), journalio.ImportOptions{DryRun: true})
		if err != nil || rep.Matched == 0 || n != (store.LetterboxdImport{}) {
			t.Fatalf("dry run: %+v %+v %v", rep, n, err)
		}
		j, err := s.Journal(context.Background(), ann)
		if err != nil || len(j.Diary)+len(j.Reviews)+len(j.Lists) != 0 {
			t.Fatalf("dry run wrote: %+v %v", j, err)
		}
	})
}

// sampleDir is the real Letterboxd export documented in its SOURCE.md; the
// test skips without it, except under CI, where it fails.
func sampleDir(t *testing.T) string {
	t.Helper()
	return researchdata.Dir(t, "letterboxd-export-sample")
}

func TestRealSample(t *testing.T) {
	dir := sampleDir(t)
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// The demo catalog's files, loaded as demo.Load does.
		types := []string{"movie", "tvMovie", "short", "video", "tvSeries", "tvMiniSeries"}
		if _, err := imdb.Import(ctx, s, os.DirFS("../demo/catalog"), imdb.Options{Types: types}); err != nil {
			t.Fatal(err)
		}
		ann := user(t, s, "ann")
		rep, n, err := journalio.ImportFile(ctx, s, ann, dir, journalio.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Unmatched == 0 {
			t.Fatalf("the demo catalog cannot hold every film of the sample: %+v", n)
		}
		for _, row := range rep.Rows {
			if row.Status != letterboxd.Matched && strings.TrimSpace(row.Reason) == "" {
				t.Fatalf("row without a reason: %+v", row)
			}
		}
		var text bytes.Buffer
		if err := rep.WriteText(&text, false); err != nil || text.Len() == 0 {
			t.Fatalf("report text: %v", err)
		}
		t.Logf("sample: matched %d, ambiguous %d, unmatched %d; stored %+v", rep.Matched, rep.Ambiguous, rep.Unmatched, n)
		before, _ := s.Journal(ctx, ann)
		_, again, err := journalio.ImportFile(ctx, s, ann, dir, journalio.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		after, _ := s.Journal(ctx, ann)
		if again.Diary+again.Reviews+again.Watched+again.Watchlist+again.Likes+again.Lists != 0 ||
			len(after.Diary) != len(before.Diary) || len(after.Reviews) != len(before.Reviews) || len(after.Lists) != len(before.Lists) {
			t.Errorf("second import added rows: %+v", again)
		}
	})
}

// TestImportResolvedAgain is the Import page's loop: import, resolve the
// unmatched film, import the same export again. Only the resolved row is
// added; progress reports matching up to the total, then storing.
func TestImportResolvedAgain(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	seed(t, s)
	ann := user(t, s, "ann")
	var phases []journalio.Progress
	opt := journalio.ImportOptions{Progress: func(p journalio.Progress) { phases = append(phases, p) }}
	_, n, err := journalio.Import(ctx, s, ann, invented(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if n.Unmatched != 2 || n.Diary != 2 {
		t.Fatalf("first import %+v", n)
	}
	last := phases[len(phases)-1]
	if len(phases) < 3 || phases[0].Phase != journalio.Matching || phases[0].Done != 0 || last.Phase != journalio.Storing || last.Done != last.Total || last.Total != 11 {
		t.Errorf("progress %+v", phases)
	}

	var res letterboxd.Resolutions
	if err := res.Set("Nowhere Film", 2001, "tt1798709"); err != nil {
		t.Fatal(err)
	}
	rep, n, err := journalio.Import(ctx, s, ann, invented(), journalio.ImportOptions{Resolutions: &res})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Complete() || n.Diary != 1 || n.Unmatched != 0 || n.Skipped == 0 {
		t.Errorf("second import: report %d/%d/%d, stored %+v; want only the resolved diary row added", rep.Matched, rep.Ambiguous, rep.Unmatched, n)
	}
	j, err := s.Journal(ctx, ann)
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Diary) != 3 {
		t.Errorf("diary has %d entries, want 3", len(j.Diary))
	}
}
