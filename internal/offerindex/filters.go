package offerindex

import (
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/text"
)

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
	if c.metiers != nil {
		out[failMetier] = union(ix.byMetier, func(i int) bool { return c.metiers[i] })
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
	if c.metiers != nil {
		a |= failMetier
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
	metiers     []bool // by group; nil for any
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
		metier   []uint8
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
	if len(f.Metiers) > 0 {
		c.metiers = make([]bool, len(ix.groups))
		for g, fiches := range ix.groups {
			for _, fi := range fiches {
				c.metiers[g] = c.metiers[g] || slices.Contains(f.Metiers, ix.ties.Slug(fi))
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
	city := text.Fold(f.City)
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
	fb.metier = make([]uint8, len(ix.groups))
	for i := range fb.metier {
		if c.metiers != nil && !c.metiers[i] {
			fb.metier[i] = failMetier
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
