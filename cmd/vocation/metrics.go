package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"vocation/internal/offerindex"
	"vocation/internal/store"
)

// storeCollector reads, at each scrape, what other processes change: the
// generations and the import runs (an import is its own process).
type storeCollector struct {
	db  *store.DB
	log *slog.Logger
}

var (
	generationDesc = prometheus.NewDesc("vocation_generation", "The generation of the content or of the offers the database holds.", []string{"of"}, nil)
	generationAge  = prometheus.NewDesc("vocation_generation_age_seconds", "Time since that generation changed.", []string{"of"}, nil)
	runsDesc       = prometheus.NewDesc("vocation_import_runs_total", "Imports run, by kind (content, offers from files, fetch from France Travail).", []string{"kind"}, nil)
	failuresDesc   = prometheus.NewDesc("vocation_import_failures_total", "Imports that failed and stored nothing, by kind.", []string{"kind"}, nil)
	lastDuration   = prometheus.NewDesc("vocation_import_last_duration_seconds", "How long the last import of this kind took, failed or not.", []string{"kind"}, nil)
	lastSuccess    = prometheus.NewDesc("vocation_import_last_success_timestamp_seconds", "When the last successful import of this kind ended, unix time.", []string{"kind"}, nil)
)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{generationDesc, generationAge, runsDesc, failuresDesc, lastDuration, lastSuccess} {
		ch <- d
	}
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	g, err := c.db.ReadGenerations(ctx)
	if err != nil {
		c.log.Warn("metrics: read generations", slog.Any("err", err))
		ch <- prometheus.NewInvalidMetric(generationDesc, err)
		return
	}
	for _, v := range []struct {
		of string
		n  int64
		at time.Time
	}{{"content", g.Content, g.ContentAt}, {"offers", g.Offers, g.OffersAt}} {
		ch <- prometheus.MustNewConstMetric(generationDesc, prometheus.GaugeValue, float64(v.n), v.of)
		if !v.at.IsZero() {
			ch <- prometheus.MustNewConstMetric(generationAge, prometheus.GaugeValue, time.Since(v.at).Seconds(), v.of)
		}
	}
	stats, err := c.db.ImportRunStats(ctx)
	if err != nil {
		c.log.Warn("metrics: read import runs", slog.Any("err", err))
		ch <- prometheus.NewInvalidMetric(runsDesc, err)
		return
	}
	for _, s := range stats {
		ch <- prometheus.MustNewConstMetric(runsDesc, prometheus.CounterValue, float64(s.Runs), s.Kind)
		ch <- prometheus.MustNewConstMetric(failuresDesc, prometheus.CounterValue, float64(s.Failures), s.Kind)
		ch <- prometheus.MustNewConstMetric(lastDuration, prometheus.GaugeValue, s.Last.Duration.Seconds(), s.Kind)
		if !s.LastOK.IsZero() {
			ch <- prometheus.MustNewConstMetric(lastSuccess, prometheus.GaugeValue, float64(s.LastOK.Unix()), s.Kind)
		}
	}
}

// indexMetrics times the offer index's builds and counts its updates
// around the hooks the program already sets, and reads its size at each
// scrape.
func indexMetrics(reg prometheus.Registerer, offers *offerindex.Live) {
	build := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "vocation_offer_index_build_seconds",
		Help:    "Time to build the offer index from the database.",
		Buckets: []float64{0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 20, 40, 80},
	})
	size := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "vocation_offer_index_offers",
		Help: "Live offers in the offer index searches use now.",
	}, func() float64 {
		if ix := offers.Current(); ix != nil {
			return float64(ix.Len())
		}
		return 0
	})
	updates := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "vocation_offer_index_updates_total",
		Help: "Offer index updates: imports of a few offers applied without a build.",
	})
	reg.MustRegister(build, size, updates)
	afterUpdate := offers.AfterUpdate
	offers.AfterUpdate = func() {
		if afterUpdate != nil {
			afterUpdate()
		}
		updates.Inc()
	}
	before, after := offers.BeforeBuild, offers.AfterBuild
	var start time.Time // builds run one at a time (offerindex.Live)
	offers.BeforeBuild = func() {
		start = time.Now()
		if before != nil {
			before()
		}
	}
	offers.AfterBuild = func() {
		if after != nil {
			after()
		}
		build.Observe(time.Since(start).Seconds())
	}
}

// newRegistry holds the Go runtime's and the process's metrics (heap,
// RSS, file descriptors) beside Vocation's.
func newRegistry(db *store.DB, log *slog.Logger) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), storeCollector{db, log})
	return reg
}

// serveMetrics serves /metrics on its own listener, away from the public
// one, until ctx ends.
func serveMetrics(ctx context.Context, addr string, reg *prometheus.Registry, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		hs.Close()
	}()
	log.Info("serving metrics", slog.String("addr", "http://"+ln.Addr().String()+"/metrics"))
	go hs.Serve(ln)
	return nil
}
