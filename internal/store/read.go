package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"vocation/internal/content"
	"vocation/internal/fiche"
)

// Tx is one read transaction: everything read through it belongs to the
// same generation, so a page never mixes old and new content.
type Tx struct {
	ctx context.Context
	tx  *sql.Tx
}

// Read runs fn in a read transaction.
func (db *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(&Tx{ctx: ctx, tx: tx})
}

// Generation is the generation this transaction reads.
func (t *Tx) Generation() (int64, error) {
	var g int64
	if err := t.tx.QueryRowContext(t.ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'`).Scan(&g); err != nil {
		return 0, fmt.Errorf("read generation: %w", err)
	}
	return g, nil
}

// Summary is what lists show of a fiche.
type Summary struct {
	Slug    string
	Title   string
	Summary string
	Sector  string
	Updated time.Time
	Draft   bool
	Access  []string
	Aliases []string
	Rome    []string
}

// Summaries lists every fiche, drafts included, by slug. The order people
// read titles in is French collation, which SQLite does not have: the
// server sorts for display.
func (t *Tx) Summaries() ([]Summary, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT slug, title, summary, sector, updated, draft FROM fiches ORDER BY slug`)
	if err != nil {
		return nil, fmt.Errorf("list fiches: %w", err)
	}
	defer rows.Close()
	var out []Summary
	index := map[string]int{}
	for rows.Next() {
		var s Summary
		var updated string
		if err := rows.Scan(&s.Slug, &s.Title, &s.Summary, &s.Sector, &updated, &s.Draft); err != nil {
			return nil, fmt.Errorf("list fiches: %w", err)
		}
		s.Updated, _ = time.Parse(time.DateOnly, updated)
		index[s.Slug] = len(out)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list fiches: %w", err)
	}
	vals, err := t.tx.QueryContext(t.ctx, `SELECT slug, kind, value FROM fiche_values WHERE kind IN ('access', 'alias', 'rome') ORDER BY slug, kind, position`)
	if err != nil {
		return nil, fmt.Errorf("list fiche values: %w", err)
	}
	defer vals.Close()
	for vals.Next() {
		var slug, kind, v string
		if err := vals.Scan(&slug, &kind, &v); err != nil {
			return nil, fmt.Errorf("list fiche values: %w", err)
		}
		s := &out[index[slug]]
		switch kind {
		case "access":
			s.Access = append(s.Access, v)
		case "alias":
			s.Aliases = append(s.Aliases, v)
		case "rome":
			s.Rome = append(s.Rome, v)
		}
	}
	return out, vals.Err()
}

// Fiche reads one fiche whole, drafts included.
func (t *Tx) Fiche(slug string) (*content.Fiche, error) {
	f := &fiche.Fiche{Slug: slug}
	var updated, html string
	err := t.tx.QueryRowContext(t.ctx, `SELECT title, summary, sector, updated, draft, body_html FROM fiches WHERE slug = ?`, slug).
		Scan(&f.Title, &f.Summary, &f.Sector, &updated, &f.Draft, &html)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read fiche %s: %w", slug, err)
	}
	f.Updated, _ = time.Parse(time.DateOnly, updated)
	out := &content.Fiche{Fiche: f, HTML: html}

	err = t.each(`SELECT kind, value FROM fiche_values WHERE slug = ? ORDER BY kind, position`, []any{slug}, func(r *sql.Rows) error {
		var kind, v string
		if err := r.Scan(&kind, &v); err != nil {
			return err
		}
		switch kind {
		case "access":
			f.Access = append(f.Access, v)
		case "alias":
			f.Aliases = append(f.Aliases, v)
		case "rome":
			f.Rome = append(f.Rome, v)
		case "riasec":
			f.Riasec = append(f.Riasec, v)
		case "interest":
			f.Interests = append(f.Interests, v)
		case "quality":
			f.Qualities = append(f.Qualities, v)
		case "tool":
			f.Tools = append(f.Tools, v)
		case "related":
			f.Related = append(f.Related, fiche.Ref{Slug: v})
		}
		return nil
	})
	if err == nil {
		err = t.each(`SELECT anchor, title FROM sections WHERE slug = ? ORDER BY position`, []any{slug}, func(r *sql.Rows) error {
			var s fiche.Section
			err := r.Scan(&s.ID, &s.Title)
			out.Sections = append(out.Sections, s)
			return err
		})
	}
	if err == nil {
		err = t.each(`SELECT id, publisher, title, url, date, accessed FROM sources WHERE slug = ? ORDER BY position`, []any{slug}, func(r *sql.Rows) error {
			var s fiche.Source
			err := r.Scan(&s.ID, &s.Publisher, &s.Title, &s.URL, &s.Date, &s.Accessed)
			f.Sources = append(f.Sources, s)
			return err
		})
	}
	if err == nil {
		err = t.each(`SELECT title, url, publisher, duration FROM videos WHERE slug = ? ORDER BY position`, []any{slug}, func(r *sql.Rows) error {
			var v fiche.Video
			err := r.Scan(&v.Title, &v.URL, &v.Publisher, &v.Duration)
			f.Videos = append(f.Videos, v)
			return err
		})
	}
	if err == nil {
		err = t.each(`SELECT level, min, max, unit, region, status, source, open_ended, note FROM salaries WHERE slug = ? ORDER BY position`, []any{slug}, func(r *sql.Rows) error {
			var s fiche.Salary
			err := r.Scan(&s.Level, &s.Min, &s.Max, &s.Unit, &s.Region, &s.Status, &s.Source, &s.OpenEnded, &s.Note)
			f.Salaries = append(f.Salaries, s)
			return err
		})
	}
	if err == nil {
		err = t.each(`SELECT level, title, kind, apprenticeship, duration, cost, place, url, source FROM trainings WHERE slug = ? ORDER BY position`, []any{slug}, func(r *sql.Rows) error {
			var tr fiche.Training
			err := r.Scan(&tr.Level, &tr.Title, &tr.Kind, &tr.Apprenticeship, &tr.Duration, &tr.Cost, &tr.Where, &tr.URL, &tr.Source)
			f.Trainings = append(f.Trainings, tr)
			return err
		})
	}
	if err == nil {
		err = t.each(`SELECT old_slug FROM redirects WHERE slug = ? ORDER BY old_slug`, []any{slug}, func(r *sql.Rows) error {
			var ref fiche.Ref
			err := r.Scan(&ref.Slug)
			f.PreviousSlugs = append(f.PreviousSlugs, ref)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read fiche %s: %w", slug, err)
	}
	return out, nil
}

func (t *Tx) each(query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RedirectTarget is the current slug of a fiche's old slug.
func (t *Tx) RedirectTarget(old string) (string, error) {
	var slug string
	err := t.tx.QueryRowContext(t.ctx, `SELECT slug FROM redirects WHERE old_slug = ?`, old).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("read redirect %s: %w", old, err)
	}
	return slug, nil
}

// Sectors lists the sectors in the editors' order.
func (t *Tx) Sectors() ([]fiche.Sector, error) {
	var out []fiche.Sector
	err := t.each(`SELECT key, label, description FROM sectors ORDER BY position`, nil, func(r *sql.Rows) error {
		var s fiche.Sector
		err := r.Scan(&s.Key, &s.Label, &s.Description)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list sectors: %w", err)
	}
	return out, nil
}

// Page reads one plain page.
func (t *Tx) Page(slug string) (*content.Page, error) {
	p := &fiche.Page{Slug: slug}
	var html string
	err := t.tx.QueryRowContext(t.ctx, `SELECT title, summary, body_html FROM pages WHERE slug = ?`, slug).Scan(&p.Title, &p.Summary, &html)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", slug, err)
	}
	return &content.Page{Page: p, HTML: html}, nil
}

// Pages lists the plain pages by slug, without their bodies; like
// Summaries, the server sorts them for display.
func (t *Tx) Pages() ([]fiche.Page, error) {
	var out []fiche.Page
	err := t.each(`SELECT slug, title FROM pages ORDER BY slug`, nil, func(r *sql.Rows) error {
		var p fiche.Page
		err := r.Scan(&p.Slug, &p.Title)
		out = append(out, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	return out, nil
}

// Redirects maps every old slug to its fiche's current slug.
func (t *Tx) Redirects() (map[string]string, error) {
	out := map[string]string{}
	err := t.each(`SELECT old_slug, slug FROM redirects`, nil, func(r *sql.Rows) error {
		var old, slug string
		err := r.Scan(&old, &slug)
		out[old] = slug
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list redirects: %w", err)
	}
	return out, nil
}

// OffersGeneration is the number of the last offers import this
// transaction reads.
func (t *Tx) OffersGeneration() (int64, error) {
	var g int64
	if err := t.tx.QueryRowContext(t.ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'offers_generation'`).Scan(&g); err != nil {
		return 0, fmt.Errorf("read offers generation: %w", err)
	}
	return g, nil
}
