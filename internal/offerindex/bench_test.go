package offerindex

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/store"
	"vocation/internal/text"
)

// placesIndex is an index of n offers spread over places distinct
// places, as France Travail's feed spreads its offers over communes.
func placesIndex(n, places int) *Index {
	r := rand.New(rand.NewPCG(3, 4))
	titles := [][]byte{[]byte("developpeur back end"), []byte("infirmier nuit"), []byte("boulanger"), []byte("comptable")}
	b := NewBuilder(1, NewTies(nil))
	for i := range n {
		p := r.IntN(places)
		b.Add(&store.LiveOffer{Key: int64(i), Contract: "cdi", Postcode: fmt.Sprintf("%05d", 1000+p), City: fmt.Sprintf("Commune %d", p),
			Lat: 42 + float64(p%100)/12, Lon: -4 + float64(p/100%100)/8, HasGeo: true, RemoteDays: r.IntN(4), ExperienceYears: r.IntN(6),
			TitleStems: titles[r.IntN(len(titles))]})
	}
	return b.Index()
}

// BenchmarkPlaces: searches by place when the offers name 20,000 places.
func BenchmarkPlaces(b *testing.B) {
	ix := placesIndex(200000, 20000)
	for _, lieu := range []string{"Commune 4242", "05242", "01", ""} {
		for _, rayon := range []float64{0, 20} {
			b.Run(fmt.Sprintf("lieu=%q/rayon=%v", lieu, rayon), func(b *testing.B) {
				for b.Loop() {
					req := Request{Query: text.Parse("developpeur"), Limit: 20, Filters: Filters{ExperienceMax: -1, RadiusKm: rayon}}
					if lieu != "" && !ix.FindPlace(lieu, &req.Filters) {
						b.Fatalf("%q not found", lieu)
					}
					ix.Search(req)
				}
			})
		}
	}
}

// BenchmarkBuild: an index build of 200,000 demo offers, with the ties of
// the shipped fiches and without any, side by side: what tying offers to
// their métier adds to a build.
func BenchmarkBuild(b *testing.B) {
	var buf bytes.Buffer
	if err := offer.Generate(&buf, 200000, 1); err != nil {
		b.Fatal(err)
	}
	var probs problem.List
	offers := offer.DecodeJSONL("demo.jsonl", &buf, &probs)
	docs := make([]store.LiveOffer, len(offers))
	for i, o := range offers {
		docs[i] = store.LiveOffer{Key: int64(i), Contract: o.Contract, Postcode: o.Postcode, City: o.City, Rome: o.Rome,
			TitleStems: []byte(text.Stems(o.Title)), SkillStems: []byte(text.Stems(strings.Join(o.Skills, " "))), TextStems: []byte(text.Stems(o.Description))}
	}
	site, cprobs := content.Load(os.DirFS("../../content"), "content", fiche.NewMarkdown(), nil)
	if site == nil {
		b.Fatal(cprobs)
	}
	var fiches []Fiche
	for _, f := range site.Fiches {
		fiches = append(fiches, Fiche{Slug: f.Slug, Title: f.Title, Aliases: f.Aliases, Rome: f.Rome})
	}
	for _, tt := range []struct {
		name string
		ties *Ties
	}{{"ties=none", NewTies(nil)}, {"ties=shipped", NewTies(fiches)}} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				bl := NewBuilder(1, tt.ties)
				for i := range docs {
					bl.Add(&docs[i])
				}
				bl.Index()
			}
		})
	}
}
