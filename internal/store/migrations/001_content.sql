-- Content tables: replaced as a whole by each import, in one transaction.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('generation', '0'), ('imported_at', '');

CREATE TABLE sectors (
	key         TEXT PRIMARY KEY,
	label       TEXT NOT NULL,
	description TEXT NOT NULL,
	position    INTEGER NOT NULL
) STRICT;

CREATE TABLE fiches (
	slug      TEXT PRIMARY KEY,
	title     TEXT NOT NULL,
	summary   TEXT NOT NULL,
	sector    TEXT NOT NULL REFERENCES sectors (key),
	updated   TEXT NOT NULL,
	draft     INTEGER NOT NULL,
	body_html TEXT NOT NULL
) STRICT;

-- The list fields of a fiche (access, aliases, rome, riasec, interests,
-- qualities, related), one row a value, in the editor's order.
CREATE TABLE fiche_values (
	slug     TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE,
	kind     TEXT NOT NULL,
	position INTEGER NOT NULL,
	value    TEXT NOT NULL,
	PRIMARY KEY (slug, kind, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX fiche_values_by_value ON fiche_values (kind, value);

CREATE TABLE sections (
	slug     TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	anchor   TEXT NOT NULL,
	title    TEXT NOT NULL,
	PRIMARY KEY (slug, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE sources (
	slug      TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	id        TEXT NOT NULL,
	publisher TEXT NOT NULL,
	title     TEXT NOT NULL,
	url       TEXT NOT NULL,
	date      TEXT NOT NULL,
	PRIMARY KEY (slug, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE salaries (
	slug       TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	level      TEXT NOT NULL,
	min        INTEGER NOT NULL,
	max        INTEGER NOT NULL,
	unit       TEXT NOT NULL,
	region     TEXT NOT NULL,
	status     TEXT NOT NULL,
	source     TEXT NOT NULL,
	open_ended INTEGER NOT NULL,
	note       TEXT NOT NULL,
	PRIMARY KEY (slug, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE trainings (
	slug           TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	level          TEXT NOT NULL,
	title          TEXT NOT NULL,
	kind           TEXT NOT NULL,
	apprenticeship INTEGER NOT NULL,
	duration       TEXT NOT NULL,
	cost           TEXT NOT NULL,
	place          TEXT NOT NULL,
	url            TEXT NOT NULL,
	source         TEXT NOT NULL,
	PRIMARY KEY (slug, position)
) STRICT, WITHOUT ROWID;

-- Old addresses of fiches: each answers 301 to the current one.
CREATE TABLE redirects (
	old_slug TEXT PRIMARY KEY,
	slug     TEXT NOT NULL REFERENCES fiches (slug) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE pages (
	slug      TEXT PRIMARY KEY,
	title     TEXT NOT NULL,
	summary   TEXT NOT NULL,
	body_html TEXT NOT NULL
) STRICT;
