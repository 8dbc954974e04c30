package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// compareTree is the offers' test site where the nurses' fiche has a ROME
// code and 21 offers stating 30 000 to 50 000 € a year, one per thousand:
// enough for observed figures, whose median is 40 000 €.
func compareTree() map[string]string {
	files := offersTree()
	files["metiers/infirmier.md"] = strings.Replace(files["metiers/infirmier.md"], "access: [bac+3]", "access: [bac+3]\nrome: [J1506]\nriasec: [S, I]\nqualities: [patience, rigueur]", 1)
	var lines []string
	for i := range 21 {
		lines = append(lines, offerJSON(fmt.Sprintf("n%02d-1", i), "Infirmier", "cdi",
			fmt.Sprintf(`,"city":"Lyon","postcode":"69003","rome":"J1506","salary_min":%d,"salary_max":%[1]d,"salary_unit":"year"`, 30000+1000*i)))
	}
	files["offres/hopital.jsonl"] = strings.Join(lines, "\n") + "\n"
	return files
}

func TestCompareTwoFiches(t *testing.T) {
	srv := mustServer(t, mustDB(t, compareTree()), false)
	r := get(t, srv, "/comparer?m=developpeur-back-end&m=infirmier")
	if r.status != 200 {
		t.Fatalf("status %d\n%s", r.status, r.body)
	}
	for _, want := range []string{
		"<title>Comparer Développeur·euse back-end et Infirmier·ère · Vocation</title>",
		`<th scope="col"><a href="/metiers/developpeur-back-end">Développeur·euse back-end</a></th>`,
		`<th scope="col"><a href="/metiers/infirmier">Infirmier·ère</a></th>`,
		`<th scope="row">Accès`, "Bac+2 et Bac+5", "Bac+3",
		// the editors' bands per year, each with its source
		`<th scope="row">Salaire, débutant (0 à 2 ans)`, "24\u202f000\u00a0€ par an", "Source : Onisep",
		"43\u202f000\u00a0€ à 55\u202f000\u00a0€ par an (Province)", "Source : non précisée",
		"141\u202f700\u00a0€ et plus par an (indépendants, équivalent annuel)", "Source : Rédaction Vocation", "estimation",
		// the offers' figures, dated, with their feed
		`<th scope="row">Salaire proposé dans les offres`, "40\u202f000\u00a0€ par an (médiane)", "Source : 21 offres en ligne le", "(local), calcul Vocation",
		"Moins de 20 offres indiquent un salaire",
		// current offers: o4 has expired
		`<th scope="row">Offres en ce moment`, `<a href="/offres?metier=infirmier">22 offres en ce moment</a>`,
		`<a href="/offres?metier=developpeur-back-end">2 offres en ce moment</a>`,
		`<th scope="row">Intérêts (RIASEC)`, "Investigateur (I)", "Conventionnel (C)", "Social (S)",
		`<th scope="row">Qualités`, "patience", "Non renseigné",
		`<th scope="row">Formations, niveau Bac+2`, "BTS SIO option SLAM", "en alternance possible",
		`<a href="https://www.epitech.eu/">Epitech</a>`, "Aucune formation à ce niveau dans la fiche",
		`<a href="/metiers/infirmier">Lire la fiche Infirmier·ère</a>`,
		// one scale for every bar: 141 700 € rounds up to 150 000 €
		"de 0 à 150\u202f000\u00a0€ par an",
		// the cells say whose they are when the columns stack
		`<span class="compare-fiche">Infirmier·ère</span>`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if n := strings.Count(r.body, `scope="col"`); n != 2 {
		t.Errorf("%d columns, want 2", n)
	}
	// no fiche has a CAP training: no such row
	if strings.Contains(r.body, "Formations, niveau CAP") {
		t.Error("a row no fiche fills")
	}
	// the swap form: each fiche selected in its select, a third optional
	for _, want := range []string{`<select id="choix-1" name="m">`, `<select id="choix-3" name="m"><option value="">Aucune</option>`,
		`<option value="infirmier" selected>`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("form lacks %q", want)
		}
	}
}

func TestCompareThreeFiches(t *testing.T) {
	srv := mustServer(t, mustDB(t, compareTree()), false)
	checkPage(t, srv, "/comparer?m=infirmier&m=developpeur-front-end&m=developpeur-back-end", 200, []string{
		"<title>Comparer Infirmier·ère, Développeur·euse front-end et Développeur·euse back-end · Vocation</title>",
		"Aucune offre reliée à cette fiche", "22 offres en ce moment", "2 offres en ce moment", "Pas de chiffre dans la fiche",
	}, []string{`id="choix-4"`})
	r := get(t, srv, "/comparer?m=infirmier&m=developpeur-front-end&m=developpeur-back-end")
	if n := strings.Count(r.body, `scope="col"`); n != 3 {
		t.Errorf("%d columns, want 3", n)
	}
	// in the order asked
	if a, b := strings.Index(r.body, `scope="col"><a href="/metiers/infirmier"`), strings.Index(r.body, `scope="col"><a href="/metiers/developpeur-back-end"`); a < 0 || b < a {
		t.Errorf("columns not in the order asked: %d, %d", a, b)
	}
}

// Duplicates, old slugs, blanks and capitals collapse into the fiches meant.
func TestCompareCollapses(t *testing.T) {
	srv := mustServer(t, mustDB(t, compareTree()), false)
	r := get(t, srv, "/comparer?m=developpeur-backend&m=developpeur-back-end&m=&m=INFIRMIER&m=infirmier")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if n := strings.Count(r.body, `scope="col"`); n != 2 {
		t.Errorf("%d columns, want 2", n)
	}
}

func TestCompareRefusesBadInput(t *testing.T) {
	srv := mustServer(t, mustDB(t, compareTree()), false)
	many := url.Values{}
	for i := range 5000 {
		many.Add("m", fmt.Sprintf("fiche-%d", i))
	}
	for _, tc := range []struct {
		query  string
		status int
		says   string
	}{
		{"", 400, "aucune n’a été choisie"},
		{"m=&m=", 400, "aucune n’a été choisie"},
		{"m=infirmier", 400, "une seule a été choisie"},
		{"m=infirmier&m=infirmier", 400, "une seule a été choisie"},
		{"m=infirmier&m=developpeur-back-end&m=developpeur-front-end&m=zzz", 400, "au plus trois fiches"},
		{many.Encode(), 400, "au plus trois fiches"},
		{"m=infirmier&m=nexiste-pas", 404, "Aucune fiche ne s’appelle « nexiste-pas »"},
		{"m=infirmier&m=brouillon", 404, "« brouillon »"},
		{"m=infirmier&m=%ff%fe", 400, "n’est pas le nom d’une fiche"},
		{"m=infirmier&m=%3Cscript%3E", 400, "« &lt;script&gt; »"},
		{"m=infirmier&m=" + strings.Repeat("a", 10000), 404, "Aucune fiche"},
		{"m=infirmier&m=" + strings.Repeat("%C3%A9", 5000), 400, "…"},
	} {
		r := get(t, srv, "/comparer?"+tc.query)
		if r.status != tc.status || !strings.Contains(r.body, tc.says) {
			t.Errorf("%.60s: %d, want %d saying %q\n%.600s", tc.query, r.status, tc.status, tc.says, r.body)
		}
		if strings.Contains(r.body, "<script>") {
			t.Errorf("%.60s: echoes markup", tc.query)
		}
	}
}

// A 404 that names what it did not find is its own page: the one 404
// page the other addresses share never names it.
func TestCompareNotFoundIsItsOwnPage(t *testing.T) {
	srv := mustServer(t, mustDB(t, compareTree()), false)
	checkPage(t, srv, "/comparer?m=infirmier&m=premier-inconnu", 404, []string{"premier-inconnu"}, nil)
	checkPage(t, srv, "/metiers/nexiste-pas", 404, []string{"Page introuvable"}, []string{"premier-inconnu"})
	checkPage(t, srv, "/comparer?m=infirmier&m=second-inconnu", 404, []string{"second-inconnu"}, []string{"premier-inconnu"})
}

// The fiche offers the fiches of its sector to compare with; the list, a
// box per card and one button.
func TestCompareControls(t *testing.T) {
	srv := mustServer(t, mustDB(t, compareTree()), false)
	checkPage(t, srv, "/metiers/developpeur-back-end", 200, []string{
		`<form class="compare-with" action="/comparer" method="get"><input type="hidden" name="m" value="developpeur-back-end">`,
		`<option value="developpeur-front-end">`,
	}, []string{`<option value="infirmier">`, `<option value="developpeur-back-end">`, `<option value="brouillon">`})
	// alone in its sector: nothing to compare with
	checkPage(t, srv, "/metiers/infirmier", 200, nil, []string{`class="compare-with"`})
	checkPage(t, srv, "/metiers", 200, []string{`<form class="compare-form" action="/comparer" method="get">`,
		`<input type="checkbox" name="m" value="infirmier">`, "Comparer les fiches cochées"}, []string{`value="brouillon"`})
	// the search's results, when there are two or more
	checkPage(t, srv, "/recherche?q=developpeur", 200, []string{`<form class="compare-form" action="/comparer" method="get">`,
		`<input type="checkbox" name="m" value="developpeur-back-end">`, `<input type="checkbox" name="m" value="developpeur-front-end">`,
		"Comparer les fiches cochées"}, nil)
	checkPage(t, srv, "/recherche?q=infirmier", 200, []string{`href="/metiers/infirmier"`}, []string{`type="checkbox"`, "Comparer les fiches cochées"})
}

// BenchmarkComparePage computes a comparison of three fiches per request:
// the catalog, one read transaction, three counts from the offer index.
func BenchmarkComparePage(b *testing.B) {
	srv := mustServer(b, mustDB(b, compareTree()), false)
	req := httptest.NewRequest(http.MethodGet, "/comparer?m=developpeur-back-end&m=infirmier&m=developpeur-front-end", nil)
	w := &discard{h: http.Header{}}
	srv.ServeHTTP(w, req)
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		srv.ServeHTTP(w, req)
	}
}
