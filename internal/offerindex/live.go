package offerindex

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"vocation/internal/failure"
	"vocation/internal/store"
)

// Live keeps the index of the live offers current. It is built in the
// background at start, and again whenever an import changes the fiches
// offers are tied to or more offers than an update takes; an import of a
// few offers updates it. Searches keep using the previous index until the
// new one is ready.
type Live struct {
	db  *store.DB
	log *slog.Logger
	// BeforeBuild and AfterBuild, when set, run around each build, not
	// around an update: the program sizes the Go runtime's memory to the
	// index there.
	BeforeBuild, AfterBuild func()
	// AfterUpdate, when set, runs after an update.
	AfterUpdate func()
	// InPlace lets the old index go before a new one is built, so that
	// memory never holds two: offer searches answer ErrRebuilding until
	// the new one is ready. Without it searches use the old index
	// meanwhile, and a million offers need twice the memory.
	InPlace bool

	cur      atomic.Pointer[Index]
	ready    chan struct{}
	once     sync.Once
	building atomic.Bool
	pending  atomic.Bool  // a rebuild was asked for since the last one started
	checked  atomic.Int64 // the content generation last checked
}

// ErrWarming says the first index after a start is not built yet; at a
// million offers that takes 15-30 s.
var ErrWarming error = &failure.Error{Kind: failure.Unavailable, RetryAfter: 10 * time.Second,
	Message: "Le site vient de redémarrer et prépare la recherche des offres. Réessayez dans quelques secondes : votre recherche est gardée dans l’adresse de cette page."}

// ErrRebuilding says the index is being built again in place.
var ErrRebuilding error = &failure.Error{Kind: failure.Unavailable, RetryAfter: 10 * time.Second,
	Message: "La recherche des offres se met à jour avec les nouvelles offres. Réessayez dans quelques secondes : votre recherche est gardée dans l’adresse de cette page."}

// NewLive prepares the index of db's offers; Start builds it.
func NewLive(db *store.DB, log *slog.Logger) *Live {
	return &Live{db: db, log: log, ready: make(chan struct{})}
}

// Start builds the first index in the background.
func (l *Live) Start(ctx context.Context) { l.rebuild(ctx) }

// Ready is closed once the first build has ended, built or not.
func (l *Live) Ready() <-chan struct{} { return l.ready }

// Current is the index searches use now; nil before the first build.
func (l *Live) Current() *Index { return l.cur.Load() }

// Wait returns the current index, waiting up to wait for the first one.
func (l *Live) Wait(ctx context.Context, wait time.Duration) (*Index, error) {
	select {
	case <-l.ready:
	default:
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-l.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
			return nil, ErrWarming
		}
	}
	ix := l.cur.Load()
	if ix == nil {
		if l.InPlace && l.building.Load() {
			return nil, ErrRebuilding
		}
		return nil, fmt.Errorf("the offer index could not be built")
	}
	return ix, nil
}

// Refresh starts a rebuild when the database, now at content generation
// gen, holds other offers or other fiches than the index was built from.
// It reads the database only the first time it sees gen.
func (l *Live) Refresh(ctx context.Context, gen int64) {
	if l.checked.Swap(gen) == gen {
		return
	}
	ix := l.cur.Load()
	if ix == nil {
		select {
		case <-l.ready: // an in-place build let the old index go and failed
			l.rebuild(ctx)
		default: // the first build is under way
		}
		return
	}
	og, fiches, err := l.inputs(ctx)
	if err != nil {
		l.log.Warn("check the offer index", slog.Any("err", err))
		return
	}
	if og != ix.Generation || NewTies(fiches).Key() != ix.ties.Key() {
		l.rebuild(ctx)
	}
}

// inputs reads what an index is built from besides the offers: the offers
// generation, and the published fiches offers are tied to.
func (l *Live) inputs(ctx context.Context) (int64, []Fiche, error) {
	og, err := l.db.OffersGeneration(ctx)
	if err != nil {
		return 0, nil, err
	}
	var fiches []Fiche
	err = l.db.Read(ctx, func(tx *store.Tx) error {
		sums, err := tx.Summaries()
		fiches = FichesOf(sums)
		return err
	})
	return og, fiches, err
}

// rebuild builds the index again in the background. An import that lands
// while a build runs is not lost: the build that is running may have read
// the offers before it, so another one follows.
func (l *Live) rebuild(ctx context.Context) {
	l.pending.Store(true)
	if !l.building.CompareAndSwap(false, true) {
		return
	}
	go func() {
		for {
			for l.pending.Swap(false) {
				l.build(ctx)
			}
			l.building.Store(false)
			// A request between the last Swap and the Store found a build
			// running and left its rebuild to it.
			if !l.pending.Load() || !l.building.CompareAndSwap(false, true) {
				return
			}
		}
	}()
}

func (l *Live) build(ctx context.Context) {
	defer l.once.Do(func() { close(l.ready) })
	ctx = context.WithoutCancel(ctx)
	og, fiches, err := l.inputs(ctx)
	if err != nil {
		l.log.Error("build offer index", slog.Any("err", err))
		return
	}
	ties := NewTies(fiches)
	old := l.cur.Load()
	if old != nil && og == old.Generation && ties.Key() == old.ties.Key() {
		return // the build before read this import already
	}
	start := time.Now()
	if old != nil && ties.Key() == old.ties.Key() && l.update(ctx, old, start) {
		return
	}
	if l.InPlace {
		l.cur.Store(nil)
	}
	if l.BeforeBuild != nil {
		l.BeforeBuild()
	}
	if l.AfterBuild != nil {
		defer l.AfterBuild()
	}
	b := NewBuilder(0, ties) // the generation is known once the offers are read
	gen, err := l.db.EachLiveOffer(ctx, time.Now(), func(o *store.LiveOffer) error {
		b.Add(o)
		return nil
	})
	if err != nil {
		l.log.Error("build offer index", slog.Any("err", err))
		return
	}
	ix := b.Index()
	ix.Generation, ix.BuiltAt = gen, start
	l.cur.Store(ix)
	l.log.Info("offer index built", slog.Int("offers", ix.Len()), slog.Int64("offers_generation", gen), slog.Duration("duration", time.Since(start)))
}

// update makes the new index from old when the import changed few offers,
// and reports whether it did, or failed as a build would have.
func (l *Live) update(ctx context.Context, old *Index, start time.Time) bool {
	u := newUpdater(old)
	gen, err := l.db.EachLiveOfferSince(ctx, start, old.Generation, u.add)
	var ix *Index
	if err == nil {
		ix, err = u.finish(gen)
	}
	if err == nil {
		ix.BuiltAt = start
		l.cur.Store(ix)
		if l.AfterUpdate != nil {
			l.AfterUpdate()
		}
	}
	switch {
	case errors.Is(err, errNoUpdate):
		l.log.Info("offer index not updated", slog.String("why", err.Error()))
		return false
	case err != nil:
		l.log.Error("update offer index", slog.Any("err", err))
		return true
	}
	l.log.Info("offer index updated", slog.Int("offers", ix.Len()), slog.Int("changed", u.changed), slog.Int64("offers_generation", gen),
		slog.Duration("duration", time.Since(start)))
	return true
}
