-- The day an undated source was read, and the videos a fiche links to
-- (linked, never embedded). Content tables are refilled by every import,
-- so existing rows only need the empty default.
ALTER TABLE sources ADD COLUMN accessed TEXT NOT NULL DEFAULT '';

CREATE TABLE videos (
	slug      TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	title     TEXT NOT NULL,
	url       TEXT NOT NULL,
	publisher TEXT NOT NULL,
	duration  TEXT NOT NULL,
	PRIMARY KEY (slug, position)
) STRICT, WITHOUT ROWID;
