package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/offerindex"
	"vocation/internal/store"
)

func (s *Server) serveStatic(c echo.Context) error {
	a, ok := s.assets.Lookup(c.Request().URL.Path)
	if !ok {
		return store.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.ETag)
	if etagMatch(c.Request().Header.Get("If-None-Match"), a.ETag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Body)
}

func (s *Server) health(c echo.Context) error {
	if _, err := s.db.Generation(c.Request().Context()); err != nil {
		return err
	}
	return c.String(http.StatusOK, "ok\n")
}

// ready answers 200 once everything can be served, offer search included,
// so that a load balancer sends no one to a server still building its
// offer index; /healthz only says the server runs.
func (s *Server) ready(c echo.Context) error {
	if s.draining.Load() {
		return errDraining
	}
	select {
	case <-s.offers.Ready():
	default:
		return offerindex.ErrWarming
	}
	if s.offers.Current() == nil { // built again in place (--offers-rebuild in-place)
		return offerindex.ErrRebuilding
	}
	return s.health(c)
}

// favicon answers those that ask for /favicon.ico by name, crawlers and
// tools mostly: pages link the same icon under its hashed address. The
// address is not hashed, hence a day's cache rather than a year's.
func (s *Server) favicon(c echo.Context) error {
	a, ok := s.assets.Lookup(s.assets.URL("img/favicon.svg"))
	if !ok {
		return store.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, a.ContentType, a.Body)
}

var errDraining error = &failure.Error{Kind: failure.Unavailable, Message: "Ce serveur s’arrête : les autres prennent le relais."}

// robots names the sitemap by its absolute address, as the protocol asks.
func (s *Server) robots(c echo.Context) error {
	return c.String(http.StatusOK, "User-agent: *\nAllow: /\n\nSitemap: "+s.absoluteBase(c)+"/sitemap.xml\n")
}
