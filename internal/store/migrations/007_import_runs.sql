-- Every import, content or offers, made by any process, whatever its
-- outcome: the server reports durations and failures of imports it did
-- not run itself (/metrics).
CREATE TABLE import_runs (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL,    -- content, offers (files) or fetch (France Travail)
	started     INTEGER NOT NULL, -- unix seconds
	duration_ms INTEGER NOT NULL,
	ok          INTEGER NOT NULL,
	offers      INTEGER NOT NULL, -- stored by the run
	expired     INTEGER NOT NULL,
	error       TEXT NOT NULL     -- why a failed run stored nothing
) STRICT;

CREATE INDEX import_runs_by_kind ON import_runs (kind, id);

-- When each generation last changed, unix seconds, for its age.
INSERT INTO meta (key, value) VALUES ('generation_at', ''), ('offers_generation_at', '');
