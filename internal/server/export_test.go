package server

import "github.com/labstack/echo/v4"

// RoutesOf is the route table a server answers with.
func RoutesOf(s *Server) []*echo.Route { return s.echo.Routes() }
