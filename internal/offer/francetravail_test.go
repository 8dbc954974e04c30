package offer

import (
	"os"
	"strings"
	"testing"

	"vocation/internal/problem"
)

// decodeFixture reads a France Travail search response shaped as the
// "Offres d'emploi v2" documentation describes it.
func decodeFixture(t *testing.T, name string) []Offer {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var probs problem.List
	offers := DecodeFranceTravail(name, f, &probs)
	if len(probs) > 0 {
		t.Fatalf("problems:\n%s", probs)
	}
	return offers
}

// A real response is accepted whole: ROME competence labels are long.
func TestDecodeFranceTravailResponse(t *testing.T) {
	offers := decodeFixture(t, "francetravail-2024-07.json")
	if len(offers) != 6 {
		t.Fatalf("%d offers, want 6", len(offers))
	}
	long := "Surveiller l'enfant, identifier les signes de fatigue, de maladie ou de mal-être et alerter les parents ou les services compétents"
	if a := offers[0]; len(a.Skills) != 3 || a.Skills[1] != long || a.Line != 3 {
		t.Errorf("first offer: line %d, skills %q", a.Line, a.Skills)
	}
	var contracts []string
	for _, o := range offers {
		contracts = append(contracts, o.Contract)
	}
	if got := strings.Join(contracts, " "); got != "cdi interim cdd freelance autre alternance" {
		t.Errorf("contracts %s", got)
	}
}

// Every contract code the API uses is one of Vocation's contracts.
func TestFranceTravailContracts(t *testing.T) {
	for code, want := range map[string]string{
		"CDI": "cdi", "DIN": "cdi", "CDD": "cdd", "DDI": "cdd", "SAI": "cdd", "MIS": "interim", "TTI": "interim",
		"LIB": "freelance", "CCE": "autre", "FRA": "autre", "REP": "autre",
	} {
		var probs problem.List
		o, ok := fromFranceTravail(ftOffer{ID: "1", Intitule: "x", Description: "x", DateCreation: "2024-07-01", TypeContrat: code}, "ft.json", 1, &probs)
		if !ok || o.Contract != want || !validate(&o, "ft.json", &probs) {
			t.Errorf("%s: %q, want %q; %s", code, o.Contract, want, probs)
		}
	}
}

// A place is the commune's official name when its code is known, else
// the label without its département, in the case French writes it.
func TestFranceTravailPlaces(t *testing.T) {
	for _, tt := range []struct{ libelle, commune, want string }{
		{"69 - LYON 03", "69383", "Lyon 3e"},
		{"59 - MARCQ EN BAROEUL", "59378", "Marcq-en-Barœul"},
		{"75 - PARIS 01", "75101", "Paris 1er"},
		{"13 - MARSEILLE 13", "13213", "Marseille 13e"},
		{"35 - RENNES", "35238", "Rennes"},
		{"59 - MARCQ EN BAROEUL", "", "Marcq en Baroeul"},
		{"69 - LYON 03", "99999", "Lyon 3e"},
		{"13 - MARSEILLE 07", "", "Marseille 7e"},
		{"75 - PARIS 01", "", "Paris 1er"},
		{"75 - Paris 15e Arrondissement", "", "Paris 15e"},
		{"974 - ST DENIS", "", "Saint Denis"},
		{"59 - VILLENEUVE D'ASCQ", "", "Villeneuve d'Ascq"},
		{"69 - L'ARBRESLE", "", "L'Arbresle"},
		{"34 - LA GRANDE MOTTE", "", "La Grande Motte"},
		{"93 - ST OUEN SUR SEINE", "", "Saint Ouen sur Seine"},
		{"2A - AJACCIO", "", "Ajaccio"},
		{"Île-de-France", "", "Île-de-France"},
		{"Lyon", "", "Lyon"},
		{"", "", ""},
	} {
		if got := ftCity(tt.libelle, tt.commune); got != tt.want {
			t.Errorf("%q, %q: %q, want %q", tt.libelle, tt.commune, got, tt.want)
		}
	}
	var places []string
	for _, o := range decodeFixture(t, "francetravail-2024-07.json") {
		places = append(places, o.City)
	}
	if got := strings.Join(places, ", "); got != "Lyon 3e, Marcq-en-Barœul, Marseille 7e, Paris 1er, Rennes, Bordeaux" {
		t.Errorf("fixture places: %s", got)
	}
}
