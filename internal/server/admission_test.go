package server

import (
	"errors"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/labstack/echo/v4"
)

// Searches get the slots in the order they came, a search that finds a
// slot free does not overtake those in line, and one that waits longer
// than the wait gets errBusy at the end of the wait, not before.
func TestSearchLineIsFirstComeFirstServed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &Server{searches: newSearchLine(1, time.Second)}
		e := echo.New()
		var mu sync.Mutex
		var order []string
		release := map[string]chan struct{}{}
		errs := map[string]error{}
		search := func(name string) {
			release[name] = make(chan struct{})
			go func() {
				c := e.NewContext(httptest.NewRequest("GET", "/offres?q="+name, nil), httptest.NewRecorder())
				err := s.admit(func(echo.Context) error {
					mu.Lock()
					order = append(order, name)
					mu.Unlock()
					<-release[name]
					return nil
				})(c)
				mu.Lock()
				errs[name] = err
				mu.Unlock()
			}()
			synctest.Wait() // running, or waiting in line
		}
		start := time.Now()
		search("a")
		time.Sleep(400 * time.Millisecond)
		search("b")
		search("c")
		search("d")
		close(release["a"]) // b's turn, then c's: never d's first
		synctest.Wait()
		time.Sleep(400 * time.Millisecond)
		close(release["b"])
		synctest.Wait()
		mu.Lock()
		if got := len(order); got != 3 || order[0] != "a" || order[1] != "b" || order[2] != "c" {
			t.Errorf("ran %q, want a, b, c", order)
		}
		mu.Unlock()
		// d came at 400 ms: it waits its full second, then gives up.
		time.Sleep(time.Until(start.Add(1400*time.Millisecond)) - time.Nanosecond)
		synctest.Wait()
		mu.Lock()
		if _, done := errs["d"]; done {
			t.Errorf("d gave up before its second in line")
		}
		mu.Unlock()
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		mu.Lock()
		if !errors.Is(errs["d"], errBusy) {
			t.Errorf("d: %v, want errBusy", errs["d"])
		}
		mu.Unlock()
		close(release["c"])
		synctest.Wait()
		for _, name := range []string{"a", "b", "c"} {
			if errs[name] != nil {
				t.Errorf("%s: %v", name, errs[name])
			}
		}
	})
}
