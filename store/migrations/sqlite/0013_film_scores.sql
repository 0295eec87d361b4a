-- Per-film scores (SQLite). Keep in step with postgres/0013_film_scores.sql.
-- One row per film and audience ('critics', 'members', 'top_critics'), holding
-- only integer sums so that applying deltas on every review write and
-- rebuilding from the reviews give the same row bit for bit. Values are tenths
-- of the 0–100 scale, weights hundredths; h0..h10 count half stars. A row
-- whose count reaches 0 is deleted.
CREATE TABLE film_scores (
	film_id      INTEGER NOT NULL,
	audience     TEXT    NOT NULL CHECK (audience IN ('critics', 'members', 'top_critics')),
	n            INTEGER NOT NULL,
	value_sum    INTEGER NOT NULL,
	positive     INTEGER NOT NULL,
	weight_sum   INTEGER NOT NULL,
	weighted_sum INTEGER NOT NULL,
	h0 INTEGER NOT NULL, h1 INTEGER NOT NULL, h2 INTEGER NOT NULL, h3 INTEGER NOT NULL,
	h4 INTEGER NOT NULL, h5 INTEGER NOT NULL, h6 INTEGER NOT NULL, h7 INTEGER NOT NULL,
	h8 INTEGER NOT NULL, h9 INTEGER NOT NULL, h10 INTEGER NOT NULL,
	PRIMARY KEY (film_id, audience)
) WITHOUT ROWID;
