package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"vocation/internal/config"
	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/problem"
	"vocation/internal/server"
	"vocation/internal/store"
)

// run is the whole program; tests call it as main would.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := config.Load(args, getenv, stderr)
	if errors.Is(err, config.ErrUsage) {
		fmt.Fprint(stderr, config.Usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "vocation: %v\n", err)
		return 2
	}
	if cfg.Command == "serve" {
		lw := newLogWriter(stderr)
		defer lw.Close()
		stderr = lw
	}
	log := newLogger(cfg, stderr)
	switch cfg.Command {
	case "check":
		_, probs := load(cfg.Content)
		report(stderr, probs)
		if probs.HasErrors() {
			return 1
		}
		fmt.Fprintln(stdout, "contenu valide")
		return 0
	case "import":
		return importContent(ctx, cfg, log, stdout, stderr)
	case "offers import":
		return importOffers(ctx, cfg, log, stdout, stderr)
	case "offers generate":
		return generateOffers(cfg, stdout, stderr)
	case "offers fetch":
		return fetchOffers(ctx, cfg, log, stdout, stderr)
	case "backup":
		return backup(ctx, cfg, log, stdout, stderr)
	case "serve":
		if err := serve(ctx, cfg, log, stderr); err != nil {
			log.Error("server stopped", slog.Any("err", err))
			return 1
		}
		return 0
	}
	return 2
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// load reads and checks the content tree: check, import and the dev
// watcher all come through here, so all refuse a page that a route of the
// server would shadow.
func load(dir string) (*content.Site, problem.List) {
	return content.Load(os.DirFS(dir), dir, fiche.NewMarkdown(), server.ReservedSlugs())
}

// report prints one problem a line, then a count.
func report(w io.Writer, probs problem.List) {
	errs := 0
	for _, p := range probs {
		fmt.Fprintln(w, p.String())
		if !p.Warning {
			errs++
		}
	}
	if len(probs) > 0 {
		fmt.Fprintf(w, "%d erreur(s), %d avertissement(s)\n", errs, len(probs)-errs)
	}
}

func importContent(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	site, probs := load(cfg.Content)
	report(stderr, probs)
	if site == nil {
		fmt.Fprintln(stderr, "import refused: the database is unchanged")
		return 1
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		log.Error("open database", slog.Any("err", err))
		return 1
	}
	defer db.Close()
	start := time.Now()
	gen, err := db.Import(ctx, site)
	recordRun(ctx, db, log, "content", start, store.OfferImport{Upserted: len(site.Offers)}, err)
	if err != nil {
		log.Error("import failed; the database is unchanged", slog.Any("err", err))
		return 1
	}
	fmt.Fprintf(stdout, "imported %d fiches, %d sectors, %d pages, %d offers (generation %d)\n", len(site.Fiches), len(site.Sectors), len(site.Pages), len(site.Offers), gen)
	return 0
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stderr io.Writer) error {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	offers := offerindex.NewLive(db, log)
	offers.InPlace = cfg.OffersRebuild == "in-place"
	mem := &memorySizer{log: log, inPlace: offers.InPlace}
	if cfg.MemoryLimit {
		mem.headroom = 48 << 20
	}
	offers.BeforeBuild, offers.AfterBuild = mem.beforeBuild, mem.afterBuild
	offers.AfterUpdate = mem.afterBuild // the limit follows the index as updates change it
	opts := server.Options{Dev: cfg.Dev, HSTS: cfg.HSTS, PublicURL: strings.TrimSuffix(cfg.PublicURL, "/"),
		SearchSlots: cfg.SearchSlots, SearchWait: cfg.SearchWait}
	// /metrics, on its own listener when asked for (--metrics-addr).
	if cfg.MetricsAddr != "" {
		reg := newRegistry(db, log)
		opts.Metrics = server.NewMetrics(reg)
		indexMetrics(reg, offers)
		if err := serveMetrics(ctx, cfg.MetricsAddr, reg, log); err != nil {
			return err
		}
	}
	offers.Start(ctx)
	srv, err := server.New(ctx, db, offers, log, opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	if cfg.Dev {
		go watch(ctx, cfg.Content, db, srv, log, stderr)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler: srv,
		// No route reads a body and pages come from memory, so only the
		// header read and idle connections need a bound; per-request read
		// and write deadlines cost 4% of CPU under load.
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Dev pages keep an event stream open; Shutdown would wait for it.
	hs.RegisterOnShutdown(srv.StopStreams)
	ln = server.WholeAnswers(hs, ln)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", slog.String("addr", "http://"+ln.Addr().String()), slog.Bool("dev", cfg.Dev), slog.String("db", cfg.DB))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if cfg.Drain > 0 {
		// Load balancers that poll /readyz stop sending requests; those
		// already on their way are still served.
		log.Info("draining", slog.Duration("for", cfg.Drain))
		srv.Drain()
		// Idle keep-alive connections close now, while the server still
		// listens: a proxy opens new ones, and none is closed under a
		// request at the last moment.
		hs.SetKeepAlivesEnabled(false)
		time.Sleep(cfg.Drain)
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return hs.Shutdown(shutdown)
}
