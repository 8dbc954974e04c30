package server_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/server"
	"vocation/internal/store"
)

// Every fiche of the shipped content is kept once rendered: a fiche with
// offers is not kept while the offer index lags its data, and the index
// once compared its fiches in another order than the pages did, so that no
// fiche page was ever kept (40 times slower under load).
func TestShippedFichesAreKept(t *testing.T) {
	site, probs := content.Load(os.DirFS("../../content"), "content", fiche.NewMarkdown(), server.ReservedSlugs())
	if site == nil {
		t.Fatal(probs)
	}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), site); err != nil {
		t.Fatal(err)
	}
	srv := mustServer(t, db, false)
	for _, f := range site.Fiches {
		p := "/metiers/" + f.Slug
		if get(t, srv, p); !server.Kept(srv, p) {
			t.Errorf("%s is not kept", p)
		}
	}
}
