package server_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"vocation/internal/server"
	"vocation/internal/store"
)

const publicURL = "https://vocation.example"

// publicServer serves files as the site reached at publicURL.
func publicServer(t *testing.T, db *store.DB) *server.Server {
	t.Helper()
	offers := startOffers(t, db)
	<-offers.Ready()
	srv, err := server.New(t.Context(), db, offers, quiet(), server.Options{PublicURL: publicURL})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// jsonLD decodes every schema.org block of a page, by @type.
func jsonLD(t *testing.T, body string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	const open = `<script type="application/ld+json">`
	for rest := body; ; {
		i := strings.Index(rest, open)
		if i < 0 {
			return out
		}
		rest = rest[i+len(open):]
		end := strings.Index(rest, "</script>")
		var v map[string]any
		if err := json.Unmarshal([]byte(rest[:end]), &v); err != nil {
			t.Fatalf("JSON-LD block: %v\n%s", err, rest[:end])
		}
		if v["@context"] != "https://schema.org" {
			t.Errorf("@context %v", v["@context"])
		}
		out[v["@type"].(string)] = v
	}
}

// field reads a value down a path of keys and indexes, as JSON decodes it.
func field(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func TestFicheOccupationData(t *testing.T) {
	srv := publicServer(t, mustDB(t, offersTree()))
	r := get(t, srv, "/metiers/developpeur-back-end")
	blocks := jsonLD(t, r.body)
	occ := blocks["Occupation"]
	if occ == nil {
		t.Fatalf("no Occupation block; blocks %v", blocks)
	}
	type check struct {
		path []any
		want any
	}
	for name, c := range map[string]check{
		"name":             {[]any{"name"}, "Développeur·euse back-end"},
		"description":      {[]any{"description"}, "Un résumé assez long pour passer la validation."},
		"url":              {[]any{"url"}, publicURL + "/metiers/developpeur-back-end"},
		"ROME code":        {[]any{"occupationalCategory", 0, "codeValue"}, "M1805"},
		"ROME set":         {[]any{"occupationalCategory", 0, "inCodeSet", "name"}, "ROME (France Travail)"},
		"education 1":      {[]any{"educationRequirements", 0, "educationalLevel"}, "Bac+2"},
		"education 2":      {[]any{"educationRequirements", 1, "educationalLevel"}, "Bac+5"},
		"credential type":  {[]any{"educationRequirements", 0, "@type"}, "EducationalOccupationalCredential"},
		"skills":           {[]any{"skills"}, []any{"Python", "PostgreSQL"}},
		"band type":        {[]any{"estimatedSalary", 0, "@type"}, "MonetaryAmountDistribution"},
		"band name":        {[]any{"estimatedSalary", 0, "name"}, "Débutant (0 à 2 ans), France, Salarié"},
		"band currency":    {[]any{"estimatedSalary", 0, "currency"}, "EUR"},
		"band duration":    {[]any{"estimatedSalary", 0, "duration"}, "P1Y"},
		"band per year":    {[]any{"estimatedSalary", 0, "minValue"}, 24000.0},
		"band max":         {[]any{"estimatedSalary", 0, "maxValue"}, 24000.0},
		"yearly band":      {[]any{"estimatedSalary", 2, "name"}, "Confirmé (3 à 5 ans), Province, Salarié"},
		"yearly min":       {[]any{"estimatedSalary", 2, "minValue"}, 43000.0},
		"yearly max":       {[]any{"estimatedSalary", 2, "maxValue"}, 55000.0},
		"open-ended max":   {[]any{"estimatedSalary", 3, "maxValue"}, nil},
		"location":         {[]any{"occupationLocation", 0, "name"}, "France"},
		"page":             {[]any{"mainEntityOfPage", "@id"}, publicURL + "/metiers/developpeur-back-end"},
		"page reviewed on": {[]any{"mainEntityOfPage", "lastReviewed"}, "2025-06-01"},
	} {
		if got := field(occ, c.path...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Occupation %s: got %#v, want %#v", name, got, c.want)
		}
	}
	crumbs := blocks["BreadcrumbList"]
	for i, want := range [][2]string{{"Métiers", publicURL + "/metiers"}, {"Numérique, informatique", publicURL + "/secteurs/numerique"},
		{"Développeur·euse back-end", publicURL + "/metiers/developpeur-back-end"}} {
		if field(crumbs, "itemListElement", i, "name") != want[0] || field(crumbs, "itemListElement", i, "item") != want[1] ||
			field(crumbs, "itemListElement", i, "position") != float64(i+1) {
			t.Errorf("breadcrumb %d: %v", i, field(crumbs, "itemListElement", i))
		}
	}
	for path, want := range map[string]string{"/interets/I": "Investigateur (I)", "/interets/centres": "Les centres d’intérêt des fiches", "/quiz": "Le quiz des intérêts"} {
		trail := jsonLD(t, get(t, srv, path).body)["BreadcrumbList"]
		if field(trail, "itemListElement", 0, "item") != publicURL+"/interets" || field(trail, "itemListElement", 1, "name") != want ||
			field(trail, "itemListElement", 1, "item") != publicURL+path {
			t.Errorf("%s: breadcrumb %v", path, trail)
		}
	}
	for _, want := range []string{`<meta property="og:title" content="Développeur·euse back-end">`, `<meta property="og:url" content="` + publicURL + `/metiers/developpeur-back-end">`,
		`<meta property="og:type" content="website">`, `<link rel="alternate" type="application/atom+xml" title="Offres de ce métier (flux Atom)" href="/offres.atom?metier=developpeur-back-end">`, `<meta property="og:description" content="Un résumé assez long pour passer la validation.">`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("fiche lacks %s", want)
		}
	}
}

func TestOfferJobPostingData(t *testing.T) {
	files := offersTree()
	files["offres/local.jsonl"] = strings.Replace(files["offres/local.jsonl"], `"city":"Lyon","postcode":"69003","lat":45.76`, `"company":"Acme","city":"Lyon","postcode":"69003","lat":45.76`, 1) +
		offerJSON("d1", "Développeur de démonstration", "cdi", `,"source":"demo","city":"Lyon","postcode":"69003","rome":"M1805"`) + "\n"
	srv := publicServer(t, mustDB(t, files))
	r := get(t, srv, "/offres/local/o1")
	job := jsonLD(t, r.body)["JobPosting"]
	if job == nil {
		t.Fatal("no JobPosting on a live offer")
	}
	for name, c := range map[string]struct {
		path []any
		want any
	}{
		"title":            {[]any{"title"}, "Développeuse back-end"},
		"description":      {[]any{"description"}, "Une offre de test."},
		"datePosted":       {[]any{"datePosted"}, "2026-11-01T00:00:00Z"},
		"validThrough":     {[]any{"validThrough"}, nil},
		"employmentType":   {[]any{"employmentType"}, []any{"OTHER"}},
		"organization":     {[]any{"hiringOrganization", "@type"}, "Organization"},
		"employer":         {[]any{"hiringOrganization", "name"}, "Acme"},
		"locality":         {[]any{"jobLocation", "address", "addressLocality"}, "Lyon"},
		"postcode":         {[]any{"jobLocation", "address", "postalCode"}, "69003"},
		"département":      {[]any{"jobLocation", "address", "addressRegion"}, "69"},
		"country":          {[]any{"jobLocation", "address", "addressCountry"}, "FR"},
		"salary currency":  {[]any{"baseSalary", "currency"}, "EUR"},
		"salary min":       {[]any{"baseSalary", "value", "minValue"}, 40000.0},
		"salary max":       {[]any{"baseSalary", "value", "maxValue"}, 45000.0},
		"salary unit":      {[]any{"baseSalary", "value", "unitText"}, "YEAR"},
		"identifier name":  {[]any{"identifier", "name"}, "local"},
		"identifier value": {[]any{"identifier", "value"}, "o1"},
		"url":              {[]any{"url"}, publicURL + "/offres/local/o1"},
	} {
		if got := field(job, c.path...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("JobPosting %s: got %#v, want %#v", name, got, c.want)
		}
	}
	if !strings.Contains(r.body, `<meta property="og:type" content="article">`) || !strings.Contains(r.body, `<meta property="og:description" content="CDI · Lyon (69003) · Acme · 40`) {
		t.Error("an offer is no og:type article, or has no description")
	}
	// A CDD with no company nor salary: an anonymous employer, no baseSalary.
	j2 := jsonLD(t, get(t, srv, "/offres/local/o2").body)["JobPosting"]
	if field(j2, "employmentType", 0) != "TEMPORARY" || field(j2, "baseSalary") != nil || field(j2, "hiringOrganization") != "confidential" {
		t.Errorf("CDD without salary: %v", j2)
	}
	// An expired offer, and a demonstration offer, are no openings.
	for _, path := range []string{"/offres/local/o4", "/offres/demo/d1"} {
		r := get(t, srv, path)
		if r.status != http.StatusOK && r.status != http.StatusGone {
			t.Fatalf("%s: %d", path, r.status)
		}
		if blocks := jsonLD(t, r.body); blocks["JobPosting"] != nil || strings.Contains(r.body, "JobPosting") {
			t.Errorf("%s has a JobPosting", path)
		}
	}
}

func TestOffersFeed(t *testing.T) {
	files := offersTree()
	files["offres/local.jsonl"] = strings.Replace(files["offres/local.jsonl"], `"city":"Paris"`, `"company":"<i>Acme</i> & fils","city":"Paris"`, 1)
	srv := publicServer(t, mustDB(t, files))
	page := get(t, srv, "/offres?q=developpeur&page=1")
	for _, want := range []string{`<link rel="alternate" type="application/atom+xml" title="Suivre cette recherche (flux Atom)" href="/offres.atom?q=developpeur">`,
		`<a href="/offres.atom?q=developpeur" type="application/atom+xml" data-hx-boost="false">Suivre cette recherche (flux Atom)</a>`,
		`<link rel="canonical" href="` + publicURL + `/offres?q=developpeur">`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	r := get(t, srv, "/offres.atom?q=developpeur")
	if r.status != 200 || r.header.Get("Content-Type") != "application/atom+xml" {
		t.Fatalf("feed: %d %q", r.status, r.header.Get("Content-Type"))
	}
	feed, err := gofeed.NewParser().ParseString(r.body)
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "atom" || feed.FeedVersion != "1.0" || feed.Title != "Offres d’emploi : developpeur · Vocation" || feed.Link != publicURL+"/offres?q=developpeur" {
		t.Errorf("feed %s %s %q %q", feed.FeedType, feed.FeedVersion, feed.Title, feed.Link)
	}
	// newest first; the expired one is not there
	var got []string
	for _, it := range feed.Items {
		got = append(got, it.GUID+" "+it.Title+" "+it.Link+" "+it.Updated)
	}
	want := []string{
		publicURL + "/offres/local/o2 Développeur Java " + publicURL + "/offres/local/o2 2026-11-02T00:00:00Z",
		publicURL + "/offres/local/o1 Développeuse back-end " + publicURL + "/offres/local/o1 2026-11-01T00:00:00Z",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The summary is marked as HTML: text from outside stays text.
	if d := feed.Items[0].Description; d != "&lt;i&gt;Acme&lt;/i&gt; &amp; fils · Paris (75010) · CDD" {
		t.Errorf("summary %q", d)
	}
	if feed.Updated != "2026-11-02T00:00:00Z" {
		t.Errorf("feed updated %q", feed.Updated)
	}
	tag := r.header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag")
	}
	if again := get(t, srv, "/offres.atom?q=developpeur", "If-None-Match", tag); again.status != http.StatusNotModified || again.body != "" {
		t.Errorf("If-None-Match: %d", again.status)
	}
	if other := get(t, srv, "/offres.atom?q=infirmiere", "If-None-Match", tag); other.status != 200 {
		t.Errorf("another search's feed: %d", other.status)
	}
	if bad := get(t, srv, "/offres.atom?salaire_min=abc"); bad.status != http.StatusBadRequest {
		t.Errorf("bad parameter: %d", bad.status)
	}
}

type sitemapDoc struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func parseSitemap(t *testing.T, srv http.Handler, path string) (sitemapDoc, response) {
	t.Helper()
	r := get(t, srv, path)
	if r.status != 200 || r.header.Get("Content-Type") != "application/xml" {
		t.Fatalf("%s: %d %q", path, r.status, r.header.Get("Content-Type"))
	}
	var doc sitemapDoc
	if err := xml.Unmarshal([]byte(r.body), &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("%s: namespace %q", path, doc.XMLName.Space)
	}
	return doc, r
}

func TestSitemap(t *testing.T) {
	files := offersTree()
	files["offres/local.jsonl"] += offerJSON("d1", "Développeur de démonstration", "cdi", `,"source":"demo","city":"Lyon","postcode":"69003"`) + "\n"
	files["pages/sitemap-du-site.md"] = "---\ntitle: Plan du site\n---\nToutes les pages.\n"
	db := mustDB(t, files)
	srv := publicServer(t, db)
	doc, r := parseSitemap(t, srv, "/sitemap.xml")
	if doc.XMLName.Local != "urlset" {
		t.Fatalf("root %s", doc.XMLName.Local)
	}
	var got []string
	for _, u := range doc.URLs {
		got = append(got, strings.TrimPrefix(u.Loc, publicURL)+" "+u.Lastmod)
	}
	want := []string{"/ 2025-06-01", "/metiers 2025-06-01", "/secteurs 2025-06-01",
		"/metiers/developpeur-back-end 2025-06-01", "/metiers/developpeur-front-end 2025-06-01", "/metiers/infirmier 2025-06-01",
		"/secteurs/numerique 2025-06-01", "/secteurs/sante 2025-06-01", "/a-propos ", "/sitemap-du-site ",
		"/offres/local/o1 2026-11-01", "/offres/local/o2 2026-11-02", "/offres/local/o3 2026-11-03"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sitemap:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if again := get(t, srv, "/sitemap.xml", "If-None-Match", r.header.Get("ETag")); r.header.Get("ETag") == "" || again.status != http.StatusNotModified {
		t.Errorf("ETag %q, revalidation %d", r.header.Get("ETag"), again.status)
	}
	if robots := get(t, srv, "/robots.txt"); !strings.Contains(robots.body, "\nSitemap: "+publicURL+"/sitemap.xml\n") {
		t.Errorf("robots.txt: %q", robots.body)
	}
	if page := get(t, srv, "/sitemap-du-site"); page.status != 200 || !strings.Contains(page.body, "Toutes les pages.") {
		t.Errorf("a page named sitemap-…: %d", page.status)
	}
	if n := get(t, srv, "/sitemap-1.xml"); n.status != http.StatusNotFound {
		t.Errorf("a part of a sitemap that needs none: %d", n.status)
	}

	// Past the limit per file, an index of parts that split the same list.
	offers := startOffers(t, db)
	<-offers.Ready()
	small, err := server.New(t.Context(), db, offers, quiet(), server.Options{PublicURL: publicURL, SitemapSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	index, _ := parseSitemap(t, small, "/sitemap.xml")
	if index.XMLName.Local != "sitemapindex" || len(index.Sitemaps) != 3 {
		t.Fatalf("index %s with %d parts", index.XMLName.Local, len(index.Sitemaps))
	}
	var parts []string
	for i, s := range index.Sitemaps {
		if want := publicURL + "/sitemap-" + strconv.Itoa(i+1) + ".xml"; s.Loc != want {
			t.Errorf("part %d at %s, want %s", i+1, s.Loc, want)
		}
		part, _ := parseSitemap(t, small, strings.TrimPrefix(s.Loc, publicURL))
		for _, u := range part.URLs {
			parts = append(parts, strings.TrimPrefix(u.Loc, publicURL)+" "+u.Lastmod)
		}
	}
	if !reflect.DeepEqual(parts, want) {
		t.Errorf("parts:\n%s\nwant\n%s", strings.Join(parts, "\n"), strings.Join(want, "\n"))
	}
	for _, path := range []string{"/sitemap-4.xml", "/sitemap-0.xml", "/sitemap-01.xml", "/sitemap-x.xml", "/sitemap-1"} {
		if r := get(t, small, path); r.status != http.StatusNotFound {
			t.Errorf("%s: %d", path, r.status)
		}
	}
}
