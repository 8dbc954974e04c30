package offerindex

import (
	"math/bits"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/text"
)

// Sort orders results.
type Sort int

// The orders a search can ask for.
const (
	ByRelevance Sort = iota
	ByDate
	BySalary
	ByDistance
)

// Filters narrow a search. Zero values filter nothing.
type Filters struct {
	Contracts []string
	// Near is where distances are measured from; with RadiusKm > 0 it
	// is also a filter: a circle around it.
	Near     *Place
	RadiusKm float64
	// Postcode, City (as typed) and Departement filter by place name.
	Postcode      string
	City          string
	Departement   string
	RemoteMin     int      // at least this many days a week
	ExperienceMax int      // at most this many years asked; -1 for any
	SalaryMin     int      // per year
	Metiers       []string // fiche slugs
	// Rome keeps the offers of one ROME code: the métiers without a fiche
	// are reached through it. It narrows the search as words do, facets
	// included, rather than being a facet of its own.
	Rome string
}

// Request is one search.
type Request struct {
	Query   text.Query
	Filters Filters
	Sort    Sort
	Offset  int
	Limit   int
	// Now leaves out the offers expired since the index was built.
	Now int64
	// TotalOnly asks for the number of results alone: no facets, no hits.
	TotalOnly bool
}

// Count is one facet value and how many results choosing it would give.
type Count struct {
	Value string
	N     int
}

// Facets are live counts: each dimension is counted with every other
// active filter applied, not its own (disjunctive facets).
type Facets struct {
	Contracts  []Count // every contract, zeros included
	Remote     []Count // "1".."5": at least that many days
	Experience []Count // "0", "1", "2", "5", "10": at most that many years
	Metiers    []Count // by fiche slug, most first
	Places     []Count // "postcode|city", most first, at most 8
	// Without is how many results there would be without each filter:
	// "contrat", "lieu", "teletravail", "experience", "salaire", "metier".
	Without map[string]int
}

// Hit is one result.
type Hit struct {
	Key        int64
	DistanceKm float64 // when a place was given, else -1
}

// Result is what a search finds.
type Result struct {
	Total  int
	Hits   []Hit
	Facets Facets
}

const (
	failContract = 1 << iota
	failPlace
	failRemote
	failExperience
	failSalary
	failMetier
)

var filterNames = map[int]string{failContract: "contrat", failPlace: "lieu", failRemote: "teletravail",
	failExperience: "experience", failSalary: "salaire", failMetier: "metier"}

// Search runs r. It only reads the index.
func (ix *Index) Search(r Request) Result {
	var tiers [3]*roaring.Bitmap
	candidates := ix.every
	if !r.Query.Empty() {
		tiers = ix.tiers(r.Query)
		candidates = tiers[2]
	}
	if r.Filters.Rome != "" {
		code := ix.byRome[r.Filters.Rome]
		if code == nil {
			code = roaring.New()
		}
		candidates = and(candidates, code, ix.every)
	}
	f := ix.compile(r.Filters)
	active := f.active()
	fresh := ix.minExpires == 0 || ix.minExpires > r.Now
	if r.Query.Empty() && r.Filters.Rome == "" && active == 0 && fresh && r.Sort != BySalary {
		return ix.everything(r)
	}
	if r.TotalOnly {
		return Result{Total: ix.total(candidates, f, active, fresh, r.Now)}
	}
	// Only the documents that pass every active filter but one can count
	// for any facet: with two filters or more, the filters' bitmaps narrow
	// the scan to them. With one, its own facet is counted on bitmaps and
	// the scan narrowed to the documents that may pass it.
	own, ownCounts, ownBase := 0, []int(nil), 0
	if active != 0 && fresh {
		sets := f.sets(ix)
		if bits.OnesCount(uint(active)) == 1 {
			own, ownCounts, ownBase = active, ix.ownFacet(active, candidates), int(candidates.GetCardinality())
			candidates = and(candidates, sets[active], ix.every)
		} else {
			candidates = and(candidates, allButOne(sets), ix.every)
		}
	}
	c := counts{metiers: make([]int, len(ix.groups)), places: make([]int, len(ix.places))}
	var results docSet
	if active == 0 && fresh {
		results.bm = candidates
		ix.countAll(candidates, &c)
	} else {
		// Date order is the scan's: it need only keep the page's documents.
		keep := -1
		if r.Sort == ByDate || (r.Query.Empty() && r.Sort != BySalary && r.Sort != ByDistance) {
			keep = max(r.Offset, 0) + min(max(r.Limit, 0), 100)
		}
		results.list, results.n = ix.scan(candidates, f, fresh, r.Now, keep, &c)
	}
	switch own {
	case failContract:
		copy(c.contracts[:], ownCounts)
	case failPlace:
		c.places = ownCounts
	case failRemote:
		copy(c.remote[:], ownCounts)
	case failExperience:
		copy(c.exp[:], ownCounts)
	case failMetier:
		c.metiers = ownCounts
	}
	res := Result{Total: results.len()}
	for bit := 1; bit <= failMetier; bit <<= 1 {
		if active&bit != 0 {
			c.without[bit] += res.Total
		}
	}
	if own != 0 {
		c.without[own] = ownBase
	}
	res.Facets = ix.facets(f.near, c.contracts[:], c.remote[:], c.exp[:], c.metiers, c.places, c.without[:])
	limit := min(max(r.Limit, 0), 100)
	switch {
	case r.Sort == BySalary:
		res.Hits = ix.topSalaries(results, r.Offset, limit)
	case r.Sort == ByDistance && f.near != nil:
		res.Hits = topBy(results, r.Offset, limit, func(doc uint32) float64 { return f.hav(ix, doc) })
	case r.Sort == ByDate || r.Query.Empty():
		res.Hits = results.page(r.Offset, limit)
	default:
		res.Hits = rank(tiers, results, r.Offset, limit)
	}
	for i := range res.Hits {
		res.Hits[i].DistanceKm = -1
		if f.near != nil {
			res.Hits[i].DistanceKm = f.distance(ix, uint32(res.Hits[i].Key))
		}
		res.Hits[i].Key = ix.Key(uint32(res.Hits[i].Key))
	}
	return res
}

// total counts the results alone: the filters' bitmaps narrow the
// candidates to the documents that may pass them all, and the scan
// decides.
func (ix *Index) total(candidates *roaring.Bitmap, f *compiled, active int, fresh bool, now int64) int {
	if active != 0 && fresh {
		var all []*roaring.Bitmap
		for _, set := range f.sets(ix) {
			all = append(all, set)
		}
		candidates = and(candidates, roaring.FastAnd(all...), ix.every)
	} else if fresh {
		return int(candidates.GetCardinality())
	}
	c := counts{metiers: make([]int, len(ix.groups)), places: make([]int, len(ix.places))}
	_, n := ix.scan(candidates, f, fresh, now, 0, &c)
	return n
}

// allButOne is the documents in every set but at most one.
func allButOne(sets map[int]*roaring.Bitmap) *roaring.Bitmap {
	var parts []*roaring.Bitmap
	for bit := range sets {
		var others []*roaring.Bitmap
		for b2, s2 := range sets {
			if b2 != bit {
				others = append(others, s2)
			}
		}
		parts = append(parts, roaring.FastAnd(others...))
	}
	return roaring.FastOr(parts...)
}

// ownFacet counts the facet of filter over base, every value of it.
// Contract, remote and experience have a few dense values, counted on
// their bitmaps; places and métiers may have thousands, counted from a
// column of two bytes a document. The salary floor has no facet.
func (ix *Index) ownFacet(filter int, base *roaring.Bitmap) []int {
	var by []*roaring.Bitmap
	switch filter {
	case failContract:
		by = ix.byContract
	case failRemote:
		by = ix.byRemote
	case failExperience:
		by = ix.byExperience
	case failMetier:
		by = ix.byMetier
	case failPlace:
		by = ix.byPlace
	default:
		return nil
	}
	if base == ix.every {
		return cardinalities(by)
	}
	out := make([]int, len(by))
	if filter == failMetier || filter == failPlace {
		metier := filter == failMetier
		var buf [256]uint32
		it := base.ManyIterator()
		for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
			for _, doc := range buf[:n] {
				b, i := ix.blocks[doc>>blockBits], doc&blockMask
				if metier {
					out[b.metier[i]]++
				} else {
					out[b.place[i]]++
				}
			}
		}
		return out
	}
	for i, b := range by {
		if !b.IsEmpty() {
			out[i] = int(base.AndCardinality(b))
		}
	}
	return out
}

// and intersects a and b, where either may be every, the whole index.
func and(a, b, every *roaring.Bitmap) *roaring.Bitmap {
	switch {
	case a == every:
		return b
	case b == every:
		return a
	}
	return roaring.And(a, b)
}
