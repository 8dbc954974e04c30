package offerindex

import (
	"slices"
	"sort"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/text"
)

// matchWord is the documents of a word group in one field: any of its
// stems, and any stem starting with prefix when prefix is set. The
// result may be the field's own postings: it must not be changed.
func (f *field) matchWord(stems []string, prefix string) *roaring.Bitmap {
	var parts []*roaring.Bitmap
	for _, s := range stems {
		if p := f.postings[s]; p != nil {
			parts = append(parts, p)
		}
	}
	if prefix != "" {
		i := sort.SearchStrings(f.terms, prefix)
		for ; i < len(f.terms) && strings.HasPrefix(f.terms[i], prefix); i++ {
			if !slices.Contains(stems, f.terms[i]) {
				parts = append(parts, f.postings[f.terms[i]])
			}
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return roaring.FastOr(parts...)
}

// tiers matches q: the documents with every word in the title, those with
// every word in the title or the skills, and all the documents that match.
// Relevance ranks them in that order. They must not be changed.
func (ix *Index) tiers(q text.Query) [3]*roaring.Bitmap {
	var t [3]*roaring.Bitmap
	for i, g := range q.Words {
		prefix := ""
		if i == len(q.Words)-1 {
			prefix = q.Prefix
		}
		for j, f := range []*field{&ix.title, &ix.skills, &ix.text} {
			m := f.matchWord(g, prefix)
			if i == 0 {
				t[j] = m
			} else {
				t[j] = roaring.And(t[j], m)
			}
		}
	}
	return t
}
