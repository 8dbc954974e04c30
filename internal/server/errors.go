package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/web"
)

// kinds are, for each kind of failure, its status, its heading and the
// message shown when the error carries none.
var kinds = map[failure.Kind]struct {
	status           int
	heading, message string
}{
	failure.Internal:     {http.StatusInternalServerError, "Erreur du serveur", "Une erreur s’est produite de notre côté. Réessayez dans un instant."},
	failure.Invalid:      {http.StatusBadRequest, "Demande incorrecte", "La demande n’a pas pu être comprise."},
	failure.NotFound:     {http.StatusNotFound, "Page introuvable", "Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée."},
	failure.Gone:         {http.StatusGone, "Page retirée", "Ce qui était à cette adresse n’y est plus."},
	failure.Unavailable:  {http.StatusServiceUnavailable, "Service momentanément indisponible", "Réessayez dans quelques secondes."},
	failure.Conflict:     {http.StatusConflict, "Conflit", "La demande contredit l’état actuel du site."},
	failure.Unauthorized: {http.StatusUnauthorized, "Accès refusé", "Cette adresse demande d’être identifié."},
}

// classify is what err means for the one who asked: a status, a heading
// and a message. Echo's own errors (no route, a method not allowed, a
// body too large) are read by their code.
func classify(err error) (status int, heading, msg string) {
	k := kinds[failure.KindOf(err)]
	status, heading, msg = k.status, k.heading, k.message
	if m := failure.Message(err); m != "" {
		msg = m
	}
	var he *echo.HTTPError
	if failure.KindOf(err) == failure.Internal && errors.As(err, &he) {
		status = he.Code
		switch he.Code {
		case http.StatusNotFound:
			heading, msg = kinds[failure.NotFound].heading, kinds[failure.NotFound].message
		case http.StatusMethodNotAllowed:
			heading, msg = "Méthode non permise", "Cette page ne se consulte qu’en lecture (GET)."
		case http.StatusRequestEntityTooLarge:
			heading, msg = "Requête trop volumineuse", "La requête envoyée est trop grande."
		default:
			if he.Code < 500 {
				heading, msg = kinds[failure.Invalid].heading, kinds[failure.Invalid].message
			}
		}
	}
	if errors.Is(err, context.Canceled) {
		status = 499 // the client left; nothing to show
	}
	return status, heading, msg
}

// handleError is the one place an error becomes a status, a log line and
// a body: an HTML page, or application/problem+json (RFC 9457) for a
// client that asks for JSON.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, heading, msg := classify(err)
	switch {
	case status == 499:
		return
	case status == http.StatusServiceUnavailable:
		s.log.Warn("request unavailable", slog.String("path", c.Request().URL.Path), slog.Any("err", err))
	case status >= 500:
		s.log.Error("request failed", slog.String("path", c.Request().URL.Path), slog.Any("err", err))
	default:
		s.log.Debug("request refused", slog.String("path", c.Request().URL.Path), slog.Int("status", status), slog.Any("err", err))
	}
	if d := failure.RetryAfter(err); d > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())))
	}
	if wantsJSON(c.Request()) || strings.HasPrefix(c.Request().URL.Path, apiPrefix+"/") {
		_ = c.Blob(status, "application/problem+json", problemJSON(status, msg, c.Request().URL.Path, failure.Param(err)))
		return
	}
	var words string
	var nearest []web.Card
	if status == http.StatusNotFound {
		words, nearest = s.nearest(c, s.current(c))
	}
	if status == http.StatusNotFound && msg == kinds[failure.NotFound].message && !s.opts.Dev && len(nearest) == 0 {
		// Every 404 page of a generation that says no more than "not
		// found" is the same page: render it once. Anyone can ask for any
		// number of unknown addresses. One that names what was not found
		// is its own page.
		gen := s.current(c)
		p := gen.get(notFoundKey)
		if p == nil {
			body, err := s.errorPage(c, gen, status, heading, msg, "", nil)
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
	body, err := s.errorPage(c, s.current(c), status, heading, msg, words, nearest)
	if err != nil {
		s.log.Error("render error page", slog.Any("err", err))
		_ = c.String(status, msg)
		return
	}
	_ = c.Blob(status, echo.MIMETextHTMLCharsetUTF8, body)
}

// wantsJSON reports whether the client asks for JSON rather than HTML.
func wantsJSON(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "application/json") || strings.Contains(accept, "application/problem+json")
}

// problemJSON is an RFC 9457 problem: its type is about:blank, so its
// title is the status's own phrase; the detail is the French message.
// A bad query parameter is named in invalid_params, as RFC 9457's own
// example does.
func problemJSON(status int, detail, instance, param string) []byte {
	type invalidParam struct {
		Name   string `json:"name"`
		Reason string `json:"reason"`
	}
	var params []invalidParam
	if param != "" {
		params = []invalidParam{{param, detail}}
	}
	b, _ := json.Marshal(struct {
		Type          string         `json:"type"`
		Title         string         `json:"title"`
		Status        int            `json:"status"`
		Detail        string         `json:"detail"`
		Instance      string         `json:"instance"`
		InvalidParams []invalidParam `json:"invalid_params,omitempty"`
	}{"about:blank", http.StatusText(status), status, detail, instance, params})
	return b
}

// notFoundKey keeps the 404 page among a generation's pages; no path
// starts with a space.
const notFoundKey = " 404"

func (s *Server) errorPage(c echo.Context, gen *snapshot, status int, heading, msg, words string, nearest []web.Card) ([]byte, error) {
	l := s.layout(c, heading, "")
	l.Canonical = "" // an error has no canonical address
	l.SearchInPage, l.Query = true, words
	if idx, err := s.catalogFor(c.Request().Context(), gen); err == nil {
		l.Footer = idx.footer
	}
	p := web.ErrorPage{Layout: l, Status: status, Heading: heading, Message: msg, Nearest: nearest,
		Links: []web.Link{{Label: "Accueil", URL: "/"}, {Label: "Toutes les fiches métiers", URL: "/metiers"}}}
	if status == http.StatusServiceUnavailable {
		p.Links = append([]web.Link{{Label: "Réessayer", URL: c.Request().URL.RequestURI()}}, p.Links...)
	}
	return renderBytes(c, web.Error(p))
}
