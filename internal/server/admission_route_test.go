package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"vocation/internal/server"
)

// With every search slot taken, a search waits its bounded turn and gets a
// 503 with Retry-After, while fiche pages, lists and static files answer
// at once: they never stand in the searches' line.
func TestSearchesWaitInLineAndPagesDoNot(t *testing.T) {
	db := mustDB(t, offersTree())
	offers := startOffers(t, db)
	<-offers.Ready()
	srv, err := server.New(t.Context(), db, offers, quiet(), server.Options{SearchSlots: 2, SearchWait: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, srv, "/offres?q=developpeur"); r.status != http.StatusOK {
		t.Fatalf("a free line: %d", r.status)
	}
	release := server.HoldSearchSlots(srv, 2)
	r := get(t, srv, "/offres?q=infirmier")
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") != "2" || !strings.Contains(r.body, "Beaucoup de monde cherche des offres") {
		t.Errorf("a full line: %d, Retry-After %q\n%s", r.status, r.header.Get("Retry-After"), r.body)
	}
	// The feed and the API run the same searches: they wait in the same
	// line, the API answering its 503 as a problem.
	if r := get(t, srv, "/offres.atom?q=infirmier"); r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") != "2" {
		t.Errorf("the feed with a full line: %d, Retry-After %q", r.status, r.header.Get("Retry-After"))
	}
	if r := get(t, srv, "/api/v1/offres?q=infirmier"); r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") != "2" ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("the API with a full line: %d, Retry-After %q, %s", r.status, r.header.Get("Retry-After"), r.header.Get("Content-Type"))
	}
	css := ""
	if i := strings.Index(get(t, srv, "/").body, `href="/static/css/`); i >= 0 {
		css, _, _ = strings.Cut(get(t, srv, "/").body[i+len(`href="`):], `"`)
	}
	for _, path := range []string{"/metiers/developpeur-back-end", "/metiers/infirmier", "/recherche?q=dev", "/metiers", "/", "/offres/local/o1", "/api/v1/offres/local/o1", "/api/v1/fiches/infirmier", css, "/readyz"} {
		if r := get(t, srv, path); r.status != http.StatusOK {
			t.Errorf("%s with the search line full: %d", path, r.status)
		}
	}
	release()
	if r := get(t, srv, "/offres?q=infirmier"); r.status != http.StatusOK {
		t.Errorf("once a slot is free: %d", r.status)
	}
}
