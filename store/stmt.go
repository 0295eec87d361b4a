package store

import (
	"context"
	"database/sql"
	"sync"
)

// SQLite's driver prepares every statement afresh: on the website's reads
// (a film page's five queries, a review list, a session lookup) parsing and
// planning the SQL cost about a third of each query. stmtCache keeps the
// prepared statements of the queries the store runs over and over;
// database/sql prepares each once per pooled connection and re-prepares it
// on a new one. PostgreSQL's driver (pgx) already caches prepared statements
// per connection, so there the cache stays empty.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache: queries are built from a fixed set of
// fragments (IN lists up to a page's length, optional cursors), so a few
// hundred texts cover them; past that, queries run unprepared.
const maxCachedStmts = 512

// stmt returns the cached prepared statement for query, preparing it on
// first use, or nil when the cache is off or full.
func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s.dialect != SQLite {
		return nil, nil
	}
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	if len(c.m) >= maxCachedStmts {
		return nil, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

// query runs a read through the statement cache; query is already rebound.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row. A failed prepare surfaces from Scan, as
// database/sql's QueryRow does.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.stmt(ctx, query)
	if err != nil || st == nil {
		return s.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStmts releases the cached statements.
func (s *Store) closeStmts() {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	for _, st := range s.stmts.m {
		st.Close()
	}
	s.stmts.m = nil
}
