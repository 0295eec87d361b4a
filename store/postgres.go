package store

import (
	"context"
	"database/sql"
	"time"

	"reel"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

func openPostgres(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "PostgreSQL URL %s", Redact(dsn))
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, reel.Wrap(err, reel.Internal, "cannot reach PostgreSQL at %s", Redact(dsn))
	}
	return db, nil
}
