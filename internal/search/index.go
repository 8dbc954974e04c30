package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/offer"
)

// Doc is what the index keeps of one live offer.
type Doc struct {
	Key             int64
	Title           string
	Contract        string
	Postcode        string
	City            string
	Lat, Lon        float64
	HasGeo          bool
	RemoteDays      int
	SalaryYearMin   int
	SalaryYearMax   int
	ExperienceYears int
	Published       int64
	Expires         int64 // unix seconds, 0 for never
	Demo            bool
	Rome            string
	TitleStems      string
	SkillStems      string
	TextStems       string
}

// field is one searchable part of an offer: its postings by stem, and its
// stems in order for prefix lookups.
type field struct {
	postings map[string]*roaring.Bitmap
	terms    []string
}

func (f *field) add(doc uint32, stems string) {
	for _, s := range strings.Fields(stems) {
		b := f.postings[s]
		if b == nil {
			b = roaring.New()
			f.postings[s] = b
		}
		b.Add(doc)
	}
}

// Index is the search index of the live offers: postings of the title,
// skills and text stems, and compact columns for filters, facets and
// sorting. Documents are numbered newest first, so ascending numbers are
// date order. It is built once per offers generation and then only read,
// by any number of searches at once.
type Index struct {
	Generation int64

	keys       []int64
	expires    []uint32
	demo       int
	contract   []uint8
	remote     []int8
	experience []int8
	salary     []int32 // yearly maximum, 0 when not given
	lat, lon   []float32
	geo        *roaring.Bitmap
	place      []uint16 // index into places
	rome       []uint16 // index into romes

	places     []Place
	spread     []float64 // by place: how far its offers lie from its position, km
	placeIndex map[string]uint16
	romes      []string
	romeIndex  map[string]uint16

	title, skills, text field

	// Per filter value, the documents that have it, and the counts of the
	// whole index: a search without words starts from these rather than
	// from a scan of every offer.
	byContract, byPlace, byRemote, byExperience, byRome, bySalary []*roaring.Bitmap
	minExpires                                                    int64 // earliest expiry, 0 for none
}

// salaryStep buckets yearly salaries for the salary floor.
const salaryStep = 5000

// Place is a city as offers name it, with its département and a position.
type Place struct {
	City        string
	Postcode    string
	Departement string
	Lat, Lon    float64
	HasGeo      bool
}

// Builder collects documents, newest first, into an Index.
type Builder struct{ ix *Index }

// NewBuilder starts an index for an offers generation.
func NewBuilder(generation int64) *Builder {
	return &Builder{ix: &Index{
		Generation: generation, geo: roaring.New(), placeIndex: map[string]uint16{}, romeIndex: map[string]uint16{},
		title: field{postings: map[string]*roaring.Bitmap{}}, skills: field{postings: map[string]*roaring.Bitmap{}},
		text: field{postings: map[string]*roaring.Bitmap{}},
	}}
}

// Add appends d; documents must come newest first.
func (b *Builder) Add(d *Doc) {
	ix := b.ix
	doc := uint32(len(ix.keys))
	ix.keys = append(ix.keys, d.Key)
	ix.expires = append(ix.expires, uint32(max(d.Expires, 0)))
	if d.Demo {
		ix.demo++
	}
	ix.contract = append(ix.contract, contractCode(d.Contract))
	ix.remote = append(ix.remote, int8(clamp(d.RemoteDays, -1, 5)))
	ix.experience = append(ix.experience, int8(clamp(d.ExperienceYears, -1, 50)))
	ix.salary = append(ix.salary, int32(d.SalaryYearMax))
	ix.lat, ix.lon = append(ix.lat, float32(d.Lat)), append(ix.lon, float32(d.Lon))
	if d.HasGeo {
		ix.geo.Add(doc)
	}
	pk := d.Postcode + "|" + d.City
	p, ok := ix.placeIndex[pk]
	if !ok && len(ix.places) < math.MaxUint16 {
		p = uint16(len(ix.places))
		ix.placeIndex[pk] = p
		ix.places = append(ix.places, Place{City: d.City, Postcode: d.Postcode, Departement: offer.Departement(d.Postcode), Lat: d.Lat, Lon: d.Lon, HasGeo: d.HasGeo})
		ix.spread = append(ix.spread, 0)
	}
	if pl := ix.places[p]; d.HasGeo && pl.HasGeo {
		ix.spread[p] = max(ix.spread[p], haversine(pl.Lat, pl.Lon, d.Lat, d.Lon))
	} else if d.HasGeo != pl.HasGeo {
		ix.spread[p] = math.Inf(1) // some with a position, some without: check each
	}
	ix.place = append(ix.place, p)
	r, ok := ix.romeIndex[d.Rome]
	if !ok && len(ix.romes) < math.MaxUint16 {
		r = uint16(len(ix.romes))
		ix.romeIndex[d.Rome] = r
		ix.romes = append(ix.romes, d.Rome)
	}
	ix.rome = append(ix.rome, r)
	ix.title.add(doc, d.TitleStems)
	ix.skills.add(doc, d.SkillStems)
	ix.text.add(doc, d.TextStems)
}

// Index finishes the index: postings are compressed and terms sorted.
func (b *Builder) Index() *Index {
	ix := b.ix
	for _, f := range []*field{&ix.title, &ix.skills, &ix.text} {
		f.terms = make([]string, 0, len(f.postings))
		for t, p := range f.postings {
			p.RunOptimize()
			f.terms = append(f.terms, t)
		}
		sort.Strings(f.terms)
	}
	ix.geo.RunOptimize()
	ix.byContract = group(len(offer.Contracts)+1, ix.contract, func(v uint8) int { return int(v) })
	ix.byPlace = group(len(ix.places), ix.place, func(v uint16) int { return int(v) })
	ix.byRemote = group(7, ix.remote, func(v int8) int { return int(v) + 1 })
	ix.byExperience = group(52, ix.experience, func(v int8) int { return int(v) + 1 })
	ix.byRome = group(len(ix.romes), ix.rome, func(v uint16) int { return int(v) })
	ix.bySalary = group(101, ix.salary, func(v int32) int { return min(int(v)/salaryStep, 100) })
	for _, e := range ix.expires {
		if e != 0 && (ix.minExpires == 0 || int64(e) < ix.minExpires) {
			ix.minExpires = int64(e)
		}
	}
	return ix
}

// group makes one bitmap per value of a column.
func group[T any](n int, column []T, code func(T) int) []*roaring.Bitmap {
	docs := make([][]uint32, n)
	for doc, v := range column {
		c := code(v)
		docs[c] = append(docs[c], uint32(doc))
	}
	out := make([]*roaring.Bitmap, n)
	for i, d := range docs {
		out[i] = roaring.BitmapOf(d...)
		out[i].RunOptimize()
	}
	return out
}

func cardinalities(bs []*roaring.Bitmap) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		out[i] = int(b.GetCardinality())
	}
	return out
}

// Len is the number of live offers.
func (ix *Index) Len() int { return len(ix.keys) }

// Demo is the number of generated demonstration offers.
func (ix *Index) Demo() int { return ix.demo }

// Key is the store key of a document.
func (ix *Index) Key(doc uint32) int64 { return ix.keys[doc] }

// Terms returns the indexed stems that start with prefix, for spelling
// suggestions, at most n.
func (ix *Index) Terms(prefix string, n int) []string {
	var out []string
	for _, f := range []*field{&ix.title, &ix.skills} {
		i := sort.SearchStrings(f.terms, prefix)
		for ; i < len(f.terms) && strings.HasPrefix(f.terms[i], prefix) && len(out) < n; i++ {
			if !slices.Contains(out, f.terms[i]) {
				out = append(out, f.terms[i])
			}
		}
	}
	return out
}

// matchWord is the documents of a word group in one field: any of its
// stems, and any stem starting with prefix when prefix is set.
func (f *field) matchWord(stems []string, prefix string) *roaring.Bitmap {
	var parts []*roaring.Bitmap
	for _, s := range stems {
		if p := f.postings[s]; p != nil {
			parts = append(parts, p)
		}
	}
	if prefix != "" {
		i := sort.SearchStrings(f.terms, prefix)
		for ; i < len(f.terms) && strings.HasPrefix(f.terms[i], prefix); i++ {
			parts = append(parts, f.postings[f.terms[i]])
		}
	}
	return roaring.FastOr(parts...)
}

// tiers matches q: the documents with every word in the title, those with
// every word in the title or the skills, and all the documents that match.
// Relevance ranks them in that order.
func (ix *Index) tiers(q Query) [3]*roaring.Bitmap {
	var t [3]*roaring.Bitmap
	for i, g := range q.Words {
		prefix := ""
		if i == len(q.Words)-1 {
			prefix = q.Prefix
		}
		inTitle := ix.title.matchWord(g, prefix)
		inSkills := roaring.Or(inTitle, ix.skills.matchWord(g, prefix))
		anywhere := roaring.Or(inSkills, ix.text.matchWord(g, prefix))
		if i == 0 {
			t = [3]*roaring.Bitmap{inTitle, inSkills, anywhere}
			continue
		}
		t[0].And(inTitle)
		t[1].And(inSkills)
		t[2].And(anywhere)
	}
	return t
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

func contractCode(c string) uint8 {
	for i, v := range offer.Contracts {
		if v == c {
			return uint8(i)
		}
	}
	return uint8(len(offer.Contracts))
}
