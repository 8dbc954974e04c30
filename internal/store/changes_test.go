package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"vocation/internal/offer"
	"vocation/internal/store"
)

// changedSince lists the IDs of the live offers an import after gen
// changed.
func changedSince(t *testing.T, db *store.DB, gen int64) (ids []int64, now int64) {
	t.Helper()
	now, err := db.EachLiveOfferSince(context.Background(), time.Now(), gen, func(o *store.LiveOffer) error {
		if o.Changed {
			ids = append(ids, o.Key)
			if len(o.TitleStems) == 0 {
				t.Errorf("offer %d changed but its stems were not read", o.Key)
			}
		} else if len(o.TextStems) != 0 {
			t.Errorf("offer %d unchanged but its stems were read", o.Key)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids, now
}

// An import marks the offers it changed, not those it only wrote again:
// a snapshot writes every offer each time, and the server's index
// updates only what changed. An offer that expired and comes back is
// changed.
func TestImportMarksWhatChanged(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	offers := make([]offer.Offer, 3)
	for i := range offers {
		offers[i] = offer.Offer{Source: "ft", ID: string(rune('a' + i)), Title: "Boulanger", Description: "Pain.", Contract: "cdi",
			RemoteDays: -1, ExperienceYears: -1, Published: time.Now().Add(-time.Hour)}
	}
	if _, err := db.ImportOffers(ctx, offers, "ft"); err != nil {
		t.Fatal(err)
	}
	all, gen := changedSince(t, db, 0)
	if len(all) != 3 {
		t.Fatalf("first import: %d changed, want 3", len(all))
	}
	if ids, _ := changedSince(t, db, gen-1); len(ids) != 3 {
		t.Fatalf("since the generation before: %v", ids)
	}
	// The same snapshot, one offer's description changed.
	offers[1].Description = "Pain et viennoiseries."
	if _, err := db.ImportOffers(ctx, offers, "ft"); err != nil {
		t.Fatal(err)
	}
	if ids, _ := changedSince(t, db, gen); !slices.Equal(ids, all[1:2]) {
		t.Errorf("one description changed: %v changed, want %v", ids, all[1:2])
	}
	// A snapshot without the first offer, then one with it again.
	_, gen = changedSince(t, db, gen)
	if _, err := db.ImportOffers(ctx, offers[1:], "ft"); err != nil {
		t.Fatal(err)
	}
	if ids, _ := changedSince(t, db, gen); len(ids) != 0 {
		t.Errorf("an offer gone: %v live offers changed, want none", ids)
	}
	_, gen = changedSince(t, db, gen)
	if _, err := db.ImportOffers(ctx, offers, "ft"); err != nil {
		t.Fatal(err)
	}
	if ids, _ := changedSince(t, db, gen); !slices.Equal(ids, all[:1]) {
		t.Errorf("an offer back: %v changed, want %v", ids, all[:1])
	}
}
