package fichesearch

import (
	"math"
	"slices"
	"sort"
	"strings"

	"vocation/internal/text"
)

// maxWords bounds the words a query is searched with, as Meilisearch
// does: past ten, a query is a sentence pasted, not a search.
const maxWords = 10

// Match is one document found.
type Match struct {
	Doc   int
	Key   string
	Field Field // the best field any of its words was found in
	Typos int
	// Whole says every word matched as typed: no prefix, no synonym.
	Whole bool
}

// Correction is a word of the query the index does not have as typed,
// with the words it has within the typos allowed, nearest first, as
// written.
type Correction struct {
	Word  int // the word's place in the query
	Typed string
	Terms []string
	// Unambiguous says one word is nearer than all others.
	Unambiguous bool
}

// Result is what a search finds.
type Result struct {
	Matches []Match
	// Used is how many of the query's words, from the first, every match
	// contains: fewer than Words when no document has them all (the last
	// ones are dropped, Meilisearch's "last" strategy).
	Used, Words int
	// Corrections are the words with neither an exact nor a prefix match.
	Corrections []Correction
}

// hit is a term a word of the query matches, and how.
type hit struct {
	term  int32
	typos int
	how   how
}

// how a word matched a term, best first.
type how uint8

const (
	exact   how = iota
	prefix      // the last word begins the term
	synonym     // the term is a synonym of the word (internal/text)
)

// NoTypos as Search's extra allows no typo at all.
const NoTypos = -2

// none marks a document a word does not match.
const none = ^uint16(0)

// Search finds the documents that have every word of q, or, when none
// has them all, as many of the first words as some have. A word matches
// its stem, its synonyms, the terms within its typos (text.AllowedTypos
// plus extra, and none when extra is NoTypos), and the last word also
// every term it begins. Results are
// ranked by fewer typos, then fewer words found only through a synonym
// (what was typed comes first), then better fields (title > alias > summary
// and interests > ROME job titles > body), each word's field weighed by how rare the word
// is, so that "enfants" in a summary outweighs "travailler" in a body,
// then whole words over prefixes, then weight, then the documents' order.
func (ix *Index) Search(q text.Query, extra int) Result {
	words := q.Words
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	res := Result{Words: len(words)}
	if len(words) == 0 || len(ix.keys) == 0 {
		return res
	}
	n, w := len(ix.keys), len(words)
	// Per document and word, the best match as typos, how and field,
	// packed so that a smaller key is a better match.
	bp, _ := ix.scratch.Get().(*[]uint16)
	if bp == nil {
		bp = new([]uint16)
	}
	defer ix.scratch.Put(bp)
	if cap(*bp) < n*w {
		*bp = make([]uint16, n*w)
	}
	best := (*bp)[:n*w]
	for i := range best {
		best[i] = none
	}
	rarity := make([]float32, w)
	for i := range words {
		hits, known := ix.match(q, i, extra)
		if !known {
			res.Corrections = append(res.Corrections, ix.correction(q, i, hits))
		}
		df := 0
		for _, h := range hits {
			for _, p := range ix.post[h.term] {
				k := uint16(h.typos)<<8 | uint16(h.how)<<4 | uint16(p.field)
				j := int(p.doc)*w + i
				if best[j] == none {
					df++
				}
				if k < best[j] {
					best[j] = k
				}
			}
		}
		rarity[i] = float32(math.Log1p(float64(n) / float64(max(df, 1))))
	}
	// 16 bytes: a common word ranks every document.
	type ranked struct {
		doc                    int32
		fields                 float32
		typos, synonyms, fuzzy uint8
		min                    Field
	}
	found := make([]ranked, 0, 64)
	for used := w; used > 0 && len(found) == 0; used-- {
		res.Used = used
	docs:
		for d := range n {
			r := ranked{doc: int32(d), min: fields}
			for i, k := range best[d*w : d*w+used] {
				if k == none {
					continue docs
				}
				f, hw := Field(k&0xf), how(k>>4&0xf)
				r.typos += uint8(k >> 8)
				if hw == synonym {
					r.synonyms++
				}
				if hw != exact {
					r.fuzzy++
				}
				r.fields += float32(f) * rarity[i]
				r.min = min(r.min, f)
			}
			found = append(found, r)
		}
	}
	if len(found) == 0 {
		res.Used = 0
		return res
	}
	slices.SortFunc(found, func(a, b ranked) int {
		switch {
		case a.typos != b.typos:
			return int(a.typos) - int(b.typos)
		case a.synonyms != b.synonyms:
			return int(a.synonyms) - int(b.synonyms)
		case a.fields != b.fields:
			if a.fields < b.fields {
				return -1
			}
			return 1
		case a.fuzzy != b.fuzzy:
			return int(a.fuzzy) - int(b.fuzzy)
		case ix.weights[a.doc] != ix.weights[b.doc]:
			return ix.weights[b.doc] - ix.weights[a.doc]
		}
		return int(a.doc) - int(b.doc)
	})
	res.Matches = make([]Match, len(found))
	for i, r := range found {
		res.Matches[i] = Match{Doc: int(r.doc), Key: ix.keys[r.doc], Field: r.min, Typos: int(r.typos), Whole: r.fuzzy == 0}
	}
	return res
}

// match lists the terms word i of q matches; known says one matched
// without a typo.
func (ix *Index) match(q text.Query, i, extra int) (hits []hit, known bool) {
	group := q.Words[i]
	typed := group[0]
	if i < len(q.Typed) {
		typed = q.Typed[i]
	}
	last := i == len(q.Words)-1 && q.Prefix != ""
	// A bit per term: a map here was a tenth of a search.
	seen := make([]uint64, (len(ix.terms)+63)/64)
	has := func(t int32) bool { return seen[t>>6]&(1<<(t&63)) != 0 }
	mark := func(t int32) { seen[t>>6] |= 1 << (t & 63) }
	add := func(t int32, typos int, h how) {
		if !has(t) {
			mark(t)
			hits = append(hits, hit{t, typos, h})
		}
	}
	for j, s := range group {
		if t, ok := ix.find(s); ok {
			h := exact
			if j > 0 {
				h = synonym
			}
			add(t, 0, h)
			known = true
		}
	}
	if last {
		for _, p := range []string{group[0], typed} {
			for t := ix.lowerBound(p); t < len(ix.terms) && strings.HasPrefix(ix.terms[t], p); t++ {
				add(int32(t), 0, prefix)
				known = true
			}
		}
	}
	// Never past two typos: a third finds words that share little.
	allowed := min(text.AllowedTypos(typed)+extra, 2)
	stem := group[0]
	if allowed <= 0 || stem == "" {
		return hits, known
	}
	sm := mask(stem)
	try := func(t int32) {
		if has(t) {
			return
		}
		term := ix.terms[t]
		if missing(sm, ix.masks[t]) > allowed || len(term) < len(stem)-allowed {
			return
		}
		d, h := allowed+1, exact
		switch {
		case last:
			// Still being typed: the term's beginning, as long as the word
			// give or take the typos, from one comparison.
			whole, begin := text.PrefixTypos(stem, term[:min(len(term), len(stem)+allowed)], allowed)
			if len(term) > len(stem)+allowed || missing(ix.masks[t], sm) > allowed {
				whole = allowed + 1
			}
			if d = whole; begin < whole {
				d, h = begin, prefix
			}
		case len(term) <= len(stem)+allowed && missing(ix.masks[t], sm) <= allowed:
			d = text.Typos(stem, term, allowed)
		}
		if d <= allowed {
			mark(t)
			hits = append(hits, hit{t, d, h})
		}
	}
	if allowed < 2 {
		// A typo on the first letter counts two: past the allowance.
		for _, t := range ix.byFirst[bucket(stem[0])] {
			try(t)
		}
	} else {
		for t := range ix.terms {
			try(int32(t))
		}
	}
	return hits, known
}

// correction is word i of q, unknown, and the nearest terms it matched.
func (ix *Index) correction(q text.Query, i int, hits []hit) Correction {
	c := Correction{Word: i, Typed: q.Words[i][0]}
	if i < len(q.Typed) {
		c.Typed = q.Typed[i]
	}
	hits = slices.Clone(hits)
	// Nearest first; among as near, a whole word before a beginning, a
	// word of titles before one of bodies, then the commoner.
	better := func(a, b hit) int {
		switch {
		case a.typos != b.typos:
			return a.typos - b.typos
		case a.how != b.how:
			return int(a.how) - int(b.how)
		case ix.best[a.term] != ix.best[b.term]:
			return int(ix.best[a.term]) - int(ix.best[b.term])
		}
		return len(ix.post[b.term]) - len(ix.post[a.term])
	}
	slices.SortStableFunc(hits, better)
	for _, h := range hits {
		if s := ix.surface[h.term]; !slices.Contains(c.Terms, s) {
			c.Terms = append(c.Terms, s)
		}
	}
	c.Unambiguous = len(hits) == 1 || (len(hits) > 1 && better(hits[0], hits[1]) < 0 &&
		(hits[0].typos < hits[1].typos || hits[0].how < hits[1].how || ix.best[hits[0].term] < ix.best[hits[1].term]))
	return c
}

func (ix *Index) find(stem string) (int32, bool) {
	t := ix.lowerBound(stem)
	return int32(t), t < len(ix.terms) && ix.terms[t] == stem
}

func (ix *Index) lowerBound(s string) int {
	return sort.SearchStrings(ix.terms, s)
}
