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
	if text.IsStop(w) || ix.text.postings[text.Stem(w)] != nil {
		return true
	}
	i := sort.SearchStrings(ix.text.terms, w)
	return i < len(ix.text.terms) && strings.HasPrefix(ix.text.terms[i], w)
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
	terms := ix.skills.terms // the skills field holds the titles' stems too
	for i := sort.SearchStrings(terms, stem[:1]); i < len(terms) && terms[i][0] == stem[0]; i++ {
		t := terms[i]
		if t == stem || len(t) < len(stem)-most || len(t) > len(stem)+most {
			continue
		}
		if d := text.Edits(stem, t, most); d <= most {
			found = append(found, candidate{t, d, int(ix.skills.postings[t].GetCardinality())})
		}
	}
	slices.SortFunc(found, func(a, b candidate) int {
		if a.edits != b.edits {
			return a.edits - b.edits
		}
		return b.use - a.use
	})
	var out []string
	for _, c := range found[:min(n, len(found))] {
		out = append(out, c.term)
	}
	return out
}
