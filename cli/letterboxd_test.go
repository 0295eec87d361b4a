package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"reel/letterboxd"
	"reel/store"
	"reel/store/storetest"
)

// These tests drive `reel import letterboxd` and `reel export` through Main,
// as a user would, over the demo catalog: journalio and store have their
// own tests of the conversion; here the point is what the commands print,
// store and exit with.

// lbReel runs reel with stdin and returns the exit code and both outputs.
func lbReel(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// lbMust runs reel and fails the test unless it exits 0.
func lbMust(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := lbReel(t, "", args...)
	if code != ExitOK {
		t.Fatalf("reel %q: exit %d\n%s%s", args, code, out, errs)
	}
	return out
}

// lbEngines runs fn once per engine on the address of a fresh database:
// SQLite always, PostgreSQL when REEL_TEST_POSTGRES is set.
func lbEngines(t *testing.T, fn func(t *testing.T, db func() string)) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			fn(t, func() string { return storetest.DSN(t, d) })
		})
	}
}

// lbSetup migrates db, loads the demo catalog with `reel import imdb` and
// adds the member name, the password on stdin.
func lbSetup(t *testing.T, db, name string) {
	t.Helper()
	lbMust(t, "migrate", "--db", db)
	lbMust(t, "import", "imdb", "--db", db, filepath.Join("..", "demo", "catalog"))
	if code, out, errs := lbReel(t, "a long enough password\n", "user", "add", "--db", db, name); code != ExitOK {
		t.Fatalf("user add %s: exit %d %s%s", name, code, out, errs)
	}
}

func lbDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// lbInvented is a small export over demo-catalog films, named as
// Letterboxd names them (no IMDb ids): a diary with a review and a rewatch,
// a film known by its original title, an accent dropped, and one film the
// catalog lacks, in the diary and in a list.
func lbInvented() *letterboxd.Export {
	film := func(name string, year int) letterboxd.Film { return letterboxd.Film{Name: name, Year: year} }
	return &letterboxd.Export{
		Diary: []letterboxd.DiaryEntry{
			{Film: film("Vertigo", 1958), Logged: lbDay("2021-03-05"), Watched: lbDay("2021-03-04"), Rating: "4.5",
				Tags: []string{"hitchcock", "obsession"}, Review: "<p>Obsession, in <i>green</i>.</p>"},
			{Film: film("Vertigo", 1958), Logged: lbDay("2023-06-02"), Watched: lbDay("2023-06-01"), Rating: "5", Rewatch: true},
			{Film: film("Amelie", 2001), Logged: lbDay("2022-01-09"), Watched: lbDay("2022-01-08"), Rating: "3"},
			{Film: film("Nowhere in the Catalog", 2001), Logged: lbDay("2022-02-02"), Watched: lbDay("2022-02-01"), Rating: "2"},
		},
		Reviews:   []letterboxd.Review{{Film: film("Persona", 1966), Logged: lbDay("2020-11-11"), Rating: "4", Text: "Two faces, one."}},
		Ratings:   []letterboxd.Rating{{Film: film("Stalker", 1979), Date: lbDay("2019-07-07"), Rating: "5"}},
		Watched:   []letterboxd.Watched{{Film: film("Tokyo Story", 1953), Date: lbDay("2018-04-04")}},
		Watchlist: []letterboxd.WatchlistEntry{{Film: film("Dolor y gloria", 2019), Date: lbDay("2024-01-01")}},
		Likes:     []letterboxd.LikedFilm{{Film: film("Vertigo", 1958), Date: lbDay("2021-03-05")}},
		Lists: []letterboxd.List{{Date: lbDay("2024-04-01"), Name: "Slow", Ranked: true, Entries: []letterboxd.ListEntry{
			{Film: film("Stalker", 1979), Position: 1, Description: "the zone"},
			{Film: film("Nowhere in the Catalog", 2001), Position: 2},
			{Film: film("Tokyo Story", 1953), Position: 3},
		}}},
	}
}

// lbWriteInvented writes lbInvented as a zip in dir.
func lbWriteInvented(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	if err := letterboxd.WriteZip(&b, lbInvented()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "letterboxd.zip")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// lbExport runs `reel export FORMAT` and returns the file's bytes.
func lbExport(t *testing.T, db, format, name string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out."+format)
	lbMust(t, "export", format, "--db", db, "--user", name, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lbJournalRows counts what the store holds for name, straight from the
// store rather than through the export under test.
func lbJournalRows(t *testing.T, db, name string) int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserByName(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	j, err := st.Journal(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := len(j.Diary) + len(j.Reviews) + len(j.Watched) + len(j.Watchlist) + len(j.Likes) + len(j.Lists)
	for _, l := range j.Lists {
		n += len(l.Entries)
	}
	return n
}

var lbStoredRE = regexp.MustCompile(`(?m)^stored: .*$`)

// TestLetterboxdImportCommand: a dry run stores nothing, a real import
// reports what matched and what did not and why, and importing the same
// export again adds nothing.
func TestLetterboxdImportCommand(t *testing.T) {
	lbEngines(t, func(t *testing.T, fresh func() string) {
		db := fresh()
		lbSetup(t, db, "ann")
		zip := lbWriteInvented(t, t.TempDir())

		dry := lbMust(t, "import", "letterboxd", "--db", db, "--user", "ann", "--dry-run", zip)
		if !strings.Contains(dry, "13 rows: 11 matched, 0 ambiguous, 2 unmatched") || strings.Contains(dry, "stored:") {
			t.Errorf("dry run printed:\n%s", dry)
		}
		if n := lbJournalRows(t, db, "ann"); n != 0 {
			t.Fatalf("dry run stored %d rows", n)
		}

		out := lbMust(t, "import", "letterboxd", "--db", db, "--user", "ann", zip)
		for _, want := range []string{
			"13 rows: 11 matched, 0 ambiguous, 2 unmatched",
			`diary.csv:4	unmatched	"Nowhere in the Catalog" (2001): no catalog film titled "Nowhere in the Catalog" from 2000–2002`,
			`lists/slow.csv:7	unmatched	"Nowhere in the Catalog" (2001)`,
			"stored: 3 diary entries, 2 reviews and ratings, 1 watched, 1 watchlist, 1 likes, 1 lists (2 entries); 0 already imported",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("import output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, `"Vertigo" (1958)`) || strings.Contains(out, `"Amelie"`) {
			t.Errorf("matched rows listed without --verbose:\n%s", out)
		}
		// A real import adds the stored line and the copy desk's inferred line.
		if strings.Count(dry, "\n") != strings.Count(out, "\n")-2 {
			t.Errorf("dry run and import reports differ:\n%s\n---\n%s", dry, out)
		}
		rows, before := lbJournalRows(t, db, "ann"), lbExport(t, db, "letterboxd", "ann")

		again := lbMust(t, "import", "letterboxd", "--db", db, "--user", "ann", zip)
		if got := lbStoredRE.FindString(again); !strings.HasPrefix(got, "stored: 0 diary entries, 0 reviews and ratings, 0 watched, 0 watchlist, 0 likes, 0 lists (0 entries);") {
			t.Errorf("second import: %q", got)
		}
		if n := lbJournalRows(t, db, "ann"); n != rows {
			t.Errorf("second import: %d rows, was %d", n, rows)
		}
		if after := lbExport(t, db, "letterboxd", "ann"); !bytes.Equal(before, after) {
			t.Errorf("second import changed the export (%d → %d bytes)", len(before), len(after))
		}
	})
}

// TestLetterboxdExportRoundTrip: reel's Letterboxd export, imported into a
// fresh database, matches completely and exports to the same bytes; the
// JSON export is valid reel.export/v1.
func TestLetterboxdExportRoundTrip(t *testing.T) {
	lbEngines(t, func(t *testing.T, fresh func() string) {
		one, two := fresh(), fresh()
		lbSetup(t, one, "ann")
		lbMust(t, "import", "letterboxd", "--db", one, "--user", "ann", lbWriteInvented(t, t.TempDir()))
		first := lbExport(t, one, "letterboxd", "ann")

		lbSetup(t, two, "bob")
		path := filepath.Join(t.TempDir(), "reel-export.zip")
		if err := os.WriteFile(path, first, 0o600); err != nil {
			t.Fatal(err)
		}
		out := lbMust(t, "import", "letterboxd", "--db", two, "--user", "bob", path)
		if !strings.Contains(out, "0 ambiguous, 0 unmatched") {
			t.Errorf("re-import of reel's own export did not match fully:\n%s", out)
		}
		if second := lbExport(t, two, "letterboxd", "bob"); !bytes.Equal(first, second) {
			t.Errorf("export → import → export differs: %d vs %d bytes", len(first), len(second))
		}

		js := lbExport(t, one, "json", "ann")
		var doc struct {
			Schema string
			User   struct{ Name string }
			Diary  []json.RawMessage
			Lists  []struct{ Name string }
			Films  map[string]struct{ Title string }
		}
		if err := json.Unmarshal(js, &doc); err != nil {
			t.Fatalf("json export is not JSON: %v", err)
		}
		if doc.Schema != "reel.export/v1" || doc.User.Name != "ann" || len(doc.Diary) != 3 ||
			len(doc.Lists) != 1 || doc.Lists[0].Name != "Slow" || doc.Films["tt0052357"].Title != "Vertigo" {
			t.Errorf("json export: schema %q, user %q, %d diary entries, lists %+v, films %d",
				doc.Schema, doc.User.Name, len(doc.Diary), doc.Lists, len(doc.Films))
		}
	})
}

// TestLetterboxdBadInput: every mistake exits with a one-line message
// that names the problem, never a stack trace; a missing --user is a
// usage error (exit 2), the rest fail (exit 1).
func TestLetterboxdBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "reel.db")
	lbMust(t, "migrate", "--db", db)
	if code, _, errs := lbReel(t, "a long enough password\n", "user", "add", "--db", db, "ann"); code != ExitOK {
		t.Fatal(errs)
	}
	notZip := filepath.Join(dir, "notes.zip")
	if err := os.WriteFile(notZip, []byte("these are not the files you are looking for\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := lbWriteInvented(t, dir)
	missing := filepath.Join(dir, "missing.zip")
	tests := []struct {
		args []string
		code int
		want string // in the message's line
	}{
		{[]string{"import", "letterboxd", "--user", "ann", missing}, ExitFailure, "cannot open " + missing},
		{[]string{"import", "letterboxd", "--user", "ann", notZip}, ExitFailure, "not a zip file"},
		{[]string{"import", "letterboxd", "--user", "ann", dir}, ExitFailure, "not a Letterboxd export"},
		{[]string{"import", "letterboxd", "--user", "nobody", good}, ExitFailure, "user nobody: not found"},
		{[]string{"import", "letterboxd", "--user", "ann", "--resolve", missing, good}, ExitFailure, missing},
		{[]string{"import", "letterboxd", good}, ExitUsage, "needs --user NAME"},
		{[]string{"export", "letterboxd", "--user", "nobody", filepath.Join(dir, "x.zip")}, ExitFailure, "user nobody: not found"},
		{[]string{"export", "json", filepath.Join(dir, "x.json")}, ExitUsage, "--user NAME"},
		{[]string{"export", "letterboxd", "--user", "ann", filepath.Join(dir, "no", "such", "x.zip")}, ExitFailure, "no such file or directory"},
	}
	for _, tt := range tests {
		args := append(tt.args[:2:2], append([]string{"--db", db}, tt.args[2:]...)...)
		code, out, errs := lbReel(t, "", args...)
		lines := lbMessageLines(errs)
		if code != tt.code || len(lines) != 1 || !strings.Contains(lines[0], tt.want) || !strings.HasPrefix(lines[0], "reel: ") {
			t.Errorf("reel %q: exit %d, stderr %q; want exit %d and one line with %q", args, code, errs, tt.code, tt.want)
		}
		if out != "" {
			t.Errorf("reel %q printed on stdout: %q", args, out)
		}
		if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") || strings.Contains(errs, ".go:") {
			t.Errorf("reel %q printed a stack trace: %s", args, errs)
		}
	}
	if n := lbJournalRows(t, db, "ann"); n != 0 {
		t.Errorf("failed commands stored %d rows", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.zip")); err == nil {
		t.Errorf("a failed export left a file behind")
	}
}

// lbMessageLines returns stderr's lines but the hint to use --verbose.
func lbMessageLines(errs string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(errs, "\n"), "\n") {
		if !strings.Contains(l, "run again with --verbose") {
			lines = append(lines, l)
		}
	}
	return lines
}
