package store

import (
	"context"
	"database/sql"
	"fmt"

	"vocation/internal/rome"
)

// importRome replaces the stored referential with r (nothing when r is
// nil), inside the content import's transaction.
func importRome(ctx context.Context, tx *sql.Tx, r *rome.Referential) error {
	// Children first: the foreign keys are then checked against empty tables.
	for _, q := range []string{`DELETE FROM rome_appellations`, `DELETE FROM rome_moves`, `DELETE FROM rome_code_interests`, `DELETE FROM rome_interests`, `DELETE FROM rome_codes`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("clear ROME: %w", err)
		}
	}
	version := ""
	if r != nil {
		version = rome.Version
		if err := insertRome(ctx, tx, r); err != nil {
			return fmt.Errorf("insert ROME: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'rome_version'`, version); err != nil {
		return fmt.Errorf("record ROME version: %w", err)
	}
	return nil
}

func insertRome(ctx context.Context, tx *sql.Tx, r *rome.Referential) error {
	// Some twenty thousand rows: one prepared statement each saves parsing
	// them again on every row.
	each := func(query string, n int, args func(i int) []any) error {
		stmt, err := tx.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range n {
			if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
				return err
			}
		}
		return nil
	}
	if err := each(`INSERT INTO rome_codes (code, label) VALUES (?, ?)`, len(r.Metiers), func(i int) []any {
		return []any{r.Metiers[i].Code, r.Metiers[i].Label}
	}); err != nil {
		return err
	}
	if err := each(`INSERT INTO rome_interests (id, label, position) VALUES (?, ?, ?)`, len(r.Interests), func(i int) []any {
		return []any{r.Interests[i].ID, r.Interests[i].Label, i}
	}); err != nil {
		return err
	}
	if err := each(`INSERT INTO rome_code_interests (code, interest, principal) VALUES (?, ?, ?)`, len(r.InterestLinks), func(i int) []any {
		l := r.InterestLinks[i]
		return []any{l.Code, l.Interest, l.Principal}
	}); err != nil {
		return err
	}
	if err := each(`INSERT INTO rome_moves (code, target, position) VALUES (?, ?, ?)`, len(r.Moves), func(i int) []any {
		m := r.Moves[i]
		return []any{m.From, m.To, m.Order}
	}); err != nil {
		return err
	}
	// In the codes' order, so that an import writes the same rows each time.
	var titles []rome.Appellation
	pos := []int{}
	for _, m := range r.Metiers {
		for i, a := range r.Appellations[m.Code] {
			titles, pos = append(titles, a), append(pos, i)
		}
	}
	return each(`INSERT INTO rome_appellations (code, position, label, rare) VALUES (?, ?, ?, ?)`, len(titles), func(i int) []any {
		return []any{titles[i].Code, pos[i], titles[i].Long, titles[i].Rare}
	})
}

// Appellation is a ROME job title with the label of its code, its family.
type Appellation struct {
	Code   string
	Label  string
	Family string
}

// Appellations lists the job titles France Travail does not mark as
// seldom used, by code and in the referential's order.
func (t *Tx) Appellations() ([]Appellation, error) {
	var out []Appellation
	err := t.each(`SELECT a.code, a.label, c.label FROM rome_appellations a JOIN rome_codes c ON c.code = a.code
		WHERE a.rare = 0 ORDER BY a.code, a.position`, nil, func(r *sql.Rows) error {
		var a Appellation
		err := r.Scan(&a.Code, &a.Label, &a.Family)
		out = append(out, a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list ROME job titles: %w", err)
	}
	return out, nil
}

// RomeLabel is a code's label, ErrNotFound for a code the stored
// referential lacks.
func (t *Tx) RomeLabel(code string) (string, error) {
	var label string
	err := t.each(`SELECT label FROM rome_codes WHERE code = ?`, []any{code}, func(r *sql.Rows) error { return r.Scan(&label) })
	if err != nil {
		return "", fmt.Errorf("read ROME label of %s: %w", code, err)
	}
	if label == "" {
		return "", ErrNotFound
	}
	return label, nil
}

// RomeVersion is the release of the stored referential, "" when the
// content has none.
func (t *Tx) RomeVersion() (string, error) {
	var v string
	if err := t.tx.QueryRowContext(t.ctx, `SELECT value FROM meta WHERE key = 'rome_version'`).Scan(&v); err != nil {
		return "", fmt.Errorf("read ROME version: %w", err)
	}
	return v, nil
}

// RomeCode is a ROME code as a fiche shows it: its label and its principal
// centres d'intérêt.
type RomeCode struct {
	Code      string
	Label     string
	Interests []string
}

// RomeCodes reads codes in their order, leaving out those the referential
// lacks.
func (t *Tx) RomeCodes(codes []string) ([]RomeCode, error) {
	var out []RomeCode
	for _, code := range codes {
		c := RomeCode{Code: code}
		err := t.each(`SELECT label FROM rome_codes WHERE code = ?`, []any{code}, func(r *sql.Rows) error {
			return r.Scan(&c.Label)
		})
		if err == nil && c.Label != "" {
			err = t.each(`SELECT i.label FROM rome_code_interests ci JOIN rome_interests i ON i.id = ci.interest
				WHERE ci.code = ? AND ci.principal = 1 ORDER BY i.position`, []any{code}, func(r *sql.Rows) error {
				var l string
				err := r.Scan(&l)
				c.Interests = append(c.Interests, l)
				return err
			})
		}
		if err != nil {
			return nil, fmt.Errorf("read ROME code %s: %w", code, err)
		}
		if c.Label != "" {
			out = append(out, c)
		}
	}
	return out, nil
}

// RomeMoves lists the other fiches, drafts included, that carry a code
// France Travail lists as a career move from one of slug's codes, in
// France Travail's order.
func (t *Tx) RomeMoves(slug string) ([]string, error) {
	var out []string
	err := t.each(`SELECT there.slug FROM fiche_values here
		JOIN rome_moves m ON m.code = here.value
		JOIN fiche_values there ON there.kind = 'rome' AND there.value = m.target
		WHERE here.slug = ? AND here.kind = 'rome' AND there.slug <> here.slug
		GROUP BY there.slug ORDER BY min(m.position), there.slug`, []any{slug}, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read ROME moves of %s: %w", slug, err)
	}
	return out, nil
}
