package server

import (
	"slices"
	"sort"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/store"
	"vocation/web"
)

func (s *Server) showHome(c echo.Context) error {
	return s.cached(c, s.current(c), "/", func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		l := s.pageLayout(c, idx, "", "Des fiches métiers claires et sourcées pour choisir son orientation : missions, formations, salaires, évolutions.")
		l.Current = "accueil"
		fiches := idx.visible(s.opts.Dev)
		recent := slices.Clone(fiches)
		sort.SliceStable(recent, func(i, j int) bool { return recent[i].Updated.After(recent[j].Updated) })
		p := web.HomePage{Layout: l, Sectors: sectorCards(idx, fiches), Count: len(fiches)}
		for _, f := range recent[:min(6, len(recent))] {
			p.Recent = append(p.Recent, card(f, idx.sectorNames))
		}
		return web.Home(p), nil
	})
}
