package offerindex

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"vocation/internal/store"
	"vocation/internal/text"
)

// Fiche is what ties offers to a métier: its names and its ROME codes.
type Fiche struct {
	Slug    string
	Title   string
	Aliases []string
	Rome    []string
}

// Ties decides which fiches an offer belongs to. A ROME code is a family
// of métiers, not one: seven fiches share M1805. An offer goes to the
// fiches of its code whose title or an alias its title names, the most
// specific name winning ("développeur back-end" over "développeur"), and
// to every fiche of its code only when its title names none of them.
type Ties struct {
	slugs  []string
	byRome map[string]*romeTie
	key    string
}

// romeTie is what one ROME code's offers are matched against.
type romeTie struct {
	fiches []uint16
	names  []tieName
	// byStem lists, for each stem, the names that have it: an offer's few
	// title stems find the names they complete without a loop over every
	// alias of every fiche.
	byStem map[string][]int
}

type tieName struct {
	fiche uint16
	stems int
}

// NewTies prepares the ties of fiches.
func NewTies(fiches []Fiche) *Ties {
	// In slug order: the same fiches listed in another order (by title, in
	// French) are the same ties, with the same key.
	fiches = slices.SortedFunc(slices.Values(fiches), func(a, b Fiche) int { return strings.Compare(a.Slug, b.Slug) })
	t := &Ties{byRome: map[string]*romeTie{}}
	h := sha256.New()
	for i, f := range fiches {
		t.slugs = append(t.slugs, f.Slug)
		h.Write([]byte(f.Slug + "\x00" + f.Title + "\x00" + strings.Join(f.Aliases, "\x01") + "\x00" + strings.Join(f.Rome, "\x01") + "\x02"))
		for _, code := range f.Rome {
			rt := t.byRome[code]
			if rt == nil {
				rt = &romeTie{byStem: map[string][]int{}}
				t.byRome[code] = rt
			}
			if slices.Contains(rt.fiches, uint16(i)) {
				continue
			}
			rt.fiches = append(rt.fiches, uint16(i))
			for _, n := range append([]string{f.Title}, f.Aliases...) {
				stems := strings.Fields(text.Stems(n))
				if len(stems) == 0 {
					continue
				}
				for _, s := range stems {
					rt.byStem[s] = append(rt.byStem[s], len(rt.names))
				}
				rt.names = append(rt.names, tieName{fiche: uint16(i), stems: len(stems)})
			}
		}
	}
	t.key = hex.EncodeToString(h.Sum(nil)[:12])
	return t
}

// Key identifies what the ties were made from: the same fiches give the
// same key, so an index needs no rebuild when other content changes.
func (t *Ties) Key() string { return t.key }

// Slug is the slug of fiche i.
func (t *Ties) Slug(i uint16) string { return t.slugs[i] }

// Of is the fiches, by number, that an offer of the ROME code with these
// title stems (space separated, each once, as text.Stems writes them)
// belongs to; none when no fiche lists its code.
func (t *Ties) Of(rome string, titleStems []byte) []uint16 {
	rt := t.byRome[rome]
	if rt == nil {
		return nil
	}
	if len(rt.fiches) == 1 {
		return rt.fiches
	}
	var found [64]uint8 // stems of each name found in the title, for the first 64 names
	hits := found[:0]
	if len(rt.names) <= len(found) {
		hits = found[:len(rt.names)]
	} else {
		hits = make([]uint8, len(rt.names))
	}
	for s := range bytes.FieldsSeq(titleStems) {
		for _, n := range rt.byStem[string(s)] {
			hits[n]++
		}
	}
	best := 0
	var out []uint16
	for n, name := range rt.names {
		if int(hits[n]) != name.stems || name.stems < best {
			continue
		}
		if name.stems > best {
			best, out = name.stems, out[:0]
		}
		if !slices.Contains(out, name.fiche) {
			out = append(out, name.fiche)
		}
	}
	if best == 0 {
		return rt.fiches
	}
	slices.Sort(out)
	return out
}

// Slugs is Of as the fiches' slugs.
func (t *Ties) Slugs(rome string, titleStems []byte) []string {
	var out []string
	for _, i := range t.Of(rome, titleStems) {
		out = append(out, t.slugs[i])
	}
	return out
}

// FichesOf is what ties offers to the fiches of a site: the published
// fiches with a ROME code. The index and the pages read it the same way.
func FichesOf(sums []store.Summary) []Fiche {
	var out []Fiche
	for _, s := range sums {
		if !s.Draft && len(s.Rome) > 0 {
			out = append(out, Fiche{Slug: s.Slug, Title: s.Title, Aliases: s.Aliases, Rome: s.Rome})
		}
	}
	return out
}
