package server_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"vocation/internal/server"
	"vocation/internal/store"
)

// BenchmarkOfferSearchMix replays a search mix through the whole server on
// a database of one's own, for the bytes a search allocates (-benchmem,
// -memprofile): the collector's work under load follows them.
//
//	BENCH_DB=$PWD/bench/overload1M/bench.db BENCH_MIX=$PWD/bench/overload1M/mix.txt \
//	  go test -run '^$' -bench OfferSearchMix -benchtime 400x ./internal/server
func BenchmarkOfferSearchMix(b *testing.B) {
	path := os.Getenv("BENCH_DB")
	if path == "" {
		b.Skip("BENCH_DB and BENCH_MIX name a database with offers and a file of search addresses")
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	offers := startOffers(b, db)
	<-offers.Ready()
	srv, err := server.New(context.Background(), db, offers, quiet(), server.Options{})
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(os.Getenv("BENCH_MIX"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var urls []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		urls = append(urls, sc.Text())
	}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, urls[i%len(urls)], nil)
		req.Header.Set("Accept-Encoding", "gzip")
		clear(w.h)
		srv.ServeHTTP(w, req)
		i++
	}
}
