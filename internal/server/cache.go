package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"vocation/internal/store"
)

// page is a response rendered once per generation: the bytes, a gzip copy
// and their ETags. Compressing per request costs far more than rendering.
type page struct {
	status   int
	location string
	body     []byte
	gz       []byte
	etag     string
	gzETag   string
}

func newPage(status int, body []byte) (*page, error) {
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:12])
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &page{status: status, body: body, gz: buf.Bytes(), etag: `"` + tag + `"`, gzETag: `"` + tag + `-gz"`}, nil
}

// maxCachedPages bounds the cache: keys come from URLs people type.
const maxCachedPages = 5000

// generation is what the server knows of one import: its number and the
// pages rendered from it. A new import gets a new, empty generation.
type generation struct {
	n     int64
	pages sync.Map
	count atomic.Int64
}

func (g *generation) get(key string) *page {
	if v, ok := g.pages.Load(key); ok {
		return v.(*page)
	}
	return nil
}

func (g *generation) put(key string, p *page) {
	if g.count.Load() >= maxCachedPages {
		return
	}
	if _, loaded := g.pages.LoadOrStore(key, p); !loaded {
		g.count.Add(1)
	}
}

// tracker notices a newer import of the database, even one made by another
// process, on the next request: it stats the database files (a couple of
// microseconds) and asks SQLite for the generation only when they changed.
type tracker struct {
	db    *store.DB
	mu    sync.Mutex
	state atomic.Pointer[trackState]
}

type trackState struct {
	stamp string
	gen   *generation
}

func newTracker(ctx context.Context, db *store.DB) (*tracker, error) {
	t := &tracker{db: db}
	n, err := db.Generation(ctx)
	if err != nil {
		return nil, err
	}
	stamp, _ := t.stamp()
	t.state.Store(&trackState{stamp: stamp, gen: &generation{n: n}})
	return t, nil
}

// stamp summarises the files' sizes and times. It is not trusted while the
// newest change is very recent: a commit may be written to the WAL a
// moment before readers can see it.
func (t *tracker) stamp() (string, bool) {
	var b strings.Builder
	var newest time.Time
	for _, f := range t.db.Files() {
		fi, err := os.Stat(f)
		if err != nil {
			b.WriteString("-;")
			continue
		}
		if fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
		b.WriteString(fi.ModTime().Format(time.RFC3339Nano))
		b.WriteByte('/')
		b.WriteString(strconv.FormatInt(fi.Size(), 10))
		b.WriteByte(';')
	}
	return b.String(), time.Since(newest) > 250*time.Millisecond
}

// current returns the generation to serve from.
func (t *tracker) current(ctx context.Context) *generation {
	st := t.state.Load()
	stamp, settled := t.stamp()
	if stamp == st.stamp {
		return st.gen
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	st = t.state.Load()
	n, err := t.db.Generation(ctx)
	if err != nil {
		// Keep serving what we have; the next request tries again.
		return st.gen
	}
	g := st.gen
	if n != g.n {
		g = &generation{n: n}
	}
	if !settled {
		stamp = "" // check again on the next request
	}
	t.state.Store(&trackState{stamp: stamp, gen: g})
	return g
}

// reset forgets the stamp so the next request re-reads the generation;
// used after an import made by this process.
func (t *tracker) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := t.state.Load()
	t.state.Store(&trackState{gen: st.gen})
}
