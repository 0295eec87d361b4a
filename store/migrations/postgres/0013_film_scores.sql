-- Per-film scores (PostgreSQL). Keep in step with sqlite/0013_film_scores.sql.
-- One row per film and audience ('critics', 'members', 'top_critics'), holding
-- only integer sums so that applying deltas on every review write and
-- rebuilding from the reviews give the same row bit for bit. Values are tenths
-- of the 0–100 scale, weights hundredths; h0..h10 count half stars. A row
-- whose count reaches 0 is deleted.
CREATE TABLE film_scores (
	film_id      BIGINT NOT NULL,
	audience     TEXT   NOT NULL CHECK (audience IN ('critics', 'members', 'top_critics')),
	n            BIGINT NOT NULL,
	value_sum    BIGINT NOT NULL,
	positive     BIGINT NOT NULL,
	weight_sum   BIGINT NOT NULL,
	weighted_sum BIGINT NOT NULL,
	h0 BIGINT NOT NULL, h1 BIGINT NOT NULL, h2 BIGINT NOT NULL, h3 BIGINT NOT NULL,
	h4 BIGINT NOT NULL, h5 BIGINT NOT NULL, h6 BIGINT NOT NULL, h7 BIGINT NOT NULL,
	h8 BIGINT NOT NULL, h9 BIGINT NOT NULL, h10 BIGINT NOT NULL,
	PRIMARY KEY (film_id, audience)
);
