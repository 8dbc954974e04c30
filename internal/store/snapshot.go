package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Snapshot names the offers one import replaces whole: those of Source
// whose ROME code is one of Romes. Offers of other codes are left alone,
// so that a run fetching a few codes does not expire the others.
type Snapshot struct {
	Source string
	Romes  []string
}

// ImportSnapshot is StreamPrepared for a snapshot: the offers of the
// snapshot's codes that feed does not put expire. If feed fails, nothing
// is stored.
func (db *DB) ImportSnapshot(ctx context.Context, snap Snapshot, feed func(put func(*Prepared) error) error) (OfferImport, error) {
	codes, err := json.Marshal(snap.Romes)
	if err != nil {
		return OfferImport{}, fmt.Errorf("snapshot codes: %w", err)
	}
	return db.streamPrepared(ctx, func(w *offerWriter) (OfferImport, error) {
		now := time.Now().Unix()
		r, err := w.tx.ExecContext(w.ctx, `UPDATE offers SET expires = ?, `+expiredChange+`
			WHERE source = ? AND rome IN (SELECT value FROM json_each(?)) AND batch <> ? AND (expires = 0 OR expires > ?)`,
			now, snap.Source, string(codes), w.batch, now)
		if err != nil {
			return w.res, fmt.Errorf("expire absent offers of %s: %w", snap.Source, err)
		}
		n, _ := r.RowsAffected()
		w.res.Expired = int(n)
		return w.res, nil
	}, feed)
}

// PublishedRomeCodes are the ROME codes of the published fiches, sorted,
// each once.
func (db *DB) PublishedRomeCodes(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT v.value FROM fiche_values v JOIN fiches f ON f.slug = v.slug
		WHERE v.kind = 'rome' AND f.draft = 0 ORDER BY v.value`)
	if err != nil {
		return nil, fmt.Errorf("list ROME codes: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("list ROME codes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
