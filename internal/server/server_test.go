package server_test

import (
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/server"
	"vocation/internal/store"
)

const sectors = `- key: numerique
  label: Numérique, informatique
  description: Concevoir et faire fonctionner les logiciels.
- key: sante
  label: Santé
  description: Soigner et accompagner.
`

func ficheSrc(title, extra, body string) string {
	return "---\ntitle: " + title + "\nsummary: Un résumé assez long pour passer la validation.\nsector: numerique\naccess: [bac+2, bac+5]\nupdated: 2025-06-01\n" +
		extra + "---\n" + body
}

// testTree is a small site that exercises every page type and rule.
func testTree() map[string]string {
	return map[string]string{
		"secteurs.yaml": sectors,
		"metiers/developpeur-back-end.md": ficheSrc("Développeur·euse back-end", `aliases: [dev back, développeuse back-end]
previous_slugs: [developpeur-backend]
related: [developpeur-front-end, brouillon, inexistant]
riasec: [I, C]
tools: [Python, PostgreSQL]
sources:
  - id: onisep
    publisher: Onisep
    title: Dans mon job
    accessed: 2026-12-02
  - id: estim
    publisher: Rédaction Vocation
    date: 2026-12
videos:
  - {title: Une journée au serveur, url: "https://video.example/1", publisher: Onisep TV, duration: 4 min}
salaries:
  - {level: debutant, min: 2000, max: 2000, unit: month, source: onisep}
  - {level: non-precise, min: 2917, max: 5833, unit: month, source: onisep}
  - {level: confirme, min: 43000, max: 55000, unit: year, region: province}
  - {level: expert, min: 650, max: 650, unit: day, status: freelance, open_ended: true, source: estim}
trainings:
  - {level: bac+2, title: BTS SIO option SLAM, kind: public, apprenticeship: true}
  - {level: bac+5, title: Epitech, kind: private, cost: "8 000 à 10 000 € par an (2024)", url: "https://www.epitech.eu/"}
`, "## Le métier\n\nIl code le serveur.\n\n## Salaire et évolution\n\nBien.\n\n<script>alert('xss')</script>\n\n[piège](javascript:alert(1))\n"),
		"metiers/developpeur-front-end.md": ficheSrc("Développeur·euse front-end", "", "## Le métier\n\nIl code l’interface.\n"),
		"metiers/brouillon.md":             ficheSrc("Zoologiste en brouillon", "draft: true\n", "## Le métier\n\nPas fini.\n"),
		"metiers/infirmier.md":             strings.Replace(ficheSrc("Infirmier·ère", "", "## Le métier\n\nSoigne.\n"), "sector: numerique\naccess: [bac+2, bac+5]", "sector: sante\naccess: [bac+3]", 1),
		"pages/a-propos.md":                "---\ntitle: À propos\n---\nVocation explique les métiers.\n",
	}
}

func mapFS(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for k, v := range files {
		fs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fs
}

func mustSite(t testing.TB, files map[string]string) *content.Site {
	t.Helper()
	site, probs := content.Load(mapFS(files), "content", fiche.NewMarkdown(), server.ReservedSlugs())
	if site == nil {
		t.Fatalf("test content invalid: %v", probs)
	}
	return site
}

func mustDB(t testing.TB, files map[string]string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "vocation.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Import(context.Background(), mustSite(t, files)); err != nil {
		t.Fatal(err)
	}
	return db
}

func mustServer(t testing.TB, db *store.DB, dev bool) *server.Server {
	t.Helper()
	offers := startOffers(t, db)
	// Searches would wait 3 s for the first index: on a loaded machine a
	// build can take longer, and a test would see a 503 it does not test.
	<-offers.Ready()
	srv, err := server.New(context.Background(), db, offers, quiet(), server.Options{Dev: dev})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(t testing.TB, h http.Handler, target string, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

func TestPages(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	tests := []struct {
		path     string
		status   int
		contains []string
		lacks    []string
	}{
		{"/", 200, []string{`<html lang="fr">`, "Numérique, informatique", `href="/secteurs/sante"`, "Développeur·euse back-end", `action="/recherche"`}, []string{"Zoologiste"}},
		{"/metiers", 200, []string{"3 fiches", `href="/metiers/infirmier"`, `id="lettre-d"`, `href="#lettre-i"`}, []string{"Zoologiste"}},
		{"/metiers?niveau=bac%2B3", 200, []string{"1 fiche", "Infirmier·ère", `selected`}, []string{`href="/metiers/developpeur-front-end"`}},
		{"/metiers?secteur=numerique&niveau=bac%2B5", 200, []string{"2 fiches", "Développeur·euse front-end"}, []string{`href="/metiers/infirmier"`}},
		{"/recherche?q=DEVELOPPEUSE", 200, []string{"2 fiches", "Développeur·euse back-end", "Développeur·euse front-end"}, nil},
		{"/recherche?q=zzzz", 200, []string{"Aucune fiche pour «&#160;zzzz&#160;»"}, nil},
		{"/metiers?niveau=bac%2B4", 400, []string{"bac+4", "n’existe pas"}, nil},
		{"/metiers?secteur=inconnu", 400, []string{"inconnu"}, nil},
		{"/metiers/developpeur-back-end", 200, []string{
			"<h1 id=\"fiche-titre\">Développeur·euse back-end</h1>",
			"<dt>Aussi appelé</dt>", "<dd>dev back et développeuse back-end</dd>",
			`href="#salaire-et-evolution"`, `<h2 id="salaire-et-evolution">`,
			`<a href="/interets/I">Investigateur (I)</a> et  <a href="/interets/C">Conventionnel (C)</a>`,
			"2\u202f000\u00a0€ par mois", "24\u202f000\u00a0€ par an", // monthly band as given and per year
			"650\u00a0€ et plus par jour", "141\u202f700\u00a0€ et plus par an", // day rate x 218
			"<svg", `role="img"`, "estimation",
			"BTS SIO option SLAM", "En alternance possible", "8 000 à 10 000 € par an (2024)", `href="https://www.epitech.eu/"`,
			`href="/metiers/developpeur-front-end"`, "<li>Inexistant</li>", "<li>Brouillon</li>",
			"Mis à jour le <time datetime=\"2025-06-01\">1er juin 2025</time>",
			"consulté le 2 décembre 2026", "(décembre 2026)", // accessed, date
			`<a href="https://video.example/1">Une journée au serveur</a>`, "Onisep TV", `href="#videos-du-metier"`,
			"Niveau d’expérience non précisé",
			"<dt>Outils et technologies</dt>", "Python et PostgreSQL",
		}, []string{"<iframe", "<video", "<script>alert", `href="javascript:`, `href="/metiers/brouillon"`, `href="/metiers/inexistant"`}},
		{"/metiers/brouillon", 404, []string{"Page introuvable"}, []string{"Pas fini"}},
		{"/metiers/nexiste-pas", 404, []string{"Page introuvable", `<html lang="fr">`}, nil},
		{"/metiers/%ff", 404, nil, nil},
		{"/metiers/..%2f..%2fetc%2fpasswd", 404, nil, nil},
		{"/secteurs", 200, []string{"Santé", "Numérique, informatique"}, nil},
		{"/secteurs/sante", 200, []string{"Infirmier·ère", "1 fiche"}, []string{"front-end"}},
		{"/secteurs/inconnu", 404, nil, nil},
		{"/a-propos", 200, []string{"<h1>À propos</h1>", "Vocation explique les métiers."}, nil},
		{"/nulle-part", 404, nil, nil},
		{"/static/css/site.css", 404, nil, nil},
		{"/recherche?q=" + strings.Repeat("é", 10000), 200, nil, nil},
		{"/recherche?q=%ff%fe%00", 200, nil, nil},
		{"/metiers?niveau=%ff", 400, nil, nil},
		{"/recherche?q=%22%27%3Cscript%3E", 200, []string{"&lt;script&gt;"}, []string{"<script>"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			checkPage(t, srv, tt.path, tt.status, tt.contains, tt.lacks)
		})
	}
}

// checkPage gets path and checks its status, that it is HTML, and what its
// body must and must not hold.
func checkPage(t *testing.T, srv http.Handler, path string, status int, contains, lacks []string) {
	t.Helper()
	r := get(t, srv, path)
	if r.status != status {
		t.Fatalf("status %d, want %d\n%s", r.status, status, r.body[:min(len(r.body), 300)])
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	for _, s := range contains {
		if !strings.Contains(r.body, s) {
			t.Errorf("body lacks %q", s)
		}
	}
	for _, s := range lacks {
		if strings.Contains(r.body, s) {
			t.Errorf("body contains %q", s)
		}
	}
}

func TestRedirects(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	for path, want := range map[string]string{
		"/metiers/developpeur-backend": "/metiers/developpeur-back-end",
		"/pages/a-propos":              "/a-propos",
		"/metiers/":                    "/metiers",
		"/metiers?q=d%C3%A9v+back":     "/recherche?q=d%C3%A9v+back",
		"/metiers?q=x&niveau=bac":      "/recherche?q=x",
	} {
		for range 2 { // the second answer comes from the cache
			r := get(t, srv, path)
			if r.status != http.StatusMovedPermanently || r.header.Get("Location") != want {
				t.Errorf("%s: %d to %q, want 301 to %q", path, r.status, r.header.Get("Location"), want)
			}
		}
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	home := get(t, srv, "/")
	css := home.body[strings.Index(home.body, "/static/css/"):]
	css = css[:strings.Index(css, `"`)]
	for _, path := range []string{"/", "/metiers/developpeur-back-end", "/metiers/nope", "/metiers/developpeur-backend", "/metiers?niveau=x", "/metiers/", css} {
		r := get(t, srv, path)
		csp := r.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || !strings.Contains(csp, "script-src 'self';") {
			t.Errorf("%s: CSP %q allows inline code or scripts from elsewhere", path, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, r.header)
		}
		if inlineScript(r.body) || strings.Contains(r.body, "style=") || strings.Contains(r.body, "<style") {
			t.Errorf("%s: inline script or style in the page", path)
		}
	}
	r := get(t, srv, css)
	if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet %s: %d %v", css, r.status, r.header)
	}
}

func TestETagGzipAnd304(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	const path = "/metiers/developpeur-back-end"
	plain := get(t, srv, path)
	zipped := get(t, srv, path, "Accept-Encoding", "gzip, deflate, br")
	if zipped.header.Get("Content-Encoding") != "gzip" || plain.header.Get("Content-Encoding") != "" {
		t.Fatalf("encodings: plain %q, zipped %q", plain.header.Get("Content-Encoding"), zipped.header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(strings.NewReader(zipped.body))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if string(unzipped) != plain.body {
		t.Error("gzip body differs from the plain body")
	}
	if plain.header.Get("ETag") == "" || plain.header.Get("ETag") == zipped.header.Get("ETag") {
		t.Errorf("ETags: plain %q, gzip %q", plain.header.Get("ETag"), zipped.header.Get("ETag"))
	}
	if got := get(t, srv, path, "If-None-Match", plain.header.Get("ETag")); got.status != http.StatusNotModified || got.body != "" {
		t.Errorf("If-None-Match: %d, %d bytes", got.status, len(got.body))
	}
	if got := get(t, srv, path, "Accept-Encoding", "gzip;q=0"); got.header.Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 still got gzip")
	}
	if got := get(t, srv, path, "If-None-Match", `"autre"`); got.status != 200 {
		t.Errorf("stale ETag answered %d", got.status)
	}
}

func TestDraftsOnlyInDev(t *testing.T) {
	dev := mustServer(t, mustDB(t, testTree()), true)
	r := get(t, dev, "/metiers/brouillon")
	if r.status != 200 || !strings.Contains(r.body, "Brouillon") || !strings.Contains(r.body, "Pas fini") {
		t.Errorf("dev draft: %d", r.status)
	}
	if r := get(t, dev, "/metiers"); !strings.Contains(r.body, "Zoologiste en brouillon") {
		t.Error("dev list hides the draft")
	}
	dev.ContentChanged([]string{"content/metiers/x.md:3: sector: unknown sector"})
	if r := get(t, dev, "/"); !strings.Contains(r.body, "content/metiers/x.md:3: sector: unknown sector") || !strings.Contains(r.body, `role="alert"`) {
		t.Error("dev banner missing")
	}
	prod := mustServer(t, mustDB(t, testTree()), false)
	prod.ContentChanged([]string{"should not show"})
	if r := get(t, prod, "/"); strings.Contains(r.body, "should not show") {
		t.Error("banner shown outside dev")
	}
}

func TestMethodsAndBodies(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	req := httptest.NewRequest(http.MethodPost, "/metiers", strings.NewReader(strings.Repeat("x", 1<<20)))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed && rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("POST with a huge body: %d", rec.Code)
	}
	req = httptest.NewRequest(http.MethodHead, "/metiers/developpeur-back-end", nil)
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes", rec.Code, rec.Body.Len())
	}
}

func TestDeploymentOptions(t *testing.T) {
	db := mustDB(t, testTree())
	local := mustServer(t, db, false)
	r := get(t, local, "/metiers/developpeur-back-end")
	if strings.Contains(r.body, `rel="canonical"`) || r.header.Get("Strict-Transport-Security") != "" {
		t.Error("without a public URL and HSTS, no canonical link and no HSTS header")
	}
	if r.header.Get("X-Xss-Protection") != "1; mode=block" {
		t.Errorf("X-XSS-Protection %q", r.header.Get("X-Xss-Protection"))
	}
	srv, err := server.New(context.Background(), db, startOffers(t, db), quiet(),
		server.Options{HSTS: true, PublicURL: "https://vocation.example"})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/metiers/developpeur-back-end", "/metiers/nope"} {
		r := get(t, srv, path)
		if !strings.HasPrefix(r.header.Get("Strict-Transport-Security"), "max-age=") {
			t.Errorf("%s: no HSTS", path)
		}
	}
	r = get(t, srv, "/metiers/developpeur-back-end", "Host", "evil.example")
	if !strings.Contains(r.body, `<link rel="canonical" href="https://vocation.example/metiers/developpeur-back-end">`) || strings.Contains(r.body, "evil") {
		t.Error("canonical link not built from the public URL")
	}
	if r := get(t, srv, "/metiers/nope"); strings.Contains(r.body, `rel="canonical"`) {
		t.Error("a 404 page has a canonical link")
	}
}

func sleep() { time.Sleep(20 * time.Millisecond) }

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// startOffers starts building db's offer index, as the program does.
func startOffers(t testing.TB, db *store.DB) *offerindex.Live {
	live := offerindex.NewLive(db, quiet())
	live.Start(t.Context())
	return live
}

// inlineScript reports a script element without a src: the site's scripts
// are all files of its own. A schema.org JSON-LD block is data no browser
// runs, and the only other kind allowed.
func inlineScript(body string) bool {
	for rest := body; ; {
		i := strings.Index(rest, "<script")
		if i < 0 {
			return false
		}
		rest = rest[i:]
		end := strings.IndexByte(rest, '>')
		if end < 0 || !strings.Contains(rest[:end], ` src="/static/js/`) && rest[:end] != `<script type="application/ld+json"` {
			return true
		}
		rest = rest[end:]
	}
}
