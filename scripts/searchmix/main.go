// Command searchmix writes the fixed mix of realistic offer searches that
// bench-search.sh replays: 1 to 3 words, with and without accents, with
// and without filters and a place, as /offres URLs, one a line. With
// -word, every search is for that word, with the same filters: the mix
// of a common word's searches.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
)

func main() {
	word := flag.String("word", "", "search for this word only")
	flag.Parse()
	words := [][]string{
		{"développeur", "developpeur"}, {"développeuse back-end", "developpeuse back end"}, {"infirmière", "infirmiere"},
		{"infirmier de nuit", "infirmier nuit"}, {"boulanger", "boulangère"}, {"comptable"}, {"aide-soignante", "aide soignant"},
		{"data scientist"}, {"chauffeur poids lourd", "chauffeur"}, {"dev", "dev back"}, {"technicien maintenance", "technicienne"},
		{"chargée de communication", "chargee communication"}, {"serveuse", "serveur restauration"}, {"cuisinier"}, {"vendeuse"},
		{"devops", "ingénieur devops"}, {"python"}, {"java"}, {"react"}, {"plombier"}, {"cybersécurité", "cybersecurite"},
		{"agent d'entretien"}, {"ressources humaines", "rh"}, {"développ", "infirm", "boula"}, {""},
	}
	places := []string{"", "", "", "Lyon", "Paris", "75", "Marseille", "13001", "Toulouse", "Nantes", "33000", "Lille", "69"}
	contracts := []string{"cdi", "cdd", "alternance", "stage", "freelance", "interim"}
	r := rand.New(rand.NewPCG(2026, 11))
	for i := 0; i < 200; i++ {
		v := url.Values{}
		g := words[r.IntN(len(words))]
		q := g[r.IntN(len(g))]
		if *word != "" {
			q = *word
		}
		if q != "" {
			v.Set("q", q)
		}
		if p := places[r.IntN(len(places))]; p != "" {
			v.Set("lieu", p)
			if r.IntN(2) == 0 {
				v.Set("rayon", strconv.Itoa([]int{10, 20, 50}[r.IntN(3)]))
			}
		}
		if r.IntN(3) == 0 {
			v.Add("contrat", contracts[r.IntN(len(contracts))])
			if r.IntN(3) == 0 {
				v.Add("contrat", contracts[r.IntN(len(contracts))])
			}
		}
		if r.IntN(5) == 0 {
			v.Set("teletravail", strconv.Itoa(1+r.IntN(3)))
		}
		if r.IntN(6) == 0 {
			v.Set("experience", strconv.Itoa([]int{0, 2, 5}[r.IntN(3)]))
		}
		if r.IntN(8) == 0 {
			v.Set("salaire_min", strconv.Itoa(30000+r.IntN(4)*5000))
		}
		if r.IntN(8) == 0 {
			v.Set("tri", []string{"date", "salaire", "distance"}[r.IntN(3)])
		}
		if r.IntN(10) == 0 {
			v.Set("page", strconv.Itoa(2+r.IntN(5)))
		}
		u := "/offres"
		if len(v) > 0 {
			u += "?" + v.Encode()
		}
		fmt.Fprintln(os.Stdout, u)
	}
}
