package server_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/store"
)

// replicaPages are requests of every kind the site answers: any replica
// behind the load balancer must answer each with the same bytes. Add a
// route here when you add one.
var replicaPages = []string{
	"/",
	"/metiers",
	"/metiers/developpeur-back-end",
	"/metiers/developpeur-backend",
	"/metiers/nope",
	"/comparer?m=developpeur-back-end&m=infirmier",
	"/secteurs",
	"/secteurs/numerique",
	"/interets",
	"/interets/I",
	"/interets/centres",
	"/interets/rome/2",
	"/quiz",
	"/quiz/resultat?profil=SIA",
	"/recherche?q=developpeur",
	"/recherche?q=devloppeur",
	"/recherche/suggestions?q=dev",
	"/offres",
	"/offres?q=developpeur",
	"/offres?q=infirmier&contrat=cdi",
	"/offres?lieu=Lyon&rayon=50",
	"/offres?lieu=69&tri=date",
	"/offres?q=zythologue",
	"/offres?page=3",
	"/offres/local/o1",
	"/offres/local/o4",
	"/offres/demo/demo-0000007",
	"/offres/demo/demo-9999999",
	"/a-propos",
	"/robots.txt",
	"/favicon.ico",
	"/healthz",
	"/readyz",
	"/nulle-part",
	"/sitemap.xml",
	"/offres.atom?q=developpeur",
	"/offres.atom?lieu=Lyon&rayon=50",
	"/selection?m=developpeur-back-end&m=infirmier&m=nope&s=q%3Ddeveloppeur",
	"/selection/qr.svg?m=developpeur-back-end&m=infirmier",
	"/metiers/developpeur-back-end/qr.svg",
	"/api/v1/openapi.json",
	"/api/v1/fiches",
	"/api/v1/fiches/developpeur-back-end",
	"/api/v1/fiches/nope",
	"/api/v1/offres?q=developpeur&contrat=cdi",
	"/api/v1/offres?page=3",
	"/api/v1/offres/local/o1",
	"/api/v1/offres/local/o4",
	"/api/v1/offres/demo/demo-0000007",
	"/api/v1/offres?rayon=x",
}

// replicaDemoOffers are enough offers for ties in every ranking.
const replicaDemoOffers = 600

// Two replicas that imported the same content and the same offer snapshot
// serve the same bytes and ETags, whatever each imported before: a node
// that has run for months and one started this morning must be
// interchangeable behind a load balancer or a cache.
func TestReplicasServeTheSameBytes(t *testing.T) {
	var feed bytes.Buffer
	if err := offer.Generate(&feed, replicaDemoOffers, 3); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(feed.String()), "\n")
	snapshot := strings.Join(lines, "")
	// The long-running node saw content and offers several times, in
	// another order, so its keys and generation numbers differ.
	old := mustDB(t, offersTree())
	importFeed(t, old, strings.Join(lines[len(lines)/2:], ""), "")
	if _, err := old.Import(context.Background(), mustSite(t, offersTree())); err != nil {
		t.Fatal(err)
	}
	importFeed(t, old, snapshot, "demo")
	fresh := mustDB(t, offersTree())
	importFeed(t, fresh, snapshot, "demo")

	a, b := mustServer(t, old, false), mustServer(t, fresh, false)
	for _, path := range replicaPages {
		for _, enc := range []string{"", "gzip"} {
			ra := get(t, a, path, "Accept-Encoding", enc)
			rb := get(t, b, path, "Accept-Encoding", enc)
			if ra.status != rb.status || ra.body != rb.body {
				t.Errorf("%s (%q): %d and %d, bodies differ at byte %d:\n%s\n%s", path, enc, ra.status, rb.status,
					firstDiff(ra.body, rb.body), around(ra.body, firstDiff(ra.body, rb.body)), around(rb.body, firstDiff(ra.body, rb.body)))
			}
			for _, h := range []string{"Etag", "Content-Type", "Content-Length", "Location", "Cache-Control", "Content-Encoding", "Vary"} {
				if ra.header.Get(h) != rb.header.Get(h) {
					t.Errorf("%s (%q): %s %q and %q", path, enc, h, ra.header.Get(h), rb.header.Get(h))
				}
			}
			if ra.status == http.StatusOK && ra.header.Get("Etag") != "" {
				if r := get(t, b, path, "Accept-Encoding", enc, "If-None-Match", ra.header.Get("Etag")); r.status != http.StatusNotModified {
					t.Errorf("%s (%q): the other replica answers %d to the first one's ETag", path, enc, r.status)
				}
			}
		}
	}
}

func importFeed(t *testing.T, db *store.DB, jsonl, replace string) {
	t.Helper()
	var probs problem.List
	if _, err := db.ImportOffers(context.Background(), offer.DecodeJSONL("demo.jsonl", strings.NewReader(jsonl), &probs), replace); err != nil || probs.HasErrors() {
		t.Fatal(err, probs)
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(s string, i int) string {
	return s[max(0, i-120):min(len(s), i+120)]
}

// A replica told to drain says so on /readyz, for load balancers that
// poll it, and still answers every request, each closing its connection
// so that a proxy's keep-alive connections move to the other replicas.
func TestDrainingReplicaLeavesThePool(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	if r := get(t, srv, "/readyz"); r.status != http.StatusOK || r.header.Get("Connection") != "" {
		t.Fatalf("/readyz before: %d, Connection %q", r.status, r.header.Get("Connection"))
	}
	get(t, srv, "/metiers/infirmier") // kept: the next one is answered from memory
	srv.Drain()
	if r := get(t, srv, "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Errorf("/readyz while draining: %d", r.status)
	}
	for _, path := range []string{"/metiers/infirmier", "/offres?q=infirmier", "/healthz"} {
		if r := get(t, srv, path); r.status != http.StatusOK || r.header.Get("Connection") != "close" {
			t.Errorf("%s while draining: %d, Connection %q", path, r.status, r.header.Get("Connection"))
		}
	}
}
