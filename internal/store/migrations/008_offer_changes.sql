-- What an import changed, for the server to update its offer index rather
-- than build it again: hash sums what the index reads of an offer, and
-- changed is the import that last changed it. A snapshot writes every
-- offer again; only those whose hash differs count as changed. Existing
-- rows get 0 and 0: their first import counts them as changed.
ALTER TABLE offers ADD COLUMN hash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
