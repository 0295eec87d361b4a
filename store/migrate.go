package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"reel"
)

// Migrations are append-only: files are applied in name order, each in its own
// transaction, and the schema version is the number applied. Never edit or
// reorder a file that has shipped; add a new one.
//
//go:embed migrations
var migrationFS embed.FS

type migration struct {
	name string
	sql  string
}

func (s *Store) migrations() ([]migration, error) {
	dir := "migrations/" + string(s.dialect)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, reel.Wrap(err, reel.Internal, "read embedded migrations")
	}
	var ms []migration
	for _, e := range entries {
		b, err := migrationFS.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, reel.Wrap(err, reel.Internal, "read migration %s", e.Name())
		}
		ms = append(ms, migration{name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].name < ms[j].name })
	return ms, nil
}

// SchemaVersion returns the applied and the latest schema versions.
func (s *Store) SchemaVersion(ctx context.Context) (applied, latest int, err error) {
	ms, err := s.migrations()
	if err != nil {
		return 0, 0, err
	}
	applied, err = s.appliedVersion(ctx)
	return applied, len(ms), err
}

func (s *Store) appliedVersion(ctx context.Context) (int, error) {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return 0, s.wrapErr(err, "create schema_migrations")
	}
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v); err != nil {
		return 0, s.wrapErr(err, "read schema version")
	}
	return int(v.Int64), nil
}

func (s *Store) checkSchema(ctx context.Context, migrate bool) error {
	applied, latest, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case applied > latest:
		return reel.Errorf(reel.Invalid, "database schema version %d is newer than this reel (%d): upgrade reel", applied, latest)
	case applied < latest && !migrate:
		return reel.Errorf(reel.Invalid, "database schema is at version %d, this reel needs %d: run `reel migrate --db %s`", applied, latest, Redact(s.dsn))
	case applied < latest:
		return s.Migrate(ctx)
	}
	return nil
}

// Migrate applies every migration not yet applied. On PostgreSQL an advisory
// lock keeps several starting instances from migrating at once.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return err
	}
	for {
		applied, err := s.appliedVersion(ctx)
		if err != nil {
			return err
		}
		if applied >= len(ms) {
			return nil
		}
		if err := s.applyMigration(ctx, applied+1, ms[applied]); err != nil {
			return err
		}
	}
}

func (s *Store) applyMigration(ctx context.Context, version int, m migration) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if s.dialect == Postgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7240001)"); err != nil {
				return s.wrapErr(err, "lock for migration")
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", version).Scan(&n); err != nil {
				return s.wrapErr(err, "check migration")
			}
			if n > 0 {
				return nil // another instance applied it while we waited
			}
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return reel.Wrap(err, reel.Internal, "apply migration %s", m.name)
		}
		_, err := tx.ExecContext(ctx, s.rebind("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
			version, m.name, time.Now().UTC().Format(time.RFC3339))
		return s.wrapErr(err, fmt.Sprintf("record migration %s", m.name))
	})
}
