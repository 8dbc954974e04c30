// Package offerindex is the in-memory search index of the live offers:
// postings of their title, skill and text stems, compact columns for
// filters, live facet counts and sorting, places and distances, spelling
// suggestions, and the tie of each offer to the fiches of its métier. The
// store gives it rows; Live keeps it current as imports land.
package offerindex

import (
	"bytes"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/offer"
	"vocation/internal/store"
	"vocation/internal/text"
)

// field is one searchable part of an offer: its postings by stem, and its
// stems in order for prefix lookups. A document is in a stem's postings
// of one field at most: the first of title, skills and text where the
// stem appears (eachStem). A title's words are in the text too: at a
// million offers, listing them again in each field after held 24 MB more
// heap, and the union a search makes instead costs no more than the
// lookup did.
type field struct {
	postings map[string]*roaring.Bitmap
	terms    []string
}

func (f *field) add(doc uint32, stem []byte) {
	b := f.postings[string(stem)] // no copy to look up
	if b == nil {
		b = roaring.New()
		f.postings[string(stem)] = b
	}
	b.Add(doc)
}

// seenStems is the stems of one offer's title and skills, left out of the
// fields after them. Its mask answers most lookups: an offer's text has
// about a hundred stems, its title and skills fifteen.
type seenStems struct {
	seed  maphash.Seed
	mask  [2]uint64
	stems [][]byte
}

func (s *seenStems) reset() {
	if s.seed == (maphash.Seed{}) {
		s.seed = maphash.MakeSeed()
	}
	s.mask, s.stems = [2]uint64{}, s.stems[:0]
}

func (s *seenStems) bit(stem []byte) (int, uint64) {
	h := maphash.Bytes(s.seed, stem)
	return int(h >> 6 & 1), 1 << (h & 63)
}

func (s *seenStems) add(stem []byte) {
	i, b := s.bit(stem)
	s.mask[i] |= b
	s.stems = append(s.stems, stem)
}

func (s *seenStems) has(stem []byte) bool {
	if i, b := s.bit(stem); s.mask[i]&b == 0 {
		return false
	}
	for _, t := range s.stems {
		if bytes.Equal(t, stem) {
			return true
		}
	}
	return false
}

// eachStem calls fn with each stem of d and the field it goes to: 0 for
// the title's, 1 for the skills' not in the title, 2 for the text's in
// neither. A stem may come twice in one field.
func eachStem(d *store.LiveOffer, seen *seenStems, fn func(field int, stem []byte)) {
	seen.reset()
	for i, list := range [3][]byte{d.TitleStems, d.SkillStems, d.TextStems} {
		for s := range bytes.FieldsSeq(list) {
			if i > 0 && seen.has(s) {
				continue
			}
			if i < 2 {
				seen.add(s)
			}
			fn(i, s)
		}
	}
}

// Index is the search index of the live offers: postings of the title,
// skills and text stems, and compact columns for filters, facets and
// sorting. Documents are numbered newest first, so ascending numbers are
// date order. It is built once per offers generation and then only read,
// by any number of searches at once.
type Index struct {
	Generation int64
	// BuiltAt is when the offers were read: the day of the observed salaries.
	BuiltAt time.Time

	// The documents' columns, in blocks: an update copies the blocks it
	// changes, not a million documents. Numbers start at firstDoc, so
	// that an update can number newer offers below the oldest ones.
	blocks []*block
	demo   int
	every  *roaring.Bitmap // the live documents

	places     []Place
	spread     []float64            // by place: how far its offers lie from its position, km
	placeIndex map[[2]string]uint16 // by postcode and city
	// By place, its facet value; and the places by what a person may type
	// for them. France's offers name tens of thousands of places: a
	// search must not fold or compare every one.
	placeKeys  []string                   // "postcode|city"
	byPostcode map[string]uint16          // the first place with the postcode
	byCity     map[string][]uint16        // by folded city name
	byDep      map[string]*roaring.Bitmap // the documents of each département
	// The métiers of each document are one of a few groups of fiches:
	// most offers name one fiche, some every fiche of their ROME code.
	ties       *Ties
	groups     [][]uint16 // by group, its fiches; group 0 has none
	groupIndex map[string]uint16
	observed   map[string]*Observed // by fiche slug

	// The fields, in the order of relevance's tiers.
	title, skills, text field

	// Per filter value, the documents that have it, and the counts of the
	// whole index: a search without words starts from these rather than
	// from a scan of every offer.
	byContract, byPlace, byRemote, byExperience, byMetier, bySalary []*roaring.Bitmap
	// byRome lists the documents of each ROME code, for the métiers no
	// fiche covers: a few thousand codes, filled as documents are added.
	byRome     map[string]*roaring.Bitmap
	minExpires int64 // earliest expiry, 0 for none
}

// docInfo is what filters and facets read of a document, packed in 16
// bytes: a search scans up to a million of them, and one cache line
// holds four.
type docInfo struct {
	expires    uint32 // unix seconds, 0 for never
	salary     int32  // yearly maximum, 0 when not given
	place      uint16 // index into places
	metier     uint16 // index into groups
	contract   uint8
	remote     int8
	experience int8
}

// blockBits sizes a block: 8,192 documents, 295 KB.
const (
	blockBits = 13
	blockSize = 1 << blockBits
	blockMask = blockSize - 1
)

// firstDoc is the number of a full build's newest document: the numbers
// below are room for the offers of later updates, which are newer.
const firstDoc = 1 << 20

// block holds the columns of blockSize documents.
type block struct {
	keys [blockSize]int64
	docs [blockSize]docInfo
	// The place and métier of each document again, dense, for counting
	// one facet over many documents.
	place, metier [blockSize]uint16
	lat, lon      [blockSize]float32
}

func (ix *Index) info(doc uint32) *docInfo { return &ix.blocks[doc>>blockBits].docs[doc&blockMask] }

// Key is the store key of a document.
func (ix *Index) Key(doc uint32) int64 { return ix.blocks[doc>>blockBits].keys[doc&blockMask] }

// slot is doc's block, made writable: a block the index shares with
// the one it was updated from is copied first.
func (ix *Index) slot(doc uint32, owned map[uint32]bool) (*block, uint32) {
	bi := doc >> blockBits
	for int(bi) >= len(ix.blocks) {
		ix.blocks = append(ix.blocks, nil)
	}
	if b := ix.blocks[bi]; b == nil {
		ix.blocks[bi] = new(block)
		owned[bi] = true
	} else if !owned[bi] {
		c := *b
		ix.blocks[bi] = &c
		owned[bi] = true
	}
	return ix.blocks[bi], doc & blockMask
}

// salaryStep buckets yearly salaries for the salary floor.
const salaryStep = 5000

// Builder collects documents, newest first, into an Index.
type Builder struct {
	ix *Index
	// The salaries of the offers of each group of fiches, and the feeds
	// they came from, for the observed statistics.
	salaries [][]salaryObs
	sources  []string
	next     uint32          // the next document's number
	owned    map[uint32]bool // the blocks this build made
	seen     []bool          // by place: has a document yet
	stems    seenStems
}

// NewBuilder starts an index for an offers generation, whose offers are
// tied to the fiches of ties.
func NewBuilder(generation int64, ties *Ties) *Builder {
	return &Builder{ix: &Index{
		Generation: generation, placeIndex: map[[2]string]uint16{}, ties: ties, groups: [][]uint16{nil}, groupIndex: map[string]uint16{"": 0},
		byPostcode: map[string]uint16{}, byCity: map[string][]uint16{},
		title: field{postings: map[string]*roaring.Bitmap{}}, skills: field{postings: map[string]*roaring.Bitmap{}},
		text: field{postings: map[string]*roaring.Bitmap{}}, byRome: map[string]*roaring.Bitmap{},
	}, next: firstDoc, owned: map[uint32]bool{}}
}

// Add appends d; documents must come newest first.
func (b *Builder) Add(d *store.LiveOffer) {
	ix := b.ix
	doc := b.next
	b.next++
	b.put(doc, d)
	if d.Rome != "" {
		b := ix.byRome[d.Rome]
		if b == nil {
			b = roaring.New()
			ix.byRome[d.Rome] = b
		}
		b.Add(doc)
	}
	fields := ix.fields()
	eachStem(d, &b.stems, func(i int, s []byte) { fields[i].add(doc, s) })
}

// fields are the index's fields in tier order.
func (ix *Index) fields() [3]*field { return [3]*field{&ix.title, &ix.skills, &ix.text} }

// put writes d's columns as document doc and counts it in what a build
// computes in the order documents come: places, groups, salaries.
func (b *Builder) put(doc uint32, d *store.LiveOffer) docInfo {
	ix := b.ix
	blk, i := ix.slot(doc, b.owned)
	blk.keys[i] = d.Key
	info := docInfo{expires: uint32(max(d.Expires, 0)), salary: int32(d.SalaryYearMax), contract: contractCode(d.Contract),
		remote: int8(clamp(d.RemoteDays, -1, 5)), experience: int8(clamp(d.ExperienceYears, -1, 50))}
	lat, lon := float32(math.NaN()), float32(math.NaN()) // no position
	if d.HasGeo {
		lat, lon = float32(d.Lat), float32(d.Lon)
	}
	blk.lat[i], blk.lon[i] = lat, lon
	info.place = b.placeOf(d, 0, false)
	info.metier = ix.group(ix.ties.Of(d.Rome, d.TitleStems))
	b.count(d, info)
	blk.docs[i], blk.place[i], blk.metier[i] = info, info.place, info.metier
	return info
}

// count counts d, of place and group info, in the index's totals and
// salaries.
func (b *Builder) count(d *store.LiveOffer, info docInfo) {
	ix := b.ix
	if d.Demo {
		ix.demo++
	}
	if e := int64(info.expires); e != 0 && (ix.minExpires == 0 || e < ix.minExpires) {
		ix.minExpires = e
	}
	if info.metier != 0 {
		b.observe(info.metier, d)
	}
}

// placeOf is the number of d's place, p when known. The first document of
// a place, the newest, gives its position; how far the others lie from it
// bounds the distance checks.
func (b *Builder) placeOf(d *store.LiveOffer, p uint16, known bool) uint16 {
	ix := b.ix
	if !known {
		pk := [2]string{d.Postcode, d.City}
		var ok bool
		p, ok = ix.placeIndex[pk]
		if !ok && len(ix.places) < math.MaxUint16 {
			p = uint16(len(ix.places))
			ix.placeIndex[pk] = p
			ix.places = append(ix.places, Place{})
			ix.spread = append(ix.spread, 0)
			ix.placeKeys = append(ix.placeKeys, d.Postcode+"|"+d.City)
			b.seen = append(b.seen, false)
		}
	}
	if !b.seen[p] {
		b.seen[p] = true
		pl := Place{City: d.City, Postcode: d.Postcode, Departement: offer.Departement(d.Postcode), Lat: d.Lat, Lon: d.Lon, HasGeo: d.HasGeo}
		ix.places[p], ix.spread[p] = pl, 0
		if _, ok := ix.byPostcode[pl.Postcode]; !ok {
			ix.byPostcode[pl.Postcode] = p
		}
		if city := text.Fold(pl.City); city != "" {
			ix.byCity[city] = append(ix.byCity[city], p)
		}
	}
	if pl := ix.places[p]; d.HasGeo && pl.HasGeo {
		ix.spread[p] = max(ix.spread[p], haversine(pl.Lat, pl.Lon, d.Lat, d.Lon))
	} else if d.HasGeo != pl.HasGeo {
		ix.spread[p] = math.Inf(1) // some with a position, some without: check each
	}
	return p
}

// group is the number of the group of these fiches.
func (ix *Index) group(fiches []uint16) uint16 {
	var key [32]byte
	k := key[:0]
	for _, f := range fiches {
		k = append(k, byte(f>>8), byte(f))
	}
	g, ok := ix.groupIndex[string(k)] // no copy to look up
	if !ok && len(ix.groups) < math.MaxUint16 {
		g = uint16(len(ix.groups))
		ix.groupIndex[string(k)] = g
		ix.groups = append(ix.groups, fiches)
	}
	return g
}

// Ties are the ties the index was built with.
func (ix *Index) Ties() *Ties { return ix.ties }

// Index finishes the index: postings are compressed and terms sorted.
func (b *Builder) Index() *Index {
	ix := b.ix
	for r, b := range ix.byRome {
		ix.byRome[r] = compact(b)
	}
	for _, f := range ix.fields() {
		f.terms = make([]string, 0, len(f.postings))
		for t, p := range f.postings {
			f.postings[t] = compact(p)
			f.terms = append(f.terms, t)
		}
		sort.Strings(f.terms)
	}
	ix.observed = b.observed()
	ix.every = roaring.New()
	ix.every.AddRange(firstDoc, uint64(b.next))
	ix.every = frozen(ix.every)
	ix.byContract = ix.byValue(len(offer.Contracts)+1, func(d docInfo) int { return int(d.contract) })
	ix.byPlace = ix.byValue(len(ix.places), func(d docInfo) int { return int(d.place) })
	var deps []string
	depOf := make([]int, len(ix.places))
	for i, p := range ix.places {
		if j := slices.Index(deps, p.Departement); j >= 0 {
			depOf[i] = j
		} else {
			depOf[i], deps = len(deps), append(deps, p.Departement)
		}
	}
	ix.byDep = map[string]*roaring.Bitmap{}
	for i, b := range ix.byValue(len(deps), func(d docInfo) int { return depOf[d.place] }) {
		ix.byDep[deps[i]] = b
	}
	ix.byRemote = ix.byValue(7, func(d docInfo) int { return int(d.remote) + 1 })
	ix.byExperience = ix.byValue(52, func(d docInfo) int { return int(d.experience) + 1 })
	ix.byMetier = ix.byValue(len(ix.groups), func(d docInfo) int { return int(d.metier) })
	ix.bySalary = ix.byValue(101, func(d docInfo) int { return min(int(d.salary)/salaryStep, 100) })
	return ix
}

// compact is b in its smallest form. Postings grow by appending, which
// leaves up to half of each array container unused: at a million offers
// the heap held 8 MB more without this. A clone allocates each container at
// its length.
func compact(b *roaring.Bitmap) *roaring.Bitmap {
	b.RunOptimize()
	return frozen(b.Clone())
}

// frozen readies b to be shared: its containers are marked copy on
// write, so that an update makes a bitmap that differs by a few
// documents by copying only the containers it changes. Marking is a
// write, done once here, before any search can read b: a copy later only
// reads the marks.
func frozen(b *roaring.Bitmap) *roaring.Bitmap {
	b.SetCopyOnWrite(true)
	b.Clone() // marks b's containers as shared
	return b
}

// byValue makes one bitmap per value of a column.
func (ix *Index) byValue(n int, code func(docInfo) int) []*roaring.Bitmap {
	lists := make([][]uint32, n)
	ix.each(ix.every, func(doc uint32, d *docInfo) {
		c := code(*d)
		lists[c] = append(lists[c], doc)
	})
	out := make([]*roaring.Bitmap, n)
	for i, d := range lists {
		out[i] = roaring.BitmapOf(d...)
		out[i].RunOptimize()
		out[i] = frozen(out[i])
	}
	return out
}

// each calls fn for the documents of docs, in order.
func (ix *Index) each(docs *roaring.Bitmap, fn func(uint32, *docInfo)) {
	var buf [256]uint32
	it := docs.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for _, doc := range buf[:n] {
			fn(doc, ix.info(doc))
		}
	}
}

func cardinalities(bs []*roaring.Bitmap) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		out[i] = int(b.GetCardinality())
	}
	return out
}

// Len is the number of live offers.
func (ix *Index) Len() int { return int(ix.every.GetCardinality()) }

// Demo is the number of generated demonstration offers.
func (ix *Index) Demo() int { return ix.demo }

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

func contractCode(c string) uint8 {
	for i, v := range offer.Contracts {
		if v == c {
			return uint8(i)
		}
	}
	return uint8(len(offer.Contracts))
}
