package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"weak"

	"vocation/internal/offer"
	"vocation/internal/offerindex"
	"vocation/internal/problem"
	"vocation/internal/server"
	"vocation/internal/store"
)

func offerJSON(id, title, contract, extra string) string {
	return `{"id":"` + id + `","title":"` + title + `","description":"Une offre de test.","contract":"` + contract + `","published":"2026-11-0` + id[len(id)-1:] + `"` + extra + `}`
}

// offersTree is the test site plus offers: native and France Travail.
func offersTree() map[string]string {
	files := testTree()
	files["metiers/developpeur-back-end.md"] = strings.Replace(files["metiers/developpeur-back-end.md"], "riasec: [I, C]", "riasec: [I, C]\nrome: [M1805]", 1)
	files["offres/local.jsonl"] = strings.Join([]string{
		offerJSON("o1", "Développeuse back-end", "cdi", `,"city":"Lyon","postcode":"69003","lat":45.76,"lon":4.84,"remote_days":2,"rome":"M1805","salary_min":40000,"salary_max":45000,"salary_unit":"year"`),
		offerJSON("o2", "Développeur Java", "cdd", `,"city":"Paris","postcode":"75010","lat":48.87,"lon":2.36,"rome":"M1805","experience_years":3`),
		offerJSON("o3", "Infirmière de nuit", "cdi", `,"city":"Villeurbanne","postcode":"69100","lat":45.77,"lon":4.89,"rome":"J1506"`),
		offerJSON("o4", "Développeur <script>alert(1)</script>", "stage", `,"city":"Lyon","postcode":"69003","rome":"M1805","expires":"2026-02-01"`),
	}, "\n") + "\n"
	return files
}

func TestOfferSearchPage(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	tests := []struct {
		path     string
		status   int
		contains []string
		lacks    []string
	}{
		{"/offres", 200, []string{"3 offres", "Développeuse back-end", "Infirmière de nuit", "<title>Offres d’emploi (3) · Vocation</title>"}, []string{"alert(1)"}},
		{"/offres?q=developpeur", 200, []string{"2 offres", "Développeuse back-end", "Développeur Java", "<title>Offres d’emploi : developpeur (2)"}, []string{"Infirmière de nuit"}},
		{"/offres?q=infirmier", 200, []string{"1 offre", "Infirmière de nuit"}, nil},
		{"/offres?q=developpeur&contrat=cdi", 200, []string{"1 offre", "Développeuse back-end",
			// the contract facet counts ignore the contract filter itself
			`CDD <span class="n">(1)</span>`, `CDI <span class="n">(1)</span>`, `Stage <span class="n">(0)</span>`}, []string{"Développeur Java</a>"}},
		{"/offres?lieu=Lyon&rayon=10", 200, []string{"2 offres", "Villeurbanne"}, []string{"Développeur Java"}},
		{"/offres?lieu=69", 200, []string{"2 offres"}, nil},
		{"/offres?lieu=69003", 200, []string{"1 offre"}, nil},
		{"/offres?lieu=Atlantide", 200, []string{"Lieu « Atlantide » introuvable", "3 offres"}, []string{"à Atlantide"}},
		// a postcode no offer names: its département
		{"/offres?lieu=69001", 200, []string{"2 offres", "Aucune offre au code postal 69001 : voici celles du département 69.", "<title>Offres d’emploi à 69001 (2)"}, nil},
		{"/offres?lieu=69&rayon=20", 200, []string{"2 offres", "la recherche porte sur tout le département 69."}, nil},
		// a shared search says what it is filtered by
		{"/offres?metier=developpeur-back-end&teletravail=1&salaire_min=30000&experience=0&lieu=Lyon&rayon=10", 200, []string{
			"<title>Offres d’emploi : Développeur·euse back-end à Lyon (1)",
			"Retirer le filtre métier Développeur·euse back-end", "Retirer le filtre télétravail 1 jour ou plus par semaine",
			"Retirer le filtre salaire minimum 30\u202f000\u00a0€ par an", "Retirer le filtre expérience : débutant accepté", "Retirer le filtre Lyon (10 km)"}, nil},
		// a métier that would give nothing is shown with its 0, not hidden
		{"/offres?q=infirmiere", 200, []string{"1 offre", `<span class="zero">Développeur·euse back-end <span class="n">(0)</span></span>`}, nil},
		{"/offres?metier=developpeur-back-end", 200, []string{"2 offres"}, []string{"Infirmière de nuit"}},
		{"/offres?salaire_min=42000", 200, []string{"1 offre", "Développeuse back-end"}, nil},
		{"/offres?teletravail=1", 200, []string{"1 offre"}, nil},
		{"/offres?experience=0", 200, []string{"2 offres"}, []string{"Développeur Java"}},
		{"/offres?q=developpeur&tri=date", 200, []string{"2 offres"}, nil},
		// why nothing was found: unknown words, words never together, filters
		{"/offres?q=zzzz", 200, []string{"0 offre", "Aucune offre ne contient le mot « zzzz »."}, nil},
		{"/offres?q=Zzzz+java+yyy-x", 200, []string{"Aucune offre ne contient les mots « Zzzz » ni « yyy-x »."}, nil},
		{"/offres?q=infirmi%C3%A8re+java", 200, []string{"0 offre", "Aucune offre ne contient tous ces mots à la fois."}, nil},
		{"/offres?contrat=freelance", 200, []string{"0 offre", "Aucune offre ne passe tous les filtres choisis."}, nil},
		{"/offres?q=developpeur&contrat=stage", 200, []string{"0 offre", "Des offres contiennent ces mots, mais aucune ne passe tous les filtres choisis.", "sans le filtre contrat (2 offres)"}, nil},
		{"/offres?q=developpeur&lieu=Lyon", 200, []string{"1 offre"}, nil},
		// a typo: the nearest spelling with results, as a link
		// written as the offers write it, the other words as typed
		{"/offres?q=developeur+Java", 200, []string{"0 offre", "« développeur Java » (1 offre)", `href="/offres?q=d%C3%A9veloppeur+Java"`}, nil},
		{"/offres?q=infirmire+de+nuit", 200, []string{"0 offre", "« infirmière de nuit » (1 offre)"}, nil},
		{"/offres?q=nuit+infirmire", 200, []string{"0 offre", "« nuit infirmière » (1 offre)"}, nil},
		// a typo and a filter that leaves nothing: the spelling without filters
		{"/offres?q=developeur+Java&contrat=stage&teletravail=1", 200, []string{"0 offre", "« développeur Java » sans les filtres (1 offre)", `href="/offres?q=d%C3%A9veloppeur+Java"`}, nil},
		{"/offres?q=java&lieu=Lyon&rayon=10", 200, []string{"0 offre", "sans le filtre lieu (1 offre)"}, nil},
		{"/offres?q=developpeur&teletravail=5", 200, []string{"0 offre", "sans le filtre télétravail (2 offres)"}, nil},
		// Anything a person can type: never a 500.
		{"/offres?page=0", 400, []string{"Page"}, nil},
		{"/offres?page=-3", 400, nil, nil},
		{"/offres?page=99999999999999999999", 400, nil, nil},
		{"/offres?rayon=abc", 400, []string{"Rayon"}, nil},
		{"/offres?contrat=CDII", 400, []string{"Contrat"}, nil},
		// as people type them: capitals, accents, spaces between thousands, k
		{"/offres?contrat=CDI&q=developpeur", 200, []string{"1 offre", "Retirer le filtre CDI"}, nil},
		{"/offres?contrat=Int%C3%A9rim", 200, []string{"0 offre", "Retirer le filtre Intérim"}, nil},
		{"/offres?salaire_min=42%C2%A0000+%E2%82%AC", 200, []string{"1 offre", "Développeuse back-end"}, nil},
		{"/offres?salaire_min=42k", 200, []string{"1 offre"}, nil},
		{"/offres?salaire_min=42.000", 200, []string{"1 offre"}, nil},
		{"/offres?salaire_min=4.2", 400, []string{"Salaire minimum", "entre 0 et 500\u202f000"}, nil},
		// a contract typed in the search box is the contract filter
		// among other words, a word, and the filter offered as a link
		{"/offres?q=CDD+developpeur", 200, []string{"0 offre", "« CDD » est aussi un type de contrat : les offres sont cherchées avec ce mot.", "« developpeur » en CDD (1 offre)", `href="/offres?contrat=cdd&amp;q=developpeur"`}, []string{"Retirer le filtre CDD"}},
		{"/offres?q=CDD", 200, []string{"1 offre", "Développeur Java", "« CDD » : les offres sont filtrées par contrat (CDD).", "Retirer le filtre CDD"}, []string{"Développeuse back-end"}},
		{"/offres?q=stage", 200, []string{"0 offre", "« stage » : les offres sont filtrées par contrat (Stage)."}, []string{"« sage »"}},
		{"/offres?tri=prix", 400, nil, nil},
		{"/offres?metier=nope", 400, nil, nil},
		{"/offres?q=%22%20NEAR(a%20b)%20AND%20-x%20title:y%20*", 200, nil, nil},
		{"/offres?q=%27%3B%20DROP%20TABLE%20offers%3B%20--", 200, []string{"0 offre"}, nil},
		{"/offres?q=" + strings.Repeat("d%C3%A9v", 4000), 200, nil, nil},
		{"/offres?q=%ff%fe&lieu=%ff", 200, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path[:min(len(tt.path), 60)], func(t *testing.T) {
			checkPage(t, srv, tt.path, tt.status, tt.contains, tt.lacks)
		})
	}
}

// A shared link to a page the results no longer reach goes to the last
// page there is; the last page says when the pages do not list them all.
func TestPagePastTheEnd(t *testing.T) {
	big := mustServer(t, mustDemoDB(t, 2100), false)
	checkPage(t, big, "/offres?page=100", 200, []string{"Page 100 sur 100", "Seules les 2\u202f000 premières offres sont listées"}, nil)
	checkPage(t, big, "/offres?page=99", 200, nil, []string{"premières offres sont listées"})
	srv := mustServer(t, mustDemoDB(t, 100), false)
	for path, want := range map[string]string{
		"/offres?q=developpeur&page=50": "/offres?q=developpeur",
		"/offres?q=zzzz&page=3":         "/offres?q=zzzz",
		"/offres?page=9&contrat=cdi":    "/offres?contrat=cdi&page=",
	} {
		r := get(t, srv, path)
		if loc := r.header.Get("Location"); r.status != http.StatusFound || !strings.HasPrefix(loc, want) {
			t.Errorf("%s: %d to %q, want 302 to %s...", path, r.status, loc, want)
			continue
		}
		if next := get(t, srv, r.header.Get("Location")); next.status != http.StatusOK || strings.Contains(next.body, "Page suivante") {
			t.Errorf("%s: the page it leads to is not the last one", path)
		}
	}
}

func TestFacetLinksAreShareableSearches(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	r := get(t, srv, "/offres?q=developpeur")
	// The CDD box, ticked, keeps the words and adds the contract.
	if !strings.Contains(r.body, `<input type="checkbox" id="f-contrat-cdd" name="contrat" value="cdd"> <span>CDD <span class="n">(1)</span>`) {
		t.Errorf("no CDD facet box in\n%s", r.body)
	}
	v := formValues(t, r.body)
	v.Add("contrat", "cdd")
	if got := v.Encode(); got != "contrat=cdd&q=developpeur" {
		t.Errorf("ticking CDD sends %s", got)
	}
	if got := get(t, srv, "/offres?contrat=cdd&q=developpeur"); !strings.Contains(got.body, "1 offre") || !strings.Contains(got.body, "Retirer le filtre CDD") {
		t.Error("following the facet link does not give the counted offers")
	}
}

func TestOfferPageAndGone(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	r := get(t, srv, "/offres/local/o1")
	if r.status != 200 || !strings.Contains(r.body, "Développeuse back-end") || !strings.Contains(r.body, `href="/metiers/developpeur-back-end"`) ||
		!strings.Contains(r.body, "40\u202f000\u00a0€ à 45\u202f000\u00a0€ par an") {
		t.Errorf("offer page: %d", r.status)
	}
	gone := get(t, srv, "/offres/local/o4")
	if gone.status != http.StatusGone || !strings.Contains(gone.body, "n’est plus disponible") || !strings.Contains(gone.body, `href="/offres?metier=developpeur-back-end"`) {
		t.Errorf("expired offer: %d", gone.status)
	}
	if strings.Contains(gone.body, "<script>alert") {
		t.Error("offer text not escaped")
	}
	for _, p := range []string{"/offres/local/nope", "/offres/%ff/x", "/offres/local/" + strings.Repeat("x", 300)} {
		if r := get(t, srv, p); r.status != 404 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
}

// A demo offer has no real application: its page says so, with no
// « Postuler » link to the address its feed gives; a real offer keeps it.
func TestDemoOfferHasNoApplyLink(t *testing.T) {
	files := testTree()
	apply := `,"url":"https://emploi.example/offres/1"`
	files["offres/local.jsonl"] = offerJSON("r1", "Boulangère", "cdi", apply) + "\n"
	files["offres/demo.jsonl"] = offerJSON("d1", "Boulangère", "cdi", apply+`,"source":"demo"`) + "\n" +
		offerJSON("d2", "Boulanger H/F", "cdd", apply+`,"source":"demo-exemples"`) + "\n"
	srv := mustServer(t, mustDB(t, files), false)
	checkPage(t, srv, "/offres/local/r1", 200, []string{"Postuler sur le site de l’annonceur", `href="https://emploi.example/offres/1"`}, []string{"Offre de démonstration"})
	for _, path := range []string{"/offres/demo/d1", "/offres/demo-exemples/d2"} {
		checkPage(t, srv, path, 200, []string{"Offre de démonstration", "aucune candidature"}, []string{"Postuler", "emploi.example"})
	}
}

// A monthly salary paid over 13 months shows as given, counts 13 months
// a year, and the salary filter compares that.
func TestSalaryOverThirteenMonths(t *testing.T) {
	files := testTree()
	files["offres/local.jsonl"] = offerJSON("m1", "Technicienne de maintenance", "cdi", `,"salary_min":2000,"salary_unit":"month","salary_months":13`) + "\n"
	srv := mustServer(t, mustDB(t, files), false)
	checkPage(t, srv, "/offres/local/m1", 200, []string{"2\u202f000\u00a0€ par mois sur 13 mois", "26\u202f000\u00a0€ par an"}, nil)
	checkPage(t, srv, "/offres?salaire_min=25000", 200, []string{"1 offre", "par mois sur 13 mois"}, nil)
	checkPage(t, srv, "/offres?salaire_min=26001", 200, []string{"0 offre"}, nil)
}

func TestFicheShowsItsOffers(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	r := get(t, srv, "/metiers/developpeur-back-end")
	if !strings.Contains(r.body, "Offres d’emploi en ce moment") || !strings.Contains(r.body, `href="/offres/local/o1"`) ||
		!strings.Contains(r.body, `href="/offres/local/o2"`) || strings.Contains(r.body, `href="/offres/local/o4"`) ||
		!strings.Contains(r.body, `href="/offres?metier=developpeur-back-end"`) {
		t.Error("the fiche does not list its live offers")
	}
}

// TestOffersImportReachesRunningServer imports more offers through
// another handle: searches see them once the index is rebuilt, and keep
// answering meanwhile.
func TestOffersImportReachesRunningServer(t *testing.T) {
	db := mustDB(t, offersTree())
	srv := mustServer(t, db, false)
	if r := get(t, srv, "/offres?q=boulanger"); !strings.Contains(r.body, "0 offre") {
		t.Fatal("unexpected boulanger")
	}
	o := offer.Offer{Source: "local", ID: "o9", Title: "Boulangère", Description: "Pains.", Contract: "cdi", RemoteDays: -1, ExperienceYears: -1}
	o.Published = o.Published.AddDate(2026, 10, 1)
	if _, err := db.ImportOffers(context.Background(), []offer.Offer{o}, ""); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { return strings.Contains(get(t, srv, "/offres?q=boulanger").body, "1 offre") })
	// --replace-source expires the others of that source.
	if res, err := db.ImportOffers(context.Background(), []offer.Offer{o}, "local"); err != nil || res.Expired != 3 {
		t.Fatalf("replace-source: %+v %v", res, err)
	}
	waitUntil(t, func() bool { return strings.Contains(get(t, srv, "/offres").body, "1 offre") })
	if r := get(t, srv, "/offres/local/o1"); r.status != http.StatusGone {
		t.Errorf("replaced offer answers %d", r.status)
	}
}

// Imports that land one after another, each seen by a search while the
// index of the one before is still building: the last one is searched.
// Enough offers make each build slower than an import.
func TestOffersImportsInARowAreAllSearched(t *testing.T) {
	db := mustDemoDB(t, 1000)
	srv := mustServer(t, db, false)
	const n = 10
	for i := range n {
		o := offer.Offer{Source: "serie", ID: strconv.Itoa(i), Title: "Zythologue", Description: "Bières.", Contract: "cdi", RemoteDays: -1, ExperienceYears: -1}
		o.Published = time.Now().Add(-time.Hour)
		if _, err := db.ImportOffers(context.Background(), []offer.Offer{o}, ""); err != nil {
			t.Fatal(err)
		}
		get(t, srv, "/offres?q=zythologue")
	}
	want := fmt.Sprintf("%d offres", n)
	waitUntil(t, func() bool { return strings.Contains(get(t, srv, "/offres?q=zythologue").body, want) })
}

// mustDemoDB is the test site with n generated offers besides its own:
// enough offers make an index build take a while.
func mustDemoDB(t *testing.T, n int) *store.DB {
	t.Helper()
	db := mustDB(t, offersTree())
	var feed bytes.Buffer
	if err := offer.Generate(&feed, n, 1); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	if _, err := db.ImportOffers(context.Background(), offer.DecodeJSONL("demo.jsonl", &feed, &probs), ""); err != nil || probs.HasErrors() {
		t.Fatal(err, probs)
	}
	return db
}

// waitUntil gives cond 10 s: CI machines can be slow and busy, and a
// condition that holds returns at once.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for range 500 {
		if cond() {
			return
		}
		sleep()
	}
	t.Fatal("condition not met in time")
}

// Right after a start, before the first offer index is built, a search
// answers a clear 503 with Retry-After instead of hanging; once built, 200.
func TestOfferSearchWhileTheFirstIndexBuilds(t *testing.T) {
	db := mustDemoDB(t, 1000)
	// The build waits for the test's word: the first request surely comes
	// before the index, however fast the machine.
	release := make(chan struct{})
	live := offerindex.NewLive(db, quiet())
	live.BeforeBuild = func() { <-release }
	live.Start(t.Context())
	srv, err := server.New(context.Background(), db, live, quiet(), server.Options{OfferIndexWait: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, srv, "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Errorf("/readyz before the index: %d", r.status)
	}
	r := get(t, srv, "/offres?q=infirmier&contrat=cdi")
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || !strings.Contains(r.body, "prépare la recherche des offres") ||
		!strings.Contains(r.body, `href="/offres?q=infirmier&amp;contrat=cdi"`) {
		t.Errorf("before the index: %d %q", r.status, r.header.Get("Retry-After"))
	}
	close(release)
	waitUntil(t, func() bool { return get(t, srv, "/offres?q=infirmier&contrat=cdi").status == http.StatusOK })
	if r := get(t, srv, "/readyz"); r.status != http.StatusOK {
		t.Errorf("/readyz after the index: %d", r.status)
	}
}

// With --offers-rebuild in-place, the old offer index is let go before
// the new one is built: nothing keeps it, so memory never holds two, and
// searches meanwhile answer a clear 503 with Retry-After; pages still
// answer, without their offers.
func TestOffersRebuildInPlace(t *testing.T) {
	db := mustDemoDB(t, 1000)
	live := offerindex.NewLive(db, quiet())
	live.InPlace = true
	var builds atomic.Int32
	building, release := make(chan struct{}), make(chan struct{})
	live.BeforeBuild = func() {
		if builds.Add(1) == 2 {
			close(building)
			<-release
		}
	}
	srv := startWithoutZythologue(t, db, live)
	old := weak.Make(live.Current())
	o := offer.Offer{Source: "local", ID: "z1", Title: "Zythologue", Description: "Bières.", Contract: "cdi", RemoteDays: -1, ExperienceYears: -1}
	// Older than the newest demo offers, newer than the oldest: between two
	// offers that stayed, with no number between them, it takes a build.
	o.Published = time.Date(2026, 10, 20, 9, 30, 0, 0, time.UTC)
	if _, err := db.ImportOffers(context.Background(), []offer.Offer{o}, ""); err != nil {
		t.Fatal(err)
	}
	get(t, srv, "/offres?q=zythologue") // sees the new generation
	<-building
	runtime.GC()
	if old.Value() != nil {
		t.Error("the old index is still reachable while the new one is built")
	}
	r := get(t, srv, "/offres?q=zythologue")
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || !strings.Contains(r.body, "se met à jour") {
		t.Errorf("search during the rebuild: %d %q", r.status, r.header.Get("Retry-After"))
	}
	if r := get(t, srv, "/api/v1/offres?q=zythologue"); r.status != http.StatusServiceUnavailable || r.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("API search during the rebuild: %d %q", r.status, r.header.Get("Content-Type"))
	}
	if r := get(t, srv, "/metiers/developpeur-back-end"); r.status != http.StatusOK {
		t.Errorf("fiche during the rebuild: %d", r.status)
	}
	if r := get(t, srv, "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the rebuild: %d; a load balancer that polls it would send searches here", r.status)
	}
	close(release)
	waitUntil(t, func() bool { return strings.Contains(get(t, srv, "/offres?q=zythologue").body, "1 offre") })
	if r := get(t, srv, "/metiers/developpeur-back-end"); !strings.Contains(r.body, "Offres d’emploi en ce moment") {
		t.Error("the fiche has no offers once the index is back")
	}
	if r := get(t, srv, "/readyz"); r.status != http.StatusOK {
		t.Errorf("/readyz once the index is back: %d", r.status)
	}
}

// startWithoutZythologue starts live and a server on db, once the first
// index is built: it has no offer of a zythologue.
func startWithoutZythologue(t *testing.T, db *store.DB, live *offerindex.Live) *server.Server {
	t.Helper()
	live.Start(t.Context())
	srv, err := server.New(context.Background(), db, live, quiet(), server.Options{OfferIndexWait: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, srv, "/offres?q=zythologue"); r.status != http.StatusOK || !strings.Contains(r.body, "0 offre") {
		t.Fatalf("first index: %d", r.status)
	}
	return srv
}

// An import of a few new offers updates the index: searches never stop,
// even in place, and no build runs.
func TestOffersUpdateWithoutABuild(t *testing.T) {
	db := mustDemoDB(t, 1000)
	live := offerindex.NewLive(db, quiet())
	live.InPlace = true
	var builds atomic.Int32
	live.BeforeBuild = func() { builds.Add(1) }
	srv := startWithoutZythologue(t, db, live)
	o := offer.Offer{Source: "local", ID: "z1", Title: "Zythologue", Description: "Bières.", Contract: "cdi", RemoteDays: -1, ExperienceYears: -1}
	o.Published = time.Now().Add(-time.Hour)
	if _, err := db.ImportOffers(context.Background(), []offer.Offer{o}, ""); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool {
		r := get(t, srv, "/offres?q=zythologue")
		if r.status != http.StatusOK {
			t.Fatalf("search during the update: %d", r.status)
		}
		return strings.Contains(r.body, "1 offre")
	})
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds: the import of one offer was built again, not updated", n)
	}
}
