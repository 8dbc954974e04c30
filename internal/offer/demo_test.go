package offer

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"vocation/internal/problem"
)

func TestGenerate(t *testing.T) {
	var a, b, c bytes.Buffer
	if err := Generate(&a, 500, 42); err != nil {
		t.Fatal(err)
	}
	Generate(&b, 500, 42)
	Generate(&c, 500, 43)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave different offers")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("another seed gave the same offers")
	}
	var probs problem.List
	offers := DecodeJSONL("demo.jsonl", bytes.NewReader(a.Bytes()), &probs)
	if len(probs) > 0 || len(offers) != 500 {
		t.Fatalf("%d offers, problems:\n%s", len(offers), probs)
	}
	contracts, forms := map[string]int{}, map[string]bool{}
	for _, o := range offers {
		contracts[o.Contract]++
		words := len(strings.Fields(o.Description))
		if words < 100 || words > 450 {
			t.Errorf("%s: description of %d words", o.ID, words)
		}
		switch {
		case strings.Contains(o.Title, " / "):
			forms["slash"] = true
		case strings.Contains(o.Title, "·"):
			forms["inclusive"] = true
		case strings.HasSuffix(o.Title, "H/F"):
			forms["hf"] = true
		}
		if o.Source != "demo" || !o.HasGeo || o.Departement() == "" || o.Rome == "" || o.URL != "" {
			t.Errorf("incomplete demo offer %+v", o)
		}
	}
	for _, c := range Contracts {
		// autre is for what France Travail sends besides the usual
		// contracts: demo offers leave it out, and their seeds keep the
		// offers they gave.
		if contracts[c] == 0 && c != "autre" {
			t.Errorf("no %s offer in 500", c)
		}
	}
	if len(forms) != 3 {
		t.Errorf("title forms seen: %v", forms)
	}
}

func TestInclusiveForm(t *testing.T) {
	for _, tt := range [][3]string{{"Développeur", "Développeuse", "Développeur·euse"}, {"Administrateur", "Administratrice", "Administrateur·trice"},
		{"Infirmier", "Infirmière", "Infirmier·ère"}, {"Technicien", "Technicienne", "Technicien·ne"}, {"Chef", "Cheffe", "Chef·fe"}, {"Comptable", "Comptable", ""}} {
		if got := inclusiveForm(tt[0], tt[1]); got != tt[2] {
			t.Errorf("%s/%s: %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}

// generated decodes n offers of s, failing on any invalid one.
func generated(t *testing.T, s *DemoSource, n int, seed uint64) []Offer {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Generate(&buf, n, seed); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	offers := DecodeJSONL("demo.jsonl", &buf, &probs)
	if len(probs) > 0 || len(offers) != n {
		t.Fatalf("%d offers, problems:\n%s", len(offers), probs)
	}
	return offers
}

func shippedSource(t *testing.T) *DemoSource {
	t.Helper()
	s, err := LoadDemoSource(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	if s.builtin || len(s.fiches) == 0 {
		t.Fatalf("the shipped content gave %s", s)
	}
	return s
}

// Offers from the shipped content: titles of every domain, every fiche's
// codes well served, the same offers for the same seed.
func TestGenerateFromShippedContent(t *testing.T) {
	s := shippedSource(t)
	const n = 3000
	offers := generated(t, s, n, 1)
	var again bytes.Buffer
	s.Generate(&again, n, 1)
	var probs problem.List
	if again := DecodeJSONL("demo.jsonl", &again, &probs); !slices.EqualFunc(offers, again, func(a, b Offer) bool { return a.Title == b.Title && a.Description == b.Description }) {
		t.Error("the same seed gave different offers")
	}
	byCode, domains := map[string]int{}, map[byte]int{}
	for _, o := range offers {
		byCode[o.Rome]++
		domains[o.Rome[0]]++
	}
	for d := byte('A'); d <= 'N'; d++ {
		if domains[d] < n/100 {
			t.Errorf("domain %c: %d offers of %d", d, domains[d], n)
		}
	}
	for _, f := range s.fiches {
		got := 0
		for _, j := range f.jobs {
			got += byCode[j.rome]
		}
		if got < 40 {
			t.Errorf("fiche %s: %d offers for its codes", f.name, got)
		}
	}
}

// The French of demo offers, over thousands of them: no sentence twice in
// a description, "au Havre" and never "à Le Havre", feminine titles with
// their adjectives agreeing, and "un ou une" with both forms.
func TestGeneratedFrench(t *testing.T) {
	for name, s := range map[string]*DemoSource{"shipped": shippedSource(t), "built-in": BuiltinDemoSource()} {
		t.Run(name, func(t *testing.T) {
			fem := 0
			for _, o := range generated(t, s, 4000, 3) {
				seen := map[string]bool{}
				for _, sentence := range strings.SplitAfter(o.Description, ". ") {
					if sentence = strings.TrimSpace(sentence); seen[sentence] {
						t.Errorf("%s: %q twice in\n%s", o.ID, sentence, o.Description)
					}
					seen[sentence] = true
				}
				for _, bad := range []string{"à Le ", "à Les ", "de Le ", "de Les ", "à le ", "de le Havre", " d'État H/F", "diplômé d'État" + "e"} {
					if strings.Contains(o.Description, bad) {
						t.Errorf("%s: %q in %q", o.ID, bad, o.Description)
					}
				}
				if strings.Contains(o.Title, " / ") || strings.Contains(o.Title, "·") || strings.HasSuffix(o.Title, " H/F") {
					if !strings.Contains(o.Description, " recrute un ou une ") {
						t.Errorf("%s: %q not for anyone: %q", o.ID, o.Title, o.Description[:100])
					}
				} else if strings.Contains(o.Description, " recrute une ") {
					fem++
					if !strings.Contains(o.Description, " recrute une "+lowerTitle(o.Title)+" ") {
						t.Errorf("%s: %q is not the title %q", o.ID, o.Description[:100], o.Title)
					}
				}
			}
			if fem < 100 {
				t.Errorf("%d offers for the feminine form", fem)
			}
		})
	}
	// Known feminine titles, whole.
	offers := generated(t, BuiltinDemoSource(), 3000, 1)
	for _, want := range []string{"Infirmière diplômée d'État", "Aide-soignante", "Cheffe de produit digital", "Chargée de communication"} {
		i := slices.IndexFunc(offers, func(o Offer) bool { return o.Title == want })
		if i < 0 {
			t.Errorf("no offer titled %q", want)
			continue
		}
		if d := offers[i].Description; !strings.Contains(d, " recrute une "+lowerTitle(want)+" ") {
			t.Errorf("%q: %s", want, d)
		}
	}
	var slash, incl int
	for _, o := range offers {
		if strings.Contains(o.Title+" ", "Infirmière diplômé ") || strings.Contains(o.Description, "une infirmière diplômé ") {
			t.Errorf("%q does not agree", o.Title)
		}
		if o.Title == "Infirmier diplômé / Infirmière diplômée d'État" {
			slash++
		}
		if o.Title == "Infirmier·ère diplômé·e d'État" && strings.Contains(o.Description, "un ou une infirmier·ère diplômé·e d'État ") {
			incl++
		}
	}
	if slash == 0 || incl == 0 {
		t.Errorf("both forms: %d slashed, %d inclusive", slash, incl)
	}
}

func TestParseForms(t *testing.T) {
	for _, tt := range []struct{ label, masc, fem string }{
		{"Infirmier / Infirmière en puériculture", "Infirmier en puériculture", "Infirmière en puériculture"},
		{"Infirmier Anesthésiste Diplômé / Infirmière Anesthésiste Diplômée d'Etat -IADE-", "Infirmier Anesthésiste Diplômé d'État -IADE-", "Infirmière Anesthésiste Diplômée d'État -IADE-"},
		{"Infirmier coordinateur / Infirmière coordinatrice de soins infirmiers à domicile", "Infirmier coordinateur de soins infirmiers à domicile", "Infirmière coordinatrice de soins infirmiers à domicile"},
		{"Analyste Concepteur / Conceptrice informatique", "Analyste Concepteur informatique", "Analyste Conceptrice informatique"},
		{"Arbitre professionnel / Professionnelle de discipline sportive", "Arbitre professionnel de discipline sportive", "Arbitre professionnelle de discipline sportive"},
		{"Agent / Agente d'administration principal(e) des douanes", "Agent d'administration principal des douanes", "Agente d'administration principale des douanes"},
		{"Chef / Cheffe de projet Systèmes d'Information", "Chef de projet Systèmes d'Information", "Cheffe de projet Systèmes d'Information"},
		{"Comptable", "Comptable", "Comptable"},
		{"Agent / Agente de service hospitalier (ASH)", "Agent de service hospitalier (ASH)", "Agente de service hospitalier (ASH)"},
	} {
		masc, fem, ok := parseForms(tt.label)
		if !ok || strings.Join(masc, " ") != tt.masc || strings.Join(fem, " ") != tt.fem {
			t.Errorf("%s: %q / %q %v", tt.label, masc, fem, ok)
		}
	}
	for _, label := range []string{"Garçon / Fille de chenil", "Steward / Hôtesse de l'air", "Lapidaire / Diamantaire", "Homme sage-femme / Sage-femme",
		"Accastilleur(se)-monteur(se) électronique", "Directeur / Directrice des systèmes d'information (DSI", "Chef d'équipe dépanneur / Cheffe dépanneuse de chaudières domestiques"} {
		if masc, fem, ok := parseForms(label); ok {
			t.Errorf("%s: read as %q / %q", label, masc, fem)
		}
	}
}

func TestExpandInclusive(t *testing.T) {
	for title, want := range map[string][2]string{
		"Développeur·euse back-end":               {"Développeur back-end", "Développeuse back-end"},
		"Administrateur·rice systèmes et réseaux": {"Administrateur systèmes et réseaux", "Administratrice systèmes et réseaux"},
		"Chef·fe de projet technique":             {"Chef de projet technique", "Cheffe de projet technique"},
		"Infirmier·ère":                           {"Infirmier", "Infirmière"},
		"Expert·e en cybersécurité":               {"Expert en cybersécurité", "Experte en cybersécurité"},
		"Data scientist":                          {"Data scientist", "Data scientist"},
	} {
		masc, fem, ok := expandInclusive(strings.Fields(title))
		if !ok || strings.Join(masc, " ") != want[0] || strings.Join(fem, " ") != want[1] {
			t.Errorf("%s: %q / %q", title, masc, fem)
		}
	}
}

// Salaries follow the métier: an aide-soignant is not paid like a
// developer, a cadre more than who is not, a director more again.
func TestDemoSalaries(t *testing.T) {
	s := shippedSource(t)
	band := func(code string) [2]int { return s.jobs[s.byCode[code][0]].salary }
	if aide, dev := band("J1501"), band("M1805"); aide[1] >= dev[0] {
		t.Errorf("aide-soignant %v, developer %v", aide, dev)
	}
	if clerk, cadre, director := demoBand("M1602", false, "Employé"), demoBand("M1402", true, "Consultant"), demoBand("M1402", true, "Directrice"); !(clerk[1] < cadre[1] && cadre[1] < director[1]) {
		t.Errorf("clerk %v, cadre %v, director %v", clerk, cadre, director)
	}
	for code := range s.byCode {
		for _, cadre := range []bool{false, true} {
			if b := demoBand(code, cadre, "Aide"); b[0] < demoSMIC || b[1] <= b[0] || b[0]%500 != 0 && b[0] != demoSMIC {
				t.Errorf("%s: %v", code, b)
			}
		}
	}
	for _, o := range generated(t, s, 2000, 9) {
		lo, hi := o.SalaryYear()
		if o.SalaryUnit == "year" || o.SalaryUnit == "month" && o.Contract != "stage" && o.Contract != "alternance" {
			if lo < demoSMIC-200 || hi > 160000 || lo > hi {
				t.Errorf("%s %q: %d to %d a year", o.ID, o.Title, lo, hi)
			}
		}
	}
}

// A tree without the referential still gives offers, from the built-in
// list, and serves its fiches' codes; a tree with it takes its titles.
func TestDemoSourceOfSmallTrees(t *testing.T) {
	fiche := "---\ntitle: Boulanger·ère\nrome: [D1102]\n---\n## Le métier\n"
	s, err := LoadDemoSource(fstest.MapFS{"metiers/boulanger.md": {Data: []byte(fiche)}, "metiers/brouillon.md": {Data: []byte("---\ntitle: X\nrome: [A1101]\ndraft: true\n---\n")}})
	if err != nil || !s.builtin || len(s.fiches) != 1 {
		t.Fatalf("%v %v", s, err)
	}
	bakers := 0
	for _, o := range generated(t, s, 200, 1) {
		if o.Rome == "D1102" {
			bakers++
		}
		if o.Rome == "A1101" {
			t.Error("an offer for a draft's code")
		}
	}
	if bakers < 50 {
		t.Errorf("%d offers for the fiche's code", bakers)
	}
	tree := fstest.MapFS{
		"rome/metiers.csv":      {Data: []byte("code_rome,libelle_rome,emploi_reglemente,emploi_cadre\nA1203,\"Jardinier / Jardinière\",N,N\n")},
		"rome/appellations.csv": {Data: []byte("code_rome,libelle_appellation_long,libelle_appellation_court,peu_usite\nA1203,Jardinier paysagiste / Jardinière paysagiste,x,N\nA1203,Garçon / Fille de jardin,x,N\nA1203,Jardinier / Jardinière de cimetière,x,O\n")},
	}
	s, err = LoadDemoSource(tree)
	if err != nil || s.builtin || len(s.jobs) != 1 {
		t.Fatalf("%v %v", s, err)
	}
	for _, o := range generated(t, s, 50, 1) {
		if !strings.Contains(o.Title, "aysagiste") {
			t.Errorf("title %q", o.Title)
		}
	}
	tree["metiers/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")}
	if _, err := LoadDemoSource(tree); err == nil || !strings.Contains(err.Error(), "metiers/x.md") {
		t.Errorf("a broken fiche: %v", err)
	}
}
