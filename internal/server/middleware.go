package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// csp allows this origin's scripts only, never inline code, and no inline
// style: the stylesheet, images and scripts (the search boxes' suggestions
// on every page, htmx on the offer search) are this origin's hashed
// static files.
// connect-src lets tools that audit from inside the page (Lighthouse
// reading robots.txt) reach the site itself.
// Every header costs on every response (docs/performance.md), so the
// policy names only what differs from default-src 'none'.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// scriptCSP was the offer search's own policy, when it was the one page
// with a script; every page now has the search boxes' script.
const scriptCSP = csp

// securityHeaders are set on every response. The keys are already in
// canonical form and the values shared and never modified, so setting them
// costs a map assignment each, not a canonicalisation and an allocation.
func securityHeaders(opts Options) http.Header {
	policy := csp
	if opts.Dev {
		// The preview's pages load the reload script from this origin.
		policy = scriptCSP
	}
	h := http.Header{
		"Content-Security-Policy": {policy},
		"X-Content-Type-Options":  {"nosniff"},
		"Referrer-Policy":         {"same-origin"}, // what students read is nobody else's business
		"X-Frame-Options":         {"DENY"},        // for browsers without frame-ancestors
		// Ignored by current browsers, which dropped their XSS filters; in
		// old ones, block mode is the filter's safe setting, and a site
		// without per-user state has nothing for its side channel to leak.
		"X-Xss-Protection": {"1; mode=block"},
	}
	if opts.HSTS {
		// Only when the site is reached over HTTPS (RFC 6797 forbids the
		// header on plain HTTP, where browsers ignore it anyway).
		h["Strict-Transport-Security"] = []string{"max-age=63072000"}
	}
	return h
}

func (s *Server) setSecurityHeaders(h http.Header) {
	for k, v := range s.headers {
		h[k] = v
	}
}

func (s *Server) secure(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		s.setSecurityHeaders(c.Response().Header())
		return next(c)
	}
}

func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		s.logRequest(c.Request(), c.Response().Status, c.Response().Size, start)
		s.opts.Metrics.observe(c.Path(), c.Response().Status, start)
		return nil
	}
}

// logRequest writes one line per request. It builds the record itself
// rather than call LogAttrs, which records the caller's program counter:
// a stack walk per request that the line does not need.
func (s *Server) logRequest(r *http.Request, status int, size int64, start time.Time) {
	// A 503 is a state the server chose (warming up, draining, a full
	// search line, an index built again in place) and answers by design:
	// a warning. Any other 5xx is a fault.
	level := slog.LevelInfo
	switch {
	case status == http.StatusServiceUnavailable:
		level = slog.LevelWarn
	case status >= 500:
		level = slog.LevelError
	}
	h := s.log.Handler()
	if !h.Enabled(r.Context(), level) {
		return
	}
	rec := slog.NewRecord(time.Now(), level, "request", 0)
	rec.AddAttrs(
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Int64("bytes", size),
		slog.Duration("duration", time.Since(start)),
	)
	_ = h.Handle(r.Context(), rec)
}
