package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// searchTree is romeTree with fiches for every language rule, ROME job
// titles (one, Ramendeur, of a code no fiche carries) and offers.
func searchTree() map[string]string {
	files := romeTree()
	files["metiers/directeur-technique.md"] = ficheSrc("Directeur·rice technique", "rome: [M1803]\naliases: [CTO]\n", "## Le métier\n\nIl dirige.\n")
	files["metiers/boulanger.md"] = strings.Replace(ficheSrc("Boulanger·ère", "", "## Le métier\n\nIl pétrit le pain la nuit.\n"), "sector: numerique", "sector: sante", 1)
	files["metiers/expert-en-cybersecurite.md"] = ficheSrc("Expert·e en cybersécurité", "", "## Le métier\n\nIl protège les réseaux.\n")
	files["metiers/atsem.md"] = strings.Replace(ficheSrc("ATSEM", "interests: [travailler avec les enfants]\n", "## Le métier\n\nElle aide en classe.\n"),
		"sector: numerique", "sector: sante", 1)
	files["rome/metiers.csv"] += "A1425,Ramendeur / Ramendeuse\n"
	files["rome/appellations.csv"] = "code_rome,libelle_appellation_long,libelle_appellation_court,peu_usite\n" +
		"A1425,Ramendeur / Ramendeuse,Ramendeur / Ramendeuse,N\n" +
		"M1805,Informaticien / Informaticienne de développement,Informaticien de développement,N\n" +
		"M1899,Métier rare,Métier rare,O\n"
	files["offres/local.jsonl"] = strings.Join([]string{
		offerJSON("o1", "Ramendeur H/F", "cdi", `,"city":"Lorient","postcode":"56100","rome":"A1425"`),
		offerJSON("o2", "Développeuse back-end", "cdi", `,"city":"Lyon","postcode":"69003","rome":"M1805"`),
	}, "\n") + "\n"
	return files
}

// TestSearchLanguage is the table of the language rules, each with the
// first result it must give.
func TestSearchLanguage(t *testing.T) {
	srv := mustServer(t, mustDB(t, searchTree()), false)
	for _, tt := range []struct {
		rule, q, first string
		contains       []string
	}{
		{"plain", "développeur", "Développeur·euse back-end", nil},
		{"case, gender, number", "DEVELOPPEUSES", "Développeur·euse back-end", nil},
		{"inclusive", "développeur·euse", "Développeur·euse back-end", nil},
		{"accents", "infirmiere", "Infirmier·ère", nil},
		{"feminine", "boulangère", "Boulanger·ère", nil},
		{"plural", "infirmiers", "Infirmier·ère", nil},
		{"abbreviation", "IDE", "Infirmier·ère", nil},
		{"abbreviation", "dev", "Développeur·euse back-end", nil},
		{"alias", "cto", "Directeur·rice technique", nil},
		{"synonym", "hacker", "Expert·e en cybersécurité", nil},
		{"synonym and ROME job title", "informaticien", "Développeur·euse back-end", nil},
		{"interest", "travailler avec des enfants", "ATSEM", nil},
		{"slang", "bosser avec des enfants", "ATSEM", nil},
		{"body", "pain", "Boulanger·ère", nil},
		{"prefix of the last word", "boula", "Boulanger·ère", nil},
		{"one typo", "boulnger", "Boulanger·ère", []string{"Résultats pour «&#160;<strong>boulanger</strong>&#160;» (aucun résultat pour «&#160;boulnger&#160;»)",
			"<title>« boulnger » : 1 fiche métier · Vocation</title>"}},
		{"a swap", "infirmeir", "Infirmier·ère", []string{"Résultats pour «&#160;<strong>infirmier</strong>&#160;»"}},
		{"two typos in a long word", "dévelopeuse", "Développeur·euse back-end", []string{"Résultats pour «&#160;<strong>développeur</strong>&#160;»"}},
		{"words no fiche has together", "boulanger réseaux", "Boulanger·ère", []string{"Aucune fiche ne contient tous ces mots", "«&#160;boulanger&#160;»"}},
	} {
		t.Run(tt.rule+"/"+tt.q, func(t *testing.T) {
			r := get(t, srv, "/recherche?q="+strings.ReplaceAll(tt.q, " ", "+"))
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			i := strings.Index(r.body, `<h2 class="card-title">`)
			if i < 0 {
				t.Fatalf("no result\n%s", r.body)
			}
			if !strings.HasPrefix(r.body[i:], `<h2 class="card-title"><a href="/metiers/`) || !strings.Contains(r.body[i:i+200], ">"+tt.first+"</a>") {
				t.Errorf("first result %q, want %q", r.body[i:i+120], tt.first)
			}
			for _, s := range tt.contains {
				if !strings.Contains(r.body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
		})
	}
}

func TestSearchNeverDeadEnds(t *testing.T) {
	srv := mustServer(t, mustDB(t, searchTree()), false)
	checkPage(t, srv, "/recherche?q=ramendeur", 200, []string{
		"<title>« ramendeur » : aucune fiche métier · Vocation</title>",
		"Pas encore de fiche pour Ramendeur / Ramendeuse", "famille «&#160;Ramendeur / Ramendeuse&#160;» (code ROME A1425)", `href="/offres?rome=A1425"`,
	}, []string{`class="card-title"`})
	// Its offers: the rome parameter keeps them.
	checkPage(t, srv, "/offres?rome=A1425", 200, []string{"1 offre", "Ramendeur H/F", "Offres du métier « Ramendeur / Ramendeuse » (code ROME A1425)",
		`name="rome" value="A1425"`}, []string{"Développeuse back-end"})
	checkPage(t, srv, "/offres?rome=a1425&q=developpeuse", 200, []string{">0 offre</h2>"}, []string{"Développeuse back-end</a>"})
	checkPage(t, srv, "/offres?rome=M1805", 200, []string{"1 offre", "Développeuse back-end"}, []string{"Ramendeur H/F"})
	checkPage(t, srv, "/offres?rome=zz", 400, []string{"n’est pas un code ROME"}, nil)
	checkPage(t, srv, "/offres?rome=N9999", 400, []string{"n’existe pas"}, nil)
	// A job title whose code has a fiche is that fiche's.
	checkPage(t, srv, "/recherche?q=informaticien+de+developpement", 200, []string{"Développeur·euse back-end"}, []string{"Pas encore de fiche"})
	// A rare job title is not offered, nor a draft's code as covered.
	checkPage(t, srv, "/recherche?q=metier+rare", 200, nil, []string{"Pas encore de fiche"})
	// Nothing anywhere: a word one typo further, with its count, and ways on.
	checkPage(t, srv, "/recherche?q=boulnagr", 200, []string{"Vouliez-vous dire", `href="/recherche?q=boulanger"`, "(1 fiche)"}, nil)
	checkPage(t, srv, "/recherche?q=zzzz", 200, []string{"Aucune fiche pour", `href="/metiers"`}, nil)
}

func TestSearchInputs(t *testing.T) {
	srv := mustServer(t, mustDB(t, searchTree()), false)
	checkPage(t, srv, "/recherche", 200, []string{"<title>Rechercher un métier · Vocation</title>", `action="/recherche"`}, []string{"Aucune fiche"})
	checkPage(t, srv, "/recherche?q=%ff%fe%00", 200, nil, nil)
	checkPage(t, srv, "/recherche?q="+strings.Repeat("boulanger+", 500), 200, nil, nil)
	checkPage(t, srv, "/recherche?q=%22%27%3Cscript%3E", 200, []string{"&lt;script&gt;"}, []string{"<script>"})
	checkPage(t, srv, "/recherche?q=a&page=x", 400, []string{"Page"}, nil)
	checkPage(t, srv, "/recherche?q=dev&page=99", 200, []string{"Développeur·euse back-end"}, nil)
	for path, want := range map[string]string{"/metiers?q=boulnger": "/recherche?q=boulnger", "/metiers?q=%C3%A9+x&secteur=sante": "/recherche?q=%C3%A9+x"} {
		if r := get(t, srv, path); r.status != http.StatusMovedPermanently || r.header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", path, r.status, r.header.Get("Location"), want)
		}
	}
	// The A-Z list stays at /metiers, and its pages are kept.
	checkPage(t, srv, "/metiers?secteur=sante", 200, []string{"Boulanger·ère", "ATSEM"}, []string{"Développeur·euse"})
}

func TestSuggestions(t *testing.T) {
	srv := mustServer(t, mustDB(t, searchTree()), false)
	r := get(t, srv, "/recherche/suggestions?q=dev")
	if r.status != 200 || !strings.HasPrefix(r.body, `<ul data-total="`) || !strings.Contains(r.body, `role="option" data-href="/metiers/developpeur-back-end"`) {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if strings.Contains(r.body, "<html") || strings.Count(r.body, `role="option"`) > 9 {
		t.Errorf("not a fragment of at most 8 fiches and a link: %s", r.body)
	}
	// Typing with typos: the suggestions are the search's.
	if r := get(t, srv, "/recherche/suggestions?q=boulnge"); !strings.Contains(r.body, "/metiers/boulanger") {
		t.Errorf("%s", r.body)
	}
	for _, q := range []string{"", "%ff", strings.Repeat("x", 5000)} {
		if r := get(t, srv, "/recherche/suggestions?q="+q); r.status != 200 || strings.Contains(r.body, `role="option"`) {
			t.Errorf("%q: %d %s", q, r.status, r.body)
		}
	}
}

// TestSuggestionsLimit: with more than eight fiches found, eight and a link
// to all the results.
func TestSuggestionsLimit(t *testing.T) {
	files := searchTree()
	for _, s := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		files["metiers/soudeur-"+s+".md"] = ficheSrc("Soudeur "+s, "", "## Le métier\n\nIl soude.\n")
	}
	srv := mustServer(t, mustDB(t, files), false)
	r := get(t, srv, "/recherche/suggestions?q=soudeur")
	if n := strings.Count(r.body, `data-href="/metiers/`); n != 8 || !strings.Contains(r.body, `data-href="/recherche?q=soudeur" class="option-all">Voir les 9 résultats`) {
		t.Errorf("%d fiches: %s", n, r.body)
	}
}
