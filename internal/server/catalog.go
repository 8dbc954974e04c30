package server

import (
	"context"
	"sync"
	"sync/atomic"

	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/web"
)

// catalog is what all pages of a generation share, read once: which fiches,
// pages and sectors exist, the old slugs, the summaries lists filter, the
// footer. It answers "not found" and "moved" without a query and spares
// every page build the same reads.
type catalog struct {
	n           int64
	summaries   []store.Summary // by title in French order, drafts included
	fiches      map[string]*store.Summary
	redirects   map[string]string
	pages       map[string]bool
	sectors     []fiche.Sector
	sectorNames map[string]string
	footer      []web.Link
	// ties are how offers go to fiches, the offer index's rule.
	ties *offerindex.Ties
	// search is the fiche search, built by the first search of the
	// generation (fiche_search.go): other pages do not wait for it.
	search      atomic.Pointer[ficheSearch]
	searchBuild sync.Mutex
	// leanings are each fiche's RIASEC letters and interests, which the
	// quiz's results rank on every request.
	leanings map[string]store.Leanings
}

func loadCatalog(tx *store.Tx) (*catalog, error) {
	n, err := tx.Generation()
	if err != nil {
		return nil, err
	}
	idx := &catalog{n: n, fiches: map[string]*store.Summary{}, pages: map[string]bool{}, sectorNames: map[string]string{}}
	if idx.summaries, err = tx.Summaries(); err != nil {
		return nil, err
	}
	// Every list of fiches is a subset of this one in this order: the A-Z
	// list, sector pages, the métier facet of the offers.
	sortByTitle(idx.summaries, func(s *store.Summary) string { return s.Title })
	for i := range idx.summaries {
		idx.fiches[idx.summaries[i].Slug] = &idx.summaries[i]
	}
	idx.ties = offerindex.NewTies(offerindex.FichesOf(idx.summaries))
	if idx.leanings, err = tx.Leanings(); err != nil {
		return nil, err
	}
	if idx.redirects, err = tx.Redirects(); err != nil {
		return nil, err
	}
	if idx.sectors, err = tx.Sectors(); err != nil {
		return nil, err
	}
	for _, s := range idx.sectors {
		idx.sectorNames[s.Key] = s.Label
	}
	pages, err := tx.Pages()
	if err != nil {
		return nil, err
	}
	sortByTitle(pages, func(p *fiche.Page) string { return p.Title })
	for _, p := range pages {
		idx.pages[p.Slug] = true
		idx.footer = append(idx.footer, web.Link{Label: p.Title, URL: "/" + p.Slug})
	}
	return idx, nil
}

// catalogFor returns the index of gen, reading it once per generation
// (every time in dev mode, where nothing is kept).
func (s *Server) catalogFor(ctx context.Context, gen *snapshot) (*catalog, error) {
	if idx := gen.idx.Load(); idx != nil && !s.opts.Dev {
		return idx, nil
	}
	var idx *catalog
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		idx, err = loadCatalog(tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.keepCatalog(gen, idx)
	return idx, nil
}

// keepCatalog stores idx in gen when it was read from that very generation.
func (s *Server) keepCatalog(gen *snapshot, idx *catalog) {
	if idx.n == gen.n && !s.opts.Dev {
		gen.idx.Store(idx)
	}
}

// visible lists the fiches a reader may see: drafts only in dev mode.
func (idx *catalog) visible(dev bool) []store.Summary {
	out := make([]store.Summary, 0, len(idx.summaries))
	for _, f := range idx.summaries {
		if dev || !f.Draft {
			out = append(out, f)
		}
	}
	return out
}

// published reports whether a fiche may be shown.
func (idx *catalog) published(slug string, dev bool) bool {
	f := idx.fiches[slug]
	return f != nil && (dev || !f.Draft)
}
