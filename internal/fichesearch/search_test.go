package fichesearch

import (
	"strings"
	"testing"

	"vocation/internal/text"
)

func doc(key, title string, more ...string) Doc {
	d := Doc{Key: key}
	d.Texts[Title] = []string{title}
	for i, m := range more {
		if m != "" {
			d.Texts[Field(i+1)] = []string{m}
		}
	}
	return d
}

func first(ix *Index, typed string) string {
	res := ix.Search(text.Parse(typed), 0)
	if len(res.Matches) == 0 {
		return ""
	}
	return res.Matches[0].Key
}

// TestTypoThresholds checks the allowance at its edges: 4 letters none,
// 5 one, 8 one, 9 two, and a typo on the first letter counting two.
func TestTypoThresholds(t *testing.T) {
	ix := Build([]Doc{doc("chef", "Chef"), doc("macon", "Maçon"), doc("plombier", "Plombier"), doc("infirmier", "Infirmier")})
	for _, tt := range []struct {
		typed, want string
	}{
		{"chef", "chef"},
		{"chff x", ""},              // 4 letters: no typo, and not the last word
		{"mecon", "macon"},          // 5 letters: one typo
		{"mecin", ""},               // 5 letters: two typos
		{"nacon", ""},               // 5 letters: a first-letter typo counts two
		{"plonbier", "plombier"},    // 8 letters: one typo
		{"plonbiar", ""},            // 8 letters: two typos
		{"lpombier", ""},            // 8 letters: a swap of the first two letters counts two
		{"infirmeir", "infirmier"},  // 9 letters: a swap is one typo
		{"imfirmeir", "infirmier"},  // 9 letters: two typos
		{"imfirmeira", ""},          // three typos
		{"enfirmier", "infirmier"},  // 9 letters: a first-letter typo, two
		{"enfirmeir", ""},           // a first-letter typo and a swap: three
		{"plomb", "plombier"},       // the last word is a prefix
		{"plomb x", ""},             // another word is not
		{"Infirmière", "infirmier"}, // accents, capitals and gender
	} {
		if got := first(ix, tt.typed); got != tt.want {
			t.Errorf("%q: first %q, want %q", tt.typed, got, tt.want)
		}
	}
}

// TestRanking checks title > alias > summary > ROME job title > body,
// then completeness, then the documents' order.
func TestRanking(t *testing.T) {
	ix := Build([]Doc{
		doc("body", "Un", "", "", "", "soudure au quotidien"),
		doc("job", "Deux", "", "", "soudure"),
		doc("about", "Trois", "", "soudure"),
		doc("alias", "Quatre", "soudure"),
		doc("title", "Soudure"),
	})
	res := ix.Search(text.Parse("soudure"), 0)
	var got []string
	for _, m := range res.Matches {
		got = append(got, m.Key)
	}
	if strings.Join(got, " ") != "title alias about job body" {
		t.Errorf("order %v", got)
	}
	full := doc("full", "Soudeur")
	full.Weight = 3
	ix = Build([]Doc{doc("bare", "Soudeur"), full, doc("also", "Soudeur")})
	if got := first(ix, "soudeur"); got != "full" {
		t.Errorf("the fuller fiche should come first, got %q", got)
	}
}

// TestRarity: a rare word found in a summary outweighs a common word
// found in a title.
func TestRarity(t *testing.T) {
	ix := Build([]Doc{
		doc("a", "Vendeur", "", "travailler en magasin", "", "enfants parfois"),
		doc("b", "ATSEM", "", "travailler avec les enfants"),
		doc("c", "Cariste", "", "travailler en entrepôt"),
		doc("d", "Serveur", "", "travailler en salle"),
	})
	if got := first(ix, "travailler avec des enfants"); got != "b" {
		t.Errorf("got %q", got)
	}
}

func TestCorrections(t *testing.T) {
	ix := Build([]Doc{doc("boulanger", "Boulanger·ère", "", "la boulangerie"), doc("dev", "Développeur·euse", "", "", "", "développer, developer")})
	res := ix.Search(text.Parse("boulnger"), 0)
	if len(res.Matches) != 1 || len(res.Corrections) != 1 || !res.Corrections[0].Unambiguous || res.Corrections[0].Terms[0] != "boulanger" {
		t.Fatalf("%+v", res)
	}
	if got := Rewrite("Boulnger", map[int]string{0: "boulanger"}); got != "boulanger" {
		t.Errorf("rewrite %q", got)
	}
	res = ix.Search(text.Parse("developeur"), 0)
	if len(res.Corrections) != 1 || !res.Corrections[0].Unambiguous || res.Corrections[0].Terms[0] != "développeur" {
		t.Errorf("a title's word should win among as near: %+v", res.Corrections)
	}
	if res := ix.Search(text.Parse("boulanger"), 0); len(res.Corrections) != 0 {
		t.Errorf("a known word is no correction: %+v", res.Corrections)
	}
}

// TestLastStrategy: when no document has every word, the last are dropped.
func TestLastStrategy(t *testing.T) {
	ix := Build([]Doc{doc("a", "Cuisinier"), doc("b", "Serveur")})
	res := ix.Search(text.Parse("cuisinier mars"), 0)
	if res.Used != 1 || res.Words != 2 || len(res.Matches) != 1 || res.Matches[0].Key != "a" {
		t.Errorf("%+v", res)
	}
}

func TestSynonymsAfterTypedWord(t *testing.T) {
	ix := Build([]Doc{doc("dir", "Directeur technique"), doc("cto", "Directrice technique", "CTO")})
	if got := first(ix, "cto"); got != "cto" {
		t.Errorf("what was typed should come before its synonyms: %q", got)
	}
	if res := ix.Search(text.Parse("cto"), 0); len(res.Matches) != 2 || res.Matches[1].Whole {
		t.Errorf("%+v", res)
	}
}

func TestRewrite(t *testing.T) {
	for _, tt := range []struct {
		typed string
		fix   map[int]string
		want  string
	}{
		{"travailler avec des enfnts", map[int]string{1: "enfants"}, "travailler avec des enfants"},
		{"Infirmière de nuit", map[int]string{1: ""}, "Infirmière de"},
		{"l'infirmire", map[int]string{0: "infirmière"}, "l infirmière"},
		{"\xff boulnger", map[int]string{0: "boulanger"}, "boulanger"},
	} {
		if got := Rewrite(tt.typed, tt.fix); got != tt.want {
			t.Errorf("Rewrite(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	if got := PlainText(`<h2 id="a">Le métier</h2><p>Il &amp; elle <a href="x">codent</a></p>`); strings.Join(strings.Fields(got), " ") != "Le métier Il & elle codent" {
		t.Errorf("%q", got)
	}
}
