package server_test

import (
	"strings"
	"testing"
)

// interestsTree is romeTree with fiches that have RIASEC letters and
// centres d'intérêt, one of them written three ways that fold alike, and
// a draft that shares them and must never show.
func interestsTree() map[string]string {
	files := romeTree()
	add := func(slug, title, extra string) {
		files["metiers/"+slug+".md"] = ficheSrc(title, extra, "## Le métier\n\nIl travaille.\n")
	}
	add("aide-a-domicile", "Aide à domicile", "riasec: [S, R]\ninterests: [Aider les autres, cuisiner]\n")
	add("zz-accompagnant", "Accompagnant", "riasec: [S, R]\ninterests: [écouter]\n")
	add("educateur", "Éducateur", "riasec: [S, A, E]\ninterests: [aider les autres, le sport]\n")
	add("animateur", "Animateur", "riasec: [A, S]\ninterests: [\"aider  les AUTRES !\"]\n")
	// First in title order, but A before S: after S-dominant fiches of
	// equal closeness to a profile led by S.
	add("aboyeur", "Aboyeur de théâtre", "riasec: [A, S]\n")
	files["metiers/plombier.md"] = strings.Replace(ficheSrc("Plombier", "riasec: [R, I, S]\ninterests: [réparer]\n", "## Le métier\n\nIl répare.\n"),
		"access: [bac+2, bac+5]", "access: [cap]", 1)
	files["metiers/brouillon.md"] = ficheSrc("Zoologiste en brouillon", "draft: true\nrome: [M1803]\nriasec: [S]\ninterests: [Aider les autres]\n", "## Le métier\n\nPas fini.\n")
	return files
}

// appearInOrder checks that every string occurs in body, each after the one
// before.
func appearInOrder(t *testing.T, body string, items ...string) {
	t.Helper()
	at := 0
	for _, it := range items {
		i := strings.Index(body[at:], it)
		if i < 0 {
			t.Errorf("%q missing or out of order", it)
			return
		}
		at += i + len(it)
	}
}

func TestInterestPages(t *testing.T) {
	srv := mustServer(t, mustDB(t, interestsTree()), false)
	tests := []struct {
		path     string
		status   int
		contains []string
		lacks    []string
	}{
		{"/interets", 200, []string{
			"Réaliste", "Investigateur", "Artiste", "Social", "Entreprenant", "Conventionnel", `href="/interets/S"`,
			`href="/quiz"`,
			`href="/interets/rome/2"`, "J’ai l’âme d’un chef / d’une cheffe", `href="/interets/rome/29"`,
			"Source&#160;: France Travail, ROME v460",
			"Voir les 5 centres d’intérêt des fiches", // aider les autres, cuisiner, écouter, le sport, réparer
		}, []string{"Zoologiste"}},
		{"/interets/S", 200, []string{"6 fiches ont", "Type dominant", "En deuxième position", "En troisième position"}, []string{"Zoologiste"}},
		{"/interets/E", 200, []string{"1 fiche a", "Éducateur"}, []string{"Type dominant"}},
		{"/interets/X", 404, nil, nil},
		{"/interets/SI", 404, nil, nil},
		{"/interets/%ff", 404, nil, nil},
		{"/interets/centres", 200, []string{`href="/interets/centres/aider-les-autres"`, "Aider les autres", "(3 fiches)", `href="/interets/centres/reparer"`}, []string{"Zoologiste"}},
		{"/interets/centres/aider-les-autres", 200, []string{"<h1>Aider les autres</h1>", "3 fiches", "Aussi écrit", "aider les autres", "aider  les AUTRES !"}, []string{"Zoologiste", "Plombier"}},
		{"/interets/centres/inconnu", 404, nil, nil},
		{"/interets/centres/Aider", 404, nil, nil},
		{"/interets/centres/" + strings.Repeat("a", 5000), 404, nil, nil},
		{"/interets/rome/2", 200, []string{"J’ai l’âme d’un chef / d’une cheffe", "2 fiches", "Son centre d’intérêt principal", "Un de ses centres d’intérêt", "Source&#160;: France Travail, ROME v460"}, []string{"Zoologiste"}},
		{"/interets/rome/29", 200, []string{"1 fiche", "Développeur·euse back-end"}, []string{"Un de ses centres d’intérêt"}},
		{"/interets/rome/3", 404, nil, nil},
		{"/interets/rome/02", 404, nil, nil},
		{"/interets/rome/-1", 404, nil, nil},
		{"/interets/rome/99999999999999999999", 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			checkPage(t, srv, tt.path, tt.status, tt.contains, tt.lacks)
		})
	}
	if r := get(t, srv, "/interets/s"); r.status != 301 || r.header.Get("Location") != "/interets/S" {
		t.Errorf("/interets/s: %d to %q", r.status, r.header.Get("Location"))
	}
	// Dominant first, then French title order within a position: Éducateur
	// (S first) before Animateur (S second), though A sorts before É.
	appearInOrder(t, get(t, srv, "/interets/S").body, "Type dominant", "Accompagnant", "Aide à domicile", "Éducateur",
		"En deuxième position", "Animateur", "En troisième position", "Plombier")
	// Principal centre first.
	appearInOrder(t, get(t, srv, "/interets/rome/2").body, "Son centre d’intérêt principal", "Directeur·rice technique", "Un de ses centres d’intérêt", "Développeur·euse back-end")
	// The fiche links its letters and interests to these pages.
	checkPage(t, srv, "/metiers/educateur", 200, []string{
		`<a href="/interets/S">Social (S)</a>`, `<a href="/interets/E">Entreprenant (E)</a>`,
		`<a href="/interets/centres/aider-les-autres">aider les autres</a>`, `<a href="/interets/centres/le-sport">le sport</a>`,
	}, nil)
	// France Travail's principal centre on a fiche links to its page.
	checkPage(t, srv, "/metiers/developpeur-back-end", 200, []string{`<a href="/interets/rome/29">J’aime les sciences, le numérique</a>`}, nil)
}

// Without a referential, France Travail's centres are neither shown nor
// served.
func TestInterestsWithoutRome(t *testing.T) {
	files := interestsTree()
	for k := range files {
		if strings.HasPrefix(k, "rome/") {
			delete(files, k)
		}
	}
	srv := mustServer(t, mustDB(t, files), false)
	checkPage(t, srv, "/interets", 200, []string{"Social"}, []string{"/interets/rome/", "Source&#160;: France Travail"})
	checkPage(t, srv, "/interets/rome/2", 404, nil, nil)
}

// A level no fiche has says so and links to the closest levels that have
// some, in the same sector.
func TestEmptyLevel(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	checkPage(t, srv, "/metiers?niveau=bac%2B8", 200, []string{"0 fiche", "accessible au niveau Bac+8 (doctorat)",
		`href="/metiers?niveau=bac%2B5"`, "Bac+5 (2 fiches)"}, []string{"Bac+3 (1 fiche)"})
	checkPage(t, srv, "/metiers?niveau=cap", 200, []string{"accessible au niveau CAP", `href="/metiers?niveau=bac%2B2"`, "Bac+2 (2 fiches)"}, []string{"Bac+5 ("})
	checkPage(t, srv, "/metiers?niveau=bac%2B5&secteur=sante", 200, []string{"au niveau Bac+5 dans le secteur Santé",
		`href="/metiers?niveau=bac%2B3&amp;secteur=sante"`, "Bac+3 (1 fiche)"}, nil)
	checkPage(t, srv, "/metiers?niveau=bac%2B3", 200, []string{"1 fiche"}, []string{"accessible au niveau"})
}
