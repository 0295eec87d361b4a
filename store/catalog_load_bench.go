//go:build driverbench

package store

import "database/sql"

// NewForDriverBench wraps a SQLite database opened with another driver, so the
// driver benchmark (imdb/driver_bench_test.go) runs the real import on it.
// Only in builds with the driverbench tag.
func NewForDriverBench(db *sql.DB, path string) *Store {
	return &Store{db: db, dialect: SQLite, dsn: path}
}
