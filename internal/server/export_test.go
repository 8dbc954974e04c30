package server

import (
	"context"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/store"
)

// RoutesOf is the route table a server answers with.
func RoutesOf(s *Server) []*echo.Route { return s.echo.Routes() }

// HandleWith adds a route with a middleware, outside the route table's page
// routes, whose handler builds its page as the page routes do.
func HandleWith(s *Server, path string, mw echo.MiddlewareFunc) {
	s.echo.GET(path, func(c echo.Context) error {
		return s.cached(c, s.current(c), path, func(_ *store.Tx, idx *catalog) (templ.Component, error) {
			return templ.Raw("<p>" + path + "</p>"), nil
		})
	}, mw)
}

// Kept reports whether the page at path is kept for the current generation.
func Kept(s *Server, path string) bool {
	return s.tracker.current(context.Background()).get(path) != nil
}

// HoldSearchSlots takes n slots of the search line, as n running searches
// would, until release.
func HoldSearchSlots(s *Server, n int) (release func()) {
	if err := s.searches.slots.Acquire(context.Background(), int64(n)); err != nil {
		panic(err)
	}
	return func() { s.searches.slots.Release(int64(n)) }
}

// SendAsWritten lets the answer to r leave as it is written.
var SendAsWritten = sendAsWritten
