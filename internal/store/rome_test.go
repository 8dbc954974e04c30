package store_test

import (
	"context"
	"reflect"
	"testing"

	"vocation/internal/store"
)

// romeTree is a referential of four codes and three fiches that carry them.
func romeTree() map[string]string {
	fiche := func(title, rome string) string {
		return "---\ntitle: " + title + "\nsummary: Un métier décrit assez longuement pour passer.\nsector: numerique\naccess: [bac+2]\nupdated: 2025-01-01\nrome: [" + rome + "]\n---\n"
	}
	return map[string]string{
		"metiers/dev.md":   fiche("Développeur·euse", "M1805"),
		"metiers/dsi.md":   fiche("DSI", "M1803"),
		"metiers/cyber.md": fiche("Expert·e cybersécurité", "M1802"),
		"rome/metiers.csv": "code_rome,libelle_rome\n" +
			"M1805,Développeur / Développeuse informatique\n" +
			"M1803,Directeur / Directrice des systèmes d'information -DSI-\n" +
			"M1802,Expert / Experte systèmes et réseaux informatiques\n" +
			"M1899,Un code sans fiche\n",
		"rome/centres-interet.csv":         "code_centre_interet,libelle_centre_interet\n2,J'ai l'âme d'un chef / d'une cheffe\n29,\"J'aime les sciences, le numérique\"\n",
		"rome/centres-interet-metiers.csv": "code_centre_interet,code_rome,principal\n29,M1805,oui\n2,M1805,non\n2,M1803,oui\n",
		// From M1805, three moves: one to a code no fiche carries, and
		// the fiches come in France Travail's order, not the file's.
		"rome/mobilite.csv": "code_rome,code_rome_cible,numero_ordre\nM1805,M1899,1\nM1805,M1802,3\nM1805,M1803,2\nM1803,M1805,1\n",
	}
}

func TestImportRome(t *testing.T) {
	db := open(t)
	if _, err := db.Import(context.Background(), load(t, romeTree())); err != nil {
		t.Fatal(err)
	}
	err := db.Read(context.Background(), func(tx *store.Tx) error {
		if v, err := tx.RomeVersion(); err != nil || v != "v460" {
			t.Errorf("version %q, %v", v, err)
		}
		codes, err := tx.RomeCodes([]string{"M1805", "M9999", "M1803"})
		if err != nil {
			return err
		}
		want := []store.RomeCode{
			{Code: "M1805", Label: "Développeur / Développeuse informatique", Interests: []string{"J'aime les sciences, le numérique"}},
			{Code: "M1803", Label: "Directeur / Directrice des systèmes d'information -DSI-", Interests: []string{"J'ai l'âme d'un chef / d'une cheffe"}},
		}
		if !reflect.DeepEqual(codes, want) {
			t.Errorf("codes = %+v", codes)
		}
		near, err := tx.RomeMoves("dev")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(near, []string{"dsi", "cyber"}) {
			t.Errorf("moves from dev = %v", near)
		}
		if near, err := tx.RomeMoves("cyber"); err != nil || len(near) != 0 {
			t.Errorf("moves from cyber = %v, %v", near, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A tree without the referential leaves no ROME data from an earlier
// import behind: every import replaces all content.
func TestImportWithoutRomeClearsIt(t *testing.T) {
	db := open(t)
	if _, err := db.Import(context.Background(), load(t, romeTree())); err != nil {
		t.Fatal(err)
	}
	files := romeTree()
	for k := range files {
		if k[:5] == "rome/" {
			delete(files, k)
		}
	}
	if _, err := db.Import(context.Background(), load(t, files)); err != nil {
		t.Fatal(err)
	}
	err := db.Read(context.Background(), func(tx *store.Tx) error {
		v, err := tx.RomeVersion()
		codes, err2 := tx.RomeCodes([]string{"M1805"})
		near, err3 := tx.RomeMoves("dev")
		if v != "" || len(codes) != 0 || len(near) != 0 {
			t.Errorf("left behind: version %q, codes %v, moves %v", v, codes, near)
		}
		for _, e := range []error{err, err2, err3} {
			if e != nil {
				return e
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
