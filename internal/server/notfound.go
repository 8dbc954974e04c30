package server

import (
	"net/url"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"vocation/internal/fiche"
	"vocation/internal/fichesearch"
	"vocation/internal/store"
	"vocation/web"
)

// maxNearest is how many fiches a page not found suggests.
const maxNearest = 4

// nearest reads the last segment of an address not found as the words
// of a search, when it looks like a slug (/metiers/boulangr: "boulangr"),
// and returns them with the fiches the fiche search finds for them,
// typos included. Anything else (a file name, a number) gets nothing, and
// so the one page kept for every plain 404.
func (s *Server) nearest(c echo.Context, gen *snapshot) (string, []web.Card) {
	seg, err := url.PathUnescape(path.Base(c.Request().URL.Path))
	if err != nil || !fiche.ValidSlug(seg) || strings.Trim(seg, "0123456789-") == "" {
		return "", nil
	}
	words := cleanQuery(strings.ReplaceAll(seg, "-", " "))
	idx, fs, err := s.searchFor(c.Request().Context(), gen)
	if err != nil {
		return "", nil
	}
	var out []web.Card
	matches := analyse(fs, words).res.Matches
	for _, m := range matches {
		// A name that comes near is the answer: fiches that only mention
		// the word (the salesperson's, for the baker's) are not.
		if len(out) == maxNearest || m.Field > fichesearch.Alias && matches[0].Field <= fichesearch.Alias {
			break
		}
		if f := idx.fiches[m.Key]; f != nil && idx.published(f.Slug, s.opts.Dev) {
			out = append(out, card(*f, idx.sectorNames))
		}
	}
	if len(out) == 0 {
		return "", nil
	}
	return words, out
}

// maxOthers is how many current offers an expired offer's page lists.
const maxOthers = 5

// othersOf are the newest current offers of the fiche slug, for the page
// of an expired offer of the same métier; none while the offer index is
// not built.
func (s *Server) othersOf(c echo.Context, idx *catalog, slug string) ([]web.OfferCard, error) {
	ctx := c.Request().Context()
	s.offers.Refresh(ctx, s.current(c).n)
	ix, _ := s.offers.Wait(ctx, s.opts.OfferIndexWait)
	var out []web.OfferCard
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		latest, _, err := latestOffers(tx, ix, idx, slug, maxOthers)
		for _, o := range latest {
			out = append(out, offerCard(o.Offer))
		}
		return err
	})
	return out, err
}
