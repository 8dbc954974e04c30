package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"vocation/internal/content"
	"vocation/internal/offer"
)

// Import replaces all content with site in one transaction and bumps the
// generation. Readers keep seeing the previous generation until it commits;
// if anything fails, nothing changes.
func (db *DB) Import(ctx context.Context, site *content.Site) (int64, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin import: %w", err)
	}
	defer tx.Rollback()
	// Children go with their fiche (ON DELETE CASCADE).
	for _, q := range []string{`DELETE FROM redirects`, `DELETE FROM fiches`, `DELETE FROM sectors`, `DELETE FROM pages`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return 0, fmt.Errorf("clear content: %w", err)
		}
	}
	for i, s := range site.Sectors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sectors (key, label, description, position) VALUES (?, ?, ?, ?)`,
			s.Key, s.Label, s.Description, i); err != nil {
			return 0, fmt.Errorf("insert sector %s: %w", s.Key, err)
		}
	}
	for _, f := range site.Fiches {
		if err := insertFiche(ctx, tx, f); err != nil {
			return 0, fmt.Errorf("insert fiche %s: %w", f.Slug, err)
		}
	}
	for _, p := range site.Pages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pages (slug, title, summary, body_html) VALUES (?, ?, ?, ?)`,
			p.Slug, p.Title, p.Summary, p.HTML); err != nil {
			return 0, fmt.Errorf("insert page %s: %w", p.Slug, err)
		}
	}
	if err := importRome(ctx, tx, site.Rome); err != nil {
		return 0, err
	}
	// Offers shipped in content/ replace, source by source, what earlier
	// imports of content/ stored: an offer removed from a file expires.
	sources := map[string][]offer.Offer{}
	for _, o := range site.Offers {
		sources[o.Source] = append(sources[o.Source], o)
	}
	for src, offers := range sources {
		if _, err := importOffers(ctx, tx, offers, src); err != nil {
			return 0, err
		}
	}
	if len(site.Offers) > 0 {
		if err := bumpGeneration(ctx, tx, "offers_generation"); err != nil {
			return 0, err
		}
	}
	var gen int64
	if err := tx.QueryRowContext(ctx, `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation' RETURNING CAST(value AS INTEGER)`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("bump generation: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'imported_at'`, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return 0, fmt.Errorf("record import time: %w", err)
	}
	if err := stampGeneration(ctx, tx, "generation"); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit import: %w", err)
	}
	return gen, nil
}

func insertFiche(ctx context.Context, tx *sql.Tx, f content.Fiche) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO fiches (slug, title, summary, sector, updated, draft, body_html)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		f.Slug, f.Title, f.Summary, f.Sector, f.Updated.Format(time.DateOnly), f.Draft, f.HTML); err != nil {
		return err
	}
	related := make([]string, len(f.Related))
	for i, r := range f.Related {
		related[i] = r.Slug
	}
	lists := []struct {
		kind   string
		values []string
	}{
		{"access", f.Access}, {"alias", f.Aliases}, {"rome", f.Rome}, {"riasec", f.Riasec},
		{"interest", f.Interests}, {"quality", f.Qualities}, {"tool", f.Tools}, {"related", related},
	}
	for _, l := range lists {
		for i, v := range l.values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO fiche_values (slug, kind, position, value) VALUES (?, ?, ?, ?)`,
				f.Slug, l.kind, i, v); err != nil {
				return err
			}
		}
	}
	for i, s := range f.Sections {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sections (slug, position, anchor, title) VALUES (?, ?, ?, ?)`,
			f.Slug, i, s.ID, s.Title); err != nil {
			return err
		}
	}
	for i, s := range f.Sources {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources (slug, position, id, publisher, title, url, date, accessed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Slug, i, s.ID, s.Publisher, s.Title, s.URL, s.Date, s.Accessed); err != nil {
			return err
		}
	}
	for i, v := range f.Videos {
		if _, err := tx.ExecContext(ctx, `INSERT INTO videos (slug, position, title, url, publisher, duration) VALUES (?, ?, ?, ?, ?, ?)`,
			f.Slug, i, v.Title, v.URL, v.Publisher, v.Duration); err != nil {
			return err
		}
	}
	for i, s := range f.Salaries {
		if _, err := tx.ExecContext(ctx, `INSERT INTO salaries (slug, position, level, min, max, unit, region, status, source, open_ended, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Slug, i, s.Level, s.Min, s.Max, s.Unit, s.Region, s.Status, s.Source, s.OpenEnded, s.Note); err != nil {
			return err
		}
	}
	for i, t := range f.Trainings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO trainings (slug, position, level, title, kind, apprenticeship, duration, cost, place, url, source)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Slug, i, t.Level, t.Title, t.Kind, t.Apprenticeship, t.Duration, t.Cost, t.Where, t.URL, t.Source); err != nil {
			return err
		}
	}
	for _, r := range f.PreviousSlugs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO redirects (old_slug, slug) VALUES (?, ?)`, r.Slug, f.Slug); err != nil {
			return err
		}
	}
	return nil
}
