package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequest sends anything a person could type as a path and query
// string: the answer is never a server error.
func FuzzRequest(f *testing.F) {
	srv := mustServer(f, mustDB(f, offersTree()), false)
	for _, seed := range [][2]string{
		{"/metiers", "niveau=bac%2B2&secteur=numerique"},
		{"/metiers", "q=%ff%fe"},
		{"/metiers", "q=\" OR 1=1 --"},
		{"/metiers", "q=NEAR(a b)*"},
		{"/metiers/developpeur-back-end", ""},
		{"/metiers/%2e%2e%2f", ""},
		{"/secteurs/%00", ""},
		{"/pages/a-propos", "x=1"},
		{"/static/../../etc/passwd", ""},
		{"/" + strings.Repeat("a", 5000), ""},
		{"/offres", "q=d%C3%A9v&contrat=cdi&lieu=Lyon&rayon=20&tri=distance&page=2"},
		{"/offres", "page=-1&rayon=9999&teletravail=x&salaire_min=1e9"},
		{"/offres/demo/%ff", ""},
		{"/offres", "q=developeur+Java"}, // a spelling, read from the offers
		{"/offres", "q=infirmire+de+%C2%AB+nuit&teletravail=5"},
		{"/recherche", "q=boulnger&page=2"},
		{"/recherche", "q=%ff%fe&page=-1"},
		{"/recherche/suggestions", "q=dev%C3%A9lopeuse"},
		{"/offres", "rome=a1425&q=x"},
		{"/quiz", "r1=2&s1=0&i2=1"},
		{"/selection", "m=infirmier&m=%ff&m=INFIRMIER&s=q%3D%25ff%26contrat%3Dcdi&s=%3B%3B"},
		{"/selection/qr.svg", "m=infirmier&s=q%3Dx"},
		{"/metiers/infirmier/qr.svg", ""},
		{"/quiz/resultat", "s1=2&s2=2&i1=2&a1=2&r3=0&niveau=bac%2B5"},
		{"/quiz/resultat", "profil=SIA&niveau=cap"},
		{"/quiz/resultat", "profil=%ff&r1=%00"},
		{"/interets/centres/aider-les-autres", ""},
		{"/interets/rome/22", ""},
		{"/interets/s", ""},
		{"/comparer", "m=developpeur-back-end&m=infirmier&m=developpeur-front-end"},
		{"/comparer", "m=%ff&m=%00&m=INFIRMIER&m=developpeur-backend"},
		{"/api/v1/fiches", "niveau=bac%2B2&secteur=numerique"},
		{"/api/v1/fiches", "secteur=%ff&niveau=%00"},
		{"/api/v1/fiches/developpeur-back-end", ""},
		{"/api/v1/fiches/developpeur-backend", "x=1"},
		{"/api/v1/fiches/%2e%2e%2f", ""},
		{"/api/v1/offres", "q=d%C3%A9v&contrat=cdi&contrat=CDD&lieu=Lyon&rayon=20&tri=distance&page=2"},
		{"/api/v1/offres", "page=101&rayon=9999&teletravail=x&salaire_min=35k&experience=-1"},
		{"/api/v1/offres", "q=cdi+alternance+lyon&metier=%ff&rome=m1805"},
		{"/api/v1/offres/local/o1", ""},
		{"/api/v1/offres/local/o4", ""},
		{"/api/v1/offres/%ff/%00", ""},
		{"/api/v1/openapi.json", ""},
		{"/api/v1/" + strings.Repeat("x/", 300), ""},
		{"/offres.atom", "q=d%C3%A9v&contrat=cdi&lieu=Lyon&rayon=20&page=-3&rome=Z9999"},
		{"/sitemap-1.xml", ""},
		{"/sitemap-%ff.xml", "x=1"},
		{"/sitemap-99999999999999999999.xml", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		u := &url.URL{Path: "/" + strings.TrimPrefix(path, "/"), RawQuery: query}
		req, err := http.NewRequest(http.MethodGet, u.String(), nil)
		if err != nil {
			return // not a request a browser could send
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s: %d\n%s", u, rec.Code, rec.Body.String())
		}
		if ct := rec.Header().Get("Content-Type"); strings.HasPrefix(u.Path, "/api/v1/") && rec.Code >= 400 && ct != "application/problem+json" {
			t.Fatalf("GET %s: %d as %q, not a problem", u, rec.Code, ct)
		}
		if rec.Header().Get("Content-Security-Policy") == "" {
			t.Fatalf("GET %s: no CSP", u)
		}
	})
}
