package server_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

func TestQuizForm(t *testing.T) {
	srv := mustServer(t, mustDB(t, interestsTree()), false)
	r := get(t, srv, "/quiz")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	for _, s := range []string{`<form action="/quiz/resultat" method="get">`, "<legend>Réparer un vélo ou un appareil en panne</legend>",
		"Ce quiz n’est pas un test", "conseiller", "Rien n’est enregistré"} {
		if !strings.Contains(r.body, s) {
			t.Errorf("lacks %q", s)
		}
	}
	if n := strings.Count(r.body, `<fieldset class="quiz-item">`); n != 36 {
		t.Errorf("%d statements", n)
	}
	if n := strings.Count(r.body, `type="radio"`); n != 108 {
		t.Errorf("%d radio buttons", n)
	}
	if strings.Contains(r.body, "checked") {
		t.Error("a blank quiz has an answer checked")
	}
	// The header's search suggestions are the page's only script: the
	// quiz itself needs none.
	if n := strings.Count(r.body, "<script"); n != strings.Count(r.body, `<script src="/static/js/combobox.`) {
		t.Errorf("%d scripts besides the search suggestions'", n)
	}
}

var editLink = regexp.MustCompile(`<a href="([^"]*)">Modifier mes réponses</a>`)

// A result's "Modifier mes réponses" reopens the quiz with exactly the
// answers given, and submitting it again gives the same result.
func TestQuizRoundTrip(t *testing.T) {
	srv := mustServer(t, mustDB(t, interestsTree()), false)
	answers := map[string]string{"s1": "2", "s2": "2", "i1": "2", "a1": "2", "r3": "0", "c6": "1"}
	q := "utm_source=courriel"
	for id, v := range answers {
		q += "&" + id + "=" + v
	}
	res := get(t, srv, "/quiz/resultat?"+q)
	if res.status != 200 || !strings.Contains(res.body, "Ton profil&#160;: SIA") {
		t.Fatalf("status %d, profile missing:\n%s", res.status, res.body)
	}
	m := editLink.FindStringSubmatch(res.body)
	if m == nil {
		t.Fatal("no edit link")
	}
	edit := html.UnescapeString(m[1])
	if edit != "/quiz?a1=2&c6=1&i1=2&r3=0&s1=2&s2=2" {
		t.Errorf("edit link %q", edit)
	}
	form := get(t, srv, edit)
	if n := strings.Count(form.body, " checked"); n != len(answers) {
		t.Errorf("%d answers checked, want %d", n, len(answers))
	}
	for id, v := range answers {
		if want := `id="` + id + `-` + v + `" name="` + id + `" value="` + v + `" checked`; !strings.Contains(form.body, want) {
			t.Errorf("lacks %s", want)
		}
	}
	// The level filter carries the answers.
	for id, v := range answers {
		if want := `<input type="hidden" name="` + id + `" value="` + v + `">`; !strings.Contains(res.body, want) {
			t.Errorf("lacks %s", want)
		}
	}
	again := get(t, srv, "/quiz/resultat?"+strings.TrimPrefix(edit, "/quiz?"))
	if again.body != res.body {
		t.Error("the reopened answers give another result")
	}
}

// The ranking against SIA, computed by hand: Éducateur S, A, E: 3×3 + 1×2
// = 11; Accompagnant and Aide à domicile S, R: 9, in French title order;
// Aboyeur de théâtre and Animateur A, S: 1×3 + 3×2 = 9, after them since
// their first letter comes later in SIA, though Aboyeur sorts first; Plombier R, I, S: 2×2 + 3×1 = 7;
// Développeur·euse back-end I, C: 2×3 = 6. The others have no letter.
func TestQuizRanking(t *testing.T) {
	srv := mustServer(t, mustDB(t, interestsTree()), false)
	r := get(t, srv, "/quiz/resultat?profil=SIA")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	appearInOrder(t, r.body, "<h1>Ton profil&#160;: SIA</h1>",
		"Éducateur</a>", "S, A, E · 11 points sur 14",
		"Accompagnant</a>", "S, R · 9 points sur 14",
		"Aide à domicile</a>", "S, R · 9 points sur 14",
		"Aboyeur de théâtre</a>", "A, S · 9 points sur 14",
		"Animateur</a>", "A, S · 9 points sur 14",
		"Plombier</a>", "R, I, S · 7 points sur 14",
		"Développeur·euse back-end</a>", "I, C · 6 points sur 14", `href="/offres?metier=developpeur-back-end"`)
	for _, s := range []string{"7 métiers ont", "Ce quiz n’est pas un test", `href="/interets/S"`, "Faire le quiz toi-même", `<input type="hidden" name="profil" value="SIA">`} {
		if !strings.Contains(r.body, s) {
			t.Errorf("lacks %q", s)
		}
	}
	if strings.Contains(r.body, "Zoologiste") || strings.Contains(r.body, "Infirmier") || strings.Contains(r.body, "Tes points par type") {
		t.Error("a draft, a fiche without letters or answers' points are shown")
	}
	if n := strings.Count(r.body, `href="/offres?metier=`); n != 1 {
		t.Errorf("%d offers links, only the back-end developer has a ROME code", n)
	}
	checkPage(t, srv, "/quiz/resultat?profil=sia&niveau=cap", 200, []string{"Ton profil&#160;: SIA", "1 métier accessibles au niveau CAP", "Plombier"}, []string{"Éducateur"})
	checkPage(t, srv, "/quiz/resultat?profil=C&niveau=cap", 200, []string{"Aucun métier accessible à ce niveau", `href="/quiz/resultat?profil=C"`}, nil)
	checkPage(t, srv, "/quiz/resultat?profil=E", 200, []string{"1 métier a", "Éducateur", "3 points sur 9"}, []string{"Plombier"})
}

func TestQuizNoProfile(t *testing.T) {
	srv := mustServer(t, mustDB(t, interestsTree()), false)
	checkPage(t, srv, "/quiz/resultat", 200, []string{"Tu n’as répondu à aucune phrase", `href="/quiz"`}, []string{"Ton profil"})
	checkPage(t, srv, "/quiz/resultat?utm=x", 200, []string{"Tu n’as répondu à aucune phrase"}, nil)
	checkPage(t, srv, "/quiz/resultat?r1=0&s1=1&c2=0", 200, []string{"«\u00a0j’aime\u00a0» à aucune phrase", `href="/quiz?c2=0&amp;r1=0&amp;s1=1"`}, []string{"Ton profil"})
}

func TestQuizBadInput(t *testing.T) {
	srv := mustServer(t, mustDB(t, interestsTree()), false)
	for path, want := range map[string]string{
		"/quiz/resultat?profil=SSA":                           "qu’une fois",
		"/quiz/resultat?profil=XYZ":                           "R, I, A, S, E et C",
		"/quiz/resultat?profil=":                              "1 à 3 lettres",
		"/quiz/resultat?profil=SIAE":                          "1 à 3 lettres",
		"/quiz/resultat?profil=%ff":                           "R, I, A, S, E et C",
		"/quiz/resultat?profil=" + strings.Repeat("S", 10000): "1 à 3 lettres",
		"/quiz/resultat?r1=5":                                 "paramètre r1",
		"/quiz/resultat?s3=%ff%fe%00":                         "paramètre s3",
		"/quiz/resultat?c6=" + strings.Repeat("é", 10000):     "paramètre c6",
		"/quiz/resultat?profil=SIA&niveau=bac%2B4":            "bac+4",
		"/quiz/resultat?s1=2&niveau=%ff":                      "n’existe pas",
		"/quiz?r1=oui":                                        "paramètre r1",
	} {
		t.Run(path[:min(len(path), 60)], func(t *testing.T) {
			checkPage(t, srv, path, 400, []string{want}, []string{"\xff"})
		})
	}
}
