package server

import (
	"bytes"
	"errors"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/offerindex"
	"vocation/internal/store"
)

// feedSize is how many of a search's newest offers its feed carries.
const feedSize = 50

// offersFeed is /offres.atom: the newest offers of the search /offres
// would make with the same parameters, as an Atom feed a reader can
// follow without an account. gorilla/feeds writes the XML.
func (s *Server) offersFeed(c echo.Context) error {
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	p, err := parseOfferParams(c.QueryParams(), idx)
	if err != nil {
		return err
	}
	if p.rome != "" {
		err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
			_, err := tx.RomeLabel(p.rome)
			return err
		})
		if errors.Is(err, store.ErrNotFound) {
			return failure.Invalidf("Code ROME : « " + p.rome + " » n’existe pas dans le référentiel de France Travail.")
		}
		if err != nil {
			return err
		}
	}
	ix, err := s.offerSearchIndex(c)
	if err != nil {
		return err
	}
	p.page = 1
	offers, err := s.newestOffers(c, p, ix, idx)
	if err != nil {
		return err
	}
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

// newestOffers runs the search of p, newest first, and reads its first
// feedSize offers. The one place the feed searches: the same request the
// page makes, but sorted by date.
func (s *Server) newestOffers(c echo.Context, p offerParams, ix *offerindex.Index, idx *catalog) ([]store.StoredOffer, error) {
	if !p.telQuel && p.lieu == "" {
		p.takePlace(ix)
	}
	req, _ := s.offerRequest(p, ix, idx)
	req.Sort, req.Offset, req.Limit = offerindex.ByDate, 0, feedSize
	res := ix.Search(req)
	keys := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = h.Key
	}
	var offers []store.StoredOffer
	err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		var err error
		offers, err = tx.OffersByKey(keys)
		return err
	})
	return offers, err
}
