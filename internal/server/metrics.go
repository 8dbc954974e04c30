package server

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are what the web side counts for Prometheus: requests and their
// latency by route and status, and the kept pages' hits. A nil *Metrics
// counts nothing.
type Metrics struct {
	latency *prometheus.HistogramVec
	pages   *prometheus.CounterVec
	hit     prometheus.Counter
	miss    prometheus.Counter
}

// NewMetrics registers the server's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		// A kept page answers in tens of microseconds, a search in
		// milliseconds to seconds: buckets from 100 us to 10 s.
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "vocation_http_request_duration_seconds",
			Help:    "Time to answer a request, by route pattern and status; its _count is the number of requests.",
			Buckets: []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
		}, []string{"route", "status"}),
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vocation_page_cache_requests_total",
			Help: "Requests for pages rendered once per generation: hit when answered from the kept bytes, miss when rendered.",
		}, []string{"result"}),
	}
	m.hit, m.miss = m.pages.WithLabelValues("hit"), m.pages.WithLabelValues("miss")
	reg.MustRegister(m.latency, m.pages)
	return m
}

// statusCodes are the status codes as label values, made once: the
// request path does not allocate for them.
var statusCodes = func() (out [600]string) {
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}()

func (m *Metrics) observe(route string, status int, start time.Time) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	label := "other"
	if status >= 0 && status < len(statusCodes) {
		label = statusCodes[status]
	}
	m.latency.WithLabelValues(route, label).Observe(time.Since(start).Seconds())
}

func (m *Metrics) pageCache(hit bool) {
	switch {
	case m == nil:
	case hit:
		m.hit.Inc()
	default:
		m.miss.Inc()
	}
}
