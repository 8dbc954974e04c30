package server

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/fiche"
	"vocation/internal/store"
)

// apiPrefix is where the JSON API lives; its errors are always
// application/problem+json, whatever the client accepts.
const apiPrefix = "/api/v1"

// openAPI describes the API. It is written by hand: the field names are
// a promise to the programs that read them, made here and checked
// against every response in the tests.
//
//go:embed openapi.json
var openAPI []byte

// writeJSON answers v as JSON with an ETag, or 304 when the client has
// it already. The body is marshalled before the tag is known, so a
// revalidation costs the work of an answer but none of its bytes.
func writeJSON(c echo.Context, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("api: %w", err)
	}
	return writeJSONBytes(c, b)
}

// The tag is weak: the gzip middleware may send the same JSON compressed,
// a representation a strong tag would have to tell apart.
func writeJSONBytes(c echo.Context, b []byte) error {
	sum := sha256.Sum256(b)
	tag := `"` + hex.EncodeToString(sum[:8]) + `"`
	c.Response().Header().Set("Etag", "W/"+tag)
	if etagMatch(c.Request().Header.Get("If-None-Match"), tag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
}

func (s *Server) apiOpenAPI(c echo.Context) error { return writeJSONBytes(c, openAPI) }

// apiPreflight answers a browser's CORS preflight; the CORS middleware
// has set its headers already.
func (s *Server) apiPreflight(c echo.Context) error { return c.NoContent(http.StatusNoContent) }

type apiSector struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

type apiFicheSummary struct {
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	Summary      string    `json:"summary"`
	Sector       apiSector `json:"sector"`
	AccessLevels []string  `json:"access_levels"`
	RomeCodes    []string  `json:"rome_codes"`
	Updated      string    `json:"updated"`
	Path         string    `json:"path"`
	APIPath      string    `json:"api_path"`
}

func ficheSummary(f store.Summary, idx *catalog) apiFicheSummary {
	return apiFicheSummary{Slug: f.Slug, Title: f.Title, Summary: f.Summary, Sector: apiSector{f.Sector, idx.sectorNames[f.Sector]},
		AccessLevels: nonNil(f.Access), RomeCodes: nonNil(f.Rome), Updated: f.Updated.Format("2006-01-02"),
		Path: "/metiers/" + f.Slug, APIPath: apiPrefix + "/fiches/" + f.Slug}
}

// nonNil makes an empty list [] rather than null, as the document says.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// apiFiches is /api/v1/fiches?secteur=&niveau=, the list /metiers shows.
func (s *Server) apiFiches(c echo.Context) error {
	sector, level := c.QueryParam("secteur"), c.QueryParam("niveau")
	if level != "" && !slices.Contains(fiche.Levels, level) {
		return failure.InvalidParam("niveau", "Le niveau d’études « "+printable(level)+" » n’existe pas. Niveaux possibles : "+strings.Join(fiche.Levels, ", ")+".")
	}
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	if sector != "" && idx.sectorNames[sector] == "" {
		return failure.InvalidParam("secteur", "Le secteur « "+printable(sector)+" » n’existe pas.")
	}
	out := struct {
		Total  int               `json:"total"`
		Fiches []apiFicheSummary `json:"fiches"`
	}{Fiches: []apiFicheSummary{}}
	for _, f := range idx.visible(s.opts.Dev) {
		if (sector == "" || f.Sector == sector) && (level == "" || slices.Contains(f.Access, level)) {
			out.Fiches = append(out.Fiches, ficheSummary(f, idx))
		}
	}
	out.Total = len(out.Fiches)
	return writeJSON(c, out)
}
