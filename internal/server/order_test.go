package server_test

import (
	"strings"
	"testing"
)

// frenchOrder is how a French reader expects these names listed: é with
// e, Œ as OE, case and accents only breaking ties.
var frenchOrder = []struct{ slug, title string }{
	{"developpeur-back-end", "Développeur·euse back-end"},
	{"directeur-technique", "Directeur·rice technique"},
	{"ebeniste", "Ébéniste"},
	{"educateur-specialise", "Éducateur spécialisé"},
	{"electricien", "Electricien"},
	{"oenologue", "œnologue"},
	{"zoologiste", "Zoologiste"},
}

// frenchOrderTree ties one offer to every fiche: its title names none.
func frenchOrderTree() map[string]string {
	files := map[string]string{
		"secteurs.yaml":         sectors,
		"pages/mentions.md":     "---\ntitle: Mentions légales\n---\nTexte.\n",
		"pages/equipe.md":       "---\ntitle: Équipe\n---\nTexte.\n",
		"pages/a-propos.md":     "---\ntitle: À propos\n---\nTexte.\n",
		"offres/exemples.jsonl": offerJSON("o1", "Artisan du bois", "cdi", `,"city":"Lyon","postcode":"69003","rome":"B1802"`) + "\n",
	}
	for _, f := range frenchOrder {
		files["metiers/"+f.slug+".md"] = ficheSrc(f.title, "rome: [B1802]\n", "## Le métier\n\nTexte.\n")
	}
	return files
}

// inOrder checks that every string of want is in body, in that order.
func inOrder(t *testing.T, body string, want []string) {
	t.Helper()
	last := -1
	for _, w := range want {
		i := strings.Index(body, w)
		switch {
		case i < 0:
			t.Errorf("body lacks %q", w)
		case i < last:
			t.Errorf("%q comes before the one listed before it", w)
		}
		last = max(last, i)
	}
	if t.Failed() {
		t.Logf("want the order %q", want)
	}
}

func TestNamesListInFrenchOrder(t *testing.T) {
	srv := mustServer(t, mustDB(t, frenchOrderTree()), false)
	var links, facet []string
	for _, f := range frenchOrder {
		links = append(links, `href="/metiers/`+f.slug+`"`)
		facet = append(facet, `name="metier" value="`+f.slug+`"`)
	}
	for _, path := range []string{"/metiers", "/metiers?niveau=bac%2B5", "/secteurs/numerique"} {
		t.Run(path, func(t *testing.T) {
			r := get(t, srv, path)
			if r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
			inOrder(t, r.body, links)
		})
	}
	t.Run("letter groups", func(t *testing.T) {
		r := get(t, srv, "/metiers")
		inOrder(t, r.body, []string{`id="lettre-d"`, `href="/metiers/directeur-technique"`, `id="lettre-e"`, `href="/metiers/electricien"`,
			`id="lettre-o"`, `href="/metiers/oenologue"`, `id="lettre-z"`, `href="/metiers/zoologiste"`})
		if strings.Contains(r.body, `id="lettre-#"`) {
			t.Error("œnologue is filed under # rather than O")
		}
	})
	t.Run("the métier facet of /offres", func(t *testing.T) {
		r := get(t, srv, "/offres")
		if r.status != 200 {
			t.Fatalf("status %d", r.status)
		}
		inOrder(t, r.body, facet)
	})
	t.Run("footer pages", func(t *testing.T) {
		inOrder(t, get(t, srv, "/metiers").body, []string{`href="/a-propos"`, `href="/equipe"`, `href="/mentions"`})
	})
}
