package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/web"
)

// userError is a request the user can fix: it carries its status and a
// message in French.
type userError struct {
	status int
	msg    string
}

func (e *userError) Error() string { return e.msg }

func badRequest(msg string) error { return &userError{status: http.StatusBadRequest, msg: msg} }

// handleError is the one place an error becomes a status, a log line and
// a page.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, heading, msg := http.StatusInternalServerError, "Erreur du serveur",
		"Une erreur s’est produite de notre côté. Réessayez dans un instant."
	var ue *userError
	var he *echo.HTTPError
	switch {
	case errors.Is(err, store.ErrNotFound):
		status, heading, msg = http.StatusNotFound, "Page introuvable",
			"Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée."
	case errors.As(err, &ue):
		status, heading, msg = ue.status, "Demande incorrecte", ue.msg
	case errors.As(err, &he):
		status = he.Code
		switch he.Code {
		case http.StatusNotFound:
			heading, msg = "Page introuvable", "Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée."
		case http.StatusMethodNotAllowed:
			heading, msg = "Méthode non permise", "Cette page ne se consulte qu’en lecture (GET)."
		case http.StatusRequestEntityTooLarge:
			heading, msg = "Requête trop volumineuse", "La requête envoyée est trop grande."
		default:
			if he.Code < 500 {
				heading, msg = "Demande incorrecte", "La demande n’a pas pu être comprise."
			}
		}
	case errors.Is(err, offerindex.ErrWarming):
		status, heading, msg = http.StatusServiceUnavailable, "Recherche en préparation",
			"Le site vient de redémarrer et prépare la recherche des offres. Réessayez dans quelques secondes : votre recherche est gardée dans l’adresse de cette page."
		c.Response().Header().Set("Retry-After", "10")
	case errors.Is(err, context.Canceled):
		status = 499 // the client left; nothing to show
	}
	if status >= 500 && status != http.StatusServiceUnavailable {
		s.log.Error("request failed", slog.String("path", c.Request().URL.Path), slog.Any("err", err))
	}
	if status == 499 {
		return
	}
	if status == http.StatusNotFound && !s.opts.Dev {
		// Every 404 page of a generation is the same page: render it once.
		// Anyone can ask for any number of unknown addresses.
		gen := s.current(c)
		p := gen.get(notFoundKey)
		if p == nil {
			body, err := s.errorPage(c, gen, status, heading, msg)
			if err == nil {
				p, err = newPage(status, body)
			}
			if err != nil {
				s.log.Error("render error page", slog.Any("err", err))
				_ = c.String(status, msg)
				return
			}
			gen.put(notFoundKey, p)
		}
		writePage(c.Response(), c.Request(), p)
		return
	}
	body, err := s.errorPage(c, s.current(c), status, heading, msg)
	if err != nil {
		s.log.Error("render error page", slog.Any("err", err))
		_ = c.String(status, msg)
		return
	}
	_ = c.Blob(status, echo.MIMETextHTMLCharsetUTF8, body)
}

// notFoundKey keeps the 404 page among a generation's pages; no path
// starts with a space.
const notFoundKey = " 404"

func (s *Server) errorPage(c echo.Context, gen *generation, status int, heading, msg string) ([]byte, error) {
	l := s.layout(c, heading, "")
	l.Canonical = "" // an error has no canonical address
	if idx, err := s.indexFor(c.Request().Context(), gen); err == nil {
		l.Footer = idx.footer
	}
	p := web.ErrorPage{Layout: l, Status: status, Heading: heading, Message: msg,
		Links: []web.Link{{Label: "Accueil", URL: "/"}, {Label: "Toutes les fiches métiers", URL: "/metiers"}}}
	if status == http.StatusServiceUnavailable {
		p.Links = append([]web.Link{{Label: "Réessayer", URL: c.Request().URL.RequestURI()}}, p.Links...)
	}
	return renderBytes(c, web.Error(p))
}
