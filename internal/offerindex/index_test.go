package offerindex

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/store"
	"vocation/internal/text"
)

func stemSet(s string) []byte {
	seen := map[string]bool{}
	var out []string
	for _, t := range text.Tokens(s) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return []byte(strings.Join(out, " "))
}

func docOf(o offer.Offer, key int64) store.LiveOffer {
	lo, hi := o.SalaryYear()
	return store.LiveOffer{Key: key, Contract: o.Contract, Postcode: o.Postcode, City: o.City, Lat: o.Lat, Lon: o.Lon, HasGeo: o.HasGeo,
		RemoteDays: o.RemoteDays, SalaryYearMin: lo, SalaryYearMax: hi, ExperienceYears: o.ExperienceYears, Published: o.Published.Unix(),
		Rome: o.Rome, TitleStems: stemSet(o.Title), SkillStems: stemSet(strings.Join(o.Skills, " ")), TextStems: stemSet(o.Description)}
}

// testTies are fiches of two ROME codes, two of them sharing one.
var testTies = NewTies([]Fiche{
	{Slug: "developpeur-back-end", Title: "Développeur·euse back-end", Rome: []string{"M1805"}},
	{Slug: "developpeur-full-stack", Title: "Développeur·euse full-stack", Aliases: []string{"développeur web"}, Rome: []string{"M1805"}},
	{Slug: "infirmier", Title: "Infirmier·ère", Rome: []string{"J1506"}},
})

// build indexes docs given newest first; keys are positions.
func build(docs []store.LiveOffer) *Index {
	b := NewBuilder(1, testTies)
	for i := range docs {
		b.Add(&docs[i])
	}
	return b.Index()
}

func small(titles ...string) []store.LiveOffer {
	var docs []store.LiveOffer
	for i, t := range titles {
		docs = append(docs, store.LiveOffer{Key: int64(i), Contract: "cdi", RemoteDays: -1, ExperienceYears: -1, TitleStems: stemSet(t)})
	}
	return docs
}

func keys(r Result) []int64 {
	var out []int64
	for _, h := range r.Hits {
		out = append(out, h.Key)
	}
	return out
}

func TestFrenchAsTyped(t *testing.T) {
	ix := build(small("Développeuse back-end", "Infirmier de nuit", "Boulanger", "Développeurs Java", "Infirmière scolaire", "Boulangère pâtissière"))
	for _, tt := range []struct {
		typed string
		want  []int64
	}{
		{"developpeur", []int64{0, 3}},        // accents, gender, plural
		{"DÉVELOPPEUSES", []int64{0, 3}},      // case and plural
		{"infirmiere", []int64{1, 4}},         // infirmière finds infirmier
		{"infirmier", []int64{1, 4}},          // and back
		{"boulangère", []int64{2, 5}},         // boulangère finds boulanger
		{"dévelop", []int64{0, 3}},            // a word being typed
		{"dev java", []int64{3}},              // abbreviation
		{`infirm" OR 1=1 --`, []int64{}},      // syntax is text
		{"patissiere boulangere", []int64{5}}, // every word must match
	} {
		got := keys(ix.Search(Request{Query: text.Parse(tt.typed), Limit: 20, Filters: Filters{ExperienceMax: -1}}))
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%q: %v, want %v", tt.typed, got, tt.want)
		}
	}
}

func TestRelevanceTitleSkillsText(t *testing.T) {
	docs := []store.LiveOffer{
		{Key: 0, TitleStems: stemSet("Chef de projet"), TextStems: stemSet("python au quotidien")},
		{Key: 1, TitleStems: stemSet("Data analyst"), SkillStems: stemSet("Python SQL")},
		{Key: 2, TitleStems: stemSet("Développeur Python")},
		{Key: 3, TitleStems: stemSet("Développeur Python senior")},
	}
	for i := range docs {
		docs[i].Contract, docs[i].ExperienceYears, docs[i].RemoteDays = "cdi", -1, -1
	}
	ix := build(docs)
	// Title matches first (newest first among them), then skills, then
	// text; the same when a filter makes the scan list the results.
	want := []int64{2, 3, 1, 0}
	for _, contracts := range [][]string{nil, {"cdi"}} {
		for offset := range 4 {
			req := Request{Query: text.Parse("python "), Offset: offset, Limit: 20, Filters: Filters{ExperienceMax: -1, Contracts: contracts}}
			if got := keys(ix.Search(req)); !slices.Equal(got, want[offset:]) {
				t.Errorf("contracts %v, offset %d: order %v, want %v", contracts, offset, got, want[offset:])
			}
		}
	}
}

// A word in an offer's title is also in its text; the index keeps the
// offer in that stem's postings once, in the first field, and relevance's
// tiers, prefixes, Knows and spellings still see it in every field after.
func TestFieldsHoldAStemOnce(t *testing.T) {
	docs := []store.LiveOffer{
		{Key: 0, TitleStems: stemSet("Boulanger"), SkillStems: stemSet("boulanger pain"), TextStems: stemSet("boulanger de nuit")},
		{Key: 1, TitleStems: stemSet("Vendeur"), SkillStems: stemSet("boulanger"), TextStems: stemSet("boulanger vente")},
		{Key: 2, TitleStems: stemSet("Pâtissier"), TextStems: stemSet("boulangerie")},
		{Key: 3, TitleStems: stemSet("Cariste"), TextStems: stemSet("boulangers")},
	}
	for i := range docs {
		docs[i].Contract, docs[i].ExperienceYears, docs[i].RemoteDays = "cdi", -1, -1
	}
	ix := build(docs)
	stem := text.Stem("boulanger")
	for i, f := range ix.fields() {
		if got, want := f.postings[stem].GetCardinality(), uint64(1); got != want {
			t.Errorf("field %d: %q held by %d documents, want %d", i, stem, got, want)
		}
	}
	// Title (0), then skills (1), then text (3); "boulangerie" is another
	// stem that the prefix reaches.
	q := text.Parse("boulanger")
	want := [3][]uint32{{firstDoc}, {firstDoc, firstDoc + 1}, {firstDoc, firstDoc + 1, firstDoc + 2, firstDoc + 3}}
	for i, tier := range ix.tiers(q) {
		if got := tier.ToArray(); !slices.Equal(got, want[i]) {
			t.Errorf("tier %d: %v, want %v", i, got, want[i])
		}
	}
	if got := keys(ix.Search(Request{Query: text.Parse("boulang"), Limit: 20, Filters: Filters{ExperienceMax: -1}})); !slices.Equal(got, []int64{0, 1, 2, 3}) {
		t.Errorf("prefix boulang: %v, want every offer", got)
	}
	for _, w := range []string{"vente", "pain", "boulange", "cariste"} {
		if !ix.Knows(w) {
			t.Errorf("Knows(%q) = false", w)
		}
	}
	// Two documents have the stem in their title or skills, one in each.
	if got := ix.Spellings(text.Stem("boulenger"), 3); !slices.Contains(got, stem) {
		t.Errorf("Spellings(boulenger) = %v, want %q", got, stem)
	}
}

// TestFacetsAgainstBruteForce checks every count of many random searches
// against a plain scan of the offers with the same rules.
func TestFacetsAgainstBruteForce(t *testing.T) {
	var buf bytes.Buffer
	if err := offer.Generate(&buf, 1500, 7); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	offers := offer.DecodeJSONL("demo.jsonl", &buf, &probs)
	slices.SortStableFunc(offers, func(a, b offer.Offer) int { return b.Published.Compare(a.Published) })
	docs := make([]store.LiveOffer, len(offers))
	for i, o := range offers {
		docs[i] = docOf(o, int64(i))
		if i%5 == 0 { // some expire, for searches made after
			docs[i].Expires = expiryBase + int64(i)
		}
		if i%7 == 0 { // some do not say
			docs[i].RemoteDays, docs[i].ExperienceYears = -1, -1
		}
	}
	ix := build(docs)
	stemsOf := make([][]string, len(docs))
	for i, d := range docs {
		stemsOf[i] = strings.Fields(string(d.TitleStems) + " " + string(d.SkillStems) + " " + string(d.TextStems))
	}
	words := []string{"", "developpeur", "infirmière", "dév", "python", "soins nuit", "equipe", "boulangère", "chargée communication", "technicien"}
	r := rand.New(rand.NewPCG(1, 2))
	var near Filters
	if !ix.FindPlace("Lyon", &near) || near.Near == nil {
		t.Fatal("Lyon not found among the places")
	}
	lyon := near.Near
	for i := 0; i < 150; i++ {
		req := Request{Query: text.Parse(words[r.IntN(len(words))]), Limit: 20, Filters: Filters{ExperienceMax: -1}}
		if r.IntN(4) == 0 {
			req.Now = expiryBase + int64(len(docs)/2)
		}
		req.Offset = 20 * r.IntN(3)
		req.Sort = []Sort{ByRelevance, ByDate, BySalary}[r.IntN(3)]
		if r.IntN(2) == 0 {
			req.Filters.Contracts = []string{offer.Contracts[r.IntN(6)], offer.Contracts[r.IntN(6)]}
		}
		if r.IntN(3) == 0 {
			req.Filters.RemoteMin = 1 + r.IntN(3)
		}
		if r.IntN(3) == 0 {
			req.Filters.ExperienceMax = []int{0, 2, 5}[r.IntN(3)]
		}
		if r.IntN(4) == 0 {
			req.Filters.SalaryMin = 30000 + r.IntN(4)*5000
		}
		if r.IntN(4) == 0 {
			req.Filters.Metiers = [][]string{{"developpeur-back-end"}, {"developpeur-full-stack", "infirmier"}}[r.IntN(2)]
		}
		switch r.IntN(5) {
		case 0:
			req.Filters.Near, req.Filters.RadiusKm = lyon, float64(10+r.IntN(50))
		case 1:
			req.Filters.Departement = "75"
		case 2:
			req.Filters.City = "Lyon"
		case 3:
			req.Filters.Postcode = "69003"
		}
		checkAgainstScan(t, ix, docs, stemsOf, req)
	}
}

// expiryBase is when the offers that expire in the tests do.
const expiryBase = 1_900_000_000

func checkAgainstScan(t *testing.T, ix *Index, docs []store.LiveOffer, stemsOf [][]string, req Request) {
	t.Helper()
	got := ix.Search(req)
	f := req.Filters
	fails := func(d store.LiveOffer) int {
		m := 0
		if len(f.Contracts) > 0 && !slices.Contains(f.Contracts, d.Contract) {
			m |= failContract
		}
		if f.Near != nil && f.RadiusKm > 0 && haversine(f.Near.Lat, f.Near.Lon, float64(float32(d.Lat)), float64(float32(d.Lon))) > f.RadiusKm {
			m |= failPlace
		}
		if f.Departement != "" && offer.Departement(d.Postcode) != f.Departement {
			m |= failPlace
		}
		if f.City != "" && d.City != f.City {
			m |= failPlace
		}
		if f.Postcode != "" && d.Postcode != f.Postcode {
			m |= failPlace
		}
		if f.RemoteMin > 0 && d.RemoteDays < f.RemoteMin {
			m |= failRemote
		}
		if f.ExperienceMax >= 0 && d.ExperienceYears > f.ExperienceMax {
			m |= failExperience
		}
		if f.SalaryMin > 0 && d.SalaryYearMax < f.SalaryMin {
			m |= failSalary
		}
		if len(f.Metiers) > 0 && !slices.ContainsFunc(testTies.Slugs(d.Rome, d.TitleStems), func(s string) bool { return slices.Contains(f.Metiers, s) }) {
			m |= failMetier
		}
		return m
	}
	matches := func(all []string) bool {
		for i, g := range req.Query.Words {
			ok := false
			for _, s := range all {
				if slices.Contains(g, s) || (i == len(req.Query.Words)-1 && req.Query.Prefix != "" && strings.HasPrefix(s, req.Query.Prefix)) {
					ok = true
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	var want struct {
		total              int
		contracts, metiers map[string]int
		places             map[string]int
		remote, experience [5]int // at least 1..5 days; at most 0, 1, 2, 5, 10 years
		without            map[string]int
	}
	want.contracts, want.metiers, want.places, want.without = map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	passing := map[int64]bool{}
	for i, d := range docs {
		if !matches(stemsOf[i]) || (d.Expires != 0 && d.Expires <= req.Now) {
			continue
		}
		m := fails(d)
		if m == 0 {
			want.total++
			passing[d.Key] = true
		}
		if m&^failContract == 0 {
			want.contracts[d.Contract]++
		}
		for days := 1; days <= 5; days++ {
			if m&^failRemote == 0 && d.RemoteDays >= days {
				want.remote[days-1]++
			}
		}
		for j, years := range []int{0, 1, 2, 5, 10} {
			if m&^failExperience == 0 && d.ExperienceYears <= years {
				want.experience[j]++
			}
		}
		if m&^failMetier == 0 {
			for _, slug := range testTies.Slugs(d.Rome, d.TitleStems) {
				want.metiers[slug]++
			}
		}
		if m&^failPlace == 0 && d.City != "" {
			want.places[d.Postcode+"|"+d.City]++
		}
		for bit, name := range filterNames {
			if m&^bit == 0 {
				want.without[name]++
			}
		}
	}
	label := fmt.Sprintf("%q now=%d %+v", req.Query.String(), req.Now, req.Filters)
	if got.Total != want.total {
		t.Fatalf("%s: total %d, scan says %d", label, got.Total, want.total)
	}
	counts := func(facet string, got []Count, want map[string]int) {
		for _, c := range got {
			if c.N != want[c.Value] {
				t.Fatalf("%s: %s %s: %d, scan says %d", label, facet, c.Value, c.N, want[c.Value])
			}
		}
	}
	counts("contract", got.Facets.Contracts, want.contracts)
	counts("métier", got.Facets.Metiers, want.metiers)
	counts("place", got.Facets.Places, want.places)
	var places []Count
	for v, n := range want.places {
		places = append(places, Count{v, n})
	}
	// With a place chosen, the nearest places, on the flat map the facet
	// orders them on (two places a few kilometres apart in hundreds may
	// swap against the great-circle distance); else those with the most.
	slices.SortFunc(places, func(a, b Count) int {
		if f.Near != nil {
			if da, db := flatDistanceTo(ix, f.Near, a.Value), flatDistanceTo(ix, f.Near, b.Value); da != db {
				return cmp.Compare(da, db)
			}
		} else if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Value, b.Value)
	})
	if want := places[:min(8, len(places))]; !slices.Equal(got.Facets.Places, want) {
		t.Fatalf("%s: places %v, want %v", label, got.Facets.Places, want)
	}
	for i, c := range got.Facets.Remote {
		if c.N != want.remote[i] {
			t.Fatalf("%s: remote >= %s: %d, scan says %d", label, c.Value, c.N, want.remote[i])
		}
	}
	for i, c := range got.Facets.Experience {
		if c.N != want.experience[i] {
			t.Fatalf("%s: experience <= %s: %d, scan says %d", label, c.Value, c.N, want.experience[i])
		}
	}
	active := ix.compile(req.Filters).active()
	for bit, name := range filterNames {
		if active&bit != 0 && got.Facets.Without[name] != want.without[name] {
			t.Fatalf("%s: without %s: %d, scan says %d", label, name, got.Facets.Without[name], want.without[name])
		}
	}
	for _, h := range got.Hits {
		if !passing[h.Key] {
			t.Fatalf("%s: hit %d does not pass", label, h.Key)
		}
	}
	only := req
	only.TotalOnly = true
	if n := ix.Search(only).Total; n != want.total {
		t.Fatalf("%s: total alone %d, scan says %d", label, n, want.total)
	}
	total := max(want.total-req.Offset, 0)
	if req.Sort == ByRelevance && !req.Query.Empty() {
		// Title, then title or skills, then anywhere; newest first in each.
		tier := func(key int64) int {
			d := docs[key]
			switch {
			case matches(strings.Fields(string(d.TitleStems))):
				return 0
			case matches(strings.Fields(string(d.TitleStems) + " " + string(d.SkillStems))):
				return 1
			}
			return 2
		}
		var order []int64
		for k := range passing {
			order = append(order, k)
		}
		slices.SortFunc(order, func(a, b int64) int {
			if ta, tb := tier(a), tier(b); ta != tb {
				return ta - tb
			}
			return int(a - b)
		})
		for i, h := range got.Hits {
			if h.Key != order[req.Offset+i] {
				t.Fatalf("%s: hit %d is %d (tier %d), want %d (tier %d)", label, req.Offset+i, h.Key, tier(h.Key), order[req.Offset+i], tier(order[req.Offset+i]))
			}
		}
	}
	if req.Sort == BySalary {
		// Highest yearly salary first, newest first on a tie.
		var order []int64
		for k := range passing {
			order = append(order, k)
		}
		slices.SortFunc(order, func(a, b int64) int {
			if sa, sb := docs[a].SalaryYearMax, docs[b].SalaryYearMax; sa != sb {
				return sb - sa
			}
			return int(a - b)
		})
		for i, h := range got.Hits {
			if h.Key != order[req.Offset+i] {
				t.Fatalf("%s: hit %d is %d (%d €), want %d (%d €)", label, req.Offset+i, h.Key, docs[h.Key].SalaryYearMax, order[req.Offset+i], docs[order[req.Offset+i]].SalaryYearMax)
			}
		}
	}
	if req.Sort == ByDate || req.Query.Empty() && req.Sort == ByRelevance {
		var order []int64 // keys are numbered newest first
		for k := range passing {
			order = append(order, k)
		}
		slices.Sort(order)
		for i, h := range got.Hits {
			if h.Key != order[req.Offset+i] {
				t.Fatalf("%s: hit %d is %d, want %d", label, req.Offset+i, h.Key, order[req.Offset+i])
			}
		}
	}
	if len(got.Hits) != min(20, total) {
		t.Fatalf("%s: %d hits of %d", label, len(got.Hits), total)
	}
}

func TestEdits(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"developpeur", "developpeur", 0},
		{"developeur", "developpeur", 1},  // a letter left out
		{"develpopeur", "developpeur", 1}, // two letters swapped
		{"infirmeir", "infirmier", 1},     // two letters swapped
		{"boulonger", "boulanger", 1},     // one wrong
		{"kitten", "sitting", 3},          // past the bound: bound + 1
		{"", "abc", 3},
	} {
		if got := text.Edits(tt.a, tt.b, 2); got != min(tt.want, 3) {
			t.Errorf("text.Edits(%q, %q) = %d, want %d", tt.a, tt.b, got, min(tt.want, 3))
		}
	}
}

func TestSpellings(t *testing.T) {
	ix := build(small("Développeur Java", "Développeur web", "Développeuse back-end", "Déménageur", "Infirmier de nuit", "Boulanger", "Plombier"))
	for typed, want := range map[string]string{
		"developeur": "developpeur", // the frequent one first
		"infirmeir":  "infirmier",
		"boulonger":  "boulanger",
		"pompier":    "", // a real word, two edits from "plombier"
		"zzzz":       "",
		"java":       "", // known: nothing to correct
	} {
		got := ix.Spellings(text.Stem(typed), 3)
		if first := append(got, "")[0]; first != want {
			t.Errorf("Spellings(%q) = %q, want %q first", typed, got, want)
		}
	}
	for word, want := range map[string]bool{"développeuses": true, "dévelop": true, "Java": true, "zzzz": false, "javascript": false, "de": true, "pour": true} {
		if got := ix.Knows(word); got != want {
			t.Errorf("Knows(%q) = %v, want %v", word, got, want)
		}
	}
}

// flatDistanceTo is the squared distance in degrees, on a flat map at
// near's latitude, from near to the place of a facet value.
func flatDistanceTo(ix *Index, near *Place, value string) float64 {
	for i, k := range ix.placeKeys {
		if k == value {
			if p := ix.places[i]; p.HasGeo {
				x, y := (p.Lon-near.Lon)*math.Cos(near.Lat*math.Pi/180), p.Lat-near.Lat
				return x*x + y*y
			}
		}
	}
	return math.Inf(1)
}

// An offer goes to the fiches of its ROME code its title names, the most
// specific name first; to all of them when it names none.
func TestTies(t *testing.T) {
	ties := NewTies([]Fiche{
		{Slug: "back", Title: "Développeur·euse back-end", Aliases: []string{"dev back"}, Rome: []string{"M1805"}},
		{Slug: "front", Title: "Développeur·euse front-end", Aliases: []string{"intégrateur web"}, Rome: []string{"M1805"}},
		{Slug: "full", Title: "Développeur·euse full-stack", Aliases: []string{"développeur web", "développeur"}, Rome: []string{"M1805"}},
		{Slug: "chef", Title: "Chef·fe de projet technique", Rome: []string{"M1803", "M1805"}},
		{Slug: "infirmier", Title: "Infirmier·ère", Rome: []string{"J1506"}},
	})
	for _, tt := range []struct {
		rome, title string
		want        []string
	}{
		{"M1805", "Développeuse back-end (H/F)", []string{"back"}},
		{"M1805", "DEVELOPPEUR / DEVELOPPEUSE FRONT END", []string{"front"}},
		{"M1805", "Intégratrice web junior", []string{"front"}},
		{"M1805", "Développeur web PHP", []string{"full"}},                         // two words beat one
		{"M1805", "Développeur Java", []string{"full"}},                            // "développeur" is an alias of full
		{"M1805", "Ingénieur logiciel", []string{"back", "chef", "front", "full"}}, // names none: all, by slug
		{"M1803", "Responsable informatique", []string{"chef"}},                    // one fiche for the code
		{"J1506", "Infirmière de nuit", []string{"infirmier"}},
		{"K2204", "Agent d'entretien", nil}, // no fiche for the code
		{"", "Développeur back-end", nil},
	} {
		if got := ties.Slugs(tt.rome, []byte(text.Stems(tt.title))); !slices.Equal(got, tt.want) {
			t.Errorf("%s %q: %v, want %v", tt.rome, tt.title, got, tt.want)
		}
	}
	if none, again := NewTies(nil), NewTies(nil); none.Key() == ties.Key() || none.Key() != again.Key() {
		t.Error("the key does not follow the fiches")
	}
}

// The observed salaries of each fiche are the quartiles of the salaries
// its offers state, as a plain sort of those offers gives them.
func TestObservedSalariesAgainstBruteForce(t *testing.T) {
	var buf bytes.Buffer
	if err := offer.Generate(&buf, 3000, 5); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	offers := offer.DecodeJSONL("demo.jsonl", &buf, &probs)
	docs := make([]store.LiveOffer, len(offers))
	for i, o := range offers {
		docs[i] = docOf(o, int64(i))
		docs[i].Source = []string{"demo", "francetravail"}[i%2]
	}
	ix := build(docs)
	checked := 0
	for _, slug := range []string{"developpeur-back-end", "developpeur-full-stack", "infirmier", "nope"} {
		var all []float64
		byBand := map[string][]float64{}
		for _, d := range docs {
			lo, hi := d.SalaryYearMin, d.SalaryYearMax
			if lo <= 0 {
				lo = hi
			}
			if hi <= 0 {
				hi = lo
			}
			if lo <= 0 || !slices.Contains(testTies.Slugs(d.Rome, d.TitleStems), slug) {
				continue
			}
			v := float64((lo + hi) / 2)
			all = append(all, v)
			band := ExperienceBands[experienceBand(d.ExperienceYears)]
			byBand[band] = append(byBand[band], v)
		}
		want := func(v []float64) Stats {
			slices.Sort(v)
			q := func(p float64) int {
				pos := p * float64(len(v)-1)
				lo := int(pos)
				x := v[lo]
				if lo+1 < len(v) {
					x += (pos - float64(lo)) * (v[lo+1] - v[lo])
				}
				return int(math.Round(x/100) * 100)
			}
			return Stats{Offers: len(v), Q1: q(0.25), Median: q(0.5), Q3: q(0.75)}
		}
		got := ix.Observed(slug)
		if len(all) < MinOffers {
			if got != nil {
				t.Errorf("%s: %d offers with a salary, below %d, yet figures %+v", slug, len(all), MinOffers, got)
			}
			continue
		}
		checked++
		if got == nil || got.Stats != want(all) {
			t.Fatalf("%s: %+v, want %+v", slug, got, want(all))
		}
		var bands []ObservedBand
		for _, b := range ExperienceBands {
			if len(byBand[b]) >= MinOffers {
				bands = append(bands, ObservedBand{Band: b, Stats: want(byBand[b])})
			}
		}
		if !slices.Equal(got.Bands, bands) || !slices.Equal(got.Sources, []string{"demo", "francetravail"}) {
			t.Errorf("%s: bands %+v sources %v, want %+v", slug, got.Bands, got.Sources, bands)
		}
	}
	if checked < 2 {
		t.Fatalf("only %d fiches had enough offers to check", checked)
	}
}
