package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"vocation/internal/offer"
)

// The driver orders the settings of a connection itself: check that each
// took effect, on the writer and on the readers.
func TestConnectionSettings(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{"journal_mode": "wal", "page_size": "16384", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "10000"}
	for name, pool := range map[string]*sql.DB{"writer": db.write, "reader": db.read} {
		for pragma, value := range want {
			var got string
			if err := pool.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatalf("%s: %s: %v", name, pragma, err)
			}
			if got != value {
				t.Errorf("%s: %s = %s, want %s", name, pragma, got, value)
			}
		}
	}
	if _, err := db.read.ExecContext(ctx, "CREATE TABLE t (x)"); err == nil {
		t.Error("a reader could write")
	}
}

// An offers import works with a large page cache, and hands the writer's
// connection, which lives as long as the server, back with its own.
func TestImportPageCacheIsTheImports(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	size := func() (n int) {
		if err := db.write.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := size()
	o := offer.Offer{Source: "local", ID: "1", Title: "Boulanger", Description: "Pains.", Contract: "cdi", RemoteDays: -1, ExperienceYears: -1}
	if _, err := db.ImportOffers(ctx, []offer.Offer{o}, ""); err != nil {
		t.Fatal(err)
	}
	if after := size(); after != before {
		t.Errorf("page cache after an import: %d, was %d", after, before)
	}
}
