package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"vocation/internal/server"
)

// scrape answers what Prometheus would read from reg.
func scrape(t *testing.T, reg *prometheus.Registry) string {
	t.Helper()
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

// TestMetricsCountRequestsByRouteAndStatus: a page rendered then kept is
// counted under its route pattern both times, a miss then a hit; an
// unknown address and a page not found are counted by their status.
func TestMetricsCountRequestsByRouteAndStatus(t *testing.T) {
	db := mustDB(t, testTree())
	offers := startOffers(t, db)
	<-offers.Ready()
	reg := prometheus.NewRegistry()
	srv, err := server.New(context.Background(), db, offers, quiet(), server.Options{Metrics: server.NewMetrics(reg)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/metiers/infirmier", "/metiers/infirmier", "/metiers/infirmier", "/metiers/nope", "/healthz"} {
		get(t, srv, p)
	}
	out := scrape(t, reg)
	for _, want := range []string{
		`vocation_http_request_duration_seconds_count{route="/metiers/:slug",status="200"} 3`,
		`vocation_http_request_duration_seconds_count{route="/metiers/:slug",status="404"} 1`,
		`vocation_http_request_duration_seconds_count{route="/healthz",status="200"} 1`,
		`vocation_page_cache_requests_total{result="hit"} 2`,
		`vocation_http_request_duration_seconds_bucket{route="/metiers/:slug",status="200",le="10"} 3`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
}

// BenchmarkKeptPageMetrics serves a kept fiche page with and without
// metrics: their ratio is what counting costs on the hottest path.
func BenchmarkKeptPageMetrics(b *testing.B) {
	db := mustDB(b, testTree())
	offers := startOffers(b, db)
	<-offers.Ready()
	for _, on := range []bool{false, true} {
		opts := server.Options{}
		if on {
			opts.Metrics = server.NewMetrics(prometheus.NewRegistry())
		}
		srv, err := server.New(context.Background(), db, offers, quiet(), opts)
		if err != nil {
			b.Fatal(err)
		}
		name := map[bool]string{false: "off", true: "on"}[on]
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/metiers/developpeur-back-end", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			w := &discard{h: http.Header{}}
			srv.ServeHTTP(w, req)
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				srv.ServeHTTP(w, req)
			}
		})
	}
}
