-- Offers: upserted by (source, id), never replaced wholesale. The stems
-- are computed once at import, so the server builds its search index
-- without tokenizing a million descriptions.
CREATE TABLE offers (
	key              INTEGER PRIMARY KEY,
	source           TEXT NOT NULL,
	id               TEXT NOT NULL,
	title            TEXT NOT NULL,
	company          TEXT NOT NULL,
	description      TEXT NOT NULL,
	contract         TEXT NOT NULL,
	city             TEXT NOT NULL,
	postcode         TEXT NOT NULL,
	lat              REAL,
	lon              REAL,
	remote_days      INTEGER NOT NULL,
	salary_min       INTEGER NOT NULL,
	salary_max       INTEGER NOT NULL,
	salary_unit      TEXT NOT NULL,
	experience_years INTEGER NOT NULL,
	published        INTEGER NOT NULL, -- unix seconds
	expires          INTEGER NOT NULL, -- unix seconds, 0 for none
	url              TEXT NOT NULL,
	rome             TEXT NOT NULL,
	skills           TEXT NOT NULL,    -- one a line
	title_stems      TEXT NOT NULL,    -- space-separated, each once
	skill_stems      TEXT NOT NULL,
	text_stems       TEXT NOT NULL,
	batch            INTEGER NOT NULL, -- the import that last wrote it
	UNIQUE (source, id)
) STRICT;

CREATE INDEX offers_by_rome ON offers (rome, published DESC);

INSERT INTO meta (key, value) VALUES ('offers_generation', '0');
