package server_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/offerindex"
	"vocation/internal/server"
)

// One vocabulary of failures: each kind has its status, as an HTML page or,
// for a client that asks for JSON, as application/problem+json.
func TestFailuresAsProblemJSON(t *testing.T) {
	db := mustDB(t, offersTree())
	srv := mustServer(t, db, false)
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/offres?page=0", http.StatusBadRequest},
		{"/metiers/inconnu", http.StatusNotFound},
		{"/nulle-part/du/tout", http.StatusNotFound},
	} {
		r := get(t, srv, tt.path, "Accept", "application/json")
		var p struct {
			Type, Title, Detail, Instance string
			Status                        int
		}
		if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.status != tt.status || r.header.Get("Content-Type") != "application/problem+json" ||
			p.Status != tt.status || p.Title != http.StatusText(tt.status) || p.Detail == "" || p.Instance == "" {
			t.Errorf("%s: %d %q %+v %v", tt.path, r.status, r.header.Get("Content-Type"), p, err)
		}
		if html := get(t, srv, tt.path); html.status != tt.status || html.header.Get("Content-Type") != "text/html; charset=UTF-8" {
			t.Errorf("%s as HTML: %d %q", tt.path, html.status, html.header.Get("Content-Type"))
		}
	}
	// An offer index never started is one still being built, for ever.
	warming, err := server.New(t.Context(), db, offerindex.NewLive(db, quiet()), quiet(), server.Options{OfferIndexWait: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, warming, "/readyz", "Accept", "application/problem+json"); r.status != http.StatusServiceUnavailable ||
		r.header.Get("Retry-After") == "" || r.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("unavailable: %d %q %q", r.status, r.header.Get("Retry-After"), r.header.Get("Content-Type"))
	}
}

// A route with a middleware is never answered from the kept pages, which
// ServeHTTP serves before echo's middleware: the middleware runs every time.
func TestKeptPagesNeverBypassAMiddleware(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	calls := 0
	server.HandleWith(srv, "/essai", func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			calls++
			return next(c)
		}
	})
	for range 3 {
		if r := get(t, srv, "/essai"); r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
	}
	if calls != 3 {
		t.Errorf("the middleware ran %d times for 3 requests", calls)
	}
	// A page route's page is kept, a fiche with offers included: the next
	// request is answered from it.
	for _, path := range []string{"/metiers/developpeur-back-end", "/metiers/developpeur-front-end", "/metiers", "/"} {
		get(t, srv, path)
		if !server.Kept(srv, path) {
			t.Errorf("%s is not kept", path)
		}
	}
}

// A 503 the server answers by design (here: its offer index not built
// yet) is logged as a warning, not an error: a load balancer polling
// /readyz during a start would fill the error log.
func TestUnavailableIsAWarning(t *testing.T) {
	db := mustDB(t, testTree())
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	srv, err := server.New(t.Context(), db, offerindex.NewLive(db, quiet()), log, server.Options{OfferIndexWait: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, srv, "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Fatalf("/readyz: %d", r.status)
	}
	if l := logs.String(); strings.Contains(l, "level=ERROR") || !strings.Contains(l, "level=WARN msg=request method=GET path=/readyz status=503") {
		t.Errorf("log: %q", l)
	}
}
