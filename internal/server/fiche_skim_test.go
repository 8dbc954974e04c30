package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// longFiche has nine salary bands over two levels, nine trainings over
// two levels and thirteen tools: more than a phone should scroll through
// unfolded.
func longFiche() string {
	var b strings.Builder
	b.WriteString("salaries:\n")
	for i := range 9 {
		level := []string{"debutant", "senior"}[i%2]
		fmt.Fprintf(&b, "  - {level: %s, min: %d, max: %d, unit: month, region: paris}\n", level, 2000+i*100, 2500+i*100)
	}
	b.WriteString("trainings:\n")
	for i := range 9 {
		level := []string{"bac+2", "bac+5"}[i%2]
		fmt.Fprintf(&b, "  - {level: %s, title: Formation %d, kind: public}\n", level, i+1)
	}
	b.WriteString("tools: [T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13]\n")
	return ficheSrc("Métier aux longues listes", b.String(), "## Le métier\n\nLong.\n")
}

func TestFicheFoldsLongLists(t *testing.T) {
	tree := testTree()
	tree["metiers/longues-listes.md"] = longFiche()
	srv := mustServer(t, mustDB(t, tree), false)

	long := get(t, srv, "/metiers/longues-listes").body
	if n := strings.Count(long, `<details class="fiche-fold">`); n != 4 {
		t.Errorf("%d folded groups, want 4 (two salary levels, two study levels)", n)
	}
	for _, want := range []string{
		`<summary>Débutant (0 à 2 ans) <span class="fiche-fold-n">(5 fourchettes)</span></summary>`,
		`<summary><h3>Bac+5</h3> <span class="fiche-fold-n">(4 formations)</span></summary>`,
		`<caption class="visually-hidden">Senior (plus de 5 ans)</caption>`,
		`<summary>T1, T2, T3, T4, T5, T6… <span class="fiche-fold-n">(voir les 13)</span></summary><p>T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12 et T13</p>`,
	} {
		if !strings.Contains(long, want) {
			t.Errorf("the long fiche lacks %s", want)
		}
	}

	short := get(t, srv, "/metiers/developpeur-back-end").body
	if strings.Contains(short, `<details class="fiche-fold">`) || strings.Contains(short, "fiche-more") {
		t.Error("a fiche of four bands and two trainings is folded")
	}
	if !strings.Contains(short, "<caption>Débutant (0 à 2 ans)</caption>") || !strings.Contains(short, "<h3>Bac+2</h3>") {
		t.Error("the short fiche lost its captions or level headings")
	}
}

// The tables name the yearly figure first; the phone's second column
// sums up the others: region, status, and the amount when not yearly.
func TestFicheSalaryTableColumns(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	body := get(t, srv, "/metiers/developpeur-back-end").body
	head := `<thead><tr><th scope="col">Par an</th><th scope="col" class="sal-wide">Montant donné</th>`
	if !strings.Contains(body, head) {
		t.Errorf("the salary table does not start with the yearly figure:\n%s", excerpt(body, "<thead>"))
	}
	if !strings.Contains(body, "France · Salarié · donné 2\u202f000\u00a0€ par mois") {
		t.Errorf("the phone column lacks where the monthly band comes from:\n%s", excerpt(body, `class="sal-phone"><span`))
	}
	if !strings.Contains(body, `<td class="sal-phone">Non précisée <span class="band-note">Province · Salarié</span>`) {
		t.Errorf("a yearly band repeats its amount in the phone column:\n%s", excerpt(body, "Province"))
	}
}

// Both section menus list every section: the folded one for phones and
// the one beside the text on wide screens; the chart has its phone layout.
func TestFicheSectionMenusAndPhoneChart(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	body := get(t, srv, "/metiers/developpeur-back-end").body
	phone, wide := excerpt(body, `<nav class="toc-phone"`), excerpt(body, `<nav class="toc"`)
	for _, id := range []string{"le-metier", "salaire-et-evolution", "chiffres-salaires", "parcours-formation", "videos-du-metier", "sources-de-la-fiche"} {
		link := `href="#` + id + `"`
		if !strings.Contains(phone, link) || !strings.Contains(wide, link) {
			t.Errorf("a section menu lacks %s", link)
		}
	}
	if !strings.Contains(phone, `<details><summary>Sommaire <span class="fiche-fold-n">(`) {
		t.Errorf("the phone's section menu is not folded:\n%s", phone)
	}
	if !strings.Contains(body, `<svg class="chart-phone" viewBox="0 0 340 `) || !strings.Contains(body, `aria-labelledby="graphe-titre-court graphe-desc-court"`) {
		t.Error("no phone layout of the salary chart")
	}
}

// excerpt is the 1,500 bytes of body from the first at, for messages.
func excerpt(body, at string) string {
	i := strings.Index(body, at)
	if i < 0 {
		return "(no " + at + ")"
	}
	return body[i:min(len(body), i+1500)]
}
