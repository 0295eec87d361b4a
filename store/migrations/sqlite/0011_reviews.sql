-- Reviews (SQLite). Keep in step with postgres/0011_reviews.sql.
-- film_id has no foreign key: catalog re-imports may drop and restore titles,
-- and a review must survive that; the store checks the film exists on write.
CREATE TABLE reviews (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id          INTEGER NOT NULL REFERENCES users(id),
	film_id          INTEGER NOT NULL,
	body             TEXT    NOT NULL DEFAULT '',      -- as written (Markdown) or imported (HTML)
	format           TEXT    NOT NULL DEFAULT 'markdown' CHECK (format IN ('markdown', 'html')),
	body_html        TEXT    NOT NULL DEFAULT '',      -- rendered and sanitised at write time
	grade_text       TEXT    NOT NULL DEFAULT '',
	grade_scale      TEXT    NOT NULL DEFAULT '',
	grade_value      INTEGER CHECK (grade_value BETWEEN 0 AND 1000), -- tenths of 0–100; NULL: ungraded
	grade_source     TEXT    NOT NULL DEFAULT '' CHECK (grade_source IN ('', 'given', 'converted', 'inferred')),
	verdict          TEXT    NOT NULL DEFAULT '' CHECK (verdict IN ('', 'positive', 'mixed', 'negative')), -- explicit only
	spoilers         INTEGER NOT NULL DEFAULT 0,
	watched_on       TEXT,                             -- YYYY-MM-DD
	rewatch          INTEGER NOT NULL DEFAULT 0,
	liked            INTEGER NOT NULL DEFAULT 0,
	visibility       TEXT    NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'unlisted', 'private')),
	source_url       TEXT    NOT NULL DEFAULT '',
	pull_quote       TEXT    NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
);
-- Listing orders are (created_at, id) descending; the (user, film) index also
-- finds the review that counts in a film's scores.
CREATE INDEX reviews_film   ON reviews (film_id, created_at, id);
CREATE INDEX reviews_user   ON reviews (user_id, created_at, id);
CREATE INDEX reviews_counts ON reviews (user_id, film_id, created_at, id);
CREATE INDEX reviews_latest ON reviews (visibility, created_at, id);

CREATE TABLE review_tags (
	review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
	tag       TEXT    NOT NULL,
	PRIMARY KEY (review_id, tag)
) WITHOUT ROWID;
CREATE INDEX review_tags_tag ON review_tags (tag, review_id);
