package store

import (
	"database/sql"
	"fmt"
)

// FicheText is what the fiche search reads of a fiche beyond its summary:
// the words of its lists and body, and how complete it is.
type FicheText struct {
	Slug      string
	Interests []string
	Qualities []string
	BodyHTML  string
	// Salaries, Trainings and Sources count the fiche's rows of each:
	// a fuller fiche ranks first among equals.
	Salaries, Trainings, Sources int
}

// FicheTexts lists every fiche's text, drafts included, by slug.
func (t *Tx) FicheTexts() ([]FicheText, error) {
	var out []FicheText
	index := map[string]int{}
	err := t.each(`SELECT f.slug, f.body_html,
		(SELECT count(*) FROM salaries s WHERE s.slug = f.slug),
		(SELECT count(*) FROM trainings tr WHERE tr.slug = f.slug),
		(SELECT count(*) FROM sources so WHERE so.slug = f.slug)
		FROM fiches f ORDER BY f.slug`, nil, func(r *sql.Rows) error {
		var f FicheText
		if err := r.Scan(&f.Slug, &f.BodyHTML, &f.Salaries, &f.Trainings, &f.Sources); err != nil {
			return err
		}
		index[f.Slug] = len(out)
		out = append(out, f)
		return nil
	})
	if err == nil {
		err = t.each(`SELECT slug, kind, value FROM fiche_values WHERE kind IN ('interest', 'quality') ORDER BY slug, kind, position`, nil,
			func(r *sql.Rows) error {
				var slug, kind, v string
				if err := r.Scan(&slug, &kind, &v); err != nil {
					return err
				}
				i, ok := index[slug]
				if !ok {
					return nil
				}
				if kind == "interest" {
					out[i].Interests = append(out[i].Interests, v)
				} else {
					out[i].Qualities = append(out[i].Qualities, v)
				}
				return nil
			})
	}
	if err != nil {
		return nil, fmt.Errorf("list fiche texts: %w", err)
	}
	return out, nil
}
