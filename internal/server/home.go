package server

import (
	"slices"
	"sort"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/riasec"
	"vocation/internal/store"
	"vocation/web"
)

// showHome is /: one search box, then the ways in for a reader who does
// not know what to type (interests, the quiz, study levels, sectors), the
// latest fiches and how many offers are current.
func (s *Server) showHome(c echo.Context) error {
	gen := s.current(c)
	s.offers.Refresh(c.Request().Context(), gen.n)
	ix, _ := s.offers.Wait(c.Request().Context(), s.opts.OfferIndexWait)
	return s.cached(c, gen, "/", func(tx *store.Tx, idx *catalog) (templ.Component, error) {
		l := s.pageLayout(c, idx, "", "Des fiches métiers claires et sourcées pour choisir son orientation : missions, formations, salaires, évolutions.")
		l.Current, l.SearchInPage = "accueil", true
		fiches := idx.visible(s.opts.Dev)
		recent := slices.Clone(fiches)
		sort.SliceStable(recent, func(i, j int) bool { return recent[i].Updated.After(recent[j].Updated) })
		p := web.HomePage{Layout: l, Sectors: sectorCards(idx, fiches), Count: len(fiches), Quiz: len(riasec.Statements), Offers: -1}
		for _, f := range recent[:min(6, len(recent))] {
			p.Recent = append(p.Recent, card(f, idx.sectorNames))
		}
		for _, t := range riasec.Types {
			n := 0
			for _, g := range ofType(idx, fiches, t.Letter) {
				n += len(g)
			}
			p.Types = append(p.Types, riasecType(t, n))
		}
		perLevel := map[string]int{}
		for _, f := range fiches {
			for _, a := range f.Access {
				perLevel[a]++
			}
		}
		for _, lv := range fiche.Levels {
			if perLevel[lv] > 0 {
				p.Levels = append(p.Levels, web.CountedLink{Label: levelLabel(lv), URL: listURL("", lv), Count: perLevel[lv]})
			}
		}
		fresh := false
		if ix != nil {
			og, err := tx.OffersGeneration()
			if err != nil {
				return nil, err
			}
			p.Offers = ix.Search(offerindex.Request{Filters: offerindex.Filters{ExperienceMax: -1}, Now: time.Now().Unix()}).Total
			fresh = og == ix.Generation
		}
		if !fresh {
			// The count is not the one of what tx reads: shown, not kept.
			return uncached{web.Home(p)}, nil
		}
		return web.Home(p), nil
	})
}
