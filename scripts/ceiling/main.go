// Command ceiling serves a directory of dumped pages from memory with a
// bare net/http handler: the fastest Go can answer, for bench-pages.sh to
// compare Vocation against. With -replay-headers it also sends the headers
// Vocation sent for each page (saved as <page>.headers and
// <page>.gz.headers), which tells the cost of the headers themselves.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type page struct {
	plain, gz       []byte
	plainHdr, gzHdr http.Header
}

func main() {
	dir := flag.String("dir", "", "directory of dumped pages (with .gz copies)")
	addr := flag.String("addr", "127.0.0.1:18081", "listen address")
	replay := flag.Bool("replay-headers", false, "send the headers saved beside each page")
	flag.Parse()
	pages := map[string]page{}
	err := filepath.WalkDir(*dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".headers") {
			return err
		}
		plain, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		gz, err := os.ReadFile(p + ".gz")
		if err != nil {
			return err
		}
		pg := page{plain: plain, gz: gz, plainHdr: http.Header{}, gzHdr: http.Header{}}
		if *replay {
			pg.plainHdr, pg.gzHdr = readHeaders(p+".headers"), readHeaders(p+".gz.headers")
		}
		pages["/"+filepath.ToSlash(strings.TrimPrefix(p, *dir+"/"))] = pg
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving %d pages on %s", len(pages), *addr)
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body, saved := p.plain, p.plainHdr
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			body, saved = p.gz, p.gzHdr
			h.Set("Content-Encoding", "gzip")
		}
		for k, v := range saved {
			h[k] = v
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})))
}

// readHeaders reads a curl -D dump, leaving out what the server computes.
func readHeaders(path string) http.Header {
	h := http.Header{}
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if !ok || k == "Date" || k == "Content-Length" {
			continue
		}
		h[http.CanonicalHeaderKey(k)] = []string{v}
	}
	return h
}
