package rome

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"vocation/internal/problem"
)

// small is a referential of three métiers, with every file the site reads.
func small() map[string]string {
	return map[string]string{
		"metiers.csv": "code_rome,libelle_rome,emploi_reglemente,emploi_cadre\n" +
			"M1805,Développeur / Développeuse informatique,N,O\n" +
			"M1803,Directeur / Directrice des systèmes d'information -DSI-,N,O\n" +
			"M1884,\"Ingénieur / Ingénieure systèmes, réseaux et sécurité informatique\",N,O\n",
		"appellations.csv": "code_rome,libelle_appellation_long,libelle_appellation_court,peu_usite\n" +
			"M1805,Développeur / Développeuse back-end,Développeur(se) back-end,N\n" +
			"M1805,Analyste programmeur / programmeuse,Analyste programmeur(se),O\n",
		"centres-interet.csv": "code_centre_interet,libelle_centre_interet\n" +
			"2,J'ai l'âme d'un chef / d'une cheffe\n" +
			"29,\"J'aime les sciences, le numérique\"\n",
		"centres-interet-metiers.csv": "code_centre_interet,code_rome,principal\n" +
			"29,M1805,oui\n2,M1805,non\n2,M1803,oui\n",
		"mobilite.csv": "code_rome,code_rome_cible,numero_ordre\n" +
			"M1805,M1884,2\nM1805,M1803,1\n",
		"README.md": "# notes\n",
	}
}

func read(files map[string]string) (*Referential, problem.List) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		if data != "" {
			fsys["rome/"+name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	var probs problem.List
	r := Read(fsys, "rome", func(rel string) string { return "content/" + rel }, &probs)
	return r, probs
}

func TestReadValid(t *testing.T) {
	r, probs := read(small())
	if len(probs) > 0 || r == nil {
		t.Fatalf("problems: %v", probs)
	}
	if got, ok := r.Label("M1884"); !ok || got != "Ingénieur / Ingénieure systèmes, réseaux et sécurité informatique" {
		t.Errorf("Label(M1884) = %q, %v", got, ok)
	}
	if _, ok := r.Label("M9999"); ok {
		t.Error("M9999 has a label")
	}
	if len(r.Metiers) != 3 || r.Metiers[0].Code != "M1805" {
		t.Errorf("métiers = %+v", r.Metiers)
	}
	want := []Appellation{
		{Code: "M1805", Long: "Développeur / Développeuse back-end", Short: "Développeur(se) back-end"},
		{Code: "M1805", Long: "Analyste programmeur / programmeuse", Short: "Analyste programmeur(se)", Rare: true},
	}
	if got := r.Appellations["M1805"]; !reflect.DeepEqual(got, want) {
		t.Errorf("appellations of M1805 = %+v", got)
	}
	if len(r.Interests) != 2 || r.Interests[1] != (Interest{ID: 29, Label: "J'aime les sciences, le numérique"}) {
		t.Errorf("interests = %+v", r.Interests)
	}
	if len(r.InterestLinks) != 3 || r.InterestLinks[0] != (InterestLink{Interest: 29, Code: "M1805", Principal: true}) {
		t.Errorf("interest links = %+v", r.InterestLinks)
	}
	if len(r.Moves) != 2 || r.Moves[1] != (Move{From: "M1805", To: "M1803", Order: 1}) {
		t.Errorf("moves = %+v", r.Moves)
	}
}

func TestReadOnlyMetiers(t *testing.T) {
	files := small()
	for _, f := range []string{"appellations.csv", "centres-interet.csv", "centres-interet-metiers.csv", "mobilite.csv"} {
		files[f] = ""
	}
	r, probs := read(files)
	if len(probs) > 0 || r == nil || len(r.Metiers) != 3 {
		t.Fatalf("referential %+v, problems: %v", r, probs)
	}
}

func TestReadProblems(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want string
	}{
		{"missing métiers", "metiers.csv", "", "content/rome/metiers.csv:1: file : fichier absent"},
		{"missing column", "metiers.csv", "code_rome,libelle\nM1805,x\n", "content/rome/metiers.csv:1: libelle_rome : colonne absente de la première ligne"},
		{"empty file", "mobilite.csv", "\n", "content/rome/mobilite.csv:1: file : fichier vide"},
		{"bad code", "metiers.csv", "code_rome,libelle_rome\nM1805,Dev\nm18O5,Autre\n", "content/rome/metiers.csv:3: code_rome : « m18O5 » n’est pas un code ROME"},
		{"empty label", "metiers.csv", "code_rome,libelle_rome\nM1805,Dev\nM1803,\n", "content/rome/metiers.csv:3: libelle_rome : vide"},
		{"duplicate code", "metiers.csv", "code_rome,libelle_rome\nM1805,Dev\nM1803,DSI\nM1884,Ing\nM1805,Dev\n", "content/rome/metiers.csv:5: code_rome : « M1805 » est déjà donné ligne 2"},
		{"wrong field count", "mobilite.csv", "code_rome,code_rome_cible,numero_ordre\nM1805,M1803,1\nM1805,M1884\n", "content/rome/mobilite.csv:3: csv : illisible"},
		{"bad quote", "centres-interet.csv", "code_centre_interet,libelle_centre_interet\n2,\"J'ai\n29,x\n", "content/rome/centres-interet.csv:"},
		{"unknown code in appellations", "appellations.csv", "code_rome,libelle_appellation_long,libelle_appellation_court,peu_usite\nA1101,Conducteur,Conducteur,N\n", "content/rome/appellations.csv:2: code_rome : « A1101 » n’est pas dans metiers.csv"},
		{"bad peu_usite", "appellations.csv", "code_rome,libelle_appellation_long,libelle_appellation_court,peu_usite\nM1805,Dev,Dev,oui\n", "content/rome/appellations.csv:2: peu_usite : « oui » n’est ni O ni N"},
		{"bad interest id", "centres-interet.csv", "code_centre_interet,libelle_centre_interet\ndeux,x\n", "content/rome/centres-interet.csv:2: code_centre_interet : « deux » n’est pas un nombre entier positif"},
		{"unknown interest", "centres-interet-metiers.csv", "code_centre_interet,code_rome,principal\n7,M1805,oui\n", "content/rome/centres-interet-metiers.csv:2: code_centre_interet : « 7 » n’est pas dans centres-interet.csv"},
		{"bad principal", "centres-interet-metiers.csv", "code_centre_interet,code_rome,principal\n2,M1805,O\n", "content/rome/centres-interet-metiers.csv:2: principal : « O » n’est ni oui ni non"},
		{"unknown target", "mobilite.csv", "code_rome,code_rome_cible,numero_ordre\nM1805,M1899,1\n", "content/rome/mobilite.csv:2: code_rome_cible : « M1899 » n’est pas dans metiers.csv"},
		{"bad order", "mobilite.csv", "code_rome,code_rome_cible,numero_ordre\nM1805,M1803,premier\n", "content/rome/mobilite.csv:2: numero_ordre : « premier » n’est pas un nombre entier positif"},
		{"not utf-8", "metiers.csv", "code_rome,libelle_rome\nM1805,D\xe9veloppeur\n", "content/rome/metiers.csv:2: libelle_rome : pas du texte UTF-8"},
		{"stray file", "notes.txt", "x", "content/rome/notes.txt:1: file : avertissement : ne fait pas partie du référentiel ROME ; ignoré"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := small()
			files[tt.file] = tt.data
			r, probs := read(files)
			if !strings.Contains(probs.String(), tt.want) {
				t.Errorf("want %q in\n%s", tt.want, probs)
			}
			if probs.HasErrors() != (r == nil) {
				t.Errorf("referential returned = %v with problems:\n%s", r != nil, probs)
			}
		})
	}
}

// A byte order mark, as spreadsheet programs write, is not part of the
// first column's name.
func TestReadByteOrderMark(t *testing.T) {
	files := small()
	files["metiers.csv"] = "\ufeff" + files["metiers.csv"]
	if r, probs := read(files); r == nil || len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
}
