package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"reel"

	_ "modernc.org/sqlite" // registers the "sqlite" driver; see docs/decisions.md
)

// sqliteDriver is the database/sql driver name used for SQLite.
const sqliteDriver = "sqlite"

// sqlitePragmas are applied to every connection: WAL lets readers run beside
// the one writer, the busy timeout makes writers queue instead of failing, and
// foreign keys are off by default in SQLite.
var sqlitePragmas = []string{
	"journal_mode(WAL)",
	"busy_timeout(10000)",
	"foreign_keys(1)",
	"synchronous(NORMAL)",
	"cache_size(-65536)",
	"temp_store(MEMORY)",
}

// sqliteConns is the SQLite connection pool's size: readers run in
// parallel under WAL, beyond a few per core they only queue inside SQLite.
const sqliteConns = 8

func openSQLite(ctx context.Context, path string) (*sql.DB, error) {
	if err := checkWritableDir(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open(sqliteDriver, "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, reel.Wrap(err, reel.Internal, "open SQLite database %s", path)
	}
	// database/sql keeps two idle connections by default: under concurrent
	// page loads it opens and closes SQLite connections on every burst, and
	// each new one starts with a cold page cache and re-runs the pragmas
	// (on bench/web.sh that was a cold cache per burst on the film page).
	// sqliteConns bounds them too: each may hold cache_size of pages.
	db.SetMaxOpenConns(sqliteConns)
	db.SetMaxIdleConns(sqliteConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, reel.Wrap(err, reel.Internal, "open SQLite database %s", path)
	}
	return db, nil
}

// checkWritableDir gives a clear message for the common mistake of pointing
// --db into a directory that does not exist or cannot be written, instead of
// SQLite's "unable to open database file".
func checkWritableDir(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return reel.Errorf(reel.Invalid, "database path %s: directory %s does not exist", path, dir)
	}
	if !st.IsDir() {
		return reel.Errorf(reel.Invalid, "database path %s: %s is not a directory", path, dir)
	}
	f, err := os.CreateTemp(dir, ".reel-write-check-*")
	if err != nil {
		return reel.Errorf(reel.Invalid, "database path %s: directory %s is not writable", path, dir)
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return reel.Errorf(reel.Invalid, "database path %s is a directory", path)
	}
	return nil
}

// sqliteVersion reports the engine version, for `reel version` and benchmarks.
func sqliteVersion(ctx context.Context, db *sql.DB) string {
	var v string
	if err := db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v); err != nil {
		return fmt.Sprintf("unknown (%v)", err)
	}
	return v
}
