// Package store keeps reel's data in SQLite (the embedded default) or
// PostgreSQL. One Store serves both engines: SQL is shared where the engines
// agree, and the differences (bulk load, upsert details, placeholders) sit in
// small per-engine places keyed on Dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"reel"
)

// Dialect names a storage engine.
type Dialect string

// The supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the application's database.
type Store struct {
	db      *sql.DB
	dialect Dialect
	dsn     string // as given, for messages (use Redact before showing it)
	stmts   stmtCache
}

// Options tune Open.
type Options struct {
	// Migrate brings the schema up to date instead of refusing an old one.
	Migrate bool
}

// Open connects to the database named by dsn: a postgres:// or postgresql://
// URL selects PostgreSQL, anything else is a SQLite file path. Unless
// opts.Migrate is set, Open refuses a schema older than the binary's and says
// which command migrates it.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	s := &Store{dsn: dsn, dialect: DialectOf(dsn)}
	var err error
	if s.dialect == Postgres {
		s.db, err = openPostgres(ctx, dsn)
	} else {
		s.db, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := s.checkSchema(ctx, opts.Migrate); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// DialectOf tells which engine a dsn selects.
func DialectOf(dsn string) Dialect {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return Postgres
	}
	return SQLite
}

// Redact returns dsn with any password replaced, for messages and logs.
func Redact(dsn string) string {
	if DialectOf(dsn) != Postgres {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparseable URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Close releases the database.
func (s *Store) Close() error {
	s.closeStmts()
	return s.db.Close()
}

// Dialect reports the engine in use.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB exposes the pool to packages that bulk-load through the engine's own
// protocol (COPY); everything else goes through Store methods.
func (s *Store) DB() *sql.DB { return s.db }

// rebind turns the shared "?" placeholders into PostgreSQL's "$n". Queries are
// written once, with "?", and rebound at the point of use.
func (s *Store) rebind(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Rebind is rebind for packages that write their own SQL against the store.
func (s *Store) Rebind(query string) string { return s.rebind(query) }

// inTx runs fn in one transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrapErr(err, "begin transaction")
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.wrapErr(err, "commit")
	}
	return nil
}

// wrapErr turns a driver error into the application's error type, keeping the
// cause for --verbose. sql.ErrNoRows becomes NotFound.
func (s *Store) wrapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var re *reel.Error
	if errors.As(err, &re) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return reel.Wrap(err, reel.NotFound, "%s: not found", what)
	}
	if errors.Is(err, context.Canceled) {
		return reel.Wrap(err, reel.Internal, "%s: interrupted", what)
	}
	return reel.Wrap(err, reel.Internal, "store: %s", what)
}
