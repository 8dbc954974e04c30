package server_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// discard is a ResponseWriter that keeps nothing, so the benchmarks
// measure the handler, not the recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkFichePage serves a cached fiche page through the whole server;
// BenchmarkCeiling writes the same bytes with a bare handler. Their ratio
// is the server's overhead per request, without the network.
func BenchmarkFichePage(b *testing.B) {
	srv := mustServer(b, mustDB(b, testTree()), false)
	for _, enc := range []string{"identity", "gzip"} {
		b.Run(enc, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/metiers/developpeur-back-end", nil)
			req.Header.Set("Accept-Encoding", enc)
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

func BenchmarkCeiling(b *testing.B) {
	srv := mustServer(b, mustDB(b, testTree()), false)
	body := []byte(get(b, srv, "/metiers/developpeur-back-end").body)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	req := httptest.NewRequest(http.MethodGet, "/metiers/developpeur-back-end", nil)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}
