package text

import (
	"strings"
	"testing"
)

func TestStemsMeet(t *testing.T) {
	// Each group must reduce to one stem: accents, case, gender, number.
	for _, group := range [][]string{
		{"Développeur", "développeuse", "DEVELOPPEURS", "developpeuses", "Développeur·euse"},
		{"infirmier", "Infirmière", "infirmiere", "infirmières", "Infirmier.ère"},
		{"boulanger", "boulangère", "Boulangères"},
		{"directeur", "directrice", "Directeur·trice"},
		{"technicien", "technicienne", "techniciens"},
		{"ingénieur", "ingénieure", "ingenieurs"},
		{"architecte", "architectes"},
		{"chargé", "chargée", "chargés"},
		{"commercial", "commerciaux"},
		{"consultant", "consultante", "consultant(e)"},
	} {
		want := Tokens(group[0])
		for _, w := range group[1:] {
			if got := Tokens(w); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%q -> %v, but %q -> %v", group[0], want, w, got)
			}
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Cœur d'ÉTÉ": "coeur d ete", "back-end/Go": "back end go", "\"NEAR(a b)*": " near a b  ", "sql' OR 1=1--": "sql  or 1 1  ",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseIsSafe(t *testing.T) {
	for _, typed := range []string{`"`, `*`, `NEAR(`, `a AND b`, `-x`, `title:x`, `(a)`, `'; DROP TABLE offers; --`, "\xff\xfe", strings.Repeat("é", 10000)} {
		q := Parse(typed)
		for _, g := range append(q.Words, []string{q.Prefix}) {
			for _, w := range g {
				if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
					t.Errorf("%q gave the term %q", typed, w)
				}
			}
		}
	}
}

func TestParse(t *testing.T) {
	q := Parse("Dev back ")
	if len(q.Words) != 2 || q.Words[0][0] != "dev" || q.Words[0][1] != "developpeur" || q.Prefix != "back" {
		t.Errorf("%+v", q)
	}
	if q := Parse("infirmiere de nuit"); len(q.Words) != 2 || q.Words[0][0] != "infirmier" || q.Prefix != "nuit" {
		t.Errorf("%+v", q)
	}
	if !Parse(`" * ( )`).Empty() {
		t.Error("punctuation only should be empty")
	}
}

func TestStems(t *testing.T) {
	for text, want := range map[string]string{
		"Développeuse back-end H/F : développeurs, développeur·euse et DÉVELOPPEUR.EUSE Java": "developpeur back end java",
		"Œuvre, ÇA, Émile Zoë, à Paris":     "oeuvr ca emil zoe pari",
		"":                                  "",
		"le la les de":                      "",
		"Infirmière, infirmiers, INFIRMIER": "infirmier",
	} {
		if got := Stems(text); got != want {
			t.Errorf("Stems(%q) = %q, want %q", text, got, want)
		}
	}
}

func BenchmarkStems(b *testing.B) {
	text := strings.Repeat("Nous recherchons un·e développeur·euse back-end expérimenté·e pour rejoindre l’équipe produit à Lyon. ", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Stems(text)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Aider les autres":          "aider-les-autres",
		"  aider les AUTRES ! ":     "aider-les-autres",
		"fabriquer ce qu’on goûte":  "fabriquer-ce-qu-on-goute",
		"l'école et les œuvres":     "l-ecole-et-les-oeuvres",
		"!!!":                       "",
		"développeur·euse back-end": "developpeur-back-end",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
