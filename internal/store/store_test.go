package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/store"
)

const full = `---
title: Développeur·euse back-end
summary: Conçoit la partie invisible des sites et applications.
sector: numerique
access: [bac+2, bac+5]
updated: 2025-03-14
aliases: [dev back, développeuse back-end]
rome: [M1805, M1810]
riasec: [I, C]
interests: [le code]
qualities: [rigueur, curiosité]
tools: [Python, Git]
sources:
  - {id: onisep, publisher: Onisep, title: Dans mon job, url: "https://www.onisep.fr/", date: 2024-05}
  - {id: fiche-web, publisher: Un site, accessed: 2026-12-02}
videos:
  - {title: Une journée, url: "https://video.example/1", publisher: Onisep TV, duration: 4 min}
  - {title: Sans plus, url: "https://video.example/2"}
salaries:
  - {level: debutant, min: 2000, max: 2500, unit: month, region: paris, status: salarie, source: onisep, note: autour de}
  - {level: expert, min: 650, max: 650, unit: day, status: freelance, open_ended: true}
  - {level: non-precise, min: 2917, max: 5833, unit: month, source: fiche-web}
trainings:
  - {level: bac+2, title: BTS SIO, kind: public, apprenticeship: true, duration: 2 ans, cost: gratuit (2024), where: lycées, url: "https://a.fr/", source: onisep}
related: [autre]
previous_slugs: [ancien, tres-ancien]
draft: true
---
## Le métier

Texte.
`

func open(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func load(t *testing.T, files map[string]string) *content.Site {
	t.Helper()
	fs := fstest.MapFS{"secteurs.yaml": {Data: []byte("- {key: numerique, label: Numérique, description: Logiciels.}\n")}}
	for k, v := range files {
		fs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	site, probs := content.Load(fs, "content", fiche.NewMarkdown(), nil)
	if site == nil {
		t.Fatalf("content: %v", probs)
	}
	return site
}

// TestRoundTrip stores a fiche using every key and reads it back whole.
func TestRoundTrip(t *testing.T) {
	db := open(t)
	site := load(t, map[string]string{"metiers/dev.md": full, "pages/a-propos.md": "---\ntitle: À propos\n---\nTexte.\n"})
	gen, err := db.Import(context.Background(), site)
	if err != nil || gen != 1 {
		t.Fatalf("import: gen %d, %v", gen, err)
	}
	want := site.Fiches[0]
	err = db.Read(context.Background(), func(tx *store.Tx) error {
		got, err := tx.Fiche("dev")
		if err != nil {
			return err
		}
		w := *want.Fiche
		w.Body, w.BodyLine, w.SectorLine, w.RomeLine = nil, 0, 0, 0
		for i := range w.Related {
			w.Related[i].Line = 0
		}
		w.PreviousSlugs = []fiche.Ref{{Slug: "ancien"}, {Slug: "tres-ancien"}}
		if !reflect.DeepEqual(*got.Fiche, w) {
			t.Errorf("fiche read back differs:\n got %+v\nwant %+v", *got.Fiche, w)
		}
		if got.HTML != want.HTML || !reflect.DeepEqual(got.Sections, want.Sections) {
			t.Errorf("html or sections differ: %q %v", got.HTML, got.Sections)
		}
		for _, old := range []string{"ancien", "tres-ancien"} {
			if to, err := tx.RedirectTarget(old); err != nil || to != "dev" {
				t.Errorf("redirect %s: %q %v", old, to, err)
			}
		}
		if _, err := tx.RedirectTarget("dev"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a current slug is not a redirect: %v", err)
		}
		if _, err := tx.Fiche("nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing fiche: %v", err)
		}
		sums, err := tx.Summaries()
		if err != nil || len(sums) != 1 || !sums[0].Draft || !reflect.DeepEqual(sums[0].Access, []string{"bac+2", "bac+5"}) {
			t.Errorf("summaries: %+v %v", sums, err)
		}
		p, err := tx.Page("a-propos")
		if err != nil || p.Title != "À propos" || p.HTML != "<p>Texte.</p>\n" {
			t.Errorf("page: %+v %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportReplacesEverything checks that a second import is a whole new
// generation: nothing of the first survives that the second does not have.
func TestImportReplacesEverything(t *testing.T) {
	db := open(t)
	if _, err := db.Import(context.Background(), load(t, map[string]string{"metiers/dev.md": full})); err != nil {
		t.Fatal(err)
	}
	second := load(t, map[string]string{"metiers/autre.md": "---\ntitle: Autre\nsummary: Un autre métier, décrit assez longuement.\nsector: numerique\naccess: [bac]\nupdated: 2025-01-01\n---\n"})
	gen, err := db.Import(context.Background(), second)
	if err != nil || gen != 2 {
		t.Fatalf("second import: %d %v", gen, err)
	}
	db.Read(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.Fiche("dev"); !errors.Is(err, store.ErrNotFound) {
			t.Error("the first import's fiche survived")
		}
		if _, err := tx.RedirectTarget("ancien"); !errors.Is(err, store.ErrNotFound) {
			t.Error("the first import's redirect survived")
		}
		if g, _ := tx.Generation(); g != 2 {
			t.Errorf("generation %d", g)
		}
		return nil
	})
}

// TestMigrationsRunOnce reopens a database: migrations are recorded and
// not applied twice, and the content is still there.
func TestMigrationsRunOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), load(t, map[string]string{"metiers/dev.md": full})); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if g, err := db.Generation(context.Background()); g != 1 || err != nil {
		t.Errorf("generation after reopen: %d %v", g, err)
	}
}

// TestChangeCounterSeesOtherHandles is what lets a server notice an import
// made by another process.
func TestChangeCounterSeesOtherHandles(t *testing.T) {
	db := open(t)
	c, err := db.OpenChangeCounter()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	before := c.Load()
	other, err := store.Open(context.Background(), db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if after := c.Load(); after != before {
		t.Errorf("opening a handle moved the counter: %x -> %x", before, after)
	}
	if _, err := other.Import(context.Background(), load(t, map[string]string{"metiers/dev.md": full})); err != nil {
		t.Fatal(err)
	}
	if after := c.Load(); after == before {
		t.Error("an import by another handle did not move the counter")
	}
}
