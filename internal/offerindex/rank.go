package offerindex

import (
	"container/heap"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

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
	res := Result{Total: ix.Len()}
	var remote [7]int
	var exp [52]int
	var contracts [8]int
	copy(remote[:], cardinalities(ix.byRemote))
	copy(exp[:], cardinalities(ix.byExperience))
	copy(contracts[:], cardinalities(ix.byContract))
	res.Facets = ix.facets(nil, contracts[:], remote[:], exp[:], cardinalities(ix.byMetier), cardinalities(ix.byPlace), make([]int, failMetier<<1))
	for _, h := range page(ix.every, r.Offset, min(max(r.Limit, 0), 100)) {
		res.Hits = append(res.Hits, Hit{Key: ix.Key(uint32(h.Key)), DistanceKm: -1})
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
	salary := func(doc uint32) float64 { return -float64(ix.info(doc).salary) }
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
		if sa, sb := ix.info(a).salary, ix.info(b).salary; sa != sb {
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

func (h scored) Len() int { return len(h) }

func (h scored) Less(i, j int) bool { return better(h[j], h[i]) }

func (h scored) Swap(i, j int) { h[i], h[j] = h[j], h[i] }

func (h *scored) Push(x any) { *h = append(*h, x.(scoredDoc)) }

func (h *scored) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
