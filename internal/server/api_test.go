package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/server"
	"vocation/internal/store"
	"vocation/web"
)

// apiClient asks the API and checks every request and response against
// the OpenAPI document the server itself serves.
type apiClient struct {
	t   *testing.T
	srv http.Handler
	v   validator.Validator
}

func newAPIClient(t *testing.T, srv http.Handler) *apiClient {
	t.Helper()
	r := get(t, srv, "/api/v1/openapi.json")
	if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("openapi.json: %d %q", r.status, r.header.Get("Content-Type"))
	}
	doc, err := libopenapi.NewDocument([]byte(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Fatalf("OpenAPI %s, want 3.1.0", v)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("document: %s: %s", e.Message, e.Reason)
		}
		t.FailNow()
	}
	return &apiClient{t, srv, v}
}

// get asks target and fails unless the answer has the status and matches
// the document; it decodes the body into out when out is not nil.
func (a *apiClient) get(target string, status int, out any, headers ...string) response {
	a.t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	a.srv.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(body))
	if res.StatusCode != status {
		a.t.Fatalf("GET %s: %d, want %d\n%s", target, res.StatusCode, status, body)
	}
	if ok, errs := a.v.ValidateHttpRequestResponse(req, res); !ok {
		for _, e := range errs {
			a.t.Errorf("GET %s: %s: %s", target, e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				a.t.Errorf("  %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			a.t.Fatalf("GET %s: %v", target, err)
		}
	}
	return response{res.StatusCode, res.Header, string(body)}
}

type apiFacet struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

type apiSearch struct {
	Total   int `json:"total"`
	Pages   int `json:"pages"`
	Results []struct {
		Source, ID, Title string
		Path              string `json:"path"`
	} `json:"results"`
	Facets map[string][]apiFacet `json:"facets"`
}

var facetCount = regexp.MustCompile(`>([^<>]+) <span class="n">\(([\d\s\x{202f}\x{a0}]+)\)</span>`)
var titleCount = regexp.MustCompile(`<title>[^<]*\(([\d\x{202f}]+)\) · Vocation</title>`)

func digits(s string) int {
	n, _ := strconv.Atoi(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s))
	return n
}

// The API's offer search is the page's: for the same parameters, the
// same total, the same offers in the same order and the same facet counts.
func TestAPIOffersAreThePageFigures(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	api := newAPIClient(t, srv)
	for _, q := range []string{
		"", "q=developpeur", "q=developpeur&contrat=cdi", "lieu=Lyon&rayon=10", "lieu=69001", "q=cdi",
		"metier=developpeur-back-end&teletravail=1&salaire_min=30000&experience=0&lieu=Lyon&rayon=10",
		"q=d%C3%A9veloppeur+lyon", "tri=date", "q=zzzz", "contrat=cdi&contrat=stage", "q=developpeur+69003",
	} {
		t.Run(q, func(t *testing.T) {
			page := get(t, srv, "/offres?"+q)
			if page.status != 200 {
				t.Fatalf("page: %d", page.status)
			}
			var got apiSearch
			api.get("/api/v1/offres?"+q, 200, &got)
			m := titleCount.FindStringSubmatch(page.body)
			if m == nil || digits(m[1]) != got.Total {
				t.Errorf("total %d, page's title says %v", got.Total, m)
			}
			var paths []string
			for _, r := range got.Results {
				paths = append(paths, `href="`+r.Path+`"`)
			}
			at := 0
			for _, p := range paths {
				i := strings.Index(page.body[at:], p)
				if i < 0 {
					t.Errorf("result %s not on the page, or not in the API's order", p)
					break
				}
				at += i
			}
			onPage := map[string]int{}
			for _, m := range facetCount.FindAllStringSubmatch(page.body, -1) {
				onPage[html.UnescapeString(strings.TrimSpace(m[1]))] = digits(m[2])
			}
			n := 0
			for name, facets := range got.Facets {
				for _, f := range facets {
					n++
					if c, ok := onPage[f.Label]; !ok || c != f.Count {
						t.Errorf("facet %s %q: %d, page shows %d (%v)", name, f.Label, f.Count, c, ok)
					}
				}
			}
			if n != len(onPage) {
				t.Errorf("%d facet values, the page shows %d", n, len(onPage))
			}
		})
	}
}

// A fiche's data are its page's: the salaries as given and per year.
func TestAPIFicheIsThePage(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	api := newAPIClient(t, srv)
	var list struct {
		Total  int `json:"total"`
		Fiches []struct {
			Slug    string `json:"slug"`
			APIPath string `json:"api_path"`
		} `json:"fiches"`
	}
	for q, want := range map[string]int{"": 3, "?niveau=bac%2B3": 1, "?secteur=numerique&niveau=bac%2B5": 2, "?secteur=sante": 1} {
		api.get("/api/v1/fiches"+q, 200, &list)
		page := get(t, srv, "/metiers"+q)
		if list.Total != want || len(list.Fiches) != want || !strings.Contains(page.body, web.Plural(want, "fiche", "fiches")) {
			t.Errorf("%s: %d fiches, want %d as the page", q, list.Total, want)
		}
		for _, f := range list.Fiches {
			if !strings.Contains(page.body, `href="/metiers/`+f.Slug+`"`) {
				t.Errorf("%s: %s not on the page", q, f.Slug)
			}
		}
	}
	var f struct {
		Slug     string `json:"slug"`
		Salaries []struct {
			Min, Max  int
			Unit      string
			OpenEnded bool `json:"open_ended"`
			AnnualMin int  `json:"annual_min"`
			AnnualMax int  `json:"annual_max"`
		} `json:"salaries"`
		Related []struct {
			Slug string  `json:"slug"`
			Path *string `json:"path"`
		} `json:"related"`
		Trainings []struct{ Title string } `json:"trainings"`
		Sources   []struct{ ID, Publisher string }
		Riasec    []string `json:"riasec"`
	}
	api.get("/api/v1/fiches/developpeur-back-end", 200, &f)
	page := get(t, srv, "/metiers/developpeur-back-end").body
	if len(f.Salaries) != 4 || len(f.Trainings) != 2 || len(f.Sources) != 2 || strings.Join(f.Riasec, "") != "IC" {
		t.Fatalf("fiche: %+v", f)
	}
	units := map[string]string{"year": "par an", "month": "par mois", "day": "par jour"}
	for _, s := range f.Salaries {
		var given, annual string
		switch {
		case s.OpenEnded:
			given, annual = web.Euros(s.Min)+" et plus "+units[s.Unit], web.Euros(s.AnnualMin)+" et plus par an"
		case s.Min == s.Max:
			given, annual = web.Euros(s.Min)+" "+units[s.Unit], web.Euros(s.AnnualMin)+" par an"
		default:
			given, annual = web.Euros(s.Min)+" à "+web.Euros(s.Max)+" "+units[s.Unit], web.Euros(s.AnnualMin)+" à "+web.Euros(s.AnnualMax)+" par an"
		}
		if !strings.Contains(page, given) || !strings.Contains(page, annual) {
			t.Errorf("band %+v: page lacks %q or %q", s, given, annual)
		}
	}
	published := 0
	for _, r := range f.Related {
		if r.Path != nil {
			published++
			if !strings.Contains(page, `href="`+*r.Path+`"`) {
				t.Errorf("related %s not linked on the page", r.Slug)
			}
		}
	}
	if len(f.Related) != 3 || published != 1 {
		t.Errorf("related: %+v", f.Related)
	}
	// An old name moves; a draft is not there.
	if r := api.get("/api/v1/fiches/developpeur-backend", 301, nil); r.header.Get("Location") != "/api/v1/fiches/developpeur-back-end" {
		t.Errorf("redirect to %q", r.header.Get("Location"))
	}
	api.get("/api/v1/fiches/brouillon", 404, nil)
}

// The observed salaries of a fiche are those of its page.
func TestAPIObservedSalaries(t *testing.T) {
	srv := mustServer(t, mustDemoDB(t, 3000), false)
	api := newAPIClient(t, srv)
	var list struct {
		Fiches []struct{ Slug string } `json:"fiches"`
	}
	api.get("/api/v1/fiches", 200, &list)
	seen := 0
	for _, fi := range list.Fiches {
		var f struct {
			Observed *struct {
				Offers int `json:"offers"`
				Q1     int `json:"q1"`
				Median int `json:"median"`
				Q3     int `json:"q3"`
			} `json:"observed_salaries"`
		}
		api.get("/api/v1/fiches/"+fi.Slug, 200, &f)
		page := get(t, srv, "/metiers/"+fi.Slug).body
		if f.Observed == nil {
			if strings.Contains(page, `id="salaires-observes"`) {
				t.Errorf("%s: page has observed salaries, the API none", fi.Slug)
			}
			continue
		}
		seen++
		if !strings.Contains(page, web.Euros(f.Observed.Q1)) || !strings.Contains(page, web.Euros(f.Observed.Q3)) ||
			!strings.Contains(page, web.Euros(f.Observed.Median)) || !strings.Contains(page, web.Plural(f.Observed.Offers, "offre", "offres")) {
			t.Errorf("%s: median %d of %d offers not on the page", fi.Slug, f.Observed.Median, f.Observed.Offers)
		}
	}
	if seen == 0 {
		t.Fatal("no fiche has observed salaries: the test tests nothing")
	}
}

func TestAPIOffer(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	api := newAPIClient(t, srv)
	var o struct {
		Title  string `json:"title"`
		Salary struct {
			AnnualMin int `json:"annual_min"`
		} `json:"salary"`
		RemoteDays int `json:"remote_days"`
		Fiches     []struct{ Slug string }
	}
	api.get("/api/v1/offres/local/o1", 200, &o)
	if o.Title != "Développeuse back-end" || o.Salary.AnnualMin != 40000 || o.RemoteDays != 2 || len(o.Fiches) != 1 || o.Fiches[0].Slug != "developpeur-back-end" {
		t.Errorf("offer: %+v", o)
	}
	api.get("/api/v1/offres/local/o2", 200, nil)
	api.get("/api/v1/offres/local/o4", 410, nil) // expired
	api.get("/api/v1/offres/local/nope", 404, nil)
	api.get("/api/v1/offres/%ff/x", 404, nil)
}

// Errors are problems naming the parameter at fault, whatever the
// client accepts.
func TestAPIErrorsNameTheParameter(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	api := newAPIClient(t, srv)
	for target, param := range map[string]string{
		"/api/v1/offres?contrat=cdx":            "contrat",
		"/api/v1/offres?page=0":                 "page",
		"/api/v1/offres?rayon=abc":              "rayon",
		"/api/v1/offres?teletravail=9":          "teletravail",
		"/api/v1/offres?experience=-1":          "experience",
		"/api/v1/offres?salaire_min=1e9":        "salaire_min",
		"/api/v1/offres?tri=prix":               "tri",
		"/api/v1/offres?rome=Z9999":             "rome",
		"/api/v1/offres?rome=A0000":             "rome",
		"/api/v1/offres?metier=inconnu":         "metier",
		"/api/v1/fiches?niveau=bac%2B4":         "niveau",
		"/api/v1/fiches?secteur=inconnu":        "secteur",
		"/api/v1/fiches?secteur=%ff&niveau=bac": "secteur",
	} {
		var p struct {
			Status        int    `json:"status"`
			Detail        string `json:"detail"`
			InvalidParams []struct {
				Name string `json:"name"`
			} `json:"invalid_params"`
		}
		r := api.get(target, 400, &p, "Accept", "text/html")
		if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s: %q", target, ct)
		}
		if p.Status != 400 || p.Detail == "" || len(p.InvalidParams) != 1 || p.InvalidParams[0].Name != param {
			t.Errorf("%s: %s", target, r.body)
		}
	}
	if r := get(t, srv, "/api/v1/nulle-part"); r.status != 404 || r.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown address: %d %q", r.status, r.header.Get("Content-Type"))
	}
}

func TestAPIETagAndCORS(t *testing.T) {
	srv := mustServer(t, mustDB(t, offersTree()), false)
	api := newAPIClient(t, srv)
	for _, target := range []string{"/api/v1/fiches", "/api/v1/fiches/infirmier", "/api/v1/offres?q=developpeur", "/api/v1/offres/local/o1", "/api/v1/openapi.json"} {
		r := api.get(target, 200, nil, "Origin", "https://ailleurs.example")
		tag := r.header.Get("Etag")
		if tag == "" || r.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: ETag %q, CORS %q", target, tag, r.header.Get("Access-Control-Allow-Origin"))
			continue
		}
		if r := api.get(target, 304, nil, "If-None-Match", tag); r.body != "" {
			t.Errorf("%s: 304 with a body", target)
		}
		api.get(target, 200, nil, "If-None-Match", `"autre"`)
	}
	// Compressed when the client accepts it, with the same tag and JSON.
	plain := get(t, srv, "/api/v1/fiches")
	r := get(t, srv, "/api/v1/fiches", "Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(strings.NewReader(r.body))
	if err != nil || r.header.Get("Content-Encoding") != "gzip" || r.header.Get("Etag") != plain.header.Get("Etag") {
		t.Fatalf("gzip: %v, %q, tag %q", err, r.header.Get("Content-Encoding"), r.header.Get("Etag"))
	}
	if unzipped, err := io.ReadAll(zr); err != nil || string(unzipped) != plain.body {
		t.Errorf("gzip: another body (%v)", err)
	}
	if r := get(t, srv, "/api/v1/fiches", "Accept-Encoding", "gzip", "If-None-Match", plain.header.Get("Etag")); r.status != 304 || r.body != "" {
		t.Errorf("gzip revalidation: %d, %d bytes", r.status, len(r.body))
	}
	req := httptest.NewRequest(http.MethodOptions, "/api/v1/offres", nil)
	req.Header.Set("Origin", "https://ailleurs.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "if-none-match")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}
}

// The shipped fiches and a demo feed answer as the document says: every
// fiche, and searches with every facet value of the first page.
func TestAPIShippedContent(t *testing.T) {
	site, probs := content.Load(os.DirFS("../../content"), "content", fiche.NewMarkdown(), server.ReservedSlugs())
	if site == nil {
		t.Fatal(probs)
	}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "vocation.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Import(context.Background(), site); err != nil {
		t.Fatal(err)
	}
	var feed bytes.Buffer
	if err := offer.Generate(&feed, 2000, 1); err != nil {
		t.Fatal(err)
	}
	var oprobs problem.List
	if _, err := db.ImportOffers(context.Background(), offer.DecodeJSONL("demo.jsonl", &feed, &oprobs), ""); err != nil || oprobs.HasErrors() {
		t.Fatal(err, oprobs)
	}
	srv := mustServer(t, db, false)
	api := newAPIClient(t, srv)
	var list struct {
		Fiches []struct{ Slug string } `json:"fiches"`
	}
	api.get("/api/v1/fiches", 200, &list)
	if len(list.Fiches) < 10 {
		t.Fatalf("%d fiches", len(list.Fiches))
	}
	for _, f := range list.Fiches {
		api.get("/api/v1/fiches/"+f.Slug, 200, nil)
	}
	var all apiSearch
	api.get("/api/v1/offres", 200, &all)
	if all.Total == 0 {
		t.Fatal("no offers")
	}
	for _, r := range all.Results {
		api.get("/api/v1"+r.Path, 200, nil)
	}
	params := map[string]string{"contracts": "contrat", "remote_days": "teletravail", "experience_years": "experience", "metiers": "metier", "places": "lieu"}
	for name, facets := range all.Facets {
		for _, f := range facets[:min(len(facets), 5)] {
			api.get("/api/v1/offres?tri=salaire&"+params[name]+"="+url.QueryEscape(f.Value), 200, nil)
		}
	}
}
