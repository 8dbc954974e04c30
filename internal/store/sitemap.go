package store

import (
	"database/sql"
	"fmt"
	"time"

	"vocation/internal/offer"
)

// OfferRef is what a sitemap lists of an offer.
type OfferRef struct {
	Source, ID string
	Published  time.Time
}

// Offer is the offer the reference is to, for its address.
func (o OfferRef) Offer() offer.Offer { return offer.Offer{Source: o.Source, ID: o.ID} }

// listedOffers are the offers a sitemap lists: live at ?, and not
// demonstration offers, which are no real jobs to send anyone to.
const listedOffers = `FROM offers WHERE (expires = 0 OR expires > ?) AND source <> 'demo' AND source NOT LIKE 'demo-%'`

// CountListedOffers counts the offers a sitemap lists at now.
func (t *Tx) CountListedOffers(now time.Time) (int, error) {
	var n int
	if err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) `+listedOffers, now.Unix()).Scan(&n); err != nil {
		return 0, fmt.Errorf("count listed offers: %w", err)
	}
	return n, nil
}

// ListedOffers calls fn for limit of the offers a sitemap lists at now,
// from offset, in key order, so that the parts of a sitemap index split
// one list.
func (t *Tx) ListedOffers(now time.Time, offset, limit int, fn func(OfferRef) error) error {
	err := t.each(`SELECT source, id, published `+listedOffers+` ORDER BY key LIMIT ? OFFSET ?`, []any{now.Unix(), limit, offset}, func(r *sql.Rows) error {
		var o OfferRef
		var published int64
		if err := r.Scan(&o.Source, &o.ID, &published); err != nil {
			return err
		}
		o.Published = time.Unix(published, 0).UTC()
		return fn(o)
	})
	if err != nil {
		return fmt.Errorf("list offers for the sitemap: %w", err)
	}
	return nil
}
