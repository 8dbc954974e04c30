package server

import (
	"bytes"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sortByTitle orders items as a French reader expects: é sorts with e and
// œ as oe, case and accents only break ties. Byte order, SQLite's NOCASE
// included, put "Éducateur" after "Zoologiste". Items the collator finds
// equal keep their order.
//
// A collator keeps buffers and is not safe for concurrent use, so each
// sort makes its own; it runs once per content generation. Keys computed
// once per item make it four times cheaper than comparing strings: about
// 0.7 ms for 500 titles (BenchmarkSortByTitle).
func sortByTitle[T any](items []T, title func(*T) string) {
	col := collate.New(language.French)
	var buf collate.Buffer
	type keyed struct {
		key  []byte
		item T
	}
	ks := make([]keyed, len(items))
	for i := range items {
		ks[i] = keyed{col.KeyFromString(&buf, title(&items[i])), items[i]}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return bytes.Compare(a.key, b.key) })
	for i := range ks {
		items[i] = ks[i].item
	}
}
