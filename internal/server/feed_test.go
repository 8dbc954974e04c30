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
