package server_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vocation/internal/server"
)

// countingListener counts the writes to the sockets it accepts.
type countingListener struct {
	net.Listener
	mu     sync.Mutex
	writes []int
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, l: l}, nil
}

func (l *countingListener) sizes() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.writes...)
}

type countingConn struct {
	net.Conn
	l *countingListener
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.l.mu.Lock()
	c.l.writes = append(c.l.writes, len(p))
	c.l.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *countingConn) CloseWrite() error { return c.Conn.(*net.TCPConn).CloseWrite() }

// serveWhole serves h on 127.0.0.1 through WholeAnswers (or not) and
// counts the socket writes.
func serveWhole(t *testing.T, h http.Handler, whole bool) (addr string, counted *countingListener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counted = &countingListener{Listener: ln}
	hs := &http.Server{Handler: h}
	var served net.Listener = counted
	if whole {
		served = server.WholeAnswers(hs, counted)
	}
	go hs.Serve(served)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String(), counted
}

func bodyOf(n int) []byte { return bytes.Repeat([]byte("vocation "), n/9+1)[:n] }

// A page bigger than net/http's 4 KB buffer leaves in one write with its
// headers: a replica killed between two writes left its proxy with half a
// page, which make cluster-test counted as a failed request.
func TestAnswersLeaveWhole(t *testing.T) {
	sizes := []int{40_000, 120, 9_000}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		w.Header().Set("Content-Length", strconv.Itoa(n))
		w.Write(bodyOf(n))
	})
	for _, whole := range []bool{false, true} {
		addr, counted := serveWhole(t, h, whole)
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		br := bufio.NewReader(c)
		for i, n := range sizes {
			close := ""
			if i == len(sizes)-1 {
				close = "Connection: close\r\n"
			}
			if _, err := io.WriteString(c, "GET /?n="+strconv.Itoa(n)+" HTTP/1.1\r\nHost: x\r\n"+close+"\r\n"); err != nil {
				t.Fatal(err)
			}
			res, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(res.Body)
			if err != nil || !bytes.Equal(body, bodyOf(n)) {
				t.Fatalf("whole=%v: answer %d: %d bytes, %v", whole, i, len(body), err)
			}
		}
		// The last answer said "Connection: close": the server ends the
		// connection after sending it.
		if _, err := br.ReadByte(); err != io.EOF {
			t.Errorf("whole=%v: after the last answer: %v, want EOF", whole, err)
		}
		got := counted.sizes()
		if whole && len(got) != len(sizes) {
			t.Errorf("%d answers left in %d writes %v, want one write each", len(sizes), len(got), got)
		}
		if !whole && len(got) <= len(sizes) {
			t.Errorf("without WholeAnswers, %d answers left in %d writes %v: the test proves nothing", len(sizes), len(got), got)
		}
	}
}

// An answer larger than what is kept whole (an export) still arrives, and
// the next answer on the connection is whole again.
func TestLargeAnswersStream(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		for b := bodyOf(n); len(b) > 0; {
			k := min(len(b), 10_000)
			w.Write(b[:k])
			b = b[k:]
		}
	})
	addr, counted := serveWhole(t, h, true)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()
	for _, n := range []int{3 << 20, 30_000} {
		before := len(counted.sizes())
		res, err := client.Get("http://" + addr + "/?n=" + strconv.Itoa(n))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || !bytes.Equal(body, bodyOf(n)) {
			t.Fatalf("%d bytes asked: got %d, %v", n, len(body), err)
		}
		if n == 30_000 {
			if w := len(counted.sizes()) - before; w != 1 {
				t.Errorf("a 30 KB answer after a 3 MB one left in %d writes, want 1", w)
			}
		}
	}
}

// An event stream says so, and its events leave as they are written.
func TestEventStreamsAreNotHeld(t *testing.T) {
	read := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		server.SendAsWritten(r)
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: 1\n\n")
		w.(http.Flusher).Flush()
		<-read // until the reader has the first event
		io.WriteString(w, "data: 2\n\n")
	})
	addr, _ := serveWhole(t, h, true)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Only so that a held event fails the test instead of hanging it.
	c.SetReadDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := make([]byte, len("data: 1\n\n"))
	if _, err := io.ReadFull(res.Body, first); err != nil || !strings.HasPrefix(string(first), "data: 1") {
		t.Fatalf("first event: %q, %v", first, err)
	}
	close(read)
	rest, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(rest), "data: 2") {
		t.Errorf("second event: %q", rest)
	}
}
