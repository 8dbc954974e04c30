package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"vocation/internal/store"
)

// FicheFacts reads what Fiche reads of a comparison's fields, for several
// fiches at once, in the order asked.
func TestFicheFacts(t *testing.T) {
	db := open(t)
	other := strings.NewReplacer("title: Développeur·euse back-end", "title: Autre", "rome: [M1805, M1810]", "rome: [K2204]",
		"qualities: [rigueur, curiosité]", "qualities: [patience]", "previous_slugs: [ancien, tres-ancien]\n", "").Replace(full)
	if _, err := db.Import(context.Background(), load(t, map[string]string{"metiers/dev.md": full, "metiers/autre.md": other})); err != nil {
		t.Fatal(err)
	}
	err := db.Read(context.Background(), func(tx *store.Tx) error {
		got, err := tx.FicheFacts([]string{"dev", "autre"})
		if err != nil {
			return err
		}
		if len(got) != 2 || got[0].Slug != "dev" || got[1].Slug != "autre" {
			t.Fatalf("not in the order asked: %+v", got)
		}
		for _, f := range got {
			whole, err := tx.Fiche(f.Slug)
			if err != nil {
				return err
			}
			w := whole.Fiche
			for name, pair := range map[string][2]any{
				"title": {f.Title, w.Title}, "sector": {f.Sector, w.Sector}, "updated": {f.Updated, w.Updated}, "access": {f.Access, w.Access},
				"rome": {f.Rome, w.Rome}, "riasec": {f.Riasec, w.Riasec}, "qualities": {f.Qualities, w.Qualities}, "sources": {f.Sources, w.Sources},
				"salaries": {f.Salaries, w.Salaries}, "trainings": {f.Trainings, w.Trainings},
			} {
				if !reflect.DeepEqual(pair[0], pair[1]) {
					t.Errorf("%s %s: %v, Fiche reads %v", f.Slug, name, pair[0], pair[1])
				}
			}
		}
		if got[1].Qualities[0] != "patience" || got[1].Rome[0] != "K2204" {
			t.Errorf("fiches mixed up: %+v", got[1])
		}
		if _, err := tx.FicheFacts([]string{"dev", "nope"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing fiche: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
