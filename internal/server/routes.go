package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is the whole URL space of the site, top to bottom.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	// Logging and headers come before the trailing-slash redirect, which
	// answers before routing. No body limit: no route reads a body, and
	// net/http closes the connection rather than drain a large unread one.
	e.Pre(s.logRequests, s.secure, middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.Recover())

	get := func(path string, h echo.HandlerFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, h)
	}
	get("/", s.showHome)
	get("/metiers", s.listFiches)
	get("/metiers/:slug", s.showFiche)
	get("/offres", s.listOffers)
	get("/offres/:source/:id", s.showOffer)
	get("/secteurs", s.listSectors)
	get("/secteurs/:key", s.showSector)
	get("/pages/:slug", s.redirectPage)
	get("/static/*", s.serveStatic)
	get("/healthz", s.health)
	get("/readyz", s.ready)
	get("/robots.txt", s.robots)
	get("/favicon.ico", s.favicon)
	get("/recherche", s.redirectSearch)
	get("/:slug", s.showPage)
	return e
}
