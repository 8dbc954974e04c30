package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
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
	for _, want := range []string{
		`vocation_http_request_duration_seconds_count{route="/metiers/:slug",status="200"}`,
		`vocation_generation{of="content"} 1`,
		`vocation_generation_age_seconds{of="content"}`,
		`vocation_import_runs_total{kind="content"} 1`,
		`vocation_import_failures_total{kind="offers"} 1`,
		`vocation_import_last_success_timestamp_seconds{kind="content"}`,
		`vocation_offer_index_offers 0`,
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
