package offerindex

import "github.com/RoaringBitmap/roaring/v2"

// counts are the facet counts a search gathers, by value code.
type counts struct {
	contracts [8]int
	remote    [7]int  // by remote days + 1
	exp       [52]int // by years + 1
	metiers   []int
	places    []int
	// without counts, by filter bit, the documents that fail that filter
	// and no other; the results are added at the end.
	without [failMetier << 1]int
}

// add counts d in every facet.
func (c *counts) add(d *docInfo) {
	c.contracts[d.contract]++
	c.remote[d.remote+1]++
	c.exp[d.experience+1]++
	c.metiers[d.metier]++
	c.places[d.place]++
}

// countAll counts every facet of documents that all pass: no filter is
// active and none has expired.
func (ix *Index) countAll(docs *roaring.Bitmap, c *counts) {
	var buf [256]uint32
	var recs [256]docInfo
	blocks := ix.blocks
	it := docs.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for i, doc := range buf[:n] {
			recs[i] = blocks[doc>>blockBits].docs[doc&blockMask] // loads that overlap, as in scan
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
	blocks := ix.blocks
	it := candidates.ManyIterator()
	for got := it.NextMany(buf[:]); got > 0; got = it.NextMany(buf[:]) {
		// Copy the records first: independent loads the processor overlaps,
		// where the tests below would wait for each in turn.
		for i, doc := range buf[:got] {
			recs[i] = blocks[doc>>blockBits].docs[doc&blockMask]
		}
		for i, doc := range buf[:got] {
			d := &recs[i]
			if !fresh && d.expires != 0 && int64(d.expires) <= now {
				continue
			}
			// The filters it fails, as bits.
			m := fb.contract[d.contract&7] | fb.remote[d.remote+1] | fb.exp[d.experience+1] | fb.place[d.place] | fb.metier[d.metier]
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
			case failMetier:
				c.without[mask]++
				c.metiers[d.metier]++
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
