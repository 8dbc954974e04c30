-- France Travail's ROME referential, the parts pages read: replaced by each
-- content import with the rest of the content, and empty when the content
-- tree ships none. Job titles (appellations) are not stored: editors copy
-- the ones that fit into a fiche's aliases.
CREATE TABLE rome_codes (
	code  TEXT PRIMARY KEY,
	label TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The centres d'intérêt, in the referential's order; fiches will be
-- browsed by them.
CREATE TABLE rome_interests (
	id       INTEGER PRIMARY KEY,
	label    TEXT NOT NULL,
	position INTEGER NOT NULL
) STRICT;

CREATE TABLE rome_code_interests (
	code      TEXT NOT NULL REFERENCES rome_codes (code),
	interest  INTEGER NOT NULL REFERENCES rome_interests (id),
	principal INTEGER NOT NULL,
	PRIMARY KEY (code, interest)
) STRICT, WITHOUT ROWID;

CREATE INDEX rome_code_interests_by_interest ON rome_code_interests (interest, code);

-- The career moves France Travail lists from a code; a lower position
-- comes first.
CREATE TABLE rome_moves (
	code     TEXT NOT NULL REFERENCES rome_codes (code),
	target   TEXT NOT NULL REFERENCES rome_codes (code),
	position INTEGER NOT NULL,
	PRIMARY KEY (code, target)
) STRICT, WITHOUT ROWID;

-- The release the stored referential comes from, shown in its attribution;
-- empty when there is none.
INSERT INTO meta (key, value) VALUES ('rome_version', '');
