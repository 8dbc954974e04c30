package server

import (
	"slices"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/fiche"
	"vocation/internal/store"
	"vocation/web"
)

func sectorCards(idx *catalog, fiches []store.Summary) []web.SectorCard {
	counts := map[string]int{}
	for _, f := range fiches {
		counts[f.Sector]++
	}
	out := make([]web.SectorCard, len(idx.sectors))
	for i, sec := range idx.sectors {
		out[i] = web.SectorCard{Key: sec.Key, Label: sec.Label, URL: "/secteurs/" + sec.Key, Description: sec.Description, Count: counts[sec.Key]}
	}
	return out
}

func (s *Server) listSectors(c echo.Context) error {
	return s.cached(c, s.current(c), "/secteurs", func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		l := s.pageLayout(c, idx, "Secteurs", "Les secteurs d’activité et leurs métiers.")
		l.Current = "secteurs"
		return web.Sectors(l, sectorCards(idx, idx.visible(s.opts.Dev))), nil
	})
}

func (s *Server) showSector(c echo.Context) error {
	key, gen, idx, err := s.lookup(c, "key")
	if err != nil {
		return err
	}
	if idx.sectorNames[key] == "" {
		return store.ErrNotFound
	}
	return s.cached(c, gen, "/secteurs/"+key, func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		i := slices.IndexFunc(idx.sectors, func(s fiche.Sector) bool { return s.Key == key })
		if i < 0 {
			return nil, store.ErrNotFound
		}
		sec := idx.sectors[i]
		l := s.pageLayout(c, idx, sec.Label, sec.Description)
		l.Current = "secteurs"
		l.JSONLD = s.breadcrumb(web.Link{Label: "Secteurs", URL: "/secteurs"}, web.Link{Label: sec.Label, URL: "/secteurs/" + key})
		p := web.SectorPage{Layout: l, Label: sec.Label, Description: sec.Description, ListURL: "/metiers?secteur=" + key}
		for _, f := range idx.visible(s.opts.Dev) {
			if f.Sector == key {
				p.Cards = append(p.Cards, card(f, idx.sectorNames))
			}
		}
		return web.Sector(p), nil
	})
}
