package server

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// redirectTo is returned by a page builder when the page has moved.
type redirectTo struct{ url string }

func (r *redirectTo) Error() string { return "moved to " + r.url }

// uncached is a page built from data an import has since changed: it is
// served, but not kept for the generation.
type uncached struct{ templ.Component }

// builder makes one page from a read transaction and the index of the
// same generation.
type builder func(*store.Tx, *index) (templ.Component, error)

// cached serves key from the pages rendered for gen, building it in one
// read transaction on a miss. A page built from a newer generation than
// gen is served but not kept.
func (s *Server) cached(c echo.Context, gen *generation, key string, build builder) error {
	if !s.opts.Dev {
		if p := gen.get(key); p != nil {
			return servePage(c, p)
		}
	}
	var p *page
	err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		n, err := tx.Generation()
		if err != nil {
			return err
		}
		idx := gen.idx.Load()
		if idx == nil || idx.n != n || s.opts.Dev {
			if idx, err = loadIndex(tx); err != nil {
				return err
			}
			s.keepIndex(gen, idx)
		}
		comp, err := build(tx, idx)
		var moved *redirectTo
		switch {
		case errors.As(err, &moved):
			p = &page{status: http.StatusMovedPermanently, location: moved.url}
		case err != nil:
			return err
		default:
			body, err := renderBytes(c, comp)
			if err != nil {
				return err
			}
			if p, err = newPage(http.StatusOK, body); err != nil {
				return err
			}
		}
		if _, volatile := comp.(uncached); n == gen.n && !s.opts.Dev && !volatile && s.pageRoutes[c.Path()] {
			gen.put(key, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return servePage(c, p)
}

// lookup reads a slug path parameter and the index of the generation the
// request is served from. A parameter that is not a slug is not found
// without looking further.
func (s *Server) lookup(c echo.Context, param string) (string, *generation, *index, error) {
	slug := c.Param(param)
	if !fiche.ValidSlug(slug) {
		return "", nil, nil, store.ErrNotFound
	}
	gen := s.current(c)
	idx, err := s.indexFor(c.Request().Context(), gen)
	return slug, gen, idx, err
}

// current is the generation this request is served from.
func (s *Server) current(c echo.Context) *generation { return s.tracker.current(c.Request().Context()) }

// canonical is the absolute address of path. It is built from the
// configured public URL, never from the request's Host header, which the
// client chooses and the page cache would keep.
func (s *Server) canonical(path string) string {
	if s.opts.PublicURL == "" {
		return ""
	}
	return s.opts.PublicURL + path
}

func (s *Server) layout(c echo.Context, title, description string) web.Layout {
	return web.Layout{
		Title:       title,
		Description: description,
		Canonical:   s.canonical(c.Request().URL.Path),
		CSS:         s.assets.URL("css/site.css"),
		Icon:        s.assets.URL("img/favicon.svg"),
		Banner:      s.banner(),
	}
}

// pageLayout is layout plus what comes from the content: the footer.
func (s *Server) pageLayout(c echo.Context, idx *index, title, description string) web.Layout {
	l := s.layout(c, title, description)
	l.Footer = idx.footer
	return l
}

func card(f store.Summary, sectors map[string]string) web.Card {
	access := make([]string, len(f.Access))
	for i, a := range f.Access {
		access[i] = levelLabel(a)
	}
	return web.Card{Title: f.Title, URL: "/metiers/" + f.Slug, Summary: f.Summary, Sector: sectors[f.Sector],
		Access: strings.Join(access, ", "), Draft: f.Draft}
}

func (s *Server) showHome(c echo.Context) error {
	return s.cached(c, s.current(c), "/", func(_ *store.Tx, idx *index) (templ.Component, error) {
		l := s.pageLayout(c, idx, "", "Des fiches métiers claires et sourcées pour choisir son orientation : missions, formations, salaires, évolutions.")
		l.Current = "accueil"
		fiches := idx.visible(s.opts.Dev)
		recent := slices.Clone(fiches)
		sort.SliceStable(recent, func(i, j int) bool { return recent[i].Updated.After(recent[j].Updated) })
		p := web.HomePage{Layout: l, Sectors: sectorCards(idx, fiches), Count: len(fiches)}
		for _, f := range recent[:min(6, len(recent))] {
			p.Recent = append(p.Recent, card(f, idx.sectorNames))
		}
		return web.Home(p), nil
	})
}

func sectorCards(idx *index, fiches []store.Summary) []web.SectorCard {
	counts := map[string]int{}
	for _, f := range fiches {
		counts[f.Sector]++
	}
	out := make([]web.SectorCard, len(idx.sectors))
	for i, sec := range idx.sectors {
		out[i] = web.SectorCard{Label: sec.Label, URL: "/secteurs/" + sec.Key, Description: sec.Description, Count: counts[sec.Key]}
	}
	return out
}

func (s *Server) listSectors(c echo.Context) error {
	return s.cached(c, s.current(c), "/secteurs", func(_ *store.Tx, idx *index) (templ.Component, error) {
		l := s.pageLayout(c, idx, "Secteurs", "Les secteurs d’activité et leurs métiers.")
		l.Current = "secteurs"
		return web.Sectors(l, sectorCards(idx, idx.visible(s.opts.Dev))), nil
	})
}

func (s *Server) showSector(c echo.Context) error {
	key, gen, idx, err := s.lookup(c, "key")
	if err != nil {
		return err
	}
	if idx.sectorNames[key] == "" {
		return store.ErrNotFound
	}
	return s.cached(c, gen, "/secteurs/"+key, func(_ *store.Tx, idx *index) (templ.Component, error) {
		i := slices.IndexFunc(idx.sectors, func(s fiche.Sector) bool { return s.Key == key })
		if i < 0 {
			return nil, store.ErrNotFound
		}
		sec := idx.sectors[i]
		l := s.pageLayout(c, idx, sec.Label, sec.Description)
		l.Current = "secteurs"
		p := web.SectorPage{Layout: l, Label: sec.Label, Description: sec.Description, ListURL: "/metiers?secteur=" + key}
		for _, f := range idx.visible(s.opts.Dev) {
			if f.Sector == key {
				p.Cards = append(p.Cards, card(f, idx.sectorNames))
			}
		}
		return web.Sector(p), nil
	})
}

// listFiches is /metiers?secteur=&niveau=&q=: every filter is a GET
// parameter, so a filtered list is a link a counselor can share.
func (s *Server) listFiches(c echo.Context) error {
	q := cleanQuery(c.QueryParam("q"))
	sector, level := c.QueryParam("secteur"), c.QueryParam("niveau")
	if level != "" && !slices.Contains(fiche.Levels, level) {
		return failure.Invalidf("Le niveau d’études « " + printable(level) + " » n’existe pas. Niveaux possibles : " + strings.Join(fiche.Levels, ", ") + ".")
	}
	if sector != "" && !fiche.ValidSlug(sector) {
		return failure.Invalidf("Le secteur « " + printable(sector) + " » n’existe pas.")
	}
	build := func(_ *store.Tx, idx *index) (templ.Component, error) {
		if sector != "" && idx.sectorNames[sector] == "" {
			return nil, failure.Invalidf("Le secteur « " + printable(sector) + " » n’existe pas.")
		}
		title := "Fiches métiers"
		if level != "" {
			title += ", accès " + levelLabel(level)
		}
		if sector != "" {
			title += ", " + idx.sectorNames[sector]
		}
		l := s.pageLayout(c, idx, title, "Toutes les fiches métiers, filtrables par secteur et niveau d’études.")
		l.Current, l.Query = "metiers", q
		p := web.ListPage{Layout: l, Query: q, Filtered: q != "" || sector != "" || level != "", Clear: "/metiers"}
		for _, sec := range idx.sectors {
			p.Sectors = append(p.Sectors, web.Option{Value: sec.Key, Label: sec.Label, Selected: sec.Key == sector})
		}
		for _, lv := range fiche.Levels {
			p.Levels = append(p.Levels, web.Option{Value: lv, Label: levelLabel(lv), Selected: lv == level, URL: listURL(sector, lv)})
		}
		words := text.Tokens(q)
		var kept []store.Summary
		for _, f := range idx.visible(s.opts.Dev) {
			if (sector == "" || f.Sector == sector) && (level == "" || slices.Contains(f.Access, level)) && matches(f, words) {
				kept = append(kept, f)
			}
		}
		p.Total = len(kept)
		p.Groups, p.Letters = byLetter(kept, idx.sectorNames)
		return web.List(p), nil
	}
	gen := s.current(c)
	if q == "" {
		return s.cached(c, gen, listURL(sector, level), build)
	}
	// Free text is not cached, every typed string would be a new key, but
	// it needs no query either: the index has every title and alias.
	idx, err := s.indexFor(c.Request().Context(), gen)
	if err != nil {
		return err
	}
	comp, err := build(nil, idx)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, comp)
}

func listURL(sector, level string) string {
	v := url.Values{}
	if sector != "" {
		v.Set("secteur", sector)
	}
	if level != "" {
		v.Set("niveau", level)
	}
	if len(v) == 0 {
		return "/metiers"
	}
	return "/metiers?" + v.Encode()
}

// matches keeps a fiche when every typed word starts a word of its title
// or of one of its aliases, read as the offer search reads them: accents,
// case, gender and number ignored.
func matches(f store.Summary, words []string) bool {
	if len(words) == 0 {
		return true
	}
	hay := " " + text.Stems(f.Title+" "+strings.Join(f.Aliases, " ")+" "+f.Slug)
	for _, w := range words {
		if !strings.Contains(hay, " "+w) {
			return false
		}
	}
	return true
}

// byLetter files fiches, already in French order, under their initial.
// The initial is the one the collator sorted them by: text.Fold reads
// "Œ" as "oe" where Unicode decomposition has no base letter for it.
func byLetter(fiches []store.Summary, sectors map[string]string) ([]web.LetterGroup, []web.Letter) {
	var groups []web.LetterGroup
	for _, f := range fiches {
		letter := "#"
		if c := text.Fold(f.Title); c != "" && c[0] >= 'a' && c[0] <= 'z' {
			letter = strings.ToUpper(c[:1])
		}
		// A letter Fold does not know (ø) is filed under # but sorted
		// among the others: it joins the one # group, never a second
		// group with the same anchor.
		i := slices.IndexFunc(groups, func(g web.LetterGroup) bool { return g.Letter == letter })
		if i < 0 {
			i = len(groups)
			groups = append(groups, web.LetterGroup{Letter: letter, Anchor: "lettre-" + strings.ToLower(letter)})
		}
		groups[i].Cards = append(groups[i].Cards, card(f, sectors))
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Letter < groups[j].Letter })
	var letters []web.Letter
	for r := 'A'; r <= 'Z'; r++ {
		l := web.Letter{Letter: string(r)}
		for _, g := range groups {
			if g.Letter == l.Letter {
				l.Anchor = g.Anchor
			}
		}
		letters = append(letters, l)
	}
	return groups, letters
}

func (s *Server) showPage(c echo.Context) error {
	slug, gen, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.pages[slug] {
		return store.ErrNotFound
	}
	return s.cached(c, gen, "/"+slug, func(tx *store.Tx, idx *index) (templ.Component, error) {
		p, err := tx.Page(slug)
		if err != nil {
			return nil, err
		}
		l := s.pageLayout(c, idx, p.Title, p.Summary)
		l.Current = slug
		return web.Text(web.TextPage{Layout: l, Heading: p.Title, HTML: p.HTML}), nil
	})
}

// redirectPage keeps /pages/{slug} working: the canonical address is /{slug}.
func (s *Server) redirectPage(c echo.Context) error {
	slug, _, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.pages[slug] {
		return store.ErrNotFound
	}
	return c.Redirect(http.StatusMovedPermanently, "/"+slug)
}

func (s *Server) serveStatic(c echo.Context) error {
	a, ok := s.assets.Lookup(c.Request().URL.Path)
	if !ok {
		return store.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.ETag)
	if etagMatch(c.Request().Header.Get("If-None-Match"), a.ETag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Body)
}

func (s *Server) health(c echo.Context) error {
	if _, err := s.db.Generation(c.Request().Context()); err != nil {
		return err
	}
	return c.String(http.StatusOK, "ok\n")
}

// ready answers 200 once everything can be served, offer search included,
// so that a load balancer sends no one to a server still building its
// offer index; /healthz only says the server runs.
func (s *Server) ready(c echo.Context) error {
	select {
	case <-s.offers.Ready():
	default:
		return offerindex.ErrWarming
	}
	return s.health(c)
}

// favicon answers those that ask for /favicon.ico by name, crawlers and
// tools mostly: pages link the same icon under its hashed address. The
// address is not hashed, hence a day's cache rather than a year's.
func (s *Server) favicon(c echo.Context) error {
	a, ok := s.assets.Lookup(s.assets.URL("img/favicon.svg"))
	if !ok {
		return store.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, a.ContentType, a.Body)
}

// redirectSearch sends /recherche, the address people guess for a search,
// to the fiche search, with what they typed.
func (s *Server) redirectSearch(c echo.Context) error {
	to := "/metiers"
	if q := cleanQuery(c.QueryParam("q")); q != "" {
		to += "?q=" + url.QueryEscape(q)
	}
	return c.Redirect(http.StatusMovedPermanently, to)
}

func (s *Server) robots(c echo.Context) error {
	return c.String(http.StatusOK, "User-agent: *\nAllow: /\n")
}
