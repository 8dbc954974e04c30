package server

import (
	"net/http"
	"slices"
	"strings"

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

	// A route is either a page route, whose pages are rendered once per
	// generation and then answered by ServeHTTP before echo's router and
	// middleware, or a route that may have middleware of its own and whose
	// responses are never kept: never both. cached keeps a page only for a
	// page route, so a route with middleware cannot be bypassed.
	s.pageRoutes = map[string]bool{}
	get := func(path string, h echo.HandlerFunc, mw ...echo.MiddlewareFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, h, mw...)
	}
	page := func(path string, h echo.HandlerFunc) {
		get(path, h)
		s.pageRoutes[path] = true
	}
	page("/", s.showHome)
	page("/metiers", s.listFiches)
	page("/metiers/:slug", s.showFiche)
	get("/comparer", s.compareFiches)
	get("/offres", s.listOffers, s.admit) // searches wait in line (admission.go)
	get("/offres/:source/:id", s.showOffer)
	// Open data: a search's feed, the sitemap.
	get("/offres.atom", s.offersFeed, s.admit)
	get("/sitemap.xml", s.sitemap)
	get("/sitemap-:n", s.sitemapNumbered)
	page("/secteurs", s.listSectors)
	page("/secteurs/:key", s.showSector)
	page("/interets", s.listInterests)
	page("/interets/:lettre", s.showRiasecType)
	page("/interets/centres", s.listFicheInterests)
	page("/interets/centres/:slug", s.showFicheInterest)
	page("/interets/rome/:id", s.showRomeCentre)
	get("/quiz", s.showQuiz)
	get("/quiz/resultat", s.showQuizResult)
	get("/pages/:slug", s.redirectPage)
	get("/static/*", s.serveStatic)
	get("/healthz", s.health)
	get("/readyz", s.ready)
	get("/robots.txt", s.robots)
	get("/favicon.ico", s.favicon)
	get("/recherche", s.searchFiches)
	get("/recherche/suggestions", s.suggestFiches)
	// Selections and QR codes: computed from the query, never kept.
	get("/selection", s.showSelection)
	get("/selection/qr.svg", s.selectionQR)
	get("/metiers/:slug/qr.svg", s.ficheQR)
	// The JSON API (api.go): read-only, open to every origin, never kept.
	cors := middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{"*"},
		AllowMethods: []string{http.MethodGet, http.MethodHead}, ExposeHeaders: []string{"ETag"}})
	gz := middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024})
	api := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		get(apiPrefix+path, h, append([]echo.MiddlewareFunc{cors, gz}, m...)...)
		e.OPTIONS(apiPrefix+path, s.apiPreflight, cors)
	}
	api("/openapi.json", s.apiOpenAPI)
	api("/fiches", s.apiFiches)
	api("/fiches/:slug", s.apiFiche)
	api("/offres", s.apiOffers, s.admit)
	api("/offres/:source/:id", s.apiOffer)
	if s.opts.Dev {
		// Not a page route: a stream is never kept. "_dev" is no slug,
		// so no page can be named like it.
		get("/_dev/events", s.streamDevEvents)
	}
	// Plain pages take every other first segment: ReservedSlugs keeps
	// them off the names above.
	page("/:slug", s.showPage)
	return e
}

// ReservedSlugs are the first path segments of every route but the pages'
// own /:slug: a page named like one would never be seen, the route
// answering first. They are read from the router itself, so that adding a
// route reserves its name.
func ReservedSlugs() []string {
	// The handlers are method values of a server that never runs: building
	// the router calls none of them.
	var out []string
	for _, r := range (&Server{}).routes().Routes() {
		first, _, _ := strings.Cut(strings.TrimPrefix(r.Path, "/"), "/")
		if first != "" && first[0] != ':' && first[0] != '*' {
			out = append(out, first)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
