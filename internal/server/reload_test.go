package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/server"
	"vocation/internal/store"
)

// TestImportWhileServing imports new content through a second database
// handle, as `vocation import` in another process would, while requests
// keep coming: every answer is 200 and whole, and the new content shows
// on the next request without a restart.
func TestImportWhileServing(t *testing.T) {
	db := mustDB(t, testTree())
	srv := mustServer(t, db, false)
	other, err := store.Open(context.Background(), db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	pages := []string{"/", "/metiers", "/metiers/developpeur-front-end", "/secteurs/numerique"}
	for _, p := range pages { // fill the page cache with the first generation
		if r := get(t, srv, p); r.status != 200 {
			t.Fatalf("%s: %d", p, r.status)
		}
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	var failures atomic.Int64
	var served atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				for _, p := range pages {
					r := get(t, srv, p)
					served.Add(1)
					if r.status != 200 || !strings.HasSuffix(strings.TrimSpace(r.body), "</html>") {
						failures.Add(1)
					}
				}
			}
		}()
	}
	for i := 1; i <= 5; i++ {
		files := testTree()
		files["metiers/developpeur-front-end.md"] = ficheSrc(fmt.Sprintf("Développeur·euse front-end version %d", i), "", "## Le métier\n\nNouveau.\n")
		if _, err := other.Import(context.Background(), mustSite(t, files)); err != nil {
			t.Fatal(err)
		}
		r := get(t, srv, "/metiers/developpeur-front-end")
		if want := fmt.Sprintf("version %d", i); !strings.Contains(r.body, want) {
			t.Fatalf("after import %d the page does not show %q", i, want)
		}
		if r := get(t, srv, "/metiers"); !strings.Contains(r.body, fmt.Sprintf("version %d", i)) {
			t.Fatalf("after import %d the list is stale", i)
		}
	}
	stop.Store(true)
	wg.Wait()
	if failures.Load() > 0 {
		t.Errorf("%d of %d requests failed during imports", failures.Load(), served.Load())
	}
	if served.Load() == 0 {
		t.Error("no request was served during the imports")
	}
}

// TestFailingImportChangesNothing makes the transaction fail half-way (a
// fiche whose sector does not exist breaks a foreign key, something
// validation normally prevents) and checks the database is as it was.
func TestFailingImportChangesNothing(t *testing.T) {
	db := mustDB(t, testTree())
	srv := mustServer(t, db, false)
	before := get(t, srv, "/metiers/developpeur-back-end").body
	gen, _ := db.Generation(context.Background())

	site := mustSite(t, testTree())
	site.Fiches[len(site.Fiches)-1].Sector = "no-such-sector"
	site.Fiches[0].Title = "Titre qui ne doit jamais apparaître"
	if _, err := db.Import(context.Background(), site); err == nil {
		t.Fatal("import with a broken foreign key succeeded")
	}
	if g, _ := db.Generation(context.Background()); g != gen {
		t.Errorf("generation moved from %d to %d", gen, g)
	}
	if after := get(t, srv, "/metiers/developpeur-back-end").body; after != before {
		t.Error("the fiche page changed after a failed import")
	}
	if r := get(t, srv, "/metiers"); strings.Contains(r.body, "jamais apparaître") || r.status != http.StatusOK {
		t.Error("half of a failed import is visible")
	}
}

// TestInvalidContentIsNeverStored is the editor's case: a typo makes the
// whole tree invalid, so nothing reaches the store.
func TestInvalidContentIsNeverStored(t *testing.T) {
	files := testTree()
	files["metiers/developpeur-front-end.md"] = strings.Replace(files["metiers/developpeur-front-end.md"], "access: [bac+2, bac+5]", "acces: [bac+2]", 1)
	site, probs := content.Load(mapFS(files), "content", fiche.NewMarkdown(), server.ReservedSlugs())
	if site != nil {
		t.Fatal("invalid tree loaded")
	}
	if !strings.Contains(fmt.Sprint(probs), "content/metiers/developpeur-front-end.md:5: acces : clé inconnue (vouliez-vous dire access ?)") {
		t.Errorf("problems: %v", probs)
	}
}
