-- Letterboxd import bookkeeping (PostgreSQL). Keep in step with sqlite/0020_letterboxd.sql.
-- One row per imported export row: key is the row's Letterboxd link, or
-- kind + film + date when the export has none. A re-import skips keys already
-- here, so importing the same or a newer export adds nothing twice.
CREATE TABLE letterboxd_imports (
	user_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	key       TEXT   COLLATE "C" NOT NULL,
	kind      TEXT   NOT NULL,
	target_id BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, key)
);

-- Films a user marked as seen without a diary date or a review
-- (Letterboxd's watched.csv rows that nothing else covers).
CREATE TABLE watched_films (
	user_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	film_id   BIGINT NOT NULL,
	marked_at BIGINT NOT NULL,
	PRIMARY KEY (user_id, film_id)
);
