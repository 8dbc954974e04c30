package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// reloads tells the preview's open pages that the content changed: a
// version bumped on every change, and a channel closed then, which wakes
// every stream at once without a list of subscribers to keep.
type reloads struct {
	mu       sync.Mutex
	version  uint64
	changed  chan struct{}
	problems []string
	stopped  chan struct{}
	stop     sync.Once
}

func newReloads() *reloads {
	return &reloads{changed: make(chan struct{}), stopped: make(chan struct{})}
}

// notify records a re-import by the dev watcher. A successful one (no
// problems) changed the generation; a failed one matters to the pages
// only when its problems differ from those already in the banner.
func (r *reloads) notify(problems []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if problems != nil && slices.Equal(problems, r.problems) {
		return
	}
	r.problems = problems
	r.version++
	close(r.changed)
	r.changed = make(chan struct{})
}

func (r *reloads) state() (uint64, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.version, r.changed
}

// StopStreams ends the dev event streams, which would otherwise keep an
// http.Server's Shutdown waiting for them until its deadline.
func (s *Server) StopStreams() { s.reloads.stop.Do(func() { close(s.reloads.stopped) }) }

// externalCheck is how often a stream looks for an import made by another
// process (vocation import while serve --dev runs), which the watcher
// does not see.
const externalCheck = time.Second

// streamDevEvents is the preview's event stream: one "reload" event each
// time the content changes, so that a saved file shows, or its errors do
// in the banner, without a manual refresh. ?since= is the version the
// page was rendered at: a change between the render and the connection
// is sent at once rather than missed.
func (s *Server) streamDevEvents(c echo.Context) error {
	last, _ := s.reloads.state()
	if v, err := strconv.ParseUint(c.QueryParam("since"), 10, 64); err == nil && v < last {
		last = v
	}
	gen := s.current(c).n
	sendAsWritten(c.Request())
	w := c.Response()
	h := w.Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set(echo.HeaderCacheControl, "no-store")
	w.WriteHeader(http.StatusOK)
	// The preamble asks the browser to reconnect quickly after a restart
	// of the server; its blank line ends the first message.
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return nil
	}
	w.Flush()
	tick := time.NewTicker(externalCheck)
	defer tick.Stop()
	ctx := c.Request().Context()
	for {
		v, changed := s.reloads.state()
		if v == last {
			select {
			case <-ctx.Done():
				return nil
			case <-s.reloads.stopped:
				return nil
			case <-changed:
				continue
			case <-tick.C:
				if n := s.current(c).n; n == gen {
					continue
				}
			}
		}
		last, gen = v, s.current(c).n
		if _, err := fmt.Fprintf(w, "event: reload\ndata: %d\n\n", last); err != nil {
			return nil // the page went away
		}
		w.Flush()
	}
}
