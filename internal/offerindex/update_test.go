package offerindex

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/store"
	"vocation/internal/text"
)

// shippedTies are the ties of the shipped fiches.
func shippedTies(t *testing.T) (*Ties, []string) {
	t.Helper()
	site, probs := content.Load(os.DirFS("../../content"), "content", fiche.NewMarkdown(), nil)
	if site == nil {
		t.Fatal(probs)
	}
	var fiches []Fiche
	var slugs []string
	for _, f := range site.Fiches {
		fiches = append(fiches, Fiche{Slug: f.Slug, Title: f.Title, Aliases: f.Aliases, Rome: f.Rome})
		slugs = append(slugs, f.Slug)
	}
	return NewTies(fiches), slugs
}

func demoOffers(t *testing.T, n int, seed uint64) []offer.Offer {
	t.Helper()
	var buf bytes.Buffer
	if err := offer.Generate(&buf, n, seed); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	offers := offer.DecodeJSONL("demo.jsonl", &buf, &probs)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return offers
}

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fullBuild(t *testing.T, db *store.DB, ties *Ties, now time.Time) *Index {
	t.Helper()
	b := NewBuilder(0, ties)
	gen, err := db.EachLiveOffer(context.Background(), now, func(o *store.LiveOffer) error { b.Add(o); return nil })
	if err != nil {
		t.Fatal(err)
	}
	ix := b.Index()
	ix.Generation = gen
	return ix
}

func updateIndex(db *store.DB, old *Index, now time.Time) (*Index, int, error) {
	u := newUpdater(old)
	gen, err := db.EachLiveOfferSince(context.Background(), now, old.Generation, u.add)
	if err != nil {
		return nil, u.changed, err
	}
	ix, err := u.finish(gen)
	return ix, u.changed, err
}

// sameAnswers fails unless got answers every search, place, spelling and
// salary figure as want does.
func sameAnswers(t *testing.T, step string, got, want *Index, slugs []string, now int64) {
	t.Helper()
	if got.Len() != want.Len() || got.Demo() != want.Demo() || got.Generation != want.Generation {
		t.Fatalf("%s: %d offers (%d demo, generation %d), want %d (%d, %d)", step, got.Len(), got.Demo(), got.Generation, want.Len(), want.Demo(), want.Generation)
	}
	for _, s := range slugs {
		if g, w := got.Observed(s), want.Observed(s); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: observed salaries of %s: %+v, want %+v", step, s, g, w)
		}
	}
	places := []string{"", "Paris", "lyon", "75011", "69", "13", "Bordeaux", "Ville-Nouvelle", "99999"}
	queries := []string{"", "developpeur", "infirmiere nuit", "boulanger", "aide", "dev", "cuisinier", "comptable", "zzzunique"}
	var reqs []Request
	for i, q := range queries {
		for j, lieu := range places {
			f := Filters{ExperienceMax: -1}
			if lieu != "" {
				gf, wf := f, f
				if got.FindPlace(lieu, &gf) != want.FindPlace(lieu, &wf) || !reflect.DeepEqual(gf, wf) {
					t.Errorf("%s: place %q: %+v, want %+v", step, lieu, gf, wf)
				}
				f = wf
				if (i+j)%2 == 0 {
					f.RadiusKm = 30
				}
			}
			switch (i + j) % 5 {
			case 1:
				f.Contracts = []string{"cdi"}
			case 2:
				f.RemoteMin, f.ExperienceMax = 1, 2
			case 3:
				f.SalaryMin = 30000
			case 4:
				f.Metiers = slugs[:min(3, len(slugs))]
			}
			for _, sort := range []Sort{ByRelevance, ByDate, BySalary, ByDistance} {
				reqs = append(reqs, Request{Query: text.Parse(q), Filters: f, Sort: sort, Limit: 20, Offset: (i % 2) * 20, Now: now})
			}
		}
	}
	reqs = append(reqs, Request{Filters: Filters{ExperienceMax: -1, Rome: "M1805"}, Limit: 20, Now: now},
		Request{Filters: Filters{ExperienceMax: -1}, Limit: 20, Offset: 40, Now: now},
		Request{Query: text.Parse("vendeur"), Filters: Filters{ExperienceMax: -1, Contracts: []string{"cdd"}}, TotalOnly: true, Now: now})
	for _, r := range reqs {
		if g, w := got.Search(r), want.Search(r); !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: search %+v:\n got %+v\nwant %+v", step, r, g, w)
		}
	}
	for _, w := range []string{"developpeur", "infirmer", "boulangre", "cuisiner", "zzzunique"} {
		if g, w := got.Spellings(text.Stem(w), 3), want.Spellings(text.Stem(w), 3); !slices.Equal(g, w) {
			t.Errorf("%s: spellings of %q: %v, want %v", step, w, g, w)
		}
		if got.Knows(w) != want.Knows(w) {
			t.Errorf("%s: knows %q: %v", step, w, got.Knows(w))
		}
	}
}

// sample is a few searches' answers.
func sample(ix *Index, now int64) []Result {
	var out []Result
	for _, q := range []string{"", "developpeur", "boulanger", "aide"} {
		for _, f := range []Filters{{ExperienceMax: -1}, {ExperienceMax: 2, Contracts: []string{"cdi"}, RemoteMin: 1}} {
			out = append(out, ix.Search(Request{Query: text.Parse(q), Filters: f, Limit: 50, Now: now}))
		}
	}
	return out
}

// An import of a few offers updates the index, and the updated index
// answers exactly as an index built from scratch: new offers, offers
// changed in place or moved in date order, offers gone by a snapshot or
// by time, places that appear and disappear. Each step updates the index
// the step before updated.
func TestUpdateAnswersAsABuild(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	ties, slugs := shippedTies(t)
	all := demoOffers(t, 3000, 7)
	for i := range all {
		all[i].Expires = time.Time{}
	}
	live := slices.Clone(all[:2500])
	if _, err := db.ImportOffers(ctx, live, "demo"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	ix := fullBuild(t, db, ties, now)
	r := rand.New(rand.NewPCG(1, 2))
	fresh := all[2500:]
	calls := 0
	newer := func(n int) []offer.Offer { // newer than any offer before: published an hour later each time
		calls++
		out := slices.Clone(fresh[:n])
		fresh = fresh[n:]
		for i := range out {
			out[i].ID = fmt.Sprintf("new-%d-%d", calls, i)
			out[i].Published = now.Add(time.Duration(calls)*time.Hour - time.Duration(i)*time.Minute)
		}
		return out
	}
	pick := func(n int) []int { return r.Perm(len(live))[:n] }
	steps := []struct {
		name    string
		changed int // offers the update should find changed
		apply   func() (replace bool, put []offer.Offer)
	}{
		{"new offers, newer than every other", 20, func() (bool, []offer.Offer) {
			put := newer(20)
			live = append(live, put...)
			return false, put
		}},
		{"offers changed in place", 15, func() (bool, []offer.Offer) {
			var put []offer.Offer
			for k, i := range pick(15) {
				o := &live[i]
				switch k % 5 {
				case 0:
					o.Title = "Boulanger tourier de nuit"
				case 1:
					o.Contract, o.SalaryMin, o.SalaryMax, o.SalaryUnit = "cdi", 2500, 3100, "month"
				case 2:
					o.City, o.Postcode, o.Lat, o.Lon = "Ville-Nouvelle", "99999", 45.1, 4.2
				case 3:
					o.Description += " Un mot zzzunique pour voir."
				case 4:
					o.ExperienceYears, o.RemoteDays = 10, 2
				}
				put = append(put, *o)
			}
			return false, put
		}},
		{"a snapshot: every offer written again, some gone, one moved to the front", 1, func() (bool, []offer.Offer) {
			for _, i := range pick(40) {
				live[i].ID = "" // gone
			}
			live = slices.DeleteFunc(live, func(o offer.Offer) bool { return o.ID == "" })
			live[len(live)/2].Published = now.Add(90 * time.Minute)
			return true, live
		}},
		{"a place loses every offer", 0, func() (bool, []offer.Offer) {
			live = slices.DeleteFunc(live, func(o offer.Offer) bool { return o.City == "Ville-Nouvelle" })
			return true, live
		}},
		{"new offers again, and the newest offer gone", 20, func() (bool, []offer.Offer) {
			live = live[:len(live)-20] // the last step's
			put := newer(20)
			live = append(live, put...)
			return true, live
		}},
	}
	for _, s := range steps {
		replace, put := s.apply()
		src := ""
		if replace {
			src = "demo"
		}
		if _, err := db.ImportOffers(ctx, put, src); err != nil {
			t.Fatal(err)
		}
		// The index updated from is shared, and searches go on reading it:
		// it must answer as before, during the update and after.
		before := sample(ix, now.Unix())
		done := make(chan struct{})
		go func() {
			defer close(done)
			for range 20 {
				sample(ix, now.Unix())
			}
		}()
		got, changed, err := updateIndex(db, ix, now)
		<-done
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !reflect.DeepEqual(sample(ix, now.Unix()), before) {
			t.Fatalf("%s: the index updated from changed", s.name)
		}
		want := fullBuild(t, db, ties, now)
		if changed != s.changed {
			t.Errorf("%s: %d offers changed, want %d", s.name, changed, s.changed)
		}
		sameAnswers(t, s.name, got, want, slugs, now.Unix())
		ix = got
	}
	// Time passes: the offers that expire meanwhile leave the update as
	// they leave a build.
	later := now.Add(24 * time.Hour)
	exp := live[:30]
	for i := range exp {
		exp[i].Expires = later.Add(-time.Hour)
	}
	if _, err := db.ImportOffers(ctx, exp, ""); err != nil {
		t.Fatal(err)
	}
	got, _, err := updateIndex(db, ix, later)
	if err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, "offers expired by time", got, fullBuild(t, db, ties, later), slugs, later.Unix())
}

// Past what an update may take, the index is built again: too many
// offers changed, or an older offer between two that stayed, which have
// no number between them.
func TestUpdateGivesWayToABuild(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	ties, _ := shippedTies(t)
	all := demoOffers(t, 3000, 8)
	if _, err := db.ImportOffers(ctx, all[:1000], "demo"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	ix := fullBuild(t, db, ties, now)
	back := all[1000:1001]
	back[0].Published = all[500].Published
	if _, err := db.ImportOffers(ctx, back, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := updateIndex(db, ix, now); !errors.Is(err, errNoUpdate) {
		t.Errorf("an older offer between two that stayed: %v, want a build", err)
	}
	if _, err := db.ImportOffers(ctx, all[1000:], ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := updateIndex(db, ix, now); !errors.Is(err, errNoUpdate) {
		t.Errorf("2,000 changed offers of 3,000: %v, want a build", err)
	}
}
