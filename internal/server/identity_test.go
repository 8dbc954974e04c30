package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"vocation/internal/server"
	"vocation/web"
)

// The home page has one search box, the header's left out, then a way in
// for each RIASEC type, the quiz, each study level that has fiches, each
// sector with its count, the latest fiches and the current offers.
func TestHomeWaysIn(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	r := get(t, srv, "/")
	if r.status != http.StatusOK {
		t.Fatalf("/: %d", r.status)
	}
	if n := strings.Count(r.body, `type="search"`); n != 1 {
		t.Errorf("%d search boxes, want 1", n)
	}
	for _, want := range []string{
		`href="/interets/R"`, `href="/interets/I"`, `href="/interets/A"`, `href="/interets/S"`, `href="/interets/E"`, `href="/interets/C"`,
		`href="/quiz"`,
		`href="/metiers?niveau=bac%2B2"`, `href="/metiers?niveau=bac%2B3"`, `href="/metiers?niveau=bac%2B5"`,
		`href="/secteurs/numerique"`, `href="/secteurs/sante"`, "2 fiches", "1 fiche",
		`href="/metiers/developpeur-back-end"`,
		`href="/offres"`, "Voir les 3 offres en ce moment",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	// Rendered once per generation, like every page route.
	if !server.Kept(srv, "/") {
		t.Error("the home page is not kept")
	}
	// A level no fiche has is no way in.
	if strings.Contains(r.body, `href="/metiers?niveau=cap"`) {
		t.Error("home links to a level without fiches")
	}
	// The header keeps its box everywhere else.
	if n := strings.Count(get(t, srv, "/metiers").body, `type="search"`); n != 1 {
		t.Errorf("/metiers: %d search boxes, want the header's", n)
	}
}

// A 404 whose address reads as words suggests the fiches nearest them,
// with the search box filled in with them, and a way home; any other 404
// is the one plain page.
func TestNotFoundSuggestsNearest(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	r := get(t, srv, "/metiers/infirmeir")
	if r.status != http.StatusNotFound {
		t.Fatalf("/metiers/infirmeir: %d", r.status)
	}
	for _, want := range []string{"Tu cherchais peut-être", `href="/metiers/infirmier"`, `value="infirmeir"`, `action="/recherche"`, `href="/"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("404 lacks %s", want)
		}
	}
	if strings.Contains(r.body, `href="/metiers/developpeur-front-end"`) {
		t.Error("404 suggests a fiche far from the words")
	}
	if n := strings.Count(r.body, `type="search"`); n != 1 {
		t.Errorf("404: %d search boxes, want 1", n)
	}
	for _, path := range []string{"/metiers/zzzzzz", "/static/nope.css", "/metiers/1234"} {
		r := get(t, srv, path)
		if r.status != http.StatusNotFound || strings.Contains(r.body, "Tu cherchais") || !strings.Contains(r.body, `action="/recherche"`) {
			t.Errorf("%s: %d, suggestions or no search box", path, r.status)
		}
	}
}

// An expired offer's page lists the current offers of its métier and
// has a search of offers and a way home.
func TestGoneListsCurrentOffers(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	r := get(t, srv, "/offres/local/o4")
	if r.status != http.StatusGone {
		t.Fatalf("expired offer: %d", r.status)
	}
	for _, want := range []string{"Offres actuelles pour ce métier", `href="/offres/local/o1"`, `href="/offres/local/o2"`, `action="/offres"`, `href="/"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("410 lacks %s", want)
		}
	}
	if strings.Contains(r.body, `href="/offres/local/o3"`) {
		t.Error("410 lists an offer of another métier")
	}
	if n := strings.Count(r.body, `type="search"`); n != 1 {
		t.Errorf("410: %d search boxes, want 1", n)
	}
}

// Every icon a page uses is a symbol of the one sprite, served under its
// hashed address, and the sprite holds the icons web/icons.go names.
func TestIconSprite(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	home := get(t, srv, "/")
	uses := regexp.MustCompile(`<use href="(/static/img/icons\.[0-9a-f]+\.svg)#([a-z-]+)"`).FindAllStringSubmatch(home.body, -1)
	if len(uses) < 10 {
		t.Fatalf("home uses %d icons", len(uses))
	}
	sprite := get(t, srv, uses[0][1])
	if sprite.status != http.StatusOK || sprite.header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("%s: %d %s", uses[0][1], sprite.status, sprite.header.Get("Content-Type"))
	}
	has := func(id string) bool { return strings.Contains(sprite.body, `<symbol id="`+id+`"`) }
	for _, u := range uses {
		if u[1] != uses[0][1] || !has(u[2]) {
			t.Errorf("home uses %s#%s, not in the sprite", u[1], u[2])
		}
	}
	for _, name := range append(web.IconNames(), "vocation") {
		if !has(name) {
			t.Errorf("the sprite lacks %q: run make icons", name)
		}
	}
	if n, want := strings.Count(sprite.body, "<symbol "), len(web.IconNames())+1; n != want {
		t.Errorf("the sprite has %d symbols, want %d: run make icons", n, want)
	}
	for _, key := range []string{"numerique", "sante-social", "btp", "agriculture-environnement"} {
		if web.SectorIcon(key) == web.SectorIcon("nope") {
			t.Errorf("sector %s has no icon of its own", key)
		}
	}
}
