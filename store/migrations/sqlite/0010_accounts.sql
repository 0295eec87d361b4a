-- Accounts (SQLite). Keep in step with postgres/0010_accounts.sql.
-- Times are Unix milliseconds (UTC) on both engines, so ordering and cursors
-- compare integers identically everywhere. AUTOINCREMENT makes ids never
-- reused, as PostgreSQL identities are not.
CREATE TABLE users (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	name           TEXT    NOT NULL UNIQUE,            -- lowercase handle
	role           TEXT    NOT NULL CHECK (role IN ('admin', 'critic', 'member')),
	password_hash  TEXT    NOT NULL,                   -- argon2id, PHC string
	display_name   TEXT    NOT NULL DEFAULT '',
	publication    TEXT    NOT NULL DEFAULT '',
	bio            TEXT    NOT NULL DEFAULT '',
	weight         INTEGER NOT NULL DEFAULT 100 CHECK (weight BETWEEN 0 AND 1000), -- hundredths
	top_critic     INTEGER NOT NULL DEFAULT 0,
	keep_watchlist INTEGER NOT NULL DEFAULT 0,         -- logging a film keeps it on the watchlist
	created_at     INTEGER NOT NULL
);

-- API tokens: only the SHA-256 of the token is kept; revoked tokens stay for
-- the audit trail.
CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name         TEXT    NOT NULL DEFAULT '',
	hash         TEXT    NOT NULL UNIQUE,
	created_at   INTEGER NOT NULL,
	last_used_at INTEGER,
	revoked_at   INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Website sessions, keyed by the SHA-256 of the cookie value.
CREATE TABLE sessions (
	hash       TEXT    PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
