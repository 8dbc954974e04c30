package server_test

import (
	"os"
	"testing"
)

// francetravailTree is the test site with a France Travail response, as
// the API documents it, under content/offres.
func francetravailTree(t *testing.T) map[string]string {
	t.Helper()
	body, err := os.ReadFile("../offer/testdata/francetravail-2024-07.json")
	if err != nil {
		t.Fatal(err)
	}
	files := testTree()
	files["offres/francetravail.json"] = string(body)
	return files
}

// A franchise is none of the usual contracts: it is counted, filtered
// and shown as another contract.
func TestOtherContract(t *testing.T) {
	srv := mustServer(t, mustDB(t, francetravailTree(t)), false)
	checkPage(t, srv, "/offres", 200, []string{"6 offres", `Autre contrat <span class="n">(1)</span>`}, nil)
	checkPage(t, srv, "/offres?contrat=autre", 200, []string{"1 offre", "Responsable de magasin en franchise", "Retirer le filtre Autre contrat"}, nil)
	checkPage(t, srv, "/offres/francetravail/178UHJE", 200, []string{"Autre contrat"}, nil)
}

// An hourly wage shows as given, cents and all; the full-time month and
// year are said to be derived. A yearly salary is said once.
func TestSalaryAsGiven(t *testing.T) {
	srv := mustServer(t, mustDB(t, francetravailTree(t)), false)
	checkPage(t, srv, "/offres/francetravail/178QXWB", 200, []string{"11,65\u00a0€ de l’heure",
		"soit environ 1\u202f767\u00a0€ par mois et 21\u202f200\u00a0€ par an pour un temps plein (35\u00a0h par semaine)"}, []string{"1\u202f767\u00a0€ par mois (soit"})
	checkPage(t, srv, "/offres", 200, []string{"11,65\u00a0€ de l’heure", "11,88\u00a0€ à 12,50\u00a0€ de l’heure"}, nil)
	checkPage(t, srv, "/offres/francetravail/178UHJE", 200, []string{"38\u202f000\u00a0€ à 45\u202f000\u00a0€ par an"}, []string{"(soit"})
	checkPage(t, srv, "/offres/francetravail/178SLPM", 200, []string{"1\u202f850\u00a0€ par mois", "(soit 22\u202f200\u00a0€ par an)"}, nil)
	// the salary filter counts the full-time year: 21 203 € at 11,65 € an hour
	checkPage(t, srv, "/offres?salaire_min=21000", 200, []string{"Auxiliaire parental"}, nil)
	checkPage(t, srv, "/offres?salaire_min=21500", 200, []string{"Préparateur"}, []string{"Auxiliaire parental"})
}

// Places are shown by their official names, arrondissements the French way.
func TestFranceTravailPlaces(t *testing.T) {
	srv := mustServer(t, mustDB(t, francetravailTree(t)), false)
	checkPage(t, srv, "/offres", 200, []string{"Lyon 3e (69003)", "Marcq-en-Barœul (59700)", "Marseille 7e (13007)", "Paris 1er (75001)"}, []string{"LYON", "69 - "})
}
