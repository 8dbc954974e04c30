package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"vocation/internal/fiche"
)

// FicheFacts reads the fiches of slugs, in that order, with what a
// comparison sets side by side: access, ROME codes, RIASEC, qualities,
// sources, salaries and trainings; no body, sections or aliases. It asks
// five queries whatever the number of fiches, where Fiche asks seven per
// fiche: a page computed per request spends its time parsing SQL. A slug
// that is not a fiche is ErrNotFound.
func (t *Tx) FicheFacts(slugs []string) ([]*fiche.Fiche, error) {
	if len(slugs) == 0 {
		return nil, nil
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(slugs)), ",") + ")"
	args := make([]any, len(slugs))
	bySlug := make(map[string]*fiche.Fiche, len(slugs))
	for i, s := range slugs {
		args[i] = s
	}
	err := t.each(`SELECT slug, title, summary, sector, updated, draft FROM fiches WHERE slug IN `+in, args, func(r *sql.Rows) error {
		f := &fiche.Fiche{}
		var updated string
		if err := r.Scan(&f.Slug, &f.Title, &f.Summary, &f.Sector, &updated, &f.Draft); err != nil {
			return err
		}
		f.Updated, _ = time.Parse(time.DateOnly, updated)
		bySlug[f.Slug] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read fiches %v: %w", slugs, err)
	}
	out := make([]*fiche.Fiche, len(slugs))
	for i, s := range slugs {
		if out[i] = bySlug[s]; out[i] == nil {
			return nil, ErrNotFound
		}
	}
	err = t.each(`SELECT slug, kind, value FROM fiche_values WHERE slug IN `+in+` AND kind IN ('access', 'rome', 'riasec', 'quality') ORDER BY slug, kind, position`,
		args, func(r *sql.Rows) error {
			var slug, kind, v string
			if err := r.Scan(&slug, &kind, &v); err != nil {
				return err
			}
			f := bySlug[slug]
			switch kind {
			case "access":
				f.Access = append(f.Access, v)
			case "rome":
				f.Rome = append(f.Rome, v)
			case "riasec":
				f.Riasec = append(f.Riasec, v)
			case "quality":
				f.Qualities = append(f.Qualities, v)
			}
			return nil
		})
	if err == nil {
		err = t.each(`SELECT slug, id, publisher, title, url, date, accessed FROM sources WHERE slug IN `+in+` ORDER BY slug, position`, args, func(r *sql.Rows) error {
			var slug string
			var s fiche.Source
			if err := r.Scan(&slug, &s.ID, &s.Publisher, &s.Title, &s.URL, &s.Date, &s.Accessed); err != nil {
				return err
			}
			bySlug[slug].Sources = append(bySlug[slug].Sources, s)
			return nil
		})
	}
	if err == nil {
		err = t.each(`SELECT slug, level, min, max, unit, region, status, source, open_ended, note FROM salaries WHERE slug IN `+in+` ORDER BY slug, position`,
			args, func(r *sql.Rows) error {
				var slug string
				var s fiche.Salary
				if err := r.Scan(&slug, &s.Level, &s.Min, &s.Max, &s.Unit, &s.Region, &s.Status, &s.Source, &s.OpenEnded, &s.Note); err != nil {
					return err
				}
				bySlug[slug].Salaries = append(bySlug[slug].Salaries, s)
				return nil
			})
	}
	if err == nil {
		err = t.each(`SELECT slug, level, title, kind, apprenticeship, duration, cost, place, url, source FROM trainings WHERE slug IN `+in+` ORDER BY slug, position`,
			args, func(r *sql.Rows) error {
				var slug string
				var tr fiche.Training
				if err := r.Scan(&slug, &tr.Level, &tr.Title, &tr.Kind, &tr.Apprenticeship, &tr.Duration, &tr.Cost, &tr.Where, &tr.URL, &tr.Source); err != nil {
					return err
				}
				bySlug[slug].Trainings = append(bySlug[slug].Trainings, tr)
				return nil
			})
	}
	if err != nil {
		return nil, fmt.Errorf("read fiches %v: %w", slugs, err)
	}
	return out, nil
}
