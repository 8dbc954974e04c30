package offer

import (
	"bytes"
	"strings"
	"testing"

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
		if o.Source != "demo" || !o.HasGeo || o.Departement() == "" || o.Rome == "" {
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
