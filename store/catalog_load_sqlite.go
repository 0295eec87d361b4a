package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// LoadCacheKiB is the page cache of a catalog load's connection on SQLite.
// The dump's files are sorted by id, so inserts into the catalog tables touch
// few pages at a time and a big cache buys little; what it does size is
// SQLite's external sorter (search keys, index builds), whose runs take as
// much memory as the cache. 64 MiB measured faster than 256 MiB on the import
// benchmark and halves peak RSS (docs/performance.md). Tests lower it to push
// an unfinished transaction's pages out to the WAL.
var LoadCacheKiB = 64 << 10

// loadThreads lets SQLite's sorter use a helper thread for the big sorts.
const loadThreads = 2

// sqliteSession switches the import's connection to bulk settings (start) and
// back to what it had before (start false). Temporary tables go to a file, not
// memory: staged search keys grow with the dump.
func (l *CatalogLoad) sqliteSession(start bool) error {
	if start {
		l.saved = map[string]string{}
		for _, p := range []string{"cache_size", "temp_store", "threads"} {
			var v string
			if err := l.conn.QueryRowContext(l.ctx, "PRAGMA "+p).Scan(&v); err != nil {
				return l.s.wrapErr(err, "read "+p)
			}
			l.saved[p] = v
		}
		return l.pragmas(l.ctx, fmt.Sprintf("cache_size=-%d", LoadCacheKiB), "temp_store=FILE",
			fmt.Sprintf("threads=%d", loadThreads))
	}
	var ps []string
	for p, v := range l.saved {
		ps = append(ps, p+"="+v)
	}
	// Restore even when the import was cancelled.
	return l.pragmas(context.WithoutCancel(l.ctx), ps...)
}

func (l *CatalogLoad) pragmas(ctx context.Context, ps ...string) error {
	for _, p := range ps {
		if _, err := l.conn.ExecContext(ctx, "PRAGMA "+p); err != nil {
			return l.s.wrapErr(err, "set PRAGMA "+p)
		}
	}
	return nil
}

var sqliteTemp = []string{
	"CREATE TEMP TABLE imp_kept (id INTEGER PRIMARY KEY)",
	"CREATE TEMP TABLE imp_rekeyed (kind INTEGER NOT NULL, ref INTEGER NOT NULL, PRIMARY KEY (kind, ref)) WITHOUT ROWID",
	"CREATE TEMP TABLE imp_ratings (id INTEGER PRIMARY KEY, rating REAL, votes INTEGER NOT NULL)",
}

func (l *CatalogLoad) sqliteSetup() error {
	for _, q := range sqliteTemp {
		if err := l.exec("create staging table", q); err != nil {
			return err
		}
	}
	upsert := func(key string, cols []string) string {
		var b strings.Builder
		fmt.Fprintf(&b, " ON CONFLICT(%s) DO UPDATE SET ", key)
		for i, c := range cols[1:] {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s = excluded.%s", c, c)
		}
		return b.String()
	}
	insert := func(verb, table string, cols []string) string {
		return fmt.Sprintf("%s INTO %s (%s) VALUES ", verb, table, strings.Join(cols, ", "))
	}
	add := func(name, prefix, suffix string, ncols int) {
		l.sinks[name] = &sqliteSink{l: l, what: "write " + name, prefix: prefix, suffix: suffix,
			ncols: ncols, batch: min(256, 32000/ncols)}
	}
	add("films", insert("INSERT", "films", filmCols), upsert("id", filmCols), len(filmCols))
	add("kept", "INSERT OR IGNORE INTO imp_kept (id) VALUES ", "", 1)
	add("ratings", "INSERT OR REPLACE INTO imp_ratings (id, rating, votes) VALUES ", "", 3)
	add("titles", insert("INSERT OR REPLACE", "film_titles", titleCols), "", len(titleCols))
	add("credits", insert("INSERT OR REPLACE", "credits", creditCols), "", len(creditCols))
	add("crew", `INSERT OR IGNORE INTO credits (film_id, ordering, person_id, category)
		SELECT column1, column2, column3, column4 FROM (VALUES `, `) v WHERE NOT EXISTS (
		SELECT 1 FROM credits c WHERE c.film_id = v.column1 AND c.person_id = v.column3
		AND c.category = v.column4 AND c.ordering < 1000)`, 4)
	add("people", insert("INSERT", "people", peopleCols), upsert("id", peopleCols), len(peopleCols))
	add("keys", "INSERT OR IGNORE INTO imp_rekeyed (kind, ref) VALUES ", "", 2)
	add("sorted", "INSERT INTO search_keys (key, kind, ref, pop) VALUES ",
		" ON CONFLICT(key, kind, ref) DO UPDATE SET pop = excluded.pop", 4)
	// Runs go beside the database rather than in /tmp, which may be a small
	// RAM-backed file system; the database's directory was checked writable.
	l.keys = &keySorter{dir: filepath.Dir(l.s.dsn)}
	l.startWriter()
	return nil
}

// The catalog columns a load writes, in the order the Add methods pass them.
var (
	filmCols   = []string{"id", "type", "title", "original_title", "adult", "year", "end_year", "runtime", "genres", "rating", "votes"}
	titleCols  = []string{"film_id", "ordering", "title", "region", "language", "types", "attributes", "is_original"}
	creditCols = []string{"film_id", "ordering", "person_id", "category", "job", "characters"}
	crewCols   = []string{"film_id", "ordering", "person_id", "category"}
	peopleCols = []string{"id", "name", "birth_year", "death_year", "professions", "known_for", "popularity"}
)

func (l *CatalogLoad) sqliteDropTemp() error {
	for _, t := range []string{"imp_kept", "imp_rekeyed", "imp_ratings"} {
		if err := l.exec("drop staging table", "DROP TABLE temp."+t); err != nil {
			return err
		}
	}
	return nil
}

// sqliteSink writes rows with one prepared multi-row INSERT per batch: SQLite
// parses and plans the statement once, and the per-statement overhead of the
// driver is paid once for hundreds of rows.
type sqliteSink struct {
	l              *CatalogLoad
	what           string
	prefix, suffix string
	ncols, batch   int
	args           []any
	full           *sql.Stmt
}

func (k *sqliteSink) add(row ...any) error {
	k.args = append(k.args, row...)
	if len(k.args) >= k.ncols*k.batch {
		return k.flush()
	}
	return nil
}

// flush hands the buffered rows to the load's writer goroutine; the sink
// starts a fresh buffer, since the writer still reads the old one.
func (k *sqliteSink) flush() error {
	n := len(k.args) / k.ncols
	if n == 0 {
		return nil
	}
	args := k.args
	k.args = make([]any, 0, k.ncols*k.batch)
	return k.l.submit(func() error {
		var err error
		if n == k.batch {
			if k.full == nil {
				k.full, err = k.l.conn.PrepareContext(k.l.ctx, k.statement(n))
				if err != nil {
					return k.l.s.wrapErr(err, k.what)
				}
			}
			_, err = k.full.ExecContext(k.l.ctx, args...)
		} else {
			_, err = k.l.conn.ExecContext(k.l.ctx, k.statement(n), args...)
		}
		return k.l.s.wrapErr(err, k.what)
	})
}

func (k *sqliteSink) statement(rows int) string {
	tuple := "(" + strings.Repeat("?,", k.ncols-1) + "?)"
	var b strings.Builder
	b.Grow(len(k.prefix) + len(k.suffix) + rows*(len(tuple)+1))
	b.WriteString(k.prefix)
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(tuple)
	}
	b.WriteString(k.suffix)
	return b.String()
}

func (k *sqliteSink) close() {
	if k.full != nil {
		k.full.Close()
		k.full = nil
	}
}
