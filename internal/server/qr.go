package server

import (
	"fmt"
	"image/color"
	"net/http"
	"strconv"
	"strings"

	"github.com/boombuler/barcode/qr"
	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/store"
)

// qrSVG draws the QR code of text as an SVG: one path of horizontal runs
// of dark modules, with the four-module quiet zone readers need. Medium
// error correction survives a creased printout. boombuler/barcode gives
// the module matrix; drawing it as SVG keeps it sharp on paper at any
// size, where its PNG would be scaled up blurry.
func qrSVG(text string) ([]byte, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("qr code of %d bytes: %w", len(text), err)
	}
	const quiet = 4
	n := code.Bounds().Dx()
	size := strconv.Itoa(n + 2*quiet)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + size + " " + size + `" shape-rendering="crispEdges">`)
	b.WriteString(`<rect width="` + size + `" height="` + size + `" fill="#fff"/><path fill="#000" d="`)
	for y := range n {
		for x := 0; x < n; {
			if !dark(code.At(x, y)) {
				x++
				continue
			}
			run := 1
			for x+run < n && dark(code.At(x+run, y)) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+quiet, y+quiet, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return []byte(b.String()), nil
}

// maxQRText is the longest address drawn as a QR code: the largest
// version holds 2,331 bytes at this correction level, and a code that
// dense is hard enough to scan already.
const maxQRText = 2000

func dark(c color.Color) bool {
	r, _, _, _ := c.RGBA()
	return r < 0x8000
}

// serveQR answers the QR code of an absolute address of the site. The
// image depends only on the address, which is in the request, so it may
// be kept a day.
func (s *Server) serveQR(c echo.Context, path string) error {
	if s.opts.PublicURL == "" {
		return failure.New(failure.NotFound, "Le code QR a besoin de l’adresse publique du site, qui n’est pas configurée (--public-url).")
	}
	if len(s.opts.PublicURL+path) > maxQRText {
		return failure.Invalidf("Cette adresse est trop longue pour tenir dans un code QR : retirez une recherche d’offres ou une fiche de la sélection.")
	}
	svg, err := qrSVG(s.opts.PublicURL + path)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "image/svg+xml", svg)
}

// ficheQR is /metiers/{slug}/qr.svg: the printed fiche's way back to the
// online one.
func (s *Server) ficheQR(c echo.Context) error {
	slug, _, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.published(slug, s.opts.Dev) {
		return store.ErrNotFound
	}
	return s.serveQR(c, "/metiers/"+slug)
}
