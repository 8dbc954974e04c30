package server_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// formValues is what submitting the /offres form as served would send, as
// a browser builds it: checked boxes and buttons that are not disabled,
// and every other field, empty ones and defaults left out.
func formValues(t *testing.T, body string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var form *html.Node
	for n := range doc.Descendants() {
		if class, _ := attr(n, "class"); n.Data == "form" && class == "offer-search" {
			form = n
		}
	}
	if form == nil {
		t.Fatal("no offer-search form")
	}
	v := url.Values{}
	for n := range form.Descendants() {
		name, named := attr(n, "name")
		if n.Type != html.ElementNode || n.Data != "input" || !named {
			continue
		}
		value, _ := attr(n, "value")
		_, checked := attr(n, "checked")
		_, disabled := attr(n, "disabled")
		kind, _ := attr(n, "type")
		if disabled || ((kind == "checkbox" || kind == "radio") && !checked) {
			continue
		}
		if value != "" && !(name == "rayon" && value == "0") && !(name == "tri" && value == "pertinence") {
			v[name] = append(v[name], value)
		}
	}
	for _, vals := range v {
		slices.Sort(vals)
	}
	return v
}

// TestOffersFormKeepsTheSearch: the filters form of a search sends that
// same search back, whichever parameters it sets, even those its controls
// do not offer (a radius or an experience typed in an address).
func TestOffersFormKeepsTheSearch(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	for _, query := range []string{
		"",
		"q=developpeur",
		"contrat=cdd&contrat=cdi&experience=2&lieu=Lyon&metier=developpeur-back-end&q=d%C3%A9veloppeur&rayon=20&salaire_min=30000&teletravail=1&tri=date",
		"experience=3&lieu=Lyon&rayon=30",
		"lieu=Lyon&q=java&tel_quel=1",
		"contrat=freelance&teletravail=5",
	} {
		r := get(t, srv, "/offres?"+query)
		if r.status != 200 {
			t.Fatalf("%s: status %d", query, r.status)
		}
		if got := formValues(t, r.body).Encode(); got != query {
			t.Errorf("the form of /offres?%s sends\n%s", query, got)
		}
	}
}

// TestOffersFilterChips: each active filter is a link that removes it
// alone, and the folded filters say how many are active.
func TestOffersFilterChips(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	checkPage(t, srv, "/offres?q=developpeur&contrat=cdi&teletravail=1", 200, []string{
		`<summary>Filtres (<span id="filtres-n">2 actifs</span>)</summary>`,
		`<a class="filter-chip" href="/offres?q=developpeur&amp;teletravail=1" aria-label="Retirer le filtre CDI">CDI`,
		`<a class="filter-chip" href="/offres?contrat=cdi&amp;q=developpeur" aria-label="Retirer le filtre télétravail 1 jour ou plus par semaine">`,
		// the counts of the checked box and of the others
		`<input type="checkbox" id="f-contrat-cdi" name="contrat" value="cdi" checked> <span>CDI <span class="n">(1)</span>`,
		`<input type="checkbox" id="f-contrat-cdd" name="contrat" value="cdd" disabled> <span class="zero">CDD <span class="n">(0)</span>`,
	}, nil)
	checkPage(t, srv, "/offres?q=developpeur", 200, []string{`<summary>Filtres (<span id="filtres-n">aucun actif</span>)</summary>`}, []string{`class="filter-chip"`})
	checkPage(t, srv, "/offres?metier=developpeur-back-end", 200, []string{`<summary>Filtres (<span id="filtres-n">1 actif</span>)</summary>`}, nil)
}

// TestOfferPageKeyFactsFirst: the offer page opens on what decides
// whether to apply (contract, place, salary, date), then « Postuler »,
// then the rest.
func TestOfferPageKeyFactsFirst(t *testing.T) {
	files := offersTree()
	files["offres/local.jsonl"] += offerJSON("a1", "Boulangère", "cdi",
		`,"url":"https://emploi.example/offres/1","company":"Fournil","city":"Lyon","postcode":"69003","salary_min":24000,"salary_unit":"year","remote_days":1,"experience_years":2`) + "\n"
	srv := mustServer(t, mustDB(t, files), false)
	r := get(t, srv, "/offres/local/a1")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	inOrder(t, r.body, []string{`<h1 id="offre-titre">Boulangère</h1>`, `<dl class="offer-key">`, "<dt>Contrat</dt><dd>CDI</dd>", "<dt>Lieu</dt>",
		"<dt>Salaire</dt>", "<dt>Publiée le</dt>", "Postuler sur le site de l’annonceur", "<dt>Entreprise</dt><dd>Fournil</dd>",
		"<dt>Télétravail</dt>", "<dt>Expérience</dt>", "<h2>Description</h2>"})
}

// TestOfferFiltersFoldMetiersWithoutOffers: beyond a few, the métiers
// that would give nothing are folded after the others, still listed.
func TestOfferFiltersFoldMetiersWithoutOffers(t *testing.T) {
	files := offersTree()
	for i := range 6 {
		slug := fmt.Sprintf("agriculteur-%d", i)
		files["metiers/"+slug+".md"] = ficheSrc(fmt.Sprintf("Agriculteur %d", i), "rome: [A1414]\n", "## Le métier\n\nTexte.\n")
	}
	srv := mustServer(t, mustDB(t, files), false)
	r := get(t, srv, "/offres")
	inOrder(t, r.body, []string{`value="developpeur-back-end"> <span>Développeur·euse back-end <span class="n">(2)</span>`,
		`<details class="zeros"><summary>Sans offre pour cette recherche (6)</summary>`, `value="agriculteur-0" disabled>`, `value="agriculteur-5" disabled>`, "</details></fieldset>"})
	// the métier chosen stays unfolded, with its 0
	checkPage(t, srv, "/offres?metier=agriculteur-3", 200, []string{`value="agriculteur-3" checked> <span>Agriculteur 3 <span class="n">(0)</span>`}, nil)
}
