package search

import (
	"container/heap"
	"math"
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
	candidates := ix.all()
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
	// Without words, start from the filters' bitmaps: only the offers that
	// pass every active filter but one can count for any facet. With one
	// filter, its own facet is the whole index's, known in advance.
	only := 0
	if r.Query.Empty() && active != 0 && fresh {
		sets := f.sets(ix)
		candidates = roaring.New()
		for bit := 1; bit <= failRome; bit <<= 1 {
			if active&bit == 0 {
				continue
			}
			var others []*roaring.Bitmap
			for b2, set := range sets {
				if b2 != bit {
					others = append(others, set)
				}
			}
			if len(others) == 0 {
				only = bit
				candidates = sets[bit]
				break
			}
			candidates.Or(roaring.FastAnd(others...))
		}
	}
	// One pass over the candidates counts every facet: a document counts
	// for a dimension when it passes every other active filter. Arrays,
	// not maps: this loop runs up to a million times per search.
	var (
		contracts [8]int
		remote    [7]int  // by remote days + 1
		exp       [52]int // by years + 1
		romes     = make([]int, len(ix.romes))
		places    = make([]int, len(ix.places))
		without   [failRome << 1]int
		passing   = make([]uint32, 0, 1024)
		buf       [256]uint32
	)
	it := candidates.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for _, doc := range buf[:n] {
			if e := ix.expires[doc]; e != 0 && int64(e) <= r.Now {
				continue
			}
			mask := 0
			if active != 0 {
				mask = f.fails(ix, doc)
			}
			if mask == 0 {
				passing = append(passing, doc)
			}
			for bit := 1; bit <= failRome; bit <<= 1 {
				if active&bit != 0 && mask&^bit == 0 {
					without[bit]++
				}
			}
			if mask&^failContract == 0 {
				contracts[ix.contract[doc]]++
			}
			if mask&^failRemote == 0 {
				remote[ix.remote[doc]+1]++
			}
			if mask&^failExperience == 0 {
				exp[ix.experience[doc]+1]++
			}
			if mask&^failRome == 0 {
				romes[ix.rome[doc]]++
			}
			if mask&^failPlace == 0 {
				places[ix.place[doc]]++
			}
		}
	}
	results := roaring.New()
	results.AddMany(passing)
	switch only {
	case failContract:
		copy(contracts[:], cardinalities(ix.byContract))
	case failPlace:
		places = cardinalities(ix.byPlace)
	case failRemote:
		copy(remote[:], cardinalities(ix.byRemote))
	case failExperience:
		copy(exp[:], cardinalities(ix.byExperience))
	case failRome:
		romes = cardinalities(ix.byRome)
	}
	if only != 0 {
		without[only] = len(ix.keys)
	}
	res := Result{Total: int(results.GetCardinality())}
	res.Facets = ix.facets(contracts[:], remote[:], exp[:], romes, places, without[:])
	limit := min(max(r.Limit, 0), 100)
	switch {
	case r.Sort == BySalary:
		res.Hits = ix.topBy(results, r.Offset, limit, func(doc uint32) float64 { return -float64(ix.salary[doc]) })
	case r.Sort == ByDistance && f.near != nil:
		res.Hits = ix.topBy(results, r.Offset, limit, func(doc uint32) float64 { return f.distance(ix, doc) })
	case r.Sort == ByDate || r.Query.Empty():
		res.Hits = ix.page([]*roaring.Bitmap{results}, r.Offset, limit)
	default:
		t0 := roaring.And(tiers[0], results)
		t1 := roaring.AndNot(roaring.And(tiers[1], results), t0)
		t2 := roaring.AndNot(results, tiers[1])
		res.Hits = ix.page([]*roaring.Bitmap{t0, t1, t2}, r.Offset, limit)
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

// all is every document, for a search without words.
func (ix *Index) all() *roaring.Bitmap {
	b := roaring.New()
	b.AddRange(0, uint64(len(ix.keys)))
	return b
}

// page takes limit documents after offset from the bitmaps in turn, each
// in ascending order (newest first). Hit.Key holds the document for now.
func (ix *Index) page(parts []*roaring.Bitmap, offset, limit int) []Hit {
	var out []Hit
	for _, b := range parts {
		n := int(b.GetCardinality())
		if offset >= n {
			offset -= n
			continue
		}
		it := b.Iterator()
		if offset > 0 {
			v, _ := b.Select(uint32(offset))
			it.AdvanceIfNeeded(v)
			offset = 0
		}
		for it.HasNext() && len(out) < limit {
			out = append(out, Hit{Key: int64(it.Next())})
		}
		if len(out) == limit {
			break
		}
	}
	return out
}

// topBy orders results by score, ascending, ties newest first, and takes
// limit after offset, keeping only offset+limit in a heap.
func (ix *Index) topBy(results *roaring.Bitmap, offset, limit int, score func(uint32) float64) []Hit {
	k := offset + limit
	if k <= 0 {
		return nil
	}
	h := &scored{}
	it := results.Iterator()
	for it.HasNext() {
		doc := it.Next()
		s := score(doc)
		if h.Len() < k {
			heap.Push(h, scoredDoc{doc, s})
		} else if better(scoredDoc{doc, s}, (*h)[0]) {
			(*h)[0] = scoredDoc{doc, s}
			heap.Fix(h, 0)
		}
	}
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
// the salary bucket of the floor).
func (c *compiled) sets(ix *Index) map[int]*roaring.Bitmap {
	out := map[int]*roaring.Bitmap{}
	union := func(bs []*roaring.Bitmap, keep func(i int) bool) *roaring.Bitmap {
		var parts []*roaring.Bitmap
		for i, b := range bs {
			if keep(i) {
				parts = append(parts, b)
			}
		}
		return roaring.FastOr(parts...)
	}
	if c.contracts != 0 {
		out[failContract] = union(ix.byContract, func(i int) bool { return c.contracts&(1<<i) != 0 })
	}
	if c.placeInside != nil {
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
	placeInside []bool // by place index; nil for any place
	placeBorder []bool // by place index: straddles the circle, check each offer
}

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
	}
	// Places are few: decide once per place whether it is inside.
	city := Fold(f.City)
	if (c.near != nil && c.radius > 0) || f.Postcode != "" || city != "" || f.Departement != "" {
		c.placeInside = make([]bool, len(ix.places))
		c.placeBorder = make([]bool, len(ix.places))
		for i, p := range ix.places {
			switch {
			case c.near != nil && c.radius > 0:
				// Most places are wholly in or out: only those that straddle
				// the circle need a distance per offer.
				d := haversine(c.near.Lat, c.near.Lon, p.Lat, p.Lon)
				c.placeInside[i] = p.HasGeo && d-ix.spread[i] <= c.radius
				c.placeBorder[i] = c.placeInside[i] && d+ix.spread[i] > c.radius
			case f.Postcode != "":
				c.placeInside[i] = p.Postcode == f.Postcode
			case city != "":
				c.placeInside[i] = Fold(p.City) == city
			default:
				c.placeInside[i] = p.Departement == f.Departement
			}
		}
	}
	return c
}

// fails returns the filters doc does not pass, as bits.
func (c *compiled) fails(ix *Index, doc uint32) int {
	mask := 0
	if c.contracts != 0 && c.contracts&(1<<ix.contract[doc]) == 0 {
		mask |= failContract
	}
	if c.placeInside != nil {
		pl := ix.place[doc]
		inside := c.placeInside[pl]
		if inside && c.placeBorder[pl] {
			inside = c.distance(ix, doc) <= c.radius
		}
		if !inside {
			mask |= failPlace
		}
	}
	if c.remoteMin > 0 && ix.remote[doc] < c.remoteMin {
		mask |= failRemote
	}
	if c.expMax >= 0 && ix.experience[doc] > c.expMax {
		mask |= failExperience
	}
	if c.salaryMin > 0 && ix.salary[doc] < c.salaryMin {
		mask |= failSalary
	}
	if c.romes != nil && !c.romes[ix.rome[doc]] {
		mask |= failRome
	}
	return mask
}

// distance is the distance of a document from the place searched, in km;
// +Inf for a document without coordinates.
func (c *compiled) distance(ix *Index, doc uint32) float64 {
	if c.near == nil || !ix.geo.Contains(doc) {
		return math.Inf(1)
	}
	return haversine(c.near.Lat, c.near.Lon, float64(ix.lat[doc]), float64(ix.lon[doc]))
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
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
	for p, n := range places {
		pl := ix.places[p]
		if pl.City != "" && n > 0 {
			f.Places = append(f.Places, Count{pl.Postcode + "|" + pl.City, n})
		}
	}
	sort.Slice(f.Places, func(i, j int) bool {
		if f.Places[i].N != f.Places[j].N {
			return f.Places[i].N > f.Places[j].N
		}
		return f.Places[i].Value < f.Places[j].Value
	})
	f.Places = f.Places[:min(8, len(f.Places))]
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
	for _, p := range ix.places {
		if p.Postcode == typed {
			f.Postcode = typed
			if p.HasGeo {
				pl := p
				f.Near = &pl
			}
			return true
		}
	}
	if len(typed) <= 3 {
		dep := strings.ToUpper(typed)
		if len(dep) == 1 {
			dep = "0" + dep
		}
		for _, p := range ix.places {
			if p.Departement == dep {
				f.Departement = dep
				return true
			}
		}
	}
	found := false
	for _, p := range ix.places {
		if Fold(p.City) == t {
			f.City, found = typed, true
			if p.HasGeo {
				pl := p
				f.Near = &pl
				break
			}
		}
	}
	return found
}
