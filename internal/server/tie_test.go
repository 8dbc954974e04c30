package server_test

import (
	"strings"
	"testing"
)

// tieTree has two fiches of one ROME code, M1805, and offers whose titles
// name one of them, or neither.
func tieTree() map[string]string {
	files := offersTree()
	files["metiers/developpeur-front-end.md"] = ficheSrc("Développeur·euse front-end", "aliases: [intégrateur web]\nrome: [M1805]\n", "## Le métier\n\nIl code l’interface.\n")
	files["offres/local.jsonl"] += strings.Join([]string{
		offerJSON("o5", "Développeur front-end React (H/F)", "cdi", `,"city":"Lyon","postcode":"69003","rome":"M1805"`),
		offerJSON("o6", "Intégratrice web", "cdd", `,"city":"Paris","postcode":"75010","rome":"M1805"`),
	}, "\n") + "\n"
	return files
}

// A ROME code is a family: an offer goes to the fiche its title names,
// and to every fiche of its code only when its title names none.
func TestOffersGoToTheMetierTheirTitleNames(t *testing.T) {
	srv := mustServer(t, mustDB(t, tieTree()), false)
	// o1 back-end, o2 "Développeur Java" names neither, o5 and o6 front-end.
	checkPage(t, srv, "/offres?metier=developpeur-back-end", 200, []string{"2 offres", "Développeuse back-end", "Développeur Java"},
		[]string{"React", "Intégratrice"})
	checkPage(t, srv, "/offres?metier=developpeur-front-end", 200, []string{"3 offres", "React", "Intégratrice web", "Développeur Java"},
		[]string{"Développeuse back-end</a>"})
	checkPage(t, srv, "/offres", 200, []string{
		`Développeur·euse back-end <span class="n">(2)</span>`, `Développeur·euse front-end <span class="n">(3)</span>`}, nil)
	checkPage(t, srv, "/metiers/developpeur-front-end", 200, []string{`href="/offres/local/o5"`, `href="/offres/local/o6"`, `href="/offres/local/o2"`},
		[]string{`href="/offres/local/o1"`})
	checkPage(t, srv, "/metiers/developpeur-back-end", 200, []string{`href="/offres/local/o1"`, `href="/offres/local/o2"`},
		[]string{`href="/offres/local/o5"`, `href="/offres/local/o6"`})
	checkPage(t, srv, "/offres/local/o5", 200, []string{"Offres actuelles pour « Développeur·euse front-end »", `href="/metiers/developpeur-front-end"`},
		[]string{`href="/metiers/developpeur-back-end"`})
	// an offer that names neither belongs to both
	checkPage(t, srv, "/offres/local/o2", 200, []string{`href="/metiers/developpeur-front-end"`, `href="/metiers/developpeur-back-end"`}, nil)
}

// A contract word inside a longer query is a word; alone, the filter.
func TestContractWordsInsideAPhrase(t *testing.T) {
	files := offersTree()
	files["offres/local.jsonl"] += offerJSON("o7", "Data scientist", "cdi", `,"skills":["apprentissage automatique"],"rome":"M1403"`) + "\n"
	srv := mustServer(t, mustDB(t, files), false)
	checkPage(t, srv, "/offres?q=apprentissage+automatique", 200, []string{"1 offre", "Data scientist", "Alternance"},
		[]string{"les offres sont filtrées par contrat"})
	// the filter is offered as a link
	checkPage(t, srv, "/offres?q=developpeur+CDD", 200, []string{`href="/offres?contrat=cdd&amp;q=developpeur"`}, []string{"les offres sont filtrées par contrat"})
	checkPage(t, srv, "/offres?q=alternance", 200, []string{"« alternance » : les offres sont filtrées par contrat (Alternance)."}, nil)
	checkPage(t, srv, "/offres?q=CDI+cdd", 200, []string{"4 offres", "les offres sont filtrées par contrat (CDI, CDD)."}, nil)
}

// A place typed in the search box, that no offer's text has, is the place.
func TestPlaceTypedInTheSearchBox(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	r := get(t, srv, "/offres?q=infirmiere+villeurbanne")
	for _, want := range []string{"1 offre", "Infirmière de nuit", "« villeurbanne » est un lieu : les offres sont cherchées à Villeurbanne.",
		`href="/offres?q=infirmiere+villeurbanne&amp;tel_quel=1"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("lacks %q", want)
		}
	}
	checkPage(t, srv, "/offres?q=developpeur+69003", 200, []string{"1 offre", "Développeuse back-end", "« 69003 » est un lieu"}, []string{"Développeur Java"})
	// undone: the words as typed
	checkPage(t, srv, "/offres?q=infirmiere+villeurbanne&tel_quel=1", 200, []string{"0 offre", "Aucune offre ne contient le mot « villeurbanne »."}, nil)
	// a place chosen already is kept
	checkPage(t, srv, "/offres?q=developpeur+lyon&lieu=Paris", 200, []string{"Aucune offre ne contient le mot « lyon »."}, nil)
}

// With a place chosen, "Lieux proches" are the nearest places.
func TestNearbyPlacesAreNear(t *testing.T) {
	files := offersTree()
	var lines []string
	for i, c := range []struct{ city, pc, lat, lon string }{
		{"Ajaccio", "20000", "41.92", "8.74"}, {"Nantes", "44000", "47.22", "-1.55"}, {"Lille", "59000", "50.63", "3.06"},
		{"Bron", "69500", "45.74", "4.91"}, {"Ajaccio", "20000", "41.92", "8.74"}, {"Nantes", "44000", "47.22", "-1.55"},
		{"Lille", "59000", "50.63", "3.06"}, {"Ajaccio", "20000", "41.92", "8.74"},
	} {
		lines = append(lines, offerJSON("p"+string(rune('a'+i))+"1", "Boulanger", "cdi", `,"city":"`+c.city+`","postcode":"`+c.pc+`","lat":`+c.lat+`,"lon":`+c.lon))
	}
	files["offres/places.jsonl"] = strings.Join(lines, "\n") + "\n"
	srv := mustServer(t, mustDB(t, files), false)
	body := get(t, srv, "/offres?lieu=Lyon&rayon=50").body
	section := body[strings.Index(body, "Lieux proches"):]
	lyon, bron, villeurbanne, ajaccio := strings.Index(section, "Lyon (69003)"), strings.Index(section, "Bron (69500)"),
		strings.Index(section, "Villeurbanne (69100)"), strings.Index(section, "Ajaccio")
	if lyon < 0 || bron < 0 || villeurbanne < 0 || !(lyon < villeurbanne && villeurbanne < bron) || (ajaccio >= 0 && ajaccio < bron) {
		t.Errorf("nearby places not by distance from Lyon: Lyon %d, Villeurbanne %d, Bron %d, Ajaccio %d", lyon, villeurbanne, bron, ajaccio)
	}
	// without a place: those with the most offers
	body = get(t, srv, "/offres").body
	section = body[strings.Index(body, "Lieux proches"):]
	if a, l := strings.Index(section, "Ajaccio"), strings.Index(section, "Lyon (69003)"); a < 0 || l < 0 || a > l {
		t.Errorf("without a place, not by count: Ajaccio %d, Lyon %d", a, l)
	}
}

// A fiche shows the salaries its live offers state, from the offer index,
// dated and with their feed; below MinOffers, nothing.
func TestObservedSalariesOnTheFiche(t *testing.T) {
	srv := mustServer(t, mustDemoDB(t, 3000), false)
	r := get(t, srv, "/metiers/developpeur-back-end")
	for _, want := range []string{`id="salaires-observes"`, "Salaires observés dans les offres", "données de démonstration", "Toutes les offres", `href="#salaires-observes"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("back-end fiche lacks %q", want)
		}
	}
	// the front-end fiche has no ROME code in this tree: no offers, no figures
	if strings.Contains(get(t, srv, "/metiers/developpeur-front-end").body, "salaires-observes") {
		t.Error("figures on a fiche without offers")
	}
}
