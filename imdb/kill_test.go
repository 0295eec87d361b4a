package imdb_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"

	"reel/imdb"
	"reel/imdb/synth"
	"reel/store"
	"reel/store/storetest"
)

// killEnv carries "DSN\nDIR" to the child process of TestKill9LeavesCatalogIntact.
const killEnv = "REEL_IMDB_KILL_CHILD"

// TestKillChild is the child side: it runs a large import, reporting progress
// on stdout, until the parent kills it.
func TestKillChild(t *testing.T) {
	spec := os.Getenv(killEnv)
	if spec == "" {
		t.Skip("helper process for TestKill9LeavesCatalogIntact")
	}
	dsn, dir, _ := strings.Cut(spec, "\n")
	// A tiny page cache makes SQLite spill the unfinished transaction into
	// the WAL, the case a crash must survive.
	store.LoadCacheKiB = 256
	s, err := store.Open(context.Background(), dsn, store.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = imdb.ImportDir(context.Background(), s, dir, imdb.Options{Progress: os.Stdout})
	fmt.Println("CHILD FINISHED", err)
}

// TestKill9LeavesCatalogIntact kills an import with SIGKILL halfway (after
// films and akas are written, during the credits) and checks the catalog is
// the one from before, and on SQLite that the file is sound.
func TestKill9LeavesCatalogIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a large import in a child process")
	}
	dump := t.TempDir()
	if err := synth.Write(dump, synth.Scaled(100_000)); err != nil {
		t.Fatal(err)
	}
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			s, err := store.Open(context.Background(), dsn, store.Options{Migrate: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := imdb.Import(context.Background(), s, fstest.MapFS{"title.basics.tsv": {Data: []byte(basics(1, 50))}}, imdb.Options{}); err != nil {
				t.Fatal(err)
			}
			before := counts(t, s)
			s.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
			cmd.Env = append(os.Environ(), killEnv+"="+dsn+"\n"+dump)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			killed := false
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				line := sc.Text()
				if strings.Contains(line, "CHILD FINISHED") {
					break
				}
				if !killed && strings.Contains(line, "title.principals") {
					cmd.Process.Kill() // SIGKILL: no deferred cleanup, no rollback
					killed = true
				}
			}
			cmd.Wait()
			if !killed {
				t.Fatal("the import finished before it could be killed")
			}
			if d == store.SQLite {
				// The killed import had written into the WAL; reopening must
				// discard those frames.
				if st, err := os.Stat(dsn + "-wal"); err != nil || st.Size() < 1<<20 {
					t.Errorf("expected a WAL with the killed import's pages, got %v", err)
				}
			}
			s, err = store.Open(context.Background(), dsn, store.Options{})
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer s.Close()
			if after := counts(t, s); !equalCounts(before, after) {
				t.Errorf("catalog changed by a killed import: %v, then %v", before, after)
			}
			if d == store.SQLite {
				var ok string
				if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
					t.Errorf("integrity_check: %q %v", ok, err)
				}
			}
			// The catalog still takes an import.
			if _, err := imdb.Import(context.Background(), s, fstest.MapFS{"title.basics.tsv": {Data: []byte(basics(1, 60))}}, imdb.Options{}); err != nil {
				t.Fatalf("import after kill: %v", err)
			}
		})
	}
}
