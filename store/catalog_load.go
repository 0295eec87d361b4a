package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"reel"
)

// CatalogLoad is one bulk import into the catalog. Every write goes through one
// connection and one transaction, so an import that fails, is cancelled or is
// killed leaves the catalog exactly as it was: SQLite discards the unfinished
// transaction on the next open, PostgreSQL when the connection drops.
//
// Rows are upserted by IMDb id. The alternate titles and credits of the films
// kept by this import are replaced, not merged, when the import carries the
// matching file (ClearAltTitles, ClearCredits), so re-importing a newer dump
// leaves no stale rows. Search keys are staged and merged in Finish: the old
// keys of every film and person the import re-keyed are dropped first.
//
// On SQLite rows go straight into the catalog tables through prepared
// multi-row INSERTs; on PostgreSQL they are COPYed into temporary staging
// tables and merged with INSERT ... ON CONFLICT at each Flush. Search keys are
// sorted in Go on both (keySorter) and written in key order.
//
// A CatalogLoad is not safe for concurrent use. The callbacks of the reading
// methods must not call the load's writing methods.
type CatalogLoad struct {
	s     *Store
	ctx   context.Context
	conn  *sql.Conn
	fresh bool
	open  bool

	// droppedIndexes holds the definitions of the secondary indexes dropped
	// for a load into an empty catalog, recreated by Finish.
	droppedIndexes []string
	saved          map[string]string // SQLite session settings to restore

	sinks   map[string]sink
	keys    *keySorter      // search keys, sorted in Go before insertion
	pending map[string]bool // PostgreSQL: staged tables to merge at the next Flush

	// On SQLite, batches are executed by a goroutine of their own, so that
	// parsing the next rows overlaps with SQLite inserting the last ones: the
	// import then uses both cores. Every other use of conn waits for it.
	jobs    chan func() error
	jobsWG  sync.WaitGroup
	jobsMu  sync.Mutex
	jobsErr error
}

// FilmRow is a films row in stored form. Zero Year, EndYear and Runtime are
// stored as NULL, and Rating when HasRating is false.
type FilmRow struct {
	ID            int64
	Type          string
	Title         string
	OriginalTitle string
	Adult         bool
	Year          int
	EndYear       int
	Runtime       int
	Genres        string // comma-separated, as IMDb writes them
	Rating        float64
	HasRating     bool
	Votes         int64
}

// AltTitleRow is a film_titles row.
type AltTitleRow struct {
	FilmID     int64
	Ordering   int
	Title      string
	Region     string
	Language   string
	Types      string
	Attributes string
	IsOriginal bool
}

// CreditRow is a credits row; Characters is the JSON array as the dump has it.
type CreditRow struct {
	FilmID     int64
	Ordering   int
	PersonID   int64
	Category   string
	Job        string
	Characters string
}

// PersonRow is a people row.
type PersonRow struct {
	ID          int64
	Name        string
	BirthYear   int
	DeathYear   int
	Professions string // comma-separated
	KnownFor    string // comma-separated tconsts
	Popularity  int64
}

// Search key kinds, as stored in search_keys.kind.
const (
	KeyFilm   = 1
	KeyPerson = 2
)

// sink buffers rows for one table and writes them in bulk.
type sink interface {
	add(row ...any) error
	flush() error
	close()
}

// The sinks of a load, in the order Flush writes them: films before the rows
// that reference them, principals before the crew credits checked against them.
var sinkOrder = []string{"films", "kept", "ratings", "titles", "credits", "crew", "people", "keys"}

// BeginCatalogLoad takes a connection, starts the import's transaction and
// prepares its staging tables.
func (s *Store) BeginCatalogLoad(ctx context.Context) (*CatalogLoad, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.wrapErr(err, "connect for import")
	}
	l := &CatalogLoad{s: s, ctx: ctx, conn: conn, sinks: map[string]sink{}, pending: map[string]bool{}}
	if err := l.begin(); err != nil {
		l.Rollback()
		return nil, err
	}
	return l, nil
}

func (l *CatalogLoad) begin() error {
	if l.s.dialect == SQLite {
		if err := l.sqliteSession(true); err != nil {
			return err
		}
	}
	begin := "BEGIN"
	if l.s.dialect == SQLite {
		begin = "BEGIN IMMEDIATE" // take the write lock now, not halfway through
	}
	if _, err := l.conn.ExecContext(l.ctx, begin); err != nil {
		return l.s.wrapErr(err, "begin import")
	}
	l.open = true
	err := l.conn.QueryRowContext(l.ctx, `SELECT
		NOT EXISTS (SELECT 1 FROM films) AND NOT EXISTS (SELECT 1 FROM people)`).Scan(&l.fresh)
	if err != nil {
		return l.s.wrapErr(err, "inspect catalog")
	}
	if l.s.dialect == SQLite {
		err = l.sqliteSetup()
	} else {
		err = l.postgresSetup()
	}
	if err != nil {
		return err
	}
	if l.fresh {
		return l.dropIndexes()
	}
	return nil
}

// Fresh reports whether the catalog was empty when the load began.
func (l *CatalogLoad) Fresh() bool { return l.fresh }

// startWriter starts the goroutine that executes submitted batches in order.
func (l *CatalogLoad) startWriter() {
	jobs := make(chan func() error, 2)
	l.jobs = jobs
	go func() {
		for job := range jobs {
			if l.failed() == nil {
				if err := job(); err != nil {
					l.jobsMu.Lock()
					l.jobsErr = err
					l.jobsMu.Unlock()
				}
			}
			l.jobsWG.Done()
		}
	}()
}

func (l *CatalogLoad) failed() error {
	l.jobsMu.Lock()
	defer l.jobsMu.Unlock()
	return l.jobsErr
}

// submit queues a batch for the writer, or runs it now when there is none.
func (l *CatalogLoad) submit(job func() error) error {
	if l.jobs == nil {
		return job()
	}
	if err := l.failed(); err != nil {
		return err
	}
	l.jobsWG.Add(1)
	l.jobs <- job
	return nil
}

// wait blocks until every submitted batch has run and reports the first
// failure.
func (l *CatalogLoad) wait() error {
	if l.jobs == nil {
		return nil
	}
	l.jobsWG.Wait()
	return l.failed()
}

func (l *CatalogLoad) stopWriter() {
	if l.jobs != nil {
		l.jobsWG.Wait()
		close(l.jobs)
		l.jobs = nil
	}
}

func (l *CatalogLoad) exec(what, query string, args ...any) error {
	if err := l.wait(); err != nil {
		return err
	}
	_, err := l.conn.ExecContext(l.ctx, l.s.rebind(query), args...)
	return l.s.wrapErr(err, what)
}

func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return int64(v)
}

func intOfBool(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// AddFilm upserts a film and marks it as kept by this import.
func (l *CatalogLoad) AddFilm(f FilmRow) error {
	var rating any
	if f.HasRating {
		rating = f.Rating
	}
	err := l.sinks["films"].add(f.ID, f.Type, f.Title, f.OriginalTitle, intOfBool(f.Adult),
		nullInt(f.Year), nullInt(f.EndYear), nullInt(f.Runtime), f.Genres, rating, f.Votes)
	if err == nil && l.s.dialect == SQLite && !l.fresh {
		err = l.sinks["kept"].add(f.ID)
	}
	return err
}

// KeepCatalogFilms marks every film already in the catalog as kept, for an
// import without title.basics, and reports each with its votes.
func (l *CatalogLoad) KeepCatalogFilms(fn func(id, votes int64)) error {
	if err := l.Flush(); err != nil {
		return err
	}
	if err := l.exec("mark catalog films", "INSERT INTO imp_kept (id) SELECT id FROM films"); err != nil {
		return err
	}
	return l.readPages("read catalog films", "SELECT id, votes FROM films WHERE id > ? ORDER BY id LIMIT 50000",
		func(r *sql.Rows) (int64, func(), error) {
			var id, votes int64
			err := r.Scan(&id, &votes)
			return id, func() { fn(id, votes) }, err
		})
}

// CatalogRatings reports the rating and votes of every rated film in the
// catalog, so an import without title.ratings keeps them.
func (l *CatalogLoad) CatalogRatings(fn func(id, votes int64, rating float64)) error {
	return l.readPages("read catalog ratings", `SELECT id, votes, COALESCE(rating, 0) FROM films
		WHERE id > ? AND (votes > 0 OR rating IS NOT NULL) ORDER BY id LIMIT 50000`,
		func(r *sql.Rows) (int64, func(), error) {
			var id, votes int64
			var rating float64
			err := r.Scan(&id, &votes, &rating)
			return id, func() { fn(id, votes, rating) }, err
		})
}

// UpdateRating sets the rating and votes of a film already in the catalog,
// for an import of title.ratings without title.basics. Films not in the
// catalog are ignored.
func (l *CatalogLoad) UpdateRating(id int64, rating float64, votes int64) error {
	return l.sinks["ratings"].add(id, rating, votes)
}

// ClearAltTitles deletes the alternate titles of the films kept by this
// import; call it after the films, before AddAltTitle.
func (l *CatalogLoad) ClearAltTitles() error {
	if l.fresh {
		return nil
	}
	if err := l.Flush(); err != nil {
		return err
	}
	return l.exec("clear alternate titles", "DELETE FROM film_titles WHERE film_id IN (SELECT id FROM imp_kept)")
}

// AddAltTitle inserts an alternate title; a later row with the same film and
// ordering replaces an earlier one.
func (l *CatalogLoad) AddAltTitle(t AltTitleRow) error {
	return l.sinks["titles"].add(t.FilmID, int64(t.Ordering), t.Title, t.Region, t.Language, t.Types, t.Attributes, intOfBool(t.IsOriginal))
}

// CrewOrdering is the first ordering of credits from title.crew: they sort
// after every principal.
const CrewOrdering = 1000

// ClearCredits deletes the principal credits (crew false) or the crew credits
// (crew true) of the films kept by this import.
func (l *CatalogLoad) ClearCredits(crew bool) error {
	if l.fresh {
		return nil
	}
	if err := l.Flush(); err != nil {
		return err
	}
	op := "<"
	if crew {
		op = ">="
	}
	return l.exec("clear credits", fmt.Sprintf(
		"DELETE FROM credits WHERE film_id IN (SELECT id FROM imp_kept) AND ordering %s %d", op, CrewOrdering))
}

// AddCredit inserts a principal credit; a later row with the same film and
// ordering replaces an earlier one.
func (l *CatalogLoad) AddCredit(c CreditRow) error {
	return l.sinks["credits"].add(c.FilmID, int64(c.Ordering), c.PersonID, c.Category, c.Job, c.Characters)
}

// AddCrewCredit inserts a director or writer credit from title.crew unless the
// film's principals already credit that person in that category. Ordering
// must be CrewOrdering or more; add crew after the principals are flushed.
func (l *CatalogLoad) AddCrewCredit(c CreditRow) error {
	return l.sinks["crew"].add(c.FilmID, int64(c.Ordering), c.PersonID, c.Category)
}

// CreditedPeople reports every person credited in the catalog with the
// highest vote count among their films, for an import of name.basics without
// the credit files.
func (l *CatalogLoad) CreditedPeople(fn func(person, maxVotes int64)) error {
	return l.readPages("read credited people", `SELECT c.person_id, MAX(f.votes) FROM credits c
		JOIN films f ON f.id = c.film_id WHERE c.person_id > ?
		GROUP BY c.person_id ORDER BY c.person_id LIMIT 50000`,
		func(r *sql.Rows) (int64, func(), error) {
			var id, votes int64
			err := r.Scan(&id, &votes)
			return id, func() { fn(id, votes) }, err
		})
}

// AddPerson upserts a person.
func (l *CatalogLoad) AddPerson(p PersonRow) error {
	return l.sinks["people"].add(p.ID, p.Name, nullInt(p.BirthYear), nullInt(p.DeathYear), p.Professions, p.KnownFor, p.Popularity)
}

// AddSearchKey stages a search key. Finish replaces the keys of every film and
// person that received at least one, so stage all of an entity's keys.
func (l *CatalogLoad) AddSearchKey(key string, kind int, ref, pop int64) error {
	if !l.fresh {
		// Remember who is re-keyed, to drop their old keys in Finish.
		if err := l.sinks["keys"].add(int64(kind), ref); err != nil {
			return err
		}
	}
	return l.keys.add(keyRec{key: key, kind: int64(kind), ref: ref, pop: pop})
}

// KeptFilmTitles reports the title and original title of every kept film, to
// rebuild search keys when the import has title.akas but not title.basics.
func (l *CatalogLoad) KeptFilmTitles(fn func(id int64, title, original string, votes int64)) error {
	return l.readPages("read kept films", `SELECT f.id, f.title, f.original_title, f.votes FROM films f
		JOIN imp_kept k ON k.id = f.id WHERE f.id > ? ORDER BY f.id LIMIT 20000`,
		func(r *sql.Rows) (int64, func(), error) {
			var id, votes int64
			var title, orig string
			err := r.Scan(&id, &title, &orig, &votes)
			return id, func() { fn(id, title, orig, votes) }, err
		})
}

// KeptAltTitles reports the alternate titles of every kept film, to rebuild
// search keys when the import has title.basics but not title.akas.
func (l *CatalogLoad) KeptAltTitles(fn func(id int64, title string, votes int64)) error {
	// Page over the kept films, not the titles: a page of films without
	// alternate titles must not end the loop.
	return l.readPages("read alternate titles", `SELECT k.id, t.title, f.votes FROM imp_kept k
		JOIN films f ON f.id = k.id LEFT JOIN film_titles t ON t.film_id = k.id
		WHERE k.id IN (SELECT id FROM imp_kept WHERE id > ? ORDER BY id LIMIT 5000)`,
		func(r *sql.Rows) (int64, func(), error) {
			var id, votes int64
			var title sql.NullString
			err := r.Scan(&id, &title, &votes)
			if !title.Valid {
				return id, func() {}, err
			}
			return id, func() { fn(id, title.String, votes) }, err
		})
}

// readPages pages through a query whose one argument is the last key seen
// and whose rows carry their key first. A page is read to its end before its
// callbacks run, since PostgreSQL cannot interleave a result with other
// statements on one connection.
func (l *CatalogLoad) readPages(what, query string, scan func(*sql.Rows) (int64, func(), error)) error {
	if err := l.Flush(); err != nil {
		return err
	}
	last := int64(-1)
	for {
		rows, err := l.conn.QueryContext(l.ctx, l.s.rebind(query), last)
		if err != nil {
			return l.s.wrapErr(err, what)
		}
		var calls []func()
		next := last
		for rows.Next() {
			id, call, err := scan(rows)
			if err != nil {
				rows.Close()
				return l.s.wrapErr(err, what)
			}
			next = max(next, id)
			calls = append(calls, call)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return l.s.wrapErr(err, what)
		}
		if len(calls) == 0 {
			return nil
		}
		for _, c := range calls {
			c()
		}
		last = next
	}
}

// Flush writes every buffered row (and on PostgreSQL merges the staged rows
// into the catalog).
func (l *CatalogLoad) Flush() error {
	for _, name := range sinkOrder {
		if err := l.sinks[name].flush(); err != nil {
			return err
		}
		if l.s.dialect == Postgres {
			if err := l.mergeStaged(name); err != nil {
				return err
			}
		}
	}
	return l.wait()
}

// Finish completes the load: it applies staged ratings, replaces the search
// keys of re-keyed films and people, refreshes popularity where asked and
// rebuilds dropped indexes. filmPop recomputes the pop of film keys from the
// films' votes (ratings changed without title.basics); peoplePop recomputes
// every person's popularity from their credits (credits or votes changed
// without name.basics).
func (l *CatalogLoad) Finish(filmPop, peoplePop bool) error {
	if err := l.Flush(); err != nil {
		return err
	}
	if err := l.applyRatings(); err != nil {
		return err
	}
	if err := l.mergeKeys(); err != nil {
		return err
	}
	if filmPop {
		err := l.exec("refresh film popularity", `UPDATE search_keys SET pop = (SELECT f.votes FROM films f WHERE f.id = search_keys.ref)
			WHERE kind = 1 AND ref IN (SELECT id FROM imp_kept)`)
		if err != nil {
			return err
		}
	}
	if peoplePop {
		err := l.exec("refresh people popularity", `UPDATE people SET popularity = COALESCE((SELECT MAX(f.votes)
			FROM credits c JOIN films f ON f.id = c.film_id WHERE c.person_id = people.id), 0)`)
		if err == nil {
			err = l.exec("refresh people popularity", `UPDATE search_keys SET pop = COALESCE((SELECT p.popularity
				FROM people p WHERE p.id = search_keys.ref), 0) WHERE kind = 2`)
		}
		if err != nil {
			return err
		}
	}
	return l.restoreIndexes()
}

func (l *CatalogLoad) applyRatings() error {
	from := "imp_ratings"
	if l.s.dialect == Postgres {
		from = "(SELECT DISTINCT ON (id) id, rating, votes FROM imp_ratings ORDER BY id, seq DESC)"
	}
	return l.exec("apply ratings", `UPDATE films SET rating = r.rating, votes = r.votes
		FROM `+from+` r WHERE films.id = r.id`)
}

// mergeKeys replaces the keys of every entity with staged keys, inserting
// them in key order so that the B-tree only ever appends.
func (l *CatalogLoad) mergeKeys() error {
	if !l.fresh {
		for kind := KeyFilm; kind <= KeyPerson; kind++ {
			err := l.exec("replace search keys", fmt.Sprintf(`DELETE FROM search_keys WHERE kind = %d
				AND ref IN (SELECT ref FROM imp_rekeyed WHERE kind = %d)`, kind, kind))
			if err != nil {
				return err
			}
		}
	}
	// Every key of a re-keyed entity is gone and the sorter folded duplicates,
	// so the stream cannot collide with a stored key.
	out := l.sinks["sorted"]
	err := l.keys.each(func(r keyRec) error { return out.add(r.key, r.kind, r.ref, r.pop) })
	if err == nil {
		err = out.flush()
	}
	return l.s.wrapErr(err, "write search keys")
}

// catalogTables are the tables whose secondary indexes a load into an empty
// catalog drops and rebuilds: one sort at the end beats millions of random
// index inserts.
var catalogTables = []string{"films", "film_titles", "people", "credits", "search_keys"}

func (l *CatalogLoad) dropIndexes() error {
	var query string
	if l.s.dialect == SQLite {
		query = `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
			AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('` + strings.Join(catalogTables, "','") + `')`
	} else {
		query = `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()
			AND i.indexdef NOT LIKE 'CREATE UNIQUE%' AND i.tablename IN ('` + strings.Join(catalogTables, "','") + `')
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`
	}
	rows, err := l.conn.QueryContext(l.ctx, query)
	if err != nil {
		return l.s.wrapErr(err, "list indexes")
	}
	var names []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return l.s.wrapErr(err, "list indexes")
		}
		names = append(names, name)
		l.droppedIndexes = append(l.droppedIndexes, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return l.s.wrapErr(err, "list indexes")
	}
	for _, n := range names {
		if err := l.exec("drop index", "DROP INDEX "+n); err != nil {
			return err
		}
	}
	return nil
}

func (l *CatalogLoad) restoreIndexes() error {
	for _, def := range l.droppedIndexes {
		if err := l.exec("rebuild index", def); err != nil {
			return err
		}
	}
	l.droppedIndexes = nil
	return nil
}

// Commit makes the import visible. The temporary tables go with it.
func (l *CatalogLoad) Commit() error {
	if !l.open {
		return reel.Errorf(reel.Internal, "import: commit without an open transaction")
	}
	if l.s.dialect == SQLite {
		if err := l.sqliteDropTemp(); err != nil {
			l.Rollback()
			return err
		}
	}
	if err := l.wait(); err != nil {
		l.Rollback()
		return err
	}
	l.closeSinks()
	_, err := l.conn.ExecContext(l.ctx, "COMMIT")
	if err != nil {
		l.Rollback()
		return l.s.wrapErr(err, "commit import")
	}
	l.open = false
	l.release()
	return nil
}

// Rollback abandons the load, leaving the catalog as it was. It is safe to
// call after Commit and more than once; it runs even when the load's context
// is cancelled.
func (l *CatalogLoad) Rollback() error {
	if l.conn == nil {
		return nil
	}
	l.stopWriter()
	l.closeSinks()
	var err error
	if l.open {
		ctx := context.WithoutCancel(l.ctx)
		_, err = l.conn.ExecContext(ctx, "ROLLBACK")
		l.open = false
	}
	l.release()
	if err != nil && !errors.Is(err, sql.ErrConnDone) {
		return l.s.wrapErr(err, "roll back import")
	}
	return nil
}

func (l *CatalogLoad) closeSinks() {
	for _, s := range l.sinks {
		s.close()
	}
	l.keys.close()
}

// release returns the connection to the pool, with the import's session
// settings undone.
func (l *CatalogLoad) release() {
	l.stopWriter()
	if l.s.dialect == SQLite {
		l.sqliteSession(false)
	}
	l.conn.Close()
	l.conn = nil
}
