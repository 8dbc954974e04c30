// Command communes writes the official names of French communes, by INSEE
// code, from Etalab's decoupage-administratif data/communes.json, as the
// gzip'd tab-separated file internal/offer embeds: one "code\tname" a
// line, sorted by code. `make communes` runs it.
//
//	go run ./scripts/communes communes.json internal/offer/communes.tsv.gz
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

type commune struct {
	Code string `json:"code"`
	Nom  string `json:"nom"`
	Type string `json:"type"`
}

// rank orders the kinds of communes that share a code: a current commune
// names its code before the former communes merged into it.
var rank = map[string]int{"commune-actuelle": 0, "arrondissement-municipal": 1, "commune-deleguee": 2, "commune-associee": 3}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: communes communes.json out.tsv.gz")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "communes:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var all []commune
	if err := json.Unmarshal(src, &all); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	names := map[string]commune{}
	for _, c := range all {
		r, known := rank[c.Type]
		if !known || c.Code == "" || c.Nom == "" || strings.ContainsAny(c.Nom, "\t\n") {
			continue
		}
		if prev, ok := names[c.Code]; !ok || r < rank[prev.Type] {
			names[c.Code] = c
		}
	}
	if len(names) < 30000 {
		return fmt.Errorf("%s: only %d communes: not the file expected", in, len(names))
	}
	codes := make([]string, 0, len(names))
	for code := range names {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	for _, code := range codes {
		fmt.Fprintf(w, "%s\t%s\n", code, names[code].Nom)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
