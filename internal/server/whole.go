package server

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// WholeAnswers makes each answer hs serves on ln leave in one write to
// the socket, headers and body together, instead of net/http's 4 KB
// pieces. A replica killed between two pieces left its proxy with half an
// answer, which the proxy can neither finish nor send to another replica:
// the reader got a broken page (under make cluster-test's load, 9 SIGKILLs
// in 60 cut an answer). An answer the kernel holds whole is delivered even
// if the process dies just after. One write a page is also one system call
// less under load.
//
// It sets hs.ConnState and hs.ConnContext; call it before hs.Serve.
func WholeAnswers(hs *http.Server, ln net.Listener) net.Listener {
	state, connContext := hs.ConnState, hs.ConnContext
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		if w, ok := c.(*wholeConn); ok {
			w.state(st)
		}
		if state != nil {
			state(c, st)
		}
	}
	hs.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		if w, ok := c.(*wholeConn); ok {
			ctx = context.WithValue(ctx, wholeKey{}, w)
		}
		if connContext != nil {
			ctx = connContext(ctx, c)
		}
		return ctx
	}
	return wholeListener{ln}
}

// sendAsWritten lets the answer to r leave as it is written: an event
// stream must not wait for its end.
func sendAsWritten(r *http.Request) {
	if w, ok := r.Context().Value(wholeKey{}).(*wholeConn); ok {
		w.letGo()
	}
}

type wholeKey struct{}

type wholeListener struct{ net.Listener }

func (l wholeListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &wholeConn{Conn: c}, nil
}

// maxHeld is the largest answer kept whole; a larger one (an export) goes
// out as it comes.
const maxHeld = 256 << 10

var heldBufs = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// wholeConn holds what net/http writes from the moment a request is read
// (StateActive) until its answer is complete (StateIdle, or the
// connection's end), then writes it at once. It deliberately has no
// ReadFrom, so that net/http cannot go around it.
type wholeConn struct {
	net.Conn
	// mu guards hold and buf, not the socket: http.Server.Close may close
	// a connection from another goroutine while its answer is written.
	mu   sync.Mutex
	hold bool
	buf  *[]byte
}

func (c *wholeConn) state(st http.ConnState) {
	switch st {
	case http.StateActive:
		c.mu.Lock()
		c.hold = true
		c.mu.Unlock()
	case http.StateIdle, http.StateHijacked:
		c.letGo()
	}
}

func (c *wholeConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if !c.hold {
		c.mu.Unlock()
		return c.Conn.Write(p)
	}
	if c.buf == nil {
		c.buf = heldBufs.Get().(*[]byte)
	}
	if len(*c.buf)+len(p) <= maxHeld {
		*c.buf = append(*c.buf, p...)
		c.mu.Unlock()
		return len(p), nil
	}
	c.hold = false
	b := c.take()
	c.mu.Unlock()
	if err := c.send(b); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}

// letGo writes what is held and holds nothing more until the next request.
func (c *wholeConn) letGo() error {
	c.mu.Lock()
	c.hold = false
	b := c.take()
	c.mu.Unlock()
	return c.send(b)
}

func (c *wholeConn) take() *[]byte {
	b := c.buf
	c.buf = nil
	return b
}

func (c *wholeConn) send(b *[]byte) error {
	if b == nil {
		return nil
	}
	var err error
	if len(*b) > 0 {
		_, err = c.Conn.Write(*b)
	}
	if cap(*b) <= maxHeld {
		*b = (*b)[:0]
		heldBufs.Put(b)
	}
	return err
}

// CloseWrite is how net/http ends a connection after its last answer; the
// answer must leave first.
func (c *wholeConn) CloseWrite() error {
	if err := c.letGo(); err != nil {
		return err
	}
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Close sends what is held first: net/http closes a connection after an
// answer with "Connection: close" without another signal.
func (c *wholeConn) Close() error {
	c.letGo()
	return c.Conn.Close()
}
