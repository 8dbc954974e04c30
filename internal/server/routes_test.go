package server_test

import (
	"slices"
	"strings"
	"testing"

	"vocation/internal/server"
)

// Every address the router answers, but the pages' own /:slug, must be
// refused as a page name: a page there would be shadowed by the route.
func TestEveryRouteIsReservedForPages(t *testing.T) {
	srv := mustServer(t, mustDB(t, testTree()), false)
	reserved := server.ReservedSlugs()
	for _, name := range []string{"metiers", "healthz", "readyz", "robots.txt", "favicon.ico"} {
		if !slices.Contains(reserved, name) {
			t.Errorf("%q is not reserved: %q", name, reserved)
		}
	}
	for _, r := range server.RoutesOf(srv) {
		if r.Path == "/" || r.Path == "/:slug" {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(r.Path, "/"), "/")
		if strings.HasPrefix(first, ":") || strings.HasPrefix(first, "*") {
			t.Errorf("%s %s: a parameter as first segment competes with the pages' /:slug", r.Method, r.Path)
			continue
		}
		if !slices.Contains(reserved, first) {
			t.Errorf("%s %s: %q is not a reserved page name", r.Method, r.Path, first)
		}
	}
}
