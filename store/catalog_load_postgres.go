package store

import (
	"fmt"
	"os"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// The staging tables of a PostgreSQL load. seq numbers rows in arrival order so
// that, as on SQLite, the last of duplicate rows wins (the first, for crew).
// They are dropped with the transaction, committed or not.
var postgresTemp = []string{
	"CREATE TEMP TABLE imp_kept (id BIGINT PRIMARY KEY) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_rekeyed (kind INTEGER NOT NULL, ref BIGINT NOT NULL) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_ratings (id BIGINT NOT NULL, rating DOUBLE PRECISION, votes BIGINT NOT NULL, seq BIGSERIAL) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_films (LIKE films, seq BIGSERIAL) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_titles (LIKE film_titles, seq BIGSERIAL) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_credits (LIKE credits, seq BIGSERIAL) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_crew (film_id BIGINT NOT NULL, ordering INTEGER NOT NULL, person_id BIGINT NOT NULL, category TEXT NOT NULL, seq BIGSERIAL) ON COMMIT DROP",
	"CREATE TEMP TABLE imp_people (LIKE people, seq BIGSERIAL) ON COMMIT DROP",
}

// copyBatch is the number of rows sent in one COPY.
const copyBatch = 10000

func (l *CatalogLoad) postgresSetup() error {
	for _, q := range postgresTemp {
		if err := l.exec("create staging table", q); err != nil {
			return err
		}
	}
	add := func(name, table string, cols []string) {
		l.sinks[name] = &copySink{l: l, name: name, table: table, cols: cols}
	}
	add("films", "imp_films", filmCols)
	add("kept", "imp_kept", []string{"id"}) // unused: kept ids come from imp_films
	add("ratings", "imp_ratings", []string{"id", "rating", "votes"})
	add("titles", "imp_titles", titleCols)
	add("credits", "imp_credits", creditCols)
	add("crew", "imp_crew", crewCols)
	add("people", "imp_people", peopleCols)
	add("keys", "imp_rekeyed", []string{"kind", "ref"})
	// Sorted keys are COPYed straight into search_keys, in key order.
	add("sorted", "search_keys", []string{"key", "kind", "ref", "pop"})
	l.keys = &keySorter{dir: os.TempDir()}
	// Sorts for the merges and index builds run in the server's memory.
	if err := l.exec("size sort memory", "SET LOCAL work_mem = '64MB'"); err != nil {
		return err
	}
	return l.exec("size sort memory", "SET LOCAL maintenance_work_mem = '256MB'")
}

// copySink sends rows to a staging table with COPY, through the pgx
// connection under database/sql.
type copySink struct {
	l     *CatalogLoad
	name  string
	table string
	cols  []string
	rows  [][]any
}

func (k *copySink) add(row ...any) error {
	k.rows = append(k.rows, row)
	if len(k.rows) >= copyBatch {
		return k.flush()
	}
	return nil
}

func (k *copySink) flush() error {
	if len(k.rows) == 0 {
		return nil
	}
	err := k.l.conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		_, err := c.CopyFrom(k.l.ctx, pgx.Identifier{k.table}, k.cols, pgx.CopyFromRows(k.rows))
		return err
	})
	clear(k.rows)
	k.rows = k.rows[:0]
	k.l.pending[k.name] = true
	return k.l.s.wrapErr(err, "copy "+k.name)
}

func (k *copySink) close() {}

// upsertSet is the SET list of an upsert that overwrites every column but the
// key columns.
func upsertSet(cols []string, keys int) string {
	var b strings.Builder
	for i, c := range cols[keys:] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s = excluded.%s", c, c)
	}
	return b.String()
}

// mergeStaged moves the staged rows of one sink into the catalog.
func (l *CatalogLoad) mergeStaged(name string) error {
	if !l.pending[name] {
		return nil
	}
	delete(l.pending, name)
	upsert := func(table, stage string, cols []string, keys int) []string {
		list := strings.Join(cols, ", ")
		key := strings.Join(cols[:keys], ", ")
		return []string{
			fmt.Sprintf(`INSERT INTO %s (%s) SELECT DISTINCT ON (%s) %s FROM %s ORDER BY %s, seq DESC
				ON CONFLICT (%s) DO UPDATE SET %s`, table, list, key, list, stage, key, key, upsertSet(cols, keys)),
		}
	}
	var qs []string
	switch name {
	case "films":
		qs = upsert("films", "imp_films", filmCols, 1)
		qs = append(qs, "INSERT INTO imp_kept (id) SELECT DISTINCT id FROM imp_films ON CONFLICT DO NOTHING")
	case "titles":
		qs = upsert("film_titles", "imp_titles", titleCols, 2)
	case "credits":
		qs = upsert("credits", "imp_credits", creditCols, 2)
	case "crew":
		qs = []string{fmt.Sprintf(`INSERT INTO credits (film_id, ordering, person_id, category)
			SELECT DISTINCT ON (film_id, ordering) film_id, ordering, person_id, category FROM imp_crew v
			WHERE NOT EXISTS (SELECT 1 FROM credits c WHERE c.film_id = v.film_id AND c.person_id = v.person_id
				AND c.category = v.category AND c.ordering < %d)
			ORDER BY film_id, ordering, seq ON CONFLICT DO NOTHING`, CrewOrdering)}
	case "people":
		qs = upsert("people", "imp_people", peopleCols, 1)
	default:
		return nil // ratings and keys are applied by Finish
	}
	qs = append(qs, "TRUNCATE imp_"+strings.TrimPrefix(stageName(name), "imp_"))
	for _, q := range qs {
		if err := l.exec("merge "+name, q); err != nil {
			return err
		}
	}
	return nil
}

func stageName(sink string) string {
	return "imp_" + sink
}
