// Package storetest opens fresh, migrated stores for tests on every engine, so
// the same suite runs on SQLite and on PostgreSQL.
//
// SQLite always runs, on a file in the test's temporary directory. PostgreSQL
// runs when REEL_TEST_POSTGRES holds a URL (e.g. postgres://postgres@127.0.0.1:5432/test);
// each test gets a schema of its own, dropped afterwards. When CI is set and
// REEL_TEST_POSTGRES is not, the PostgreSQL half fails instead of skipping, so a
// CI run can never pass on SQLite alone.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"reel/store"
)

// EnvPostgres names the variable holding the PostgreSQL URL for tests.
const EnvPostgres = "REEL_TEST_POSTGRES"

// Each runs fn as a subtest once per engine, with a fresh migrated store.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh migrated store on engine d, closed when the test ends.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	dsn := DSN(t, d)
	s, err := store.Open(context.Background(), dsn, store.Options{Migrate: true})
	if err != nil {
		t.Fatalf("open %s store: %v", d, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// DSN returns the address of a fresh, empty database on engine d, skipping
// (or failing in CI) when PostgreSQL is not configured.
func DSN(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return filepath.Join(t.TempDir(), "reel.db")
	}
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: the PostgreSQL suite must run in CI", EnvPostgres)
		}
		t.Skipf("PostgreSQL suite skipped: set %s to a postgres:// URL to run it", EnvPostgres)
	}
	return freshSchema(t, base)
}

// freshSchema creates a uniquely named schema and returns base with its
// search_path pointing there.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	schema := "reeltest_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema on %s: %v", store.Redact(base), err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
