package server

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/semaphore"

	"vocation/internal/failure"
)

// errBusy answers a search that waited its turn too long: past a bounded
// wait, a quick 503 that a load balancer can retry elsewhere serves better
// than an answer that comes after the reader gave up.
var errBusy error = &failure.Error{Kind: failure.Unavailable, RetryAfter: 2 * time.Second,
	Message: "Beaucoup de monde cherche des offres en ce moment. Réessayez dans quelques secondes : votre recherche est gardée dans l’adresse de cette page."}

// searchLine lets a few offer searches run at once, about one a core, and
// holds the others in one first-come, first-served line. Without it, every
// connection's search runs at the same time: each takes as long as all of
// them together, the heap grows with the number of searches in flight,
// and the scheduler serves no one in order, so a few wait for seconds.
// Pages and static files never enter the line.
type searchLine struct {
	slots *semaphore.Weighted // FIFO: a waiter is never overtaken
	wait  time.Duration
}

func newSearchLine(slots int, wait time.Duration) *searchLine {
	if slots <= 0 {
		return nil
	}
	return &searchLine{slots: semaphore.NewWeighted(int64(slots)), wait: wait}
}

// admit runs the search once a slot is free, or answers errBusy when none
// frees within the wait.
func (s *Server) admit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		l := s.searches
		if l == nil {
			return next(c)
		}
		ctx := c.Request().Context()
		if !l.slots.TryAcquire(1) {
			wait, cancel := context.WithTimeout(ctx, l.wait)
			err := l.slots.Acquire(wait, 1)
			cancel()
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err() // the reader left
				}
				return errBusy
			}
		}
		defer l.slots.Release(1)
		return next(c)
	}
}
