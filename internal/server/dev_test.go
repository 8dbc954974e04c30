package server_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestDevReloadStream connects to the dev event stream as the preview
// page's script does and checks that a content change arrives as a
// reload event. The stream is read line by line until the event comes:
// the first blank line (the stream's preamble) says the handler is
// subscribed, so no sleep is needed to order the change after it.
func TestDevReloadStream(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), true)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	// A safety net for a broken handler, not a synchronisation.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/_dev/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := bufio.NewScanner(resp.Body)
	readUntil := func(want string) {
		t.Helper()
		for lines.Scan() {
			if lines.Text() == want {
				return
			}
		}
		t.Fatalf("stream ended before %q: %v", want, lines.Err())
	}
	readUntil("") // the preamble: subscribed
	srv.ContentChanged([]string{"content/metiers/x.md:3: sector : secteur inconnu"})
	readUntil("event: reload")

	// A second change on the same stream is a second event.
	srv.ContentChanged(nil)
	readUntil("event: reload")
}

// TestDevReloadScript: in dev every page carries the reload script and a
// CSP that lets this origin's scripts run; elsewhere neither the script
// nor the stream exist, and the CSP allows no script at all.
func TestDevReloadScript(t *testing.T) {
	dev := mustServer(t, mustDB(t, testTree()), true)
	for _, path := range []string{"/", "/metiers/developpeur-back-end", "/metiers/nexiste-pas"} {
		r := get(t, dev, path)
		if !strings.Contains(r.body, `<script src="/static/js/dev-reload.`) {
			t.Errorf("dev %s: no reload script", path)
		}
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("dev %s: CSP %q", path, csp)
		}
	}
	prod := mustServer(t, mustDB(t, testTree()), false)
	if r := get(t, prod, "/"); strings.Contains(r.body, "dev-reload") {
		t.Error("the reload script is on a production page")
	}
	if r := get(t, prod, "/_dev/events"); r.status != http.StatusNotFound {
		t.Errorf("production /_dev/events: %d", r.status)
	}
}
