-- How many monthly salaries a year pays ("sur 13 mois"), 0 when the offer
-- does not say: 12. Adding a column with a constant default rewrites no row.
ALTER TABLE offers ADD COLUMN salary_months REAL NOT NULL DEFAULT 0;
