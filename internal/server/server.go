// Package server is the web side: echo lives here and only here. It reads
// the store, shapes view models and renders templ components.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/static"
)

// Options are what the server needs from the configuration.
type Options struct {
	// Dev shows drafts and content errors, and never caches pages.
	Dev bool
	// HSTS says the site is reached over HTTPS (TLS ends at a proxy), so
	// browsers may be told to never use plain HTTP for it.
	HSTS bool
	// PublicURL is the site's address as readers reach it, such as
	// https://vocation.example, for canonical links; empty omits them.
	PublicURL string
	// OfferIndexWait is how long a search waits for the first offer index
	// after a start before it answers 503; 0 means 3 s.
	OfferIndexWait time.Duration
	// SitemapSize is how many URLs one sitemap file lists before
	// /sitemap.xml becomes an index; 0 means the protocol's 50,000.
	SitemapSize int
	// Metrics, when set, count requests for /metrics.
	Metrics *Metrics
	// SearchSlots is how many offer searches run at once, the others
	// waiting in line up to SearchWait; 0 lets every search run at once.
	SearchSlots int
	SearchWait  time.Duration
}

// Server serves the site from a database.
type Server struct {
	db      *store.DB
	log     *slog.Logger
	opts    Options
	assets  *static.Assets
	tracker *tracker
	offers  *offerindex.Live
	headers http.Header
	echo    *echo.Echo
	// pageRoutes are the routes whose pages may be kept and answered
	// before the router (routes.go).
	pageRoutes map[string]bool
	// problems are the content errors shown as a banner in dev mode.
	problems atomic.Pointer[[]string]
	// reloads wakes the dev preview's pages when the content changes.
	reloads *reloads
	// searches is the line offer searches wait in; nil for none.
	searches *searchLine
	// draining says the server is about to stop (Drain).
	draining atomic.Bool
}

// New builds the server and its routes; offers is the offer index it
// searches, started by the caller.
func New(ctx context.Context, db *store.DB, offers *offerindex.Live, log *slog.Logger, opts Options) (*Server, error) {
	assets, err := static.Load()
	if err != nil {
		return nil, err
	}
	t, err := newTracker(ctx, db, log)
	if err != nil {
		return nil, err
	}
	if opts.OfferIndexWait == 0 {
		opts.OfferIndexWait = 3 * time.Second
	}
	s := &Server{db: db, log: log, opts: opts, assets: assets, tracker: t, offers: offers, headers: securityHeaders(opts), reloads: newReloads(),
		searches: newSearchLine(opts.SearchSlots, opts.SearchWait)}
	s.echo = s.routes()
	return s, nil
}

// ServeHTTP makes the server an http.Handler. A page already rendered for
// the current generation is written straight from memory: it is exactly
// the response echo's handler produced for that path, and skipping the
// router and middleware chain for it is what brings page serving close to
// a bare Go server (docs/performance.md).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		// Keep-alive connections end with this answer, so that a proxy
		// moves them to other replicas before this one stops listening.
		w.Header()["Connection"] = connectionClose
	}
	if !s.opts.Dev && r.URL.RawQuery == "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		if p := s.tracker.current(r.Context()).get(r.URL.Path); p != nil && p.location == "" {
			start := time.Now()
			s.setSecurityHeaders(w.Header())
			status := writePage(w, r, p)
			s.logRequest(r, status, int64(len(p.plainHdr.body)), start)
			s.opts.Metrics.pageCache(true)
			s.opts.Metrics.observe(p.route, status, start)
			return
		}
	}
	s.echo.ServeHTTP(w, r)
}

var connectionClose = []string{"close"}

// Drain tells load balancers to send no more requests: /readyz answers
// 503 from now on and every answer closes its connection. The server keeps
// serving those that still come until it is shut down.
func (s *Server) Drain() { s.draining.Store(true) }

// Close releases the mapped WAL index.
func (s *Server) Close() error { return s.tracker.close() }

// ContentChanged tells the server that this process imported new content
// (dev mode), and which problems the last attempt had, if any.
func (s *Server) ContentChanged(problems []string) {
	s.problems.Store(&problems)
	s.tracker.reset()
	s.reloads.notify(problems)
}

func (s *Server) banner() []string {
	if !s.opts.Dev {
		return nil
	}
	if p := s.problems.Load(); p != nil {
		return *p
	}
	return nil
}
