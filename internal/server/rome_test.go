package server_test

import (
	"strings"
	"testing"
)

// romeTree is testTree with a small ROME referential: the back-end
// developer carries M1805, from which France Travail lists moves to M1803
// (a published fiche), M1802 (only a draft carries it) and M1899 (no
// fiche).
func romeTree() map[string]string {
	files := testTree()
	files["metiers/developpeur-back-end.md"] = strings.Replace(files["metiers/developpeur-back-end.md"], "riasec:", "rome: [M1805]\nriasec:", 1)
	files["metiers/directeur-technique.md"] = ficheSrc("Directeur·rice technique", "rome: [M1803]\n", "## Le métier\n\nIl dirige.\n")
	files["metiers/brouillon.md"] = ficheSrc("Zoologiste en brouillon", "draft: true\nrome: [M1802]\n", "## Le métier\n\nPas fini.\n")
	files["rome/metiers.csv"] = "code_rome,libelle_rome\n" +
		"M1805,Développeur / Développeuse informatique\n" +
		"M1803,Directeur / Directrice des systèmes d’information -DSI-\n" +
		"M1802,Expert / Experte systèmes et réseaux informatiques\n" +
		"M1899,Un code sans fiche\n"
	files["rome/centres-interet.csv"] = "code_centre_interet,libelle_centre_interet\n2,J’ai l’âme d’un chef / d’une cheffe\n29,\"J’aime les sciences, le numérique\"\n"
	files["rome/centres-interet-metiers.csv"] = "code_centre_interet,code_rome,principal\n29,M1805,oui\n2,M1805,non\n2,M1803,oui\n"
	files["rome/mobilite.csv"] = "code_rome,code_rome_cible,numero_ordre\nM1805,M1899,1\nM1805,M1802,2\nM1805,M1803,3\n"
	return files
}

func TestFicheShowsRome(t *testing.T) {
	srv := mustServer(t, mustDB(t, romeTree()), false)
	checkPage(t, srv, "/metiers/developpeur-back-end", 200, []string{
		"Code ROME M1805&#160;: Développeur / Développeuse informatique",
		"J’aime les sciences, le numérique",
		`href="#repertoire-rome"`,
		"Métiers proches selon France Travail", `href="/metiers/directeur-technique"`,
		"Source&#160;: France Travail, ROME v460",
		// The editor's own related métiers stay as they were.
		"Métiers proches et évolutions", `href="/metiers/developpeur-front-end"`,
	}, []string{
		"J’ai l’âme d’un chef", // a secondary centre d'intérêt
		`href="/metiers/brouillon"`, "Un code sans fiche",
	})
	// No move leaves M1803: the section shows the code, not an empty list.
	checkPage(t, srv, "/metiers/directeur-technique", 200, []string{
		"Code ROME M1803&#160;: Directeur / Directrice des systèmes d’information -DSI-",
		"J’ai l’âme d’un chef / d’une cheffe",
		"Source&#160;: France Travail, ROME v460",
	}, []string{"Métiers proches selon France Travail"})
	// A fiche without a code shows no ROME data and no attribution.
	checkPage(t, srv, "/metiers/developpeur-front-end", 200, nil, []string{"ROME", "France Travail"})
}

// An editor's small tree has no referential: the same fiche, with its
// code, imports and serves without any ROME label or attribution.
func TestFicheWithoutRome(t *testing.T) {
	files := romeTree()
	for k := range files {
		if strings.HasPrefix(k, "rome/") {
			delete(files, k)
		}
	}
	srv := mustServer(t, mustDB(t, files), false)
	checkPage(t, srv, "/metiers/developpeur-back-end", 200, []string{"Développeur·euse back-end"},
		[]string{"Code ROME", "Développeuse informatique", "Métiers proches selon France Travail", "ROME v460"})
}
