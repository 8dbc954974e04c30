package search

import (
	"container/heap"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/offer"
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
	RemoteMin     int // at least this many days a week
	ExperienceMax int // at most this many years asked; -1 for any
	SalaryMin     int // per year
	Romes         []string
}

// Request is one search.
type Request struct {
	Query   Query
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
	Romes      []Count // by count, most first
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
	failRome
)

var filterNames = map[int]string{failContract: "contrat", failPlace: "lieu", failRemote: "teletravail",
	failExperience: "experience", failSalary: "salaire", failRome: "metier"}

// Search runs r. It only reads the index.
func (ix *Index) Search(r Request) Result {
	var tiers [3]*roaring.Bitmap
	candidates := ix.every
	if !r.Query.Empty() {
		tiers = ix.tiers(r.Query)
		candidates = tiers[2]
	}
	f := ix.compile(r.Filters)
	active := f.active()
	fresh := ix.minExpires == 0 || ix.minExpires > r.Now
	if r.Query.Empty() && active == 0 && fresh && r.Sort != BySalary {
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
	c := counts{romes: make([]int, len(ix.romes)), places: make([]int, len(ix.places))}
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
	case failRome:
		c.romes = ownCounts
	}
	res := Result{Total: results.len()}
	for bit := 1; bit <= failRome; bit <<= 1 {
		if active&bit != 0 {
			c.without[bit] += res.Total
		}
	}
	if own != 0 {
		c.without[own] = ownBase
	}
	res.Facets = ix.facets(c.contracts[:], c.remote[:], c.exp[:], c.romes, c.places, c.without[:])
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
		res.Hits[i].Key = ix.keys[res.Hits[i].Key]
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
	c := counts{romes: make([]int, len(ix.romes)), places: make([]int, len(ix.places))}
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
	case failRome:
		by = ix.byRome
	case failPlace:
		by = ix.byPlace
	default:
		return nil
	}
	if base == ix.every {
		return cardinalities(by)
	}
	out := make([]int, len(by))
	if filter == failRome || filter == failPlace {
		col := ix.placeCol
		if filter == failRome {
			col = ix.romeCol
		}
		var buf [256]uint32
		it := base.ManyIterator()
		for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
			for _, doc := range buf[:n] {
				out[col[doc]]++
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

// counts are the facet counts a search gathers, by value code.
type counts struct {
	contracts [8]int
	remote    [7]int  // by remote days + 1
	exp       [52]int // by years + 1
	romes     []int
	places    []int
	// without counts, by filter bit, the documents that fail that filter
	// and no other; the results are added at the end.
	without [failRome << 1]int
}

// add counts d in every facet.
func (c *counts) add(d *docInfo) {
	c.contracts[d.contract]++
	c.remote[d.remote+1]++
	c.exp[d.experience+1]++
	c.romes[d.rome]++
	c.places[d.place]++
}

// countAll counts every facet of documents that all pass: no filter is
// active and none has expired.
func (ix *Index) countAll(docs *roaring.Bitmap, c *counts) {
	var buf [256]uint32
	var recs [256]docInfo
	it := docs.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for i, doc := range buf[:n] {
			recs[i] = ix.docs[doc] // loads that overlap, as in scan
		}
		for i := range buf[:n] {
			c.add(&recs[i])
		}
	}
}

// scan tests every candidate against the filters, in one pass that also
// counts every facet: a document counts for a dimension when it passes
// every other active filter. It returns how many documents pass them all,
// and the first keep of them, or all when keep < 0.
// Arrays, not maps: this loop runs up to a million times per search.
func (ix *Index) scan(candidates *roaring.Bitmap, f *compiled, fresh bool, now int64, keep int, c *counts) ([]uint32, int) {
	size := candidates.GetCardinality()
	if keep >= 0 {
		size = min(size, uint64(keep))
	}
	passing := make([]uint32, 0, size)
	n := 0
	fb := &f.failsBy
	var buf [256]uint32
	var recs [256]docInfo
	it := candidates.ManyIterator()
	for got := it.NextMany(buf[:]); got > 0; got = it.NextMany(buf[:]) {
		// Copy the records first: independent loads the processor overlaps,
		// where the tests below would wait for each in turn.
		for i, doc := range buf[:got] {
			recs[i] = ix.docs[doc]
		}
		for i, doc := range buf[:got] {
			d := &recs[i]
			if !fresh && d.expires != 0 && int64(d.expires) <= now {
				continue
			}
			// The filters it fails, as bits.
			m := fb.contract[d.contract&7] | fb.remote[d.remote+1] | fb.exp[d.experience+1] | fb.place[d.place] | fb.rome[d.rome]
			if d.salary < f.salaryMin {
				m |= failSalary
			}
			if m&checkDistance != 0 {
				m = f.across(ix, doc, m)
			}
			switch mask := int(m); mask {
			case 0:
				if n < keep || keep < 0 {
					passing = append(passing, doc)
				}
				n++
				c.add(d)
			case failContract:
				c.without[mask]++
				c.contracts[d.contract]++
			case failRemote:
				c.without[mask]++
				c.remote[d.remote+1]++
			case failExperience:
				c.without[mask]++
				c.exp[d.experience+1]++
			case failRome:
				c.without[mask]++
				c.romes[d.rome]++
			case failPlace:
				c.without[mask]++
				c.places[d.place]++
			case failSalary:
				c.without[mask]++
			}
		}
	}
	return passing, n
}

// docSet is the results of a search: a bitmap when they are a set the
// search was given, else the list the scan made, ascending, of n
// documents or, for date order, of its first page.
type docSet struct {
	bm   *roaring.Bitmap
	list []uint32
	n    int
}

func (s docSet) len() int {
	if s.bm != nil {
		return int(s.bm.GetCardinality())
	}
	return s.n
}

func (s docSet) each(fn func(uint32)) {
	if s.bm == nil {
		for _, doc := range s.list {
			fn(doc)
		}
		return
	}
	var buf [256]uint32
	it := s.bm.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for _, doc := range buf[:n] {
			fn(doc)
		}
	}
}

// page is limit documents after offset, in date order (ascending).
// Hit.Key holds the document for now.
func (s docSet) page(offset, limit int) []Hit {
	if s.bm != nil {
		return page(s.bm, offset, limit)
	}
	var out []Hit
	for _, doc := range s.list[min(offset, len(s.list)):min(offset+limit, len(s.list))] {
		out = append(out, Hit{Key: int64(doc)})
	}
	return out
}

// rank pages through the results by relevance: those in the first tier,
// then the second, then the rest, each in date order. Tiers are nested,
// so each is only intersected with the results when the page reaches it.
func rank(tiers [3]*roaring.Bitmap, results docSet, offset, limit int) []Hit {
	if results.bm == nil {
		return rankList(tiers, results.list, offset, limit)
	}
	var out []Hit
	var prev *roaring.Bitmap // the results in the tiers before
	all := results.bm
	for i, t := range tiers {
		in := all
		if i < 2 && all != tiers[2] {
			in = roaring.And(t, all)
		} else if i < 2 {
			in = t
		}
		part := in
		if prev != nil {
			part = roaring.AndNot(in, prev)
		}
		n := int(part.GetCardinality())
		if offset >= n {
			offset -= n
			prev = in
			continue
		}
		out = append(out, page(part, offset, limit-len(out))...)
		offset = 0
		if len(out) == limit {
			break
		}
		prev = in
	}
	return out
}

// rankList is rank for results the scan listed: it walks them in date
// order, sorting each into its tier, until the first tier alone fills the
// page, the common case, or the list ends.
func rankList(tiers [3]*roaring.Bitmap, list []uint32, offset, limit int) []Hit {
	need := offset + limit
	var byTier [3][]uint32
	for _, doc := range list {
		t := 2
		switch {
		case tiers[0].Contains(doc):
			t = 0
		case tiers[1].Contains(doc):
			t = 1
		}
		if len(byTier[t]) < need {
			byTier[t] = append(byTier[t], doc)
		}
		if len(byTier[0]) == need {
			break
		}
	}
	all := slices.Concat(byTier[:]...)
	var out []Hit
	for _, doc := range all[min(offset, len(all)):min(need, len(all))] {
		out = append(out, Hit{Key: int64(doc)})
	}
	return out
}

// everything answers a search with neither words nor filters, the first
// page of the site's offers, from counts known in advance.
func (ix *Index) everything(r Request) Result {
	res := Result{Total: len(ix.keys)}
	var remote [7]int
	var exp [52]int
	var contracts [8]int
	copy(remote[:], cardinalities(ix.byRemote))
	copy(exp[:], cardinalities(ix.byExperience))
	copy(contracts[:], cardinalities(ix.byContract))
	res.Facets = ix.facets(contracts[:], remote[:], exp[:], cardinalities(ix.byRome), cardinalities(ix.byPlace), make([]int, failRome<<1))
	for doc := r.Offset; doc < min(r.Offset+min(max(r.Limit, 0), 100), len(ix.keys)); doc++ {
		res.Hits = append(res.Hits, Hit{Key: ix.keys[doc], DistanceKm: -1})
	}
	return res
}

// page takes limit documents after offset from b, in ascending order
// (newest first). Hit.Key holds the document for now.
func page(b *roaring.Bitmap, offset, limit int) []Hit {
	var out []Hit
	if offset >= int(b.GetCardinality()) || limit <= 0 {
		return nil
	}
	it := b.Iterator()
	if offset > 0 {
		v, _ := b.Select(uint32(offset))
		it.AdvanceIfNeeded(v)
	}
	for it.HasNext() && len(out) < limit {
		out = append(out, Hit{Key: int64(it.Next())})
	}
	return out
}

// topSalaries pages results by yearly salary, highest first, newest first
// on a tie. For a set of results (a common word's 100,000, unfiltered),
// whole salary buckets are taken from the top until the page is full, and
// only the bucket that fills it is ranked offer by offer. The list a scan
// made is ranked as it is: a bitmap of it would cost more.
func (ix *Index) topSalaries(results docSet, offset, limit int) []Hit {
	need := offset + limit
	salary := func(doc uint32) float64 { return -float64(ix.docs[doc].salary) }
	all := results.bm
	if need <= 0 || all == nil {
		return topBy(results, offset, limit, salary)
	}
	var picked []uint32
	for b := len(ix.bySalary) - 1; b >= 0 && len(picked) < need; b-- {
		if ix.bySalary[b].IsEmpty() {
			continue
		}
		in := roaring.And(all, ix.bySalary[b])
		if len(picked)+int(in.GetCardinality()) <= need {
			picked = append(picked, in.ToArray()...)
			continue
		}
		for _, h := range topBy(docSet{bm: in}, 0, need-len(picked), salary) {
			picked = append(picked, uint32(h.Key))
		}
	}
	slices.SortFunc(picked, func(a, b uint32) int {
		if sa, sb := ix.docs[a].salary, ix.docs[b].salary; sa != sb {
			return int(sb - sa)
		}
		return int(a) - int(b)
	})
	var out []Hit
	for _, doc := range picked[min(offset, len(picked)):] {
		out = append(out, Hit{Key: int64(doc)})
	}
	return out
}

// topBy orders results by score, ascending, ties newest first, and takes
// limit after offset, keeping only offset+limit in a heap.
func topBy(results docSet, offset, limit int, score func(uint32) float64) []Hit {
	k := offset + limit
	if k <= 0 {
		return nil
	}
	h := &scored{}
	results.each(func(doc uint32) {
		s := score(doc)
		if h.Len() < k {
			heap.Push(h, scoredDoc{doc, s})
		} else if better(scoredDoc{doc, s}, (*h)[0]) {
			(*h)[0] = scoredDoc{doc, s}
			heap.Fix(h, 0)
		}
	})
	all := make([]scoredDoc, h.Len())
	for i := len(all) - 1; i >= 0; i-- {
		all[i] = heap.Pop(h).(scoredDoc)
	}
	var out []Hit
	for i := offset; i < len(all); i++ {
		out = append(out, Hit{Key: int64(all[i].doc)})
	}
	return out
}

type scoredDoc struct {
	doc   uint32
	score float64
}

func better(a, b scoredDoc) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc < b.doc
}

// scored is a max-heap of the best k: the worst kept is on top.
type scored []scoredDoc

func (h scored) Len() int           { return len(h) }
func (h scored) Less(i, j int) bool { return better(h[j], h[i]) }
func (h scored) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scored) Push(x any)        { *h = append(*h, x.(scoredDoc)) }
func (h *scored) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// sets are, per active filter, the documents that may pass it: exactly,
// or a superset the scan then checks (places that straddle a circle,
// the salary bucket of the floor). They must not be changed.
func (c *compiled) sets(ix *Index) map[int]*roaring.Bitmap {
	out := map[int]*roaring.Bitmap{}
	union := func(bs []*roaring.Bitmap, keep func(i int) bool) *roaring.Bitmap {
		var parts []*roaring.Bitmap
		for i, b := range bs {
			if keep(i) {
				parts = append(parts, b)
			}
		}
		if len(parts) > 16 {
			// Many small bitmaps (the places of a wide circle): merged one
			// range of documents at a time, where pairwise merges of sorted
			// arrays grow quadratic.
			return roaring.ParOr(1, parts...)
		}
		return roaring.FastOr(parts...)
	}
	if c.contracts != 0 {
		out[failContract] = union(ix.byContract, func(i int) bool { return c.contracts&(1<<i) != 0 })
	}
	switch {
	case c.departement != "":
		out[failPlace] = ix.byDep[c.departement]
		if out[failPlace] == nil {
			out[failPlace] = roaring.New()
		}
	case c.placeInside != nil:
		out[failPlace] = union(ix.byPlace, func(i int) bool { return c.placeInside[i] })
	}
	if c.remoteMin > 0 {
		out[failRemote] = union(ix.byRemote, func(i int) bool { return i-1 >= int(c.remoteMin) })
	}
	if c.expMax >= 0 {
		out[failExperience] = union(ix.byExperience, func(i int) bool { return i-1 <= int(c.expMax) })
	}
	if c.salaryMin > 0 {
		out[failSalary] = union(ix.bySalary, func(i int) bool { return i >= int(c.salaryMin)/salaryStep })
	}
	if c.romes != nil {
		out[failRome] = union(ix.byRome, func(i int) bool { return c.romes[i] })
	}
	return out
}

// active is the set of filters in use, as fail bits.
func (c *compiled) active() int {
	a := 0
	if c.contracts != 0 {
		a |= failContract
	}
	if c.placeInside != nil {
		a |= failPlace
	}
	if c.remoteMin > 0 {
		a |= failRemote
	}
	if c.expMax >= 0 {
		a |= failExperience
	}
	if c.salaryMin > 0 {
		a |= failSalary
	}
	if c.romes != nil {
		a |= failRome
	}
	return a
}

// compiled are filters turned into what a document is tested against.
type compiled struct {
	contracts   uint8 // bit per contract; 0 for any
	near        *Place
	radius      float64
	remoteMin   int8
	expMax      int8
	salaryMin   int32
	romes       []bool // by rome index; nil for any
	cosLat      float64
	flat        bool    // the circle is small enough for within's estimate
	maxHav      float64 // the haversine of the radius's angle
	departement string  // the département searched, if that is the place
	placeInside []bool  // by place index; nil for any place
	placeBorder []bool  // by place index: straddles the circle, check each offer

	// By value, the filters a document with that value fails: the scan
	// ORs five lookups rather than testing each filter in turn.
	failsBy struct {
		contract [8]uint8
		remote   [7]uint8  // by days + 1
		exp      [52]uint8 // by years + 1
		place    []uint8   // with checkDistance for a place across the circle
		rome     []uint8
	}
}

// checkDistance marks a place whose offers lie both in and out of the
// circle searched: each needs its own distance.
const checkDistance = 1 << 7

func (ix *Index) compile(f Filters) *compiled {
	c := &compiled{remoteMin: int8(clamp(f.RemoteMin, 0, 5)), expMax: -1, salaryMin: int32(f.SalaryMin), near: f.Near, radius: f.RadiusKm}
	if f.ExperienceMax >= 0 {
		c.expMax = int8(clamp(f.ExperienceMax, 0, 50))
	}
	for _, v := range f.Contracts {
		c.contracts |= 1 << contractCode(v)
	}
	if len(f.Romes) > 0 {
		c.romes = make([]bool, len(ix.romes))
		for _, r := range f.Romes {
			if i, ok := ix.romeIndex[r]; ok {
				c.romes[i] = true
			}
		}
	}
	if c.near != nil {
		c.cosLat = math.Cos(c.near.Lat * math.Pi / 180)
		c.flat = c.radius <= 200 && math.Abs(c.near.Lat) <= 60
		s := math.Sin(min(c.radius/(2*earthRadius), math.Pi/2))
		c.maxHav = s * s
	}
	// Decide once per place, not per offer, whether it is inside.
	city := Fold(f.City)
	if (c.near != nil && c.radius > 0) || f.Postcode != "" || city != "" || f.Departement != "" {
		c.placeInside = make([]bool, len(ix.places))
		c.placeBorder = make([]bool, len(ix.places))
		switch {
		case c.near != nil && c.radius > 0:
			const kmPerDegree = earthRadius * math.Pi / 180
			for i, p := range ix.places {
				// The difference in latitude alone puts most places out.
				if !p.HasGeo || math.Abs(p.Lat-c.near.Lat)*kmPerDegree-ix.spread[i] > c.radius {
					continue
				}
				// Most places are wholly in or out: only those that straddle
				// the circle need a distance per offer.
				d := haversine(c.near.Lat, c.near.Lon, p.Lat, p.Lon)
				c.placeInside[i] = d-ix.spread[i] <= c.radius
				c.placeBorder[i] = c.placeInside[i] && d+ix.spread[i] > c.radius
			}
		case f.Postcode != "":
			for i, p := range ix.places {
				c.placeInside[i] = p.Postcode == f.Postcode
			}
		case city != "":
			for _, i := range ix.byCity[city] {
				c.placeInside[i] = true
			}
		default:
			c.departement = f.Departement
			for i, p := range ix.places {
				c.placeInside[i] = p.Departement == f.Departement
			}
		}
	}
	fb := &c.failsBy
	for i := range fb.contract {
		if c.contracts != 0 && c.contracts&(1<<i) == 0 {
			fb.contract[i] = failContract
		}
	}
	for i := range fb.remote {
		if c.remoteMin > 0 && i-1 < int(c.remoteMin) {
			fb.remote[i] = failRemote
		}
	}
	for i := range fb.exp {
		if c.expMax >= 0 && i-1 > int(c.expMax) {
			fb.exp[i] = failExperience
		}
	}
	fb.place = make([]uint8, len(ix.places))
	for i := range fb.place {
		switch {
		case c.placeInside == nil:
		case !c.placeInside[i]:
			fb.place[i] = failPlace
		case c.placeBorder[i]:
			fb.place[i] = checkDistance
		}
	}
	fb.rome = make([]uint8, len(ix.romes))
	for i := range fb.rome {
		if c.romes != nil && !c.romes[i] {
			fb.rome[i] = failRome
		}
	}
	return c
}

// across decides for one document of a place across the circle. It is
// rare: kept out of line so that fails inlines into the scan.
//
//go:noinline
func (c *compiled) across(ix *Index, doc uint32, m uint8) uint8 {
	m &^= checkDistance
	if !c.within(ix, doc) {
		m |= failPlace
	}
	return m
}

// distance is the distance of a document from the place searched, in km;
// +Inf for a document without coordinates.
func (c *compiled) distance(ix *Index, doc uint32) float64 {
	lat, lon := float64(ix.lat[doc]), float64(ix.lon[doc])
	if c.near == nil || math.IsNaN(lat) {
		return math.Inf(1)
	}
	return haversine(c.near.Lat, c.near.Lon, lat, lon)
}

// hav orders documents by distance as distance does, without the arc
// sine and square root: the haversine of the angle grows with it.
func (c *compiled) hav(ix *Index, doc uint32) float64 {
	lat, lon := float64(ix.lat[doc]), float64(ix.lon[doc])
	if c.near == nil || math.IsNaN(lat) {
		return math.Inf(1)
	}
	return c.havAt(lat, lon)
}

func (c *compiled) havAt(lat, lon float64) float64 {
	sLat := math.Sin((lat - c.near.Lat) * math.Pi / 360)
	sLon := math.Sin((lon - c.near.Lon) * math.Pi / 360)
	return sLat*sLat + c.cosLat*math.Cos(lat*math.Pi/180)*sLon*sLon
}

// within reports whether doc lies in the circle searched. A flat map,
// scaled at the centre's latitude, is off by under 2 % within 200 km
// below 60°: it decides every document but those within 5 % of the edge,
// which haversine does.
func (c *compiled) within(ix *Index, doc uint32) bool {
	lat, lon := float64(ix.lat[doc]), float64(ix.lon[doc])
	if math.IsNaN(lat) {
		return false
	}
	if !c.flat {
		return c.havAt(lat, lon) <= c.maxHav
	}
	const kmPerDegree = earthRadius * math.Pi / 180
	x, y := (lon-c.near.Lon)*c.cosLat*kmPerDegree, (lat-c.near.Lat)*kmPerDegree
	switch d2 := x*x + y*y; {
	case d2 < c.radius*c.radius*0.95*0.95:
		return true
	case d2 > c.radius*c.radius*1.05*1.05:
		return false
	}
	return c.havAt(lat, lon) <= c.maxHav
}

const earthRadius = 6371.0 // km

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = earthRadius
	dLat := (lat2 - lat1) * math.Pi / 180
	dLon := (lon2 - lon1) * math.Pi / 180
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*math.Pi/180)*math.Cos(lat2*math.Pi/180)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func (ix *Index) facets(contracts, remote, exp, romes, places []int, without []int) Facets {
	var f Facets
	for i, c := range offer.Contracts {
		f.Contracts = append(f.Contracts, Count{c, contracts[i]})
	}
	for d := 1; d <= 5; d++ {
		n := 0
		for r := d; r <= 5; r++ {
			n += remote[r+1]
		}
		f.Remote = append(f.Remote, Count{strconv.Itoa(d), n})
	}
	for _, m := range []int{0, 1, 2, 5, 10} {
		n := 0
		for e := 0; e <= m+1; e++ { // index 0 is "unknown", counted as asking nothing
			n += exp[e]
		}
		f.Experience = append(f.Experience, Count{strconv.Itoa(m), n})
	}
	for i, n := range romes {
		if n > 0 && ix.romes[i] != "" {
			f.Romes = append(f.Romes, Count{ix.romes[i], n})
		}
	}
	sort.SliceStable(f.Romes, func(i, j int) bool { return f.Romes[i].N > f.Romes[j].N })
	// The 8 places with the most results, the first in name order on a
	// tie: a selection, not a sort of every place.
	const nearby = 8
	before := func(a, b int) bool {
		if places[a] != places[b] {
			return places[a] > places[b]
		}
		return ix.placeKeys[a] < ix.placeKeys[b]
	}
	top := make([]int, 0, nearby+1)
	for p, n := range places {
		if n == 0 || ix.places[p].City == "" || (len(top) == nearby && !before(p, top[nearby-1])) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return before(p, top[i]) })
		top = slices.Insert(top, i, p)[:min(len(top)+1, nearby)]
	}
	for _, p := range top {
		f.Places = append(f.Places, Count{ix.placeKeys[p], places[p]})
	}
	f.Without = map[string]int{}
	for bit, name := range filterNames {
		f.Without[name] = without[bit]
	}
	return f
}

// FindPlace resolves what a person typed as a place: a postcode, a
// département number, or a city name (accents and case ignored). It sets
// the matching filter and, when the place has a position, Near.
func (ix *Index) FindPlace(typed string, f *Filters) bool {
	typed = strings.TrimSpace(typed)
	t := Fold(typed)
	if t == "" {
		return false
	}
	if i, ok := ix.byPostcode[typed]; ok {
		f.Postcode = typed
		if p := ix.places[i]; p.HasGeo {
			f.Near = &p
		}
		return true
	}
	if len(typed) <= 3 {
		dep := strings.ToUpper(typed)
		if len(dep) == 1 {
			dep = "0" + dep
		}
		if ix.byDep[dep] != nil {
			f.Departement = dep
			return true
		}
	}
	places := ix.byCity[t]
	if len(places) == 0 {
		return false
	}
	f.City = typed
	for _, i := range places {
		if p := ix.places[i]; p.HasGeo {
			f.Near = &p
			break
		}
	}
	return true
}
