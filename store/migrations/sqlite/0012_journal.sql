-- The journal (SQLite). Keep in step with postgres/0012_journal.sql.
-- Diary: one row per viewing; rewatches are more rows.
CREATE TABLE diary_entries (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	film_id     INTEGER NOT NULL,
	watched_on  TEXT    NOT NULL,                      -- YYYY-MM-DD
	rewatch     INTEGER NOT NULL DEFAULT 0,
	liked       INTEGER NOT NULL DEFAULT 0,
	grade_text  TEXT    NOT NULL DEFAULT '',
	grade_scale TEXT    NOT NULL DEFAULT '',
	grade_value INTEGER CHECK (grade_value BETWEEN 0 AND 1000), -- tenths of 0–100
	review_id   INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX diary_user ON diary_entries (user_id, watched_on, id);
CREATE INDEX diary_seen ON diary_entries (user_id, film_id);
CREATE INDEX diary_review ON diary_entries (review_id);

CREATE TABLE watchlist (
	user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	film_id  INTEGER NOT NULL,
	added_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, film_id)
) WITHOUT ROWID;
CREATE INDEX watchlist_added ON watchlist (user_id, added_at, film_id);

CREATE TABLE lists (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name        TEXT    NOT NULL,
	description TEXT    NOT NULL DEFAULT '',
	ranked      INTEGER NOT NULL DEFAULT 0,
	visibility  TEXT    NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'unlisted', 'private')),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX lists_user ON lists (user_id, created_at, id);

-- position is 1-based and dense; unranked lists keep it as the order added.
CREATE TABLE list_entries (
	list_id  INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
	film_id  INTEGER NOT NULL,
	position INTEGER NOT NULL,
	note     TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (list_id, film_id)
) WITHOUT ROWID;
CREATE INDEX list_entries_order ON list_entries (list_id, position);

-- Likes on films, reviews and lists. target_id has no foreign key (three
-- tables); deleting a review or list deletes its likes in the store.
CREATE TABLE likes (
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	kind       TEXT    NOT NULL CHECK (kind IN ('film', 'review', 'list')),
	target_id  INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, kind, target_id)
) WITHOUT ROWID;
CREATE INDEX likes_target ON likes (kind, target_id);

CREATE TABLE follows (
	follower_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	followee_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (follower_id, followee_id),
	CHECK (follower_id <> followee_id)
) WITHOUT ROWID;
CREATE INDEX follows_followee ON follows (followee_id, follower_id);
