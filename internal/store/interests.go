package store

import (
	"database/sql"
	"fmt"
)

// Leanings are what a fiche says of the people it suits: its RIASEC
// letters, dominant first, and the centres d'intérêt its editors wrote.
type Leanings struct {
	Riasec    []string
	Interests []string
}

// Leanings reads every fiche's leanings, drafts included, by slug; a fiche
// with neither is absent.
func (t *Tx) Leanings() (map[string]Leanings, error) {
	out := map[string]Leanings{}
	err := t.each(`SELECT slug, kind, value FROM fiche_values WHERE kind IN ('riasec', 'interest') ORDER BY slug, kind, position`, nil, func(r *sql.Rows) error {
		var slug, kind, v string
		if err := r.Scan(&slug, &kind, &v); err != nil {
			return err
		}
		l := out[slug]
		if kind == "riasec" {
			l.Riasec = append(l.Riasec, v)
		} else {
			l.Interests = append(l.Interests, v)
		}
		out[slug] = l
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list leanings: %w", err)
	}
	return out, nil
}

// RomeCentre is one of France Travail's centres d'intérêt and the fiches,
// drafts included, whose ROME codes carry it. Principal holds the fiches
// for which one of their codes has it as its principal centre.
type RomeCentre struct {
	ID        int
	Label     string
	Fiches    []string
	Principal map[string]bool
}

// RomeCentres lists the centres d'intérêt in the referential's order,
// each with its fiches; none when the content ships no referential.
func (t *Tx) RomeCentres() ([]RomeCentre, error) {
	var out []RomeCentre
	err := t.each(`SELECT id, label FROM rome_interests ORDER BY position`, nil, func(r *sql.Rows) error {
		c := RomeCentre{Principal: map[string]bool{}}
		err := r.Scan(&c.ID, &c.Label)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list ROME centres: %w", err)
	}
	at := map[int]int{}
	for i, c := range out {
		at[c.ID] = i
	}
	err = t.each(`SELECT ci.interest, v.slug, max(ci.principal) FROM rome_code_interests ci
		JOIN fiche_values v ON v.kind = 'rome' AND v.value = ci.code
		GROUP BY ci.interest, v.slug ORDER BY ci.interest, v.slug`, nil, func(r *sql.Rows) error {
		var id int
		var slug string
		var principal bool
		if err := r.Scan(&id, &slug, &principal); err != nil {
			return err
		}
		c := &out[at[id]]
		c.Fiches = append(c.Fiches, slug)
		if principal {
			c.Principal[slug] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list fiches of ROME centres: %w", err)
	}
	return out, nil
}

// RomeCentreIDs maps each centre d'intérêt's label to its number, for the
// pages that show labels to link them.
func (t *Tx) RomeCentreIDs() (map[string]int, error) {
	out := map[string]int{}
	err := t.each(`SELECT id, label FROM rome_interests`, nil, func(r *sql.Rows) error {
		var id int
		var label string
		err := r.Scan(&id, &label)
		out[label] = id
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list ROME centres: %w", err)
	}
	return out, nil
}
