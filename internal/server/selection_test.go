package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"vocation/internal/server"
)

func selectionServer(t *testing.T) *server.Server {
	t.Helper()
	db := mustDB(t, testTree())
	offers := startOffers(t, db)
	<-offers.Ready()
	srv, err := server.New(context.Background(), db, offers, quiet(), server.Options{PublicURL: publicURL})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func TestSelectionPage(t *testing.T) {
	srv := selectionServer(t)
	checkPage(t, srv, "/selection?m=infirmier&m=developpeur-back-end&m=infirmier&s=q%3Dboulanger%26contrat%3Dcdi", 200, []string{
		"<title>Ma sélection de métiers · Vocation</title>",
		"2 fiches métiers et 1 recherche d’offres",
		// in the order asked, duplicates collapsed
		`<h2 id="fiche-1"><a href="/metiers/infirmier">Infirmier·ère</a></h2>`,
		`<h2 id="fiche-2"><a href="/metiers/developpeur-back-end">Développeur·euse back-end</a></h2>`,
		"<dd>Bac+3</dd>", "<dd>Bac+2 et Bac+5</dd>",
		// salaries at a glance, per year
		"De 24\u202f000\u00a0€ à 69\u202f996\u00a0€ brut par an", "Pas de chiffre dans la fiche.",
		`<a href="/offres?contrat=cdi&amp;q=boulanger">Offres d’emploi : « boulanger », CDI</a>`,
		// removing one keeps the rest
		`href="/selection?m=developpeur-back-end&amp;s=contrat%3Dcdi%26q%3Dboulanger"`,
		// its own address and QR code, absolute
		`<img src="/selection/qr.svg?m=infirmier&amp;m=developpeur-back-end&amp;s=contrat%3Dcdi%26q%3Dboulanger"`,
		publicURL + "/selection?m=infirmier&amp;m=developpeur-back-end&amp;s=contrat%3Dcdi%26q%3Dboulanger",
		// the form that adds one carries the selection along
		`<input type="hidden" name="m" value="infirmier">`, `<option value="developpeur-front-end">`,
		`<a href="/comparer?m=infirmier&amp;m=developpeur-back-end">Comparer ces 2 métiers côte à côte</a>`,
	}, []string{`<option value="infirmier">`, "n’existe"})
}

func TestSelectionMissingFiches(t *testing.T) {
	srv := selectionServer(t)
	// an unknown name, a draft, a name no fiche can have, and an old name
	// that follows its fiche
	checkPage(t, srv, "/selection?m=nexiste-pas&m=brouillon&m=%3Cb%3E&m=developpeur-backend", 200, []string{
		"Ce lien nomme 3 fiches qui n’existent pas ou plus",
		"«\u00a0nexiste-pas\u00a0»", "«\u00a0brouillon\u00a0»", "«\u00a0&lt;b&gt;\u00a0»",
		`<a href="/metiers/developpeur-back-end">Développeur·euse back-end</a>`,
		"/selection/qr.svg?m=developpeur-back-end\"",
	}, []string{"<b>"})
	checkPage(t, srv, "/selection", 200, []string{"Ta sélection est vide"}, []string{"qr.svg"})
}

func TestSelectionLimits(t *testing.T) {
	srv := selectionServer(t)
	var many []string
	for i := range 13 {
		many = append(many, "m=fiche-"+strconv.Itoa(i))
	}
	for _, path := range []string{"/selection?" + strings.Join(many, "&"), "/selection/qr.svg?" + strings.Join(many, "&")} {
		r := get(t, srv, path)
		if r.status != 400 || !strings.Contains(r.body, "au plus 12 fiches") {
			t.Errorf("%s: status %d\n%s", path, r.status, r.body)
		}
	}
	// twelve, unknown as they are, is a selection
	if r := get(t, srv, "/selection?"+strings.Join(many[:12], "&")); r.status != 200 {
		t.Errorf("12 fiches: status %d", r.status)
	}
	r := get(t, srv, "/selection?"+strings.Join(many, "&"), "Accept", "application/json")
	var p struct {
		Status int
		Detail string
	}
	if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.header.Get("Content-Type") != "application/problem+json" || p.Status != 400 ||
		!strings.Contains(p.Detail, "au plus 12 fiches") {
		t.Errorf("JSON client: %s %v %+v", r.header.Get("Content-Type"), err, p)
	}
	// six long searches make an address no QR code holds: said, not a 500
	long := "/selection?m=infirmier" + strings.Repeat("&s=q%3D"+strings.Repeat("%C3%A9", 80), 6)
	checkPage(t, srv, long, 200, []string{"trop longue pour tenir dans un code QR"}, []string{"qr.svg"})
	if r := get(t, srv, strings.Replace(long, "/selection", "/selection/qr.svg", 1)); r.status != 400 {
		t.Errorf("QR code of a long selection: status %d", r.status)
	}
	searches := strings.Repeat("&s=q%3Dx", 7)
	if r := get(t, srv, "/selection?m=infirmier"+searches); r.status != 400 || !strings.Contains(r.body, "au plus 6 recherches") {
		t.Errorf("7 searches: status %d", r.status)
	}
}

func TestQRCodesDecode(t *testing.T) {
	srv := selectionServer(t)
	for path, want := range map[string]string{
		"/selection/qr.svg?m=infirmier&m=developpeur-back-end&s=q%3Dboulanger": publicURL + "/selection?m=infirmier&m=developpeur-back-end&s=q%3Dboulanger",
		"/metiers/infirmier/qr.svg": publicURL + "/metiers/infirmier",
	} {
		r := get(t, srv, path)
		if r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("%s: status %d, %s", path, r.status, r.header.Get("Content-Type"))
		}
		if got := decodeQR(t, r.body); got != want {
			t.Errorf("%s decodes to %q, want %q", path, got, want)
		}
	}
	for _, path := range []string{"/metiers/nexiste-pas/qr.svg", "/metiers/brouillon/qr.svg"} {
		if r := get(t, srv, path); r.status != 404 {
			t.Errorf("%s: status %d", path, r.status)
		}
	}
}

var run = regexp.MustCompile(`M(\d+) (\d+)h(\d+)`)

// decodeQR draws the SVG's modules, 8 pixels each, and reads them back
// with a QR reader that knows nothing of how they were drawn.
func decodeQR(t *testing.T, svg string) string {
	t.Helper()
	view := regexp.MustCompile(`viewBox="0 0 (\d+) `).FindStringSubmatch(svg)
	if view == nil {
		t.Fatalf("no viewBox in %.200s", svg)
	}
	size, _ := strconv.Atoi(view[1])
	const px = 8
	img := image.NewGray(image.Rect(0, 0, size*px, size*px))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for _, m := range run.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		for dy := range px {
			for dx := range n * px {
				img.SetGray(x*px+dx, y*px+dy, color.Gray{})
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return fmt.Sprint(res.GetText())
}

func TestAddToSelection(t *testing.T) {
	srv := selectionServer(t)
	checkPage(t, srv, "/metiers/infirmier", 200, []string{
		`<form class="add-selection" action="/selection" method="get"><input type="hidden" name="m" value="infirmier"> <button type="submit">Ajouter à ma sélection</button></form>`,
		// on paper, the way back to the fiche
		`<img src="/metiers/infirmier/qr.svg"`, "Cette fiche en ligne, à jour&#160;: " + publicURL + "/metiers/infirmier",
		// a section can be sent by its address
		`<a class="section-link" href="#le-metier" aria-label="Lien vers cette section">#</a>`,
	}, nil)
	for _, path := range []string{"/metiers", "/recherche?q=developpeur"} {
		checkPage(t, srv, path, 200, []string{`<button type="submit" formaction="/selection">Ajouter à ma sélection</button>`,
			`<script src="/static/js/selection.`}, nil)
	}
}

// TestEverySectionLinksToItself: every section of a fiche, written in
// Markdown or built from its front matter (salaries, trainings, related
// métiers, sources), has a visible link to itself that a counselor can
// copy, e.g. /metiers/x#parcours-formation.
func TestEverySectionLinksToItself(t *testing.T) {
	srv := selectionServer(t)
	body := get(t, srv, "/metiers/developpeur-back-end").body
	headings := regexp.MustCompile(`<h2 id="([^"]+)"[^>]*>(.*?)</h2>`).FindAllStringSubmatch(body, -1)
	built := 0
	for _, h := range headings {
		if h[1] == "essentiel" || h[1] == "sommaire" {
			continue // the key facts and the menu are not sections to send
		}
		if !strings.Contains(h[2], `class="section-link" href="#`+h[1]+`"`) {
			t.Errorf("section %q has no link to itself: %s", h[1], h[2])
		}
		if h[1] == "parcours-formation" || h[1] == "sources-de-la-fiche" {
			built++
		}
	}
	if built != 2 {
		t.Fatalf("the trainings and sources sections are missing from the page (%d of 2)", built)
	}
}
