package offerindex

import (
	"slices"
	"sort"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/text"
)

// matchWord adds to parts the documents of a word group in f: any of its
// stems, and any stem starting with prefix when prefix is set.
func (f *field) matchWord(parts []*roaring.Bitmap, stems []string, prefix string) []*roaring.Bitmap {
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
	return parts
}

// tiers matches q: the documents with every word in the title, those with
// every word in the title or the skills, and all the documents that match.
// Relevance ranks them in that order. They may be the fields' own
// postings: they must not be changed.
func (ix *Index) tiers(q text.Query) [3]*roaring.Bitmap {
	var t [3]*roaring.Bitmap
	var parts []*roaring.Bitmap
	for i, g := range q.Words {
		prefix := ""
		if i == len(q.Words)-1 {
			prefix = q.Prefix
		}
		// A tier's documents for the word are the tier's before and the
		// field's own: a document is in one field's postings of a stem.
		var m *roaring.Bitmap
		for j, f := range ix.fields() {
			parts = f.matchWord(parts[:0], g, prefix)
			if m != nil {
				parts = append(parts, m)
			}
			switch len(parts) {
			case 0:
				m = roaring.New()
			case 1:
				m = parts[0]
			default:
				m = roaring.FastOr(parts...)
			}
			if i == 0 {
				t[j] = m
			} else {
				t[j] = roaring.And(t[j], m)
			}
		}
	}
	return t
}
