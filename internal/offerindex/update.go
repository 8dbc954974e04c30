package offerindex

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"

	"vocation/internal/store"
)

// errNoUpdate stops an update that could not give exactly the index a
// build would: the offers are built again instead.
var errNoUpdate = errors.New("the offer index cannot be updated: it is built again")

// updater makes the index of a new offers generation from the index of an
// earlier one, when an import changed few offers. It reads every live
// offer, as a build does, but the stems only of those changed: the others
// keep their document, their columns and their postings, shared with the
// earlier index, which searches go on reading meanwhile. Blocks of
// columns and containers of bitmaps are copied when they change, not
// before.
//
// Its index answers every search as a build of the same offers would:
// documents keep date order (an offer changed in place takes a number
// between its neighbours', a new one a number below the oldest), and what
// a build computes in that order (places, their positions, salaries) is
// computed again in that order.
type updater struct {
	old *Index
	b   *Builder // the new index, and what it counts in date order
	it  roaring.IntPeekable
	// last is the number of the last document placed, -1 before any.
	last    int64
	changed int // how many changed offers came
	most    int // the most changed offers an update takes
	// The changed offers waiting for the next unchanged one to be
	// numbered, without their stems: those went to adds already.
	run     []store.LiveOffer
	vacated *roaring.Bitmap
	// What the changed offers add, by bitmap: postings by term, the
	// others by value. Postings list the changed offers by the order they
	// came in until the end, when numbers tells each one's document.
	adds    [3]map[string][]uint32
	rome    map[string][]uint32
	numbers []uint32
	by      map[*[]*roaring.Bitmap]map[int][]uint32
	deps    map[string][]uint32
}

func newUpdater(old *Index) *updater {
	ix := &Index{
		ties: old.ties, blocks: slices.Clone(old.blocks),
		places: slices.Clone(old.places), spread: make([]float64, len(old.places)), placeKeys: slices.Clip(old.placeKeys),
		placeIndex: maps.Clone(old.placeIndex), byPostcode: map[string]uint16{}, byCity: map[string][]uint16{},
		groups: slices.Clip(old.groups), groupIndex: maps.Clone(old.groupIndex),
	}
	u := &updater{old: old, b: &Builder{ix: ix, owned: map[uint32]bool{}, seen: make([]bool, len(old.places))},
		it: old.every.Iterator(), last: -1, most: max(1000, old.Len()/16), vacated: roaring.New(),
		rome: map[string][]uint32{}, by: map[*[]*roaring.Bitmap]map[int][]uint32{}, deps: map[string][]uint32{}}
	for i := range u.adds {
		u.adds[i] = map[string][]uint32{}
	}
	return u
}

// add takes the next live offer, newest first.
func (u *updater) add(o *store.LiveOffer) error {
	if o.Changed {
		if u.changed++; u.changed > u.most {
			return fmt.Errorf("%w: more than %d offers changed", errNoUpdate, u.most)
		}
		nth := uint32(u.changed - 1)
		eachStem(o, &u.b.stems, func(i int, st []byte) {
			u.adds[i][string(st)] = append(u.adds[i][string(st)], nth) // a stem twice is one posting
		})
		if o.Rome != "" {
			u.rome[o.Rome] = append(u.rome[o.Rome], nth)
		}
		r := *o
		r.TitleStems, r.SkillStems, r.TextStems = slices.Clone(o.TitleStems), nil, nil // the title ties it to fiches
		u.run = append(u.run, r)
		return nil
	}
	// An unchanged offer is in the earlier index, in the same order: the
	// documents before it there are gone or changed.
	doc, found := uint32(0), false
	for u.it.HasNext() {
		d := u.it.Next()
		if u.old.Key(d) == o.Key {
			doc, found = d, true
			break
		}
		u.vacated.Add(d)
	}
	if !found {
		return fmt.Errorf("%w: offer %d is not in the index", errNoUpdate, o.Key)
	}
	if err := u.flush(int64(doc)); err != nil {
		return err
	}
	b := u.b
	info := *u.old.info(doc)
	// Its place may be another document's first in this order.
	b.placeOf(o, info.place, true)
	b.count(o, info)
	u.last = int64(doc)
	return nil
}

// flush numbers the changed offers waiting, between the last document
// placed and next (-1 for none: they are the oldest).
func (u *updater) flush(next int64) error {
	n := int64(len(u.run))
	if n == 0 {
		return nil
	}
	start := u.last + 1
	switch {
	case u.last < 0 && next >= 0:
		start = next - n // below the newest unchanged one
	case next >= 0 && start+n > next:
		return fmt.Errorf("%w: no room for %d changed offers between their neighbours", errNoUpdate, n)
	}
	if start < 0 || start+n >= 1<<32 {
		return fmt.Errorf("%w: no room left for newer offers", errNoUpdate)
	}
	for i := range u.run {
		u.put(uint32(start)+uint32(i), &u.run[i])
	}
	u.run = u.run[:0]
	return nil
}

// put makes o document doc.
func (u *updater) put(doc uint32, o *store.LiveOffer) {
	info := u.b.put(doc, o)
	u.numbers = append(u.numbers, doc)
	ix := u.b.ix
	u.addTo(&ix.byContract, int(info.contract), doc)
	u.addTo(&ix.byPlace, int(info.place), doc)
	u.addTo(&ix.byRemote, int(info.remote)+1, doc)
	u.addTo(&ix.byExperience, int(info.experience)+1, doc)
	u.addTo(&ix.byMetier, int(info.metier), doc)
	u.addTo(&ix.bySalary, min(int(info.salary)/salaryStep, 100), doc)
	dep := ix.places[info.place].Departement
	u.deps[dep] = append(u.deps[dep], doc)
}

func (u *updater) addTo(set *[]*roaring.Bitmap, value int, doc uint32) {
	m := u.by[set]
	if m == nil {
		m = map[int][]uint32{}
		u.by[set] = m
	}
	m[value] = append(m[value], doc)
}

// finish makes the index once every live offer came.
func (u *updater) finish(generation int64) (*Index, error) {
	for u.it.HasNext() {
		u.vacated.Add(u.it.Next())
	}
	if u.last < 0 {
		return nil, fmt.Errorf("%w: no offer stayed", errNoUpdate)
	}
	ix := u.b.ix
	old := u.old
	if err := u.flush(-1); err != nil {
		return nil, err
	}
	ix.Generation = generation
	for _, lists := range []map[string][]uint32{u.adds[0], u.adds[1], u.adds[2], u.rome} {
		for _, l := range lists {
			for i, nth := range l {
				l[i] = u.numbers[nth]
			}
		}
	}
	ix.every = patch(old.every, u.vacated, roaring.BitmapOf(u.numbers...))
	// Past a quarter of numbers left unused, blocks waste more than a
	// build costs.
	n := ix.Len()
	if span := int(ix.every.Maximum()-ix.every.Minimum()) + 1; span > n+n/4+blockSize {
		return nil, fmt.Errorf("%w: %d numbers for %d offers", errNoUpdate, span, n)
	}
	for i, f := range ix.fields() {
		*f = u.patchField(old.fields()[i], u.adds[i])
	}
	ix.byRome, _ = u.patchMap(old.byRome, u.rome)
	ix.byDep, _ = u.patchMap(old.byDep, u.deps)
	for _, s := range []struct {
		new *[]*roaring.Bitmap
		old []*roaring.Bitmap
		n   int
	}{
		{&ix.byContract, old.byContract, len(old.byContract)}, {&ix.byPlace, old.byPlace, len(ix.places)},
		{&ix.byRemote, old.byRemote, len(old.byRemote)}, {&ix.byExperience, old.byExperience, len(old.byExperience)},
		{&ix.byMetier, old.byMetier, len(ix.groups)}, {&ix.bySalary, old.bySalary, len(old.bySalary)},
	} {
		out := slices.Clone(s.old)
		for len(out) < s.n {
			out = append(out, frozen(roaring.New()))
		}
		adds := u.by[s.new]
		for v, b := range out {
			out[v] = u.patchIf(b, adds[v])
		}
		*s.new = out
	}
	ix.observed = u.b.observed()
	return ix, nil
}

// patchIf is b without the vacated documents and with adds, or b itself
// when neither changes it.
func (u *updater) patchIf(b *roaring.Bitmap, adds []uint32) *roaring.Bitmap {
	if len(adds) == 0 && !b.Intersects(u.vacated) {
		return b
	}
	return patch(b, u.vacated, roaring.BitmapOf(adds...))
}

// patch is b without gone and with added, sharing the containers neither
// changes. b is only read: searches may be reading it.
func patch(b, gone, added *roaring.Bitmap) *roaring.Bitmap {
	out := roaring.AndNot(b, gone)
	out.Or(added)
	return frozen(out)
}

// patchMap is patchIf for bitmaps by name; a name left without documents
// goes, as a build would not have it. It reports whether names came or
// went.
func (u *updater) patchMap(old map[string]*roaring.Bitmap, adds map[string][]uint32) (map[string]*roaring.Bitmap, bool) {
	out := maps.Clone(old)
	names := false
	for k, b := range old {
		if nb := u.patchIf(b, adds[k]); nb.IsEmpty() {
			delete(out, k)
			names = true
		} else {
			out[k] = nb
		}
	}
	for k, docs := range adds {
		if _, ok := old[k]; !ok {
			out[k] = frozen(roaring.BitmapOf(docs...))
			names = true
		}
	}
	return out, names
}

func (u *updater) patchField(old *field, adds map[string][]uint32) field {
	postings, names := u.patchMap(old.postings, adds)
	f := field{postings: postings, terms: old.terms}
	if names {
		f.terms = slices.Sorted(maps.Keys(f.postings))
	}
	return f
}
