package offerindex

import (
	"slices"
	"sort"
	"strconv"
	"vocation/internal/offer"
)

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
