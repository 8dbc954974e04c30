-- The job titles (appellations) France Travail files under each ROME code,
-- for the fiche search: a title whose code no fiche carries still answers,
-- with its family and its offers. Replaced by each content import.
CREATE TABLE rome_appellations (
	code     TEXT NOT NULL REFERENCES rome_codes (code),
	position INTEGER NOT NULL,
	label    TEXT NOT NULL,
	rare     INTEGER NOT NULL,
	PRIMARY KEY (code, position)
) STRICT, WITHOUT ROWID;
