package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/fiche"
	"vocation/internal/store"
	"vocation/web"
)

// redirectTo is returned by a page builder when the page has moved.
type redirectTo struct{ url string }

func (r *redirectTo) Error() string { return "moved to " + r.url }

// uncached is a page built from data an import has since changed: it is
// served, but not kept for the generation.
type uncached struct{ templ.Component }

// builder makes one page from a read transaction and the index of the
// same generation.
type builder func(*store.Tx, *catalog) (templ.Component, error)

// cached serves key from the pages rendered for gen, building it in one
// read transaction on a miss. A page built from a newer generation than
// gen is served but not kept.
func (s *Server) cached(c echo.Context, gen *snapshot, key string, build builder) error {
	if !s.opts.Dev {
		if p := gen.get(key); p != nil {
			s.opts.Metrics.pageCache(true)
			return servePage(c, p)
		}
	}
	s.opts.Metrics.pageCache(false)
	var p *page
	err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		n, err := tx.Generation()
		if err != nil {
			return err
		}
		idx := gen.idx.Load()
		if idx == nil || idx.n != n || s.opts.Dev {
			if idx, err = loadCatalog(tx); err != nil {
				return err
			}
			s.keepCatalog(gen, idx)
		}
		comp, err := build(tx, idx)
		var moved *redirectTo
		switch {
		case errors.As(err, &moved):
			p = &page{status: http.StatusMovedPermanently, location: moved.url}
		case err != nil:
			return err
		default:
			body, err := renderBytes(c, comp)
			if err != nil {
				return err
			}
			if p, err = newPage(http.StatusOK, body); err != nil {
				return err
			}
		}
		p.route = c.Path()
		if _, volatile := comp.(uncached); n == gen.n && !s.opts.Dev && !volatile && s.pageRoutes[c.Path()] {
			gen.put(key, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return servePage(c, p)
}

// lookup reads a slug path parameter and the index of the generation the
// request is served from. A parameter that is not a slug is not found
// without looking further.
func (s *Server) lookup(c echo.Context, param string) (string, *snapshot, *catalog, error) {
	slug := c.Param(param)
	if !fiche.ValidSlug(slug) {
		return "", nil, nil, store.ErrNotFound
	}
	gen := s.current(c)
	idx, err := s.catalogFor(c.Request().Context(), gen)
	return slug, gen, idx, err
}

// current is the generation this request is served from.
func (s *Server) current(c echo.Context) *snapshot { return s.tracker.current(c.Request().Context()) }

// canonical is the absolute address of path. It is built from the
// configured public URL, never from the request's Host header, which the
// client chooses and the page cache would keep.
func (s *Server) canonical(path string) string {
	if s.opts.PublicURL == "" {
		return ""
	}
	return s.opts.PublicURL + path
}

func (s *Server) layout(c echo.Context, title, description string) web.Layout {
	return web.Layout{
		Title:       title,
		Description: description,
		Canonical:   s.canonical(c.Request().URL.Path),
		CSS:         s.assets.URL("css/site.css"),
		Icon:        s.assets.URL("img/favicon.svg"),
		Sprite:      s.assets.URL("img/icons.svg"),
		Combobox:    s.assets.URL("js/combobox.js"),
		Banner:      s.banner(),
		DevReload:   s.devReload(),
	}
}

// devReload is the preview's reload script, with the version of the
// content the page is rendered from; empty outside dev mode.
func (s *Server) devReload() web.DevReload {
	if !s.opts.Dev {
		return web.DevReload{}
	}
	v, _ := s.reloads.state()
	return web.DevReload{Script: s.assets.URL("js/dev-reload.js"), Since: strconv.FormatUint(v, 10)}
}

// pageLayout is layout plus what comes from the content: the footer.
// withSelection loads the script that keeps the selection while browsing,
// on the pages with an "Ajouter à ma sélection" button.
func (s *Server) withSelection(l web.Layout) web.Layout {
	l.Selection = s.assets.URL("js/selection.js")
	return l
}

func (s *Server) pageLayout(c echo.Context, idx *catalog, title, description string) web.Layout {
	l := s.layout(c, title, description)
	l.Footer = idx.footer
	return l
}

func card(f store.Summary, sectors map[string]string) web.Card {
	access := make([]string, len(f.Access))
	for i, a := range f.Access {
		access[i] = levelLabel(a)
	}
	return web.Card{Title: f.Title, Slug: f.Slug, URL: "/metiers/" + f.Slug, Summary: f.Summary, Sector: sectors[f.Sector],
		Access: strings.Join(access, ", "), Draft: f.Draft}
}
