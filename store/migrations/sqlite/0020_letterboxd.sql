-- Letterboxd import bookkeeping (SQLite). Keep in step with postgres/0020_letterboxd.sql.
-- One row per imported export row: key is the row's Letterboxd link, or
-- kind + film + date when the export has none. A re-import skips keys already
-- here, so importing the same or a newer export adds nothing twice.
CREATE TABLE letterboxd_imports (
	user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	key       TEXT    NOT NULL,
	kind      TEXT    NOT NULL,
	target_id INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- Films a user marked as seen without a diary date or a review
-- (Letterboxd's watched.csv rows that nothing else covers).
CREATE TABLE watched_films (
	user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	film_id   INTEGER NOT NULL,
	marked_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, film_id)
) WITHOUT ROWID;
