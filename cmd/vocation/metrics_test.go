package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMetricsOnTheirOwnListener: serve --metrics-addr answers /metrics
// there, with what the database and the index say, and not on the public
// address.
func TestMetricsOnTheirOwnListener(t *testing.T) {
	dir := writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "metiers/a.md": ficheFile("A", "")})
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, stderr := runCmd(t, "import", "--content", dir, "--db", db); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	if code, _, _ := runCmd(t, "offers", "import", "--db", db, filepath.Join(dir, "missing.jsonl")); code != 1 {
		t.Fatal("an import of a missing feed did not fail")
	}
	offers := func(id string, published time.Time) string {
		feed := filepath.Join(t.TempDir(), id+".jsonl")
		line := fmt.Sprintf(`{"source":"local","id":%q,"title":"Zythologue","description":"Bières.","contract":"cdi","city":"Lyon","postcode":"69001","published":%q}`,
			id, published.UTC().Format(time.RFC3339))
		if err := os.WriteFile(feed, []byte(line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return feed
	}
	if code, _, stderr := runCmd(t, "offers", "import", "--db", db, offers("z1", time.Now().Add(-2*time.Hour))); code != 0 {
		t.Fatalf("offers import: %s", stderr)
	}
	addr, metrics := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--content", dir, "--db", db, "--addr", addr, "--metrics-addr", metrics}, func(string) string { return "" }, io.Discard, io.Discard)
	}()
	defer func() { cancel(); <-done }()
	waitFor(t, "serve", func() bool { s, _ := fetch("http://" + addr + "/metiers/a"); return s == 200 })
	var body string
	waitFor(t, "the offer index", func() bool {
		_, body = fetch("http://" + metrics + "/metrics")
		return strings.Contains(body, "vocation_offer_index_build_seconds_count 1")
	})
	// A newer offer: the index is updated, not built again.
	if code, _, stderr := runCmd(t, "offers", "import", "--db", db, offers("z2", time.Now().Add(-time.Hour))); code != 0 {
		t.Fatalf("offers import: %s", stderr)
	}
	waitFor(t, "the offer index update", func() bool {
		fetch("http://" + addr + "/offres") // the server notices an import on a request
		_, body = fetch("http://" + metrics + "/metrics")
		return strings.Contains(body, "vocation_offer_index_updates_total 1")
	})
	for _, want := range []string{
		"vocation_offer_index_build_seconds_count 1",
		`vocation_http_request_duration_seconds_count{route="/metiers/:slug",status="200"}`,
		`vocation_generation{of="content"} 3`, // the content import, then each offers import
		`vocation_generation{of="offers"} 2`,
		`vocation_generation_age_seconds{of="content"}`,
		`vocation_import_runs_total{kind="content"} 1`,
		`vocation_import_failures_total{kind="offers"} 1`,
		`vocation_import_last_success_timestamp_seconds{kind="content"}`,
		`vocation_offer_index_offers 2`,
		`process_resident_memory_bytes`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in /metrics:\n%s", want, body)
		}
	}
	if status, _ := fetch("http://" + addr + "/metrics"); status != 404 {
		t.Errorf("/metrics on the public address: %d, want 404", status)
	}
}
