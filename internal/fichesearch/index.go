// Package fichesearch is the in-memory search of the fiches, built once
// per content generation from what the store holds and then only read:
// titles, aliases, the ROME job titles of their codes, summaries,
// interests, qualities and bodies, read through the one text engine
// (internal/text), with the typo tolerance and ranking rules of the best
// search engines (Meilisearch's). The same index, built from ROME job
// titles, answers for the métiers that have no fiche yet.
package fichesearch

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"

	"vocation/internal/text"
)

// Field is where in a document a word was found; a lower field ranks
// first.
type Field uint8

// The fields, in their rank.
const (
	Title Field = iota
	Alias
	About // summary, sector, interests, qualities
	// Job is the ROME job titles of the fiche's codes: many are narrower
	// métiers ("vendeur en articles pour enfants"), below what the fiche
	// says of itself.
	Job
	Body
	fields
)

// Doc is one document to index: its key (a slug) and its texts by field.
// Weight ranks equal matches: a fuller fiche first.
type Doc struct {
	Key    string
	Texts  [fields][]string
	Weight int
}

// posting is one document a term is found in, in its best field.
type posting struct {
	doc   int32
	field Field
}

// Index is the search index of one set of documents, immutable once
// built, read by any number of searches at once.
type Index struct {
	keys    []string
	weights []int
	terms   []string // sorted stems
	masks   []uint32 // by term: the letters it has, to skip far terms fast
	post    [][]posting
	best    []Field  // by term: the best field it is found in
	surface []string // by term: a word that gave it, as written, for did-you-mean
	// byFirst lists the terms by first letter: one typo on the first
	// letter counts two, so a word allowed one typo only looks at the
	// terms that start like it.
	byFirst [37][]int32
	// scratch keeps the per-document table of a search for the next one:
	// at thousands of searches a second, allocating it anew was most of
	// the garbage, and the collector's pauses the slowest searches.
	scratch sync.Pool
}

// Build indexes docs; their order is the order of equal results.
func Build(docs []Doc) *Index {
	ix := &Index{}
	type acc struct {
		post    map[int32]Field
		surface string
		rank    Field
	}
	vocab := map[string]*acc{}
	for d, doc := range docs {
		ix.keys = append(ix.keys, doc.Key)
		ix.weights = append(ix.weights, doc.Weight)
		for f := Field(0); f < fields; f++ {
			for _, t := range doc.Texts[f] {
				for _, w := range words(t) {
					a := vocab[w.stem]
					if a == nil {
						a = &acc{post: map[int32]Field{}, rank: fields}
						vocab[w.stem] = a
					}
					if old, ok := a.post[int32(d)]; !ok || f < old {
						a.post[int32(d)] = f
					}
					if f < a.rank {
						a.surface, a.rank = w.written, f
					}
				}
			}
		}
	}
	for t := range vocab {
		ix.terms = append(ix.terms, t)
	}
	sort.Strings(ix.terms)
	for i, t := range ix.terms {
		a := vocab[t]
		ps := make([]posting, 0, len(a.post))
		for d, f := range a.post {
			ps = append(ps, posting{d, f})
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].doc < ps[j].doc })
		ix.post = append(ix.post, ps)
		ix.surface = append(ix.surface, a.surface)
		ix.best = append(ix.best, a.rank)
		ix.masks = append(ix.masks, mask(t))
		ix.byFirst[bucket(t[0])] = append(ix.byFirst[bucket(t[0])], int32(i))
	}
	return ix
}

// Len is the number of documents.
func (ix *Index) Len() int { return len(ix.keys) }

// Key is the key of document d.
func (ix *Index) Key(d int) string { return ix.keys[d] }

type word struct{ stem, written string }

// words are the stems of the meaningful words of s, with each as written
// (lowercase, accents kept, the masculine of an inclusive form).
func words(s string) []word {
	var out []word
	for _, raw := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '·' && r != '•'
	}) {
		raw = strings.ToLower(raw)
		written := raw
		if i := strings.IndexAny(written, "·•"); i > 0 {
			written = written[:i]
		}
		folded := strings.Fields(text.Fold(raw))
		for _, f := range folded {
			if text.IsStop(f) {
				continue
			}
			w := word{stem: text.Stem(f), written: f}
			if len(folded) == 1 {
				w.written = written
			}
			out = append(out, w)
		}
	}
	return out
}

// bucket is the index of a folded letter or digit in byFirst.
func bucket(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= '0' && c <= '9':
		return 26 + int(c-'0')
	}
	return 36
}

// mask has a bit per letter of w: each typo adds at most one letter
// missing from the other word, so the count of missing letters is a floor
// of the typos, compared in one instruction.
func mask(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		m |= 1 << bucket(w[i])
	}
	return m
}

func missing(a, b uint32) int { return bits.OnesCount32(a &^ b) }
