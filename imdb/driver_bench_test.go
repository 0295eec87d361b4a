//go:build driverbench

// The SQLite driver benchmark: the same import, of the same synthetic dump,
// on each driver linked into the test binary. mattn/go-sqlite3 and
// ncruces/go-sqlite3 both register "sqlite3", so each needs a binary of its
// own:
//
//	go test -tags driverbench -run TestDriverImport -v ./imdb/                 # modernc
//	go test -tags driverbench,mattn -run TestDriverImport -v ./imdb/           # + mattn (cgo)
//	go test -tags driverbench,ncruces -run TestDriverImport -v ./imdb/         # + ncruces
//
// REEL_DRIVERBENCH_TITLES sizes the dump (default 200,000 titles, 1.93 million
// rows); each driver imports it three times and the median is reported.
package imdb_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"reel/imdb"
	"reel/imdb/synth"
	"reel/store"
)

type benchDriver struct {
	name   string // module
	driver string // database/sql name
}

var benchDrivers = []benchDriver{{"modernc.org/sqlite", "sqlite"}}

// benchPragmas are the store's per-connection settings (store/sqlite.go).
var benchPragmas = []string{"journal_mode=WAL", "busy_timeout=10000", "foreign_keys=1",
	"synchronous=NORMAL", "cache_size=-65536", "temp_store=MEMORY"}

func TestDriverImport(t *testing.T) {
	titles := 200_000
	if v, err := strconv.Atoi(os.Getenv("REEL_DRIVERBENCH_TITLES")); err == nil {
		titles = v
	}
	dump := t.TempDir()
	cfg := synth.Scaled(titles)
	if err := synth.Write(dump, cfg); err != nil {
		t.Fatal(err)
	}
	for _, d := range benchDrivers {
		var secs, cpus []float64
		for run := 0; run < 3; run++ {
			path := filepath.Join(t.TempDir(), "bench.db")
			db, err := sql.Open(d.driver, "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			db.SetMaxOpenConns(1) // one connection, so the settings below hold for the load
			for _, p := range benchPragmas {
				if _, err := db.Exec("PRAGMA " + p); err != nil {
					t.Fatalf("%s: PRAGMA %s: %v", d.name, p, err)
				}
			}
			s := store.NewForDriverBench(db, path)
			if err := s.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			start, cpu0 := time.Now(), cpuSeconds()
			if _, err := imdb.ImportDir(context.Background(), s, dump, imdb.Options{}); err != nil {
				t.Fatalf("%s: %v", d.name, err)
			}
			secs = append(secs, time.Since(start).Seconds())
			cpus = append(cpus, cpuSeconds()-cpu0)
			var version string
			db.QueryRow("SELECT sqlite_version()").Scan(&version)
			db.Close()
			t.Logf("%s (SQLite %s) run %d: %.2f s wall, %.2f s CPU", d.name, version, run+1, secs[run], cpus[run])
		}
		slices.Sort(secs)
		slices.Sort(cpus)
		t.Logf("%s: median %.2f s wall (%.0f rows/s over %d rows), %.2f s CPU", d.name, secs[1], float64(cfg.Rows())/secs[1], cfg.Rows(), cpus[1])
	}
}

// cpuSeconds is the process's user and system CPU time so far: on a shared
// machine it is steadier than wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
