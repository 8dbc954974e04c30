package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/store"
)

// maxSitemapURLs is the sitemap protocol's limit per file.
const maxSitemapURLs = 50_000

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemap is /sitemap.xml: every published fiche, sector and page and
// every live offer, or, past the protocol's 50,000 URLs a file, an index
// of /sitemap-1.xml, /sitemap-2.xml... which split the same list.
func (s *Server) sitemap(c echo.Context) error {
	return s.sitemapPart(c, 0)
}

// sitemapNumbered is /sitemap-N.xml, part N of the index.
func (s *Server) sitemapNumbered(c echo.Context) error {
	rest := c.Param("n")
	digits, ok := strings.CutSuffix(rest, ".xml")
	n, err := strconv.Atoi(digits)
	if !ok || err != nil || n < 1 || strconv.Itoa(n) != digits {
		// The route takes every /sitemap-…: a plain page may be named so.
		c.SetParamNames("slug")
		c.SetParamValues("sitemap-" + rest)
		return s.showPage(c)
	}
	return s.sitemapPart(c, n)
}

// sitemapPart writes the whole sitemap (part 0) or one part of its index.
func (s *Server) sitemapPart(c echo.Context, part int) error {
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	base := s.absoluteBase(c)
	site := siteURLs(idx, base)
	per := s.opts.SitemapSize
	if per <= 0 {
		per = maxSitemapURLs
	}
	now := time.Now()
	var doc any
	err = s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		offers, err := tx.CountListedOffers(now)
		if err != nil {
			return err
		}
		total := len(site) + offers
		parts := (total + per - 1) / per
		if part > parts || (part > 0 && parts == 1) {
			return store.ErrNotFound
		}
		if part == 0 && parts > 1 {
			ix := sitemapIndex{NS: sitemapNS}
			for i := 1; i <= parts; i++ {
				ix.Sitemaps = append(ix.Sitemaps, sitemapURL{Loc: base + "/sitemap-" + strconv.Itoa(i) + ".xml"})
			}
			doc = ix
			return nil
		}
		from, to := 0, total
		if part > 0 {
			from, to = (part-1)*per, min(part*per, total)
		}
		set := urlSet{NS: sitemapNS}
		if from < len(site) {
			set.URLs = append(set.URLs, site[from:min(to, len(site))]...)
		}
		doc = &set
		limit := to - max(from, len(site))
		if limit <= 0 { // SQLite reads a negative LIMIT as none
			return nil
		}
		return tx.ListedOffers(now, max(from-len(site), 0), limit, func(o store.OfferRef) error {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + offerURL(o.Offer()), Lastmod: o.Published.Format(time.DateOnly)})
			return nil
		})
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(doc); err != nil {
		return err
	}
	return blobWithETag(c, "application/xml", buf.Bytes())
}

// siteURLs are the site's own pages in a sitemap: the lists, then every
// published fiche, sector and plain page. A list's lastmod is its newest
// fiche's; plain pages carry no date to give.
func siteURLs(idx *catalog, base string) []sitemapURL {
	fiches := idx.visible(false)
	newest := map[string]time.Time{}
	var all time.Time
	for _, f := range fiches {
		if f.Updated.After(newest[f.Sector]) {
			newest[f.Sector] = f.Updated
		}
		if f.Updated.After(all) {
			all = f.Updated
		}
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	out := []sitemapURL{{Loc: base + "/", Lastmod: day(all)}, {Loc: base + "/metiers", Lastmod: day(all)}, {Loc: base + "/secteurs", Lastmod: day(all)}}
	slices.SortFunc(fiches, func(a, b store.Summary) int { return strings.Compare(a.Slug, b.Slug) })
	for _, f := range fiches {
		out = append(out, sitemapURL{Loc: base + "/metiers/" + f.Slug, Lastmod: day(f.Updated)})
	}
	for _, sec := range idx.sectors {
		out = append(out, sitemapURL{Loc: base + "/secteurs/" + sec.Key, Lastmod: day(newest[sec.Key])})
	}
	for _, l := range idx.footer {
		out = append(out, sitemapURL{Loc: base + l.URL})
	}
	return out
}

// absoluteBase is the public URL that absolute links start with. Without
// one (a server built without it, as in tests) the request's host stands
// in: these responses are never kept, so no other client sees it.
func (s *Server) absoluteBase(c echo.Context) string {
	if s.opts.PublicURL != "" {
		return s.opts.PublicURL
	}
	return "http://" + c.Request().Host
}

// blobWithETag answers body with an ETag of its bytes, or 304 when the
// client has it already: what pages do, for responses built per request.
func blobWithETag(c echo.Context, contentType string, body []byte) error {
	sum := sha256.Sum256(body)
	tag := `"` + hex.EncodeToString(sum[:8]) + `"`
	c.Response().Header().Set("ETag", tag)
	if etagMatch(c.Request().Header.Get("If-None-Match"), tag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, contentType, body)
}
