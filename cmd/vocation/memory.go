package main

import (
	"log/slog"
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// memorySizer keeps the Go runtime's soft memory limit near what the
// offer index needs, so that a million offers fit a small machine: the
// heap may grow headroom above what stays live after each build. With
// no headroom it only hands memory back after a build.
type memorySizer struct {
	log      *slog.Logger
	headroom int64
	live     int64 // the live heap after the last build; builds run one at a time
	// inPlace: the old index is let go before a build (--offers-rebuild
	// in-place), so a build needs room for one index, not two.
	inPlace bool
	gogc    int // the collector's setting before the first build
}

// beforeBuild leaves room for two indexes, the old one and the one being
// built (one when the old one is let go first), where the collector's
// default would let the heap double. The
// heap grows up to the limit before the collector runs, so the limit is
// the resident peak of a rebuild: the build churns little (its columns
// are sized ahead), and a quarter of the headroom is enough for it.
// firstBuildGOGC is the collector's setting during the first build. At a
// million offers 5 peaked 11-15 MB lower than 10, in as much time.
const firstBuildGOGC = 5

func (m *memorySizer) beforeBuild() {
	if m.headroom == 0 {
		return
	}
	limit := int64(math.MaxInt64)
	switch {
	case m.live == 0:
		// The first build's size is not known yet: the collector runs
		// each time the heap grows by a twentieth instead of doubling, so
		// the heap peaks near 1.05 times the index instead of twice it.
		m.gogc = debug.SetGCPercent(firstBuildGOGC)
	case m.inPlace:
		limit = m.live + m.headroom/4
	default:
		limit = 2*m.live + m.headroom/4
	}
	debug.SetMemoryLimit(limit)
}

// afterBuild hands back what the build churned, the index being all that
// stays, and sets the limit from what does.
func (m *memorySizer) afterBuild() {
	if m.gogc != 0 {
		debug.SetGCPercent(m.gogc)
		m.gogc = 0
	}
	debug.FreeOSMemory()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	m.live = int64(live[0].Value.Uint64())
	m.log.Info("heap after the offer index changed", slog.Int64("heap_live_mib", m.live>>20))
	if m.headroom > 0 {
		debug.SetMemoryLimit(m.live + m.headroom)
	}
}
