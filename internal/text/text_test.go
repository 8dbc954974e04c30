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

func TestTypos(t *testing.T) {
	for _, tt := range []struct {
		typed, term   string
		most          int
		whole, prefix int
	}{
		{"develo", "developpeur", 2, 3, 0},
		{"devlo", "developpeur", 1, 2, 1},
		{"infirmeir", "infirmier", 2, 1, 1},
		{"enfirmier", "infirmier", 2, 2, 2},  // the first letter counts double
		{"enfirmier", "infirmier", 1, 2, 2},  // past most: most+1
		{"lpombier", "plombier", 2, 2, 2},    // a swap of the first two letters too
		{"boulnger", "boulangerie", 1, 2, 1}, // a beginning with one typo
	} {
		// Past most, any count above it says the same.
		w, p := PrefixTypos(tt.typed, tt.term, tt.most)
		w, p = min(w, tt.most+1), min(p, tt.most+1)
		if w != tt.whole || p != tt.prefix {
			t.Errorf("PrefixTypos(%q, %q, %d) = %d, %d, want %d, %d", tt.typed, tt.term, tt.most, w, p, tt.whole, tt.prefix)
		}
		if got := min(Typos(tt.typed, tt.term, tt.most), tt.most+1); got != tt.whole {
			t.Errorf("Typos(%q, %q, %d) = %d, want %d", tt.typed, tt.term, tt.most, got, tt.whole)
		}
	}
	for typed, want := range map[string]int{"chef": 0, "macon": 1, "plombier": 1, "infirmier": 2} {
		if got := AllowedTypos(typed); got != want {
			t.Errorf("AllowedTypos(%q) = %d, want %d", typed, got, want)
		}
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
