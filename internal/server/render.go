package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render renders into a buffer first, so a failing component becomes an
// error page rather than half a page with status 200.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := comp.Render(c.Request().Context(), buf); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	// With a length, the body is not chunked: fewer writes, and a proxy
	// knows a response cut short by a crash for what it is.
	c.Response().Header()["Content-Length"] = []string{strconv.Itoa(buf.Len())}
	return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, buf.Bytes())
}

// renderBytes renders a component to a fresh slice, for the page cache.
func renderBytes(c echo.Context, comp templ.Component) ([]byte, error) {
	var buf bytes.Buffer
	if err := comp.Render(c.Request().Context(), &buf); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return buf.Bytes(), nil
}

// servePage writes a cached page through echo.
func servePage(c echo.Context, p *page) error {
	if p.location != "" {
		return c.Redirect(p.status, p.location)
	}
	writePage(c.Response(), c.Request(), p)
	return nil
}

// writePage writes a page, gzipped when the client accepts it, or 304
// when the client already has it, and returns the status. Headers are
// assigned straight into the map from values built once per page: this is
// the hot path.
func writePage(w http.ResponseWriter, r *http.Request, p *page) int {
	h := w.Header()
	v := &p.plainHdr
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		v = &p.gzHdr
	}
	h["Vary"] = varyEncoding
	if p.status != http.StatusOK { // an error page is not a resource to revalidate
		return writeBody(w, r, p.status, v)
	}
	// No Cache-Control: with an ETag and no Last-Modified, browsers give
	// the page no heuristic freshness and revalidate it every time, which
	// is what "no-cache" would say, for 26 bytes less on every response.
	h["Etag"] = v.etag
	if etagMatch(r.Header.Get("If-None-Match"), v.etag[0]) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	return writeBody(w, r, p.status, v)
}

func writeBody(w http.ResponseWriter, r *http.Request, status int, v *encoded) int {
	h := w.Header()
	h["Content-Type"] = htmlType
	h["Content-Length"] = v.length
	if v.encoding != nil {
		h["Content-Encoding"] = v.encoding
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(v.body)
	}
	return status
}

var (
	varyEncoding = []string{"Accept-Encoding"}
	htmlType     = []string{echo.MIMETextHTMLCharsetUTF8}
	gzipEncoding = []string{"gzip"}
)

func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != "gzip" {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func etagMatch(header, tag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}
