package offerindex

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"vocation/internal/offer"
)

func (ix *Index) facets(near *Place, contracts, remote, exp, groups, places []int, without []int) Facets {
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
	metiers := map[string]int{}
	for g, n := range groups {
		for _, fi := range ix.groups[g] {
			if n > 0 {
				metiers[ix.ties.Slug(fi)] += n
			}
		}
	}
	for slug, n := range metiers {
		f.Metiers = append(f.Metiers, Count{slug, n})
	}
	slices.SortFunc(f.Metiers, func(a, b Count) int { return cmp.Or(b.N-a.N, strings.Compare(a.Value, b.Value)) })
	// Eight places: with a place chosen, the nearest to it; else those
	// with the most results. A selection, not a sort of every place.
	const nearby = 8
	before := func(a, b int) bool {
		if places[a] != places[b] {
			return places[a] > places[b]
		}
		return ix.placeKeys[a] < ix.placeKeys[b]
	}
	if near != nil {
		// Ordered as the distance is, on a flat map at near's latitude:
		// a few operations a place where haversine costs trigonometry.
		cosLat := math.Cos(near.Lat * math.Pi / 180)
		dist := func(p int) float64 {
			pl := &ix.places[p]
			if !pl.HasGeo {
				return math.Inf(1)
			}
			x, y := (pl.Lon-near.Lon)*cosLat, pl.Lat-near.Lat
			return x*x + y*y
		}
		before = func(a, b int) bool {
			if da, db := dist(a), dist(b); da != db {
				return da < db
			}
			return ix.placeKeys[a] < ix.placeKeys[b]
		}
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
