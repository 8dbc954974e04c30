package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"strconv"
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
	route    string // the route pattern it answers, for metrics
	plainHdr encoded
	gzHdr    encoded
}

// encoded is one representation of a page with its header values.
type encoded struct {
	body     []byte
	etag     []string
	length   []string
	encoding []string
}

func newPage(status int, body []byte) (*page, error) {
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:8])
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
	gz := buf.Bytes()
	return &page{
		status:   status,
		plainHdr: encoded{body: body, etag: []string{`"` + tag + `"`}, length: []string{strconv.Itoa(len(body))}},
		gzHdr:    encoded{body: gz, etag: []string{`"` + tag + `-gz"`}, length: []string{strconv.Itoa(len(gz))}, encoding: gzipEncoding},
	}, nil
}

// maxCachedPages bounds the cache: keys come from URLs people type.
const maxCachedPages = 5000

// snapshot is what the server knows of one import: its generation number and the
// pages rendered from it. A new import gets a new, empty snapshot.
type snapshot struct {
	n     int64
	pages sync.Map
	count atomic.Int64
	idx   atomic.Pointer[catalog]
}

func (g *snapshot) get(key string) *page {
	if v, ok := g.pages.Load(key); ok {
		return v.(*page)
	}
	return nil
}

func (g *snapshot) put(key string, p *page) {
	if g.count.Load() >= maxCachedPages {
		return
	}
	if _, loaded := g.pages.LoadOrStore(key, p); !loaded {
		g.count.Add(1)
	}
}

// tracker notices a newer import of the database, even one made by another
// process, on the next request. It reads SQLite's commit counter from the
// mapped WAL index (a memory load; a stat of the -wal file where mapping
// is unavailable) and asks SQLite for the generation only when it moved,
// and at least every recheckEvery as a safety net.
type tracker struct {
	db      *store.DB
	counter *store.ChangeCounter
	mu      sync.Mutex
	state   atomic.Pointer[trackState]
}

type trackState struct {
	mark    uint64
	checked time.Time
	gen     *snapshot
}

const recheckEvery = time.Second

func newTracker(ctx context.Context, db *store.DB, log *slog.Logger) (*tracker, error) {
	t := &tracker{db: db}
	if c, err := db.OpenChangeCounter(); err == nil {
		t.counter = c
	} else {
		log.Warn("falling back to stat to notice new imports", slog.Any("err", err))
	}
	n, err := db.Generation(ctx)
	if err != nil {
		return nil, err
	}
	t.state.Store(&trackState{mark: t.mark(), checked: time.Now(), gen: &snapshot{n: n}})
	return t, nil
}

func (t *tracker) mark() uint64 {
	if t.counter != nil {
		return t.counter.Load()
	}
	fi, err := os.Stat(t.db.ChangeFile())
	if err != nil {
		return 0
	}
	return uint64(fi.ModTime().UnixNano()) ^ uint64(fi.Size())<<48
}

// current returns the generation to serve from.
func (t *tracker) current(ctx context.Context) *snapshot {
	st := t.state.Load()
	if t.mark() == st.mark && time.Since(st.checked) < recheckEvery {
		return st.gen
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	st = t.state.Load()
	mark := t.mark() // before the query: a commit after it is seen next time
	n, err := t.db.Generation(ctx)
	if err != nil {
		// Keep serving what we have; the next request tries again.
		return st.gen
	}
	g := st.gen
	if n != g.n {
		g = &snapshot{n: n}
	}
	t.state.Store(&trackState{mark: mark, checked: time.Now(), gen: g})
	return g
}

// reset makes the next request re-read the generation; used after an
// import made by this process.
func (t *tracker) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := *t.state.Load()
	st.checked = time.Time{}
	t.state.Store(&st)
}

func (t *tracker) close() error {
	if t.counter != nil {
		return t.counter.Close()
	}
	return nil
}
