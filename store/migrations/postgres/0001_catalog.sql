-- The film catalog (PostgreSQL). Keep in step with sqlite/0001_catalog.sql. Film and person ids are the numeric parts of IMDb's tconst
-- and nconst, so re-imports upsert by key without lookups.
CREATE TABLE films (
	id             BIGINT PRIMARY KEY,
	type           TEXT    NOT NULL,
	title          TEXT    NOT NULL,
	original_title TEXT    NOT NULL,
	adult          INTEGER NOT NULL DEFAULT 0,
	year           INTEGER,
	end_year       INTEGER,
	runtime        INTEGER,
	genres         TEXT    NOT NULL DEFAULT '',
	rating         DOUBLE PRECISION,
	votes          BIGINT NOT NULL DEFAULT 0
);

-- Alternate titles (title.akas). ordering is IMDb's.
CREATE TABLE film_titles (
	film_id     BIGINT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
	ordering    INTEGER NOT NULL,
	title       TEXT    NOT NULL,
	region      TEXT    NOT NULL DEFAULT '',
	language    TEXT    NOT NULL DEFAULT '',
	types       TEXT    NOT NULL DEFAULT '',
	attributes  TEXT    NOT NULL DEFAULT '',
	is_original INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (film_id, ordering)
);

CREATE TABLE people (
	id          BIGINT PRIMARY KEY,
	name        TEXT    NOT NULL,
	birth_year  INTEGER,
	death_year  INTEGER,
	professions TEXT    NOT NULL DEFAULT '',
	known_for   TEXT    NOT NULL DEFAULT '',
	-- popularity ranks people in search and disambiguation: the highest vote
	-- count among the kept films they are credited on.
	popularity  BIGINT NOT NULL DEFAULT 0
);

-- Credits from title.principals (ordering as IMDb bills them) and from
-- title.crew (directors and writers not among the principals, ordering >= 1000).
-- person_id has no foreign key: IMDb's dumps name a few people they omit.
CREATE TABLE credits (
	film_id    BIGINT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
	ordering   INTEGER NOT NULL,
	person_id  BIGINT NOT NULL,
	category   TEXT    NOT NULL,
	job        TEXT    NOT NULL DEFAULT '',
	characters TEXT    NOT NULL DEFAULT '', -- JSON array as in the dump, '' for none
	PRIMARY KEY (film_id, ordering)
);
CREATE INDEX credits_person ON credits (person_id);

-- search_keys holds, for every film title (primary, original, alternate) and
-- every person name, the match key of each word-suffix ("pedro almodovar",
-- "almodovar"), so a prefix range scan finds names by any of their words.
-- kind: 1 film, 2 person. pop copies the popularity used to rank.
CREATE TABLE search_keys (
	key  TEXT    COLLATE "C" NOT NULL,
	kind INTEGER NOT NULL,
	ref  BIGINT NOT NULL,
	pop  BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (key, kind, ref)
);
CREATE INDEX search_keys_ref ON search_keys (kind, ref);
