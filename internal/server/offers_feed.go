package server

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/labstack/echo/v4"

	"vocation/internal/offerindex"
	"vocation/internal/store"
)

// feedSize is how many of a search's newest offers its feed carries.
const feedSize = 50

// offersFeed is /offres.atom: the newest offers of the search /offres
// would make with the same parameters, as an Atom feed a reader can
// follow without an account. gorilla/feeds writes the XML.
func (s *Server) offersFeed(c echo.Context) error {
	v := c.QueryParams()
	v.Del("page")
	found, err := s.searchOffers(c, v)
	if err != nil {
		return err
	}
	offers, err := s.newestOffers(c, found)
	if err != nil {
		return err
	}
	p, idx, ix := found.params, found.idx, found.ix
	base := s.absoluteBase(c)
	search := p.url(func(*offerParams) {})
	f := &feeds.Feed{
		Title:       feedTitle(p, idx),
		Link:        &feeds.Link{Href: base + search, Rel: "alternate"},
		Description: "Les " + strconv.Itoa(feedSize) + " offres les plus récentes de cette recherche, sur Vocation.",
		Author:      &feeds.Author{Name: "Vocation"},
		Updated:     ix.BuiltAt.UTC().Truncate(time.Second),
	}
	for i, o := range offers {
		if i == 0 {
			f.Updated = o.Published
		}
		card := offerCard(o.Offer)
		summary := []string{card.Place, card.Contract}
		if card.Company != "" {
			summary = append([]string{card.Company}, summary...)
		}
		if card.Salary != "" {
			summary = append(summary, card.Salary)
		}
		link := base + offerURL(o.Offer)
		// gorilla/feeds marks a summary as HTML: the offer's text, which
		// comes from outside, is escaped to stay text in a reader.
		f.Add(&feeds.Item{Id: link, Title: o.Title, Link: &feeds.Link{Href: link}, Description: html.EscapeString(strings.Join(summary, " · ")),
			Created: o.Published, Updated: o.Published})
	}
	var buf bytes.Buffer
	if err := f.WriteAtom(&buf); err != nil {
		return err
	}
	return blobWithETag(c, "application/atom+xml", buf.Bytes())
}

// feedTitle names the search: its words, métier, contracts and place.
func feedTitle(p offerParams, idx *catalog) string {
	var what []string
	if p.q != "" {
		what = append(what, p.q)
	}
	if p.metier != "" {
		what = append(what, idx.fiches[p.metier].Title)
	}
	for _, c := range p.contrats {
		what = append(what, contractLabels[c])
	}
	title := "Offres d’emploi"
	if len(what) > 0 {
		title += " : " + strings.Join(what, ", ")
	}
	if p.lieu != "" {
		title += " à " + p.lieu
	}
	return title + " · Vocation"
}

// newestOffers reads the feedSize newest offers of a search: the page's
// request, sorted by date.
func (s *Server) newestOffers(c echo.Context, search *offerSearch) ([]store.StoredOffer, error) {
	req := search.req
	req.Sort, req.Offset, req.Limit = offerindex.ByDate, 0, feedSize
	res := search.ix.Search(req)
	offers, err := s.hitOffers(c, res)
	if err != nil {
		return nil, err
	}
	byKey := make(map[int64]store.StoredOffer, len(offers))
	for _, o := range offers {
		byKey[o.Key] = o
	}
	newest := make([]store.StoredOffer, 0, len(res.Hits))
	for _, h := range res.Hits {
		if o, ok := byKey[h.Key]; ok {
			newest = append(newest, o)
		}
	}
	return newest, nil
}
