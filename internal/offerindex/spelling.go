package offerindex

import (
	"slices"
	"sort"
	"strings"

	"vocation/internal/text"
)

// Knows reports whether a typed word is in any offer, whole or, since it
// may still be being typed, as the start of a word. Stop words are known:
// searches skip them.
func (ix *Index) Knows(word string) bool {
	w := text.Fold(word)
	if text.IsStop(w) {
		return true
	}
	stem := text.Stem(w)
	for _, f := range ix.fields() {
		if f.postings[stem] != nil {
			return true
		}
		if i := sort.SearchStrings(f.terms, w); i < len(f.terms) && strings.HasPrefix(f.terms[i], w) {
			return true
		}
	}
	return false
}

// Spellings are the stems of titles and skills close to stem, for "did
// you mean": within one edit (two for words of eight letters or more),
// closest first, then the most frequent; at most n. A typo in the first
// letter is rare, and looking only there keeps this cheap.
func (ix *Index) Spellings(stem string, n int) []string {
	if stem == "" {
		return nil
	}
	// Two edits turn a short word into another real one ("pompier",
	// "plombier"): only long words get them.
	most := 1
	if len(stem) >= 8 {
		most = 2
	}
	type candidate struct {
		term       string
		edits, use int
	}
	var found []candidate
	for _, f := range []*field{&ix.title, &ix.skills} {
		terms := f.terms
		for i := sort.SearchStrings(terms, stem[:1]); i < len(terms) && terms[i][0] == stem[0]; i++ {
			t := terms[i]
			if t == stem || len(t) < len(stem)-most || len(t) > len(stem)+most {
				continue
			}
			if d := text.Edits(stem, t, most); d <= most {
				// A stem of both fields counts the documents of both: no
				// document is in both.
				use := int(f.postings[t].GetCardinality())
				if j := slices.IndexFunc(found, func(c candidate) bool { return c.term == t }); j >= 0 {
					found[j].use += use
				} else {
					found = append(found, candidate{t, d, use})
				}
			}
		}
	}
	slices.SortFunc(found, func(a, b candidate) int {
		if a.edits != b.edits {
			return a.edits - b.edits
		}
		if a.use != b.use {
			return b.use - a.use
		}
		return strings.Compare(a.term, b.term)
	})
	var out []string
	for _, c := range found[:min(n, len(found))] {
		out = append(out, c.term)
	}
	return out
}
