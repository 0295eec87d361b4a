package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"reel"
	"reel/store"
	"reel/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		applied, latest, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if applied != latest || latest == 0 {
			t.Fatalf("schema at %d of %d after migrate", applied, latest)
		}
	})
}

func TestOpenRefusesOldSchema(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			_, err := store.Open(context.Background(), dsn, store.Options{})
			if reel.ErrorCode(err) != reel.Invalid || !strings.Contains(err.Error(), "reel migrate") {
				t.Fatalf("open on empty schema: %v, want an error naming `reel migrate`", err)
			}
			s, err := store.Open(context.Background(), dsn, store.Options{Migrate: true})
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			s, err = store.Open(context.Background(), dsn, store.Options{})
			if err != nil {
				t.Fatalf("open after migrate: %v", err)
			}
			s.Close()
		})
	}
}

func TestOpenBadPaths(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing", "reel.db"), dir} {
		_, err := store.Open(context.Background(), path, store.Options{Migrate: true})
		if reel.ErrorCode(err) != reel.Invalid {
			t.Errorf("open %s: %v, want an invalid-input error", path, err)
		}
	}
}

func TestUnreachablePostgresHidesPassword(t *testing.T) {
	_, err := store.Open(context.Background(), "postgres://u:s3cret@127.0.0.1:1/db?connect_timeout=2", store.Options{})
	if err == nil {
		t.Fatal("opened an unreachable PostgreSQL")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error shows the password: %v", err)
	}
	if !strings.Contains(err.Error(), "cannot reach PostgreSQL") {
		t.Fatalf("unclear error: %v", err)
	}
}

func TestRedact(t *testing.T) {
	got := store.Redact("postgres://bob:pw@host/db?password=hunter2&sslmode=disable")
	if strings.Contains(got, "pw@") || strings.Contains(got, "hunter2") {
		t.Fatalf("Redact left a secret: %s", got)
	}
	if store.Redact("reel.db") != "reel.db" {
		t.Fatal("Redact changed a file path")
	}
}
