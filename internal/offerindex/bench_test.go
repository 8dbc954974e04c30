package offerindex

import (
	"fmt"
	"math/rand/v2"
	"testing"

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
