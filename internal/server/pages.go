package server

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/store"
	"vocation/web"
)

func (s *Server) showPage(c echo.Context) error {
	slug, gen, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.pages[slug] {
		return store.ErrNotFound
	}
	return s.cached(c, gen, "/"+slug, func(tx *store.Tx, idx *catalog) (templ.Component, error) {
		p, err := tx.Page(slug)
		if err != nil {
			return nil, err
		}
		l := s.pageLayout(c, idx, p.Title, p.Summary)
		l.Current = slug
		return web.Text(web.TextPage{Layout: l, Heading: p.Title, HTML: p.HTML}), nil
	})
}

// redirectPage keeps /pages/{slug} working: the canonical address is /{slug}.
func (s *Server) redirectPage(c echo.Context) error {
	slug, _, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.pages[slug] {
		return store.ErrNotFound
	}
	return c.Redirect(http.StatusMovedPermanently, "/"+slug)
}
