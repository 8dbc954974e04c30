package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/web"
)

// maxCompared is how many fiches fit side by side and stay readable.
const maxCompared = 3

// compareFiches is /comparer?m=slug&m=slug[&m=slug]. Any set of fiches is
// a new address, so the page is computed per request, from the catalog
// and one read transaction; the figures from offers come from the offer
// index, already computed per build.
func (s *Server) compareFiches(c echo.Context) error {
	ctx := c.Request().Context()
	gen := s.current(c)
	idx, err := s.catalogFor(ctx, gen)
	if err != nil {
		return err
	}
	slugs, err := compareSlugs(c.QueryParams()["m"], idx, s.opts.Dev)
	if err != nil {
		return err
	}
	// A comparison without the offers is still worth reading: their
	// cells say the index is not there yet.
	s.offers.Refresh(ctx, gen.n)
	ix, _ := s.offers.Wait(ctx, s.opts.OfferIndexWait)
	var fiches []*fiche.Fiche
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		fiches, err = tx.FicheFacts(slugs)
		return err
	})
	if err != nil {
		return err
	}
	titles := make([]string, len(fiches))
	for i, f := range fiches {
		titles[i] = f.Title
	}
	heading := "Comparer " + web.JoinFR(titles)
	l := s.pageLayout(c, idx, heading, "Les métiers "+web.JoinFR(titles)+" côte à côte : accès, salaires, intérêts, qualités, formations et offres.")
	l.Current = "metiers"
	l.Canonical = s.canonical(compareURL(slugs))
	p := comparePage(l, heading, fiches, idx, ix, s.opts.Dev)
	return s.render(c, 200, web.Compare(p))
}

// compareSlugs reads the fiches asked for, in their order: blanks are
// skipped (the optional select), old slugs follow their fiche,
// duplicates collapse. It reads no more than one value past the limit, so
// a URL with thousands of them costs nothing.
func compareSlugs(raw []string, idx *catalog, dev bool) ([]string, error) {
	var slugs []string
	for _, m := range raw {
		m = strings.ToLower(strings.TrimSpace(m))
		if m == "" {
			continue
		}
		if to, ok := idx.redirects[m]; ok && !idx.published(m, dev) {
			m = to
		}
		if !slices.Contains(slugs, m) {
			slugs = append(slugs, m)
		}
		if len(slugs) > maxCompared {
			return nil, failure.Invalidf("On compare au plus trois fiches à la fois, et plus de trois ont été choisies. Gardez-en deux ou trois.")
		}
	}
	switch len(slugs) {
	case 0:
		return nil, failure.Invalidf("Pour comparer des métiers, choisissez deux ou trois fiches : aucune n’a été choisie.")
	case 1:
		return nil, failure.Invalidf("Pour comparer des métiers, choisissez deux ou trois fiches : une seule a été choisie.")
	}
	for _, m := range slugs {
		if !fiche.ValidSlug(m) {
			return nil, failure.Invalidf("« " + printable(m) + " » n’est pas le nom d’une fiche : un nom de fiche ne contient que des lettres sans accent, des chiffres et des tirets.")
		}
		if !idx.published(m, dev) {
			return nil, failure.New(failure.NotFound, "Aucune fiche ne s’appelle « "+m+" ». Elle a peut-être changé de nom : cherchez-la dans la liste des fiches.")
		}
	}
	return slugs, nil
}

func compareURL(slugs []string) string {
	v := url.Values{"m": slugs}
	return "/comparer?" + v.Encode()
}

// comparePage lays the fiches out as columns and the criteria as rows. A
// row that no fiche fills is left out; a cell that its fiche leaves empty
// says so.
func comparePage(l web.Layout, heading string, fiches []*fiche.Fiche, idx *catalog, ix *offerindex.Index, dev bool) web.ComparePage {
	p := web.ComparePage{Layout: l, Heading: heading}
	for _, f := range fiches {
		p.Fiches = append(p.Fiches, web.Link{Label: f.Title, URL: "/metiers/" + f.Slug})
	}
	row := func(label, hint string, cell func(f *fiche.Fiche) web.CompareCell) web.CompareRow {
		r := web.CompareRow{Label: label, Hint: hint}
		for _, f := range fiches {
			c := cell(f)
			c.Fiche = f.Title
			r.Cells = append(r.Cells, c)
		}
		return r
	}
	filled := func(r web.CompareRow) bool { return slices.ContainsFunc(r.Cells, hasContent) }
	p.Rows = append(p.Rows,
		row("Secteur", "", func(f *fiche.Fiche) web.CompareCell {
			return web.CompareCell{Link: web.Link{Label: idx.sectorNames[f.Sector], URL: "/secteurs/" + f.Sector}}
		}),
		row("Accès", "Niveaux d’études pour commencer", func(f *fiche.Fiche) web.CompareCell {
			var levels []string
			for _, a := range f.Access {
				levels = append(levels, levelLabel(a))
			}
			return web.CompareCell{Text: web.JoinFR(levels)}
		}))

	scale := newScale(fiches, ix)
	for _, lv := range fiche.SalaryLevels {
		r := row("Salaire, "+strings.ToLower(salaryLevelLabels[lv][:1])+salaryLevelLabels[lv][1:], "Selon les sources de la fiche, brut par an",
			func(f *fiche.Fiche) web.CompareCell { return bandCell(f, lv, scale) })
		if filled(r) {
			p.Rows = append(p.Rows, r)
		}
	}
	p.Rows = append(p.Rows,
		row("Salaire proposé dans les offres", "Médiane des offres en ligne qui indiquent un salaire, brut par an", func(f *fiche.Fiche) web.CompareCell {
			return observedCell(ix, f.Slug, scale)
		}),
		row("Offres en ce moment", "", func(f *fiche.Fiche) web.CompareCell { return offersCell(ix, f) }),
		row("Intérêts (RIASEC)", "Les types de personnalité qui s’y plaisent", func(f *fiche.Fiche) web.CompareCell {
			c := web.CompareCell{Empty: "Non renseigné"}
			types, _ := leaningLinks(f.Riasec, nil)
			for _, t := range types {
				c.Items = append(c.Items, web.CompareItem{Label: t.Label, URL: t.URL})
			}
			return c
		}),
		row("Qualités", "", func(f *fiche.Fiche) web.CompareCell {
			// Read as a sentence: the lists can be long.
			return web.CompareCell{Text: web.JoinFR(f.Qualities), Empty: "Non renseigné"}
		}))
	for _, lv := range fiche.Levels {
		r := row("Formations, niveau "+levelLabel(lv), "", func(f *fiche.Fiche) web.CompareCell { return trainingCell(f, lv) })
		if filled(r) {
			p.Rows = append(p.Rows, r)
		}
	}
	p.Rows = append(p.Rows, row("Pour aller plus loin", "", func(f *fiche.Fiche) web.CompareCell {
		c := web.CompareCell{Items: []web.CompareItem{{Label: "Lire la fiche " + f.Title, URL: "/metiers/" + f.Slug}}}
		if len(f.Rome) > 0 {
			c.Items = append(c.Items, web.CompareItem{Label: "Les offres pour " + f.Title, URL: "/offres?metier=" + f.Slug})
		}
		return c
	}))
	// A cell with nothing to show says why; the others drop the notice.
	for i := range p.Rows {
		for j := range p.Rows[i].Cells {
			if c := &p.Rows[i].Cells[j]; hasContent(*c) {
				c.Empty = ""
			}
		}
	}
	if scale.max > 0 {
		p.ScaleMax = web.Euros(scale.max)
	}
	p.Choices = compareChoices(fiches, idx, dev)
	return p
}

func hasContent(c web.CompareCell) bool {
	return c.Text != "" || len(c.Items) > 0 || c.Link.Label != ""
}

// scale is the one yearly scale every salary bar of the page is drawn on.
type scale struct{ max int }

// newScale ends the scale at the highest yearly amount shown, rounded up
// to ten thousand euros.
func newScale(fiches []*fiche.Fiche, ix *offerindex.Index) scale {
	top := 0
	for _, f := range fiches {
		for _, b := range f.Salaries {
			top = max(top, fiche.Annual(b.Max, b.Unit))
		}
		if ix != nil {
			if o := ix.Observed(f.Slug); o != nil {
				top = max(top, o.Q3)
			}
		}
	}
	const step = 10000
	return scale{max: (top + step - 1) / step * step}
}

func (s scale) bar(lo, hi, mid int, open bool) *web.ScaleBar {
	if s.max <= 0 {
		return nil
	}
	at := func(v int) int { return min(1000, max(0, v*1000/s.max)) }
	b := &web.ScaleBar{X1: at(lo), X2: at(hi), Open: open}
	if mid > 0 {
		b.Mid = at(mid)
	}
	return b
}

// bandCell sums up a fiche's bands of one experience level per year, as
// glance does for the whole fiche: employees' bands, or freelance rates
// when there is nothing else, said to be an equivalent.
func bandCell(f *fiche.Fiche, level string, sc scale) web.CompareCell {
	var use []fiche.Salary
	freelance := false
	for _, status := range []string{"salarie", "freelance"} {
		for _, b := range f.Salaries {
			if b.Level == level && b.Status == status {
				use = append(use, b)
			}
		}
		if len(use) > 0 {
			freelance = status == "freelance"
			break
		}
	}
	if len(use) == 0 {
		return web.CompareCell{Empty: "Pas de chiffre dans la fiche"}
	}
	sources := map[string]fiche.Source{}
	for _, s := range f.Sources {
		sources[s.ID] = s
	}
	lo, hi, open := 0, 0, false
	var regions, publishers []string
	estimate := false
	for _, b := range use {
		a, z := fiche.Annual(b.Min, b.Unit), fiche.Annual(b.Max, b.Unit)
		if lo == 0 || a < lo {
			lo = a
		}
		if z > hi {
			hi, open = z, b.OpenEnded
		} else if z == hi && b.OpenEnded {
			open = true
		}
		if r := regionLabels[b.Region]; r != "" && !slices.Contains(regions, r) {
			regions = append(regions, r)
		}
		src := sources[b.Source]
		name := src.Publisher
		if name == "" {
			name = "non précisée"
		}
		if !slices.Contains(publishers, name) {
			publishers = append(publishers, name)
		}
		estimate = estimate || src.Estimate()
	}
	c := web.CompareCell{Text: amount(lo, hi, open, "year"), Bar: sc.bar(lo, hi, 0, open), Estimate: estimate}
	var detail []string
	if freelance {
		detail = append(detail, "indépendants, équivalent annuel")
	}
	// France alone is what a figure without a region means too.
	if len(regions) > 0 && !slices.Equal(regions, []string{regionLabels["france"]}) {
		detail = append(detail, strings.Join(regions, ", "))
	}
	if len(detail) > 0 {
		c.Text += " (" + strings.Join(detail, " ; ") + ")"
	}
	c.Source = "Source : " + web.JoinFR(publishers)
	return c
}

// observedCell is the median yearly salary stated by a fiche's live
// offers, with the middle half around it, when enough offers state one.
func observedCell(ix *offerindex.Index, slug string, sc scale) web.CompareCell {
	if ix == nil {
		return web.CompareCell{Empty: "Indisponible pour le moment"}
	}
	o := ix.Observed(slug)
	if o == nil {
		return web.CompareCell{Empty: "Moins de " + strconv.Itoa(offerindex.MinOffers) + " offres indiquent un salaire"}
	}
	v := observedView(o, ix.BuiltAt)
	return web.CompareCell{
		Text:   v.Median + " par an (médiane)",
		Detail: "La moitié des offres entre " + web.Euros(o.Q1) + " et " + web.Euros(o.Q3),
		Bar:    sc.bar(o.Q1, o.Q3, o.Median, false),
		Source: "Source : " + web.Plural(o.Offers, "offre", "offres") + " en ligne le " + v.Date + " (" + v.Source +
			"), calcul Vocation",
	}
}

// offersCount is how many live offers the offers page lists for a fiche.
func offersCount(ix *offerindex.Index, slug string) int {
	return ix.Search(offerindex.Request{Filters: offerindex.Filters{Metiers: []string{slug}, ExperienceMax: -1},
		TotalOnly: true, Now: time.Now().Unix()}).Total
}

func offersCell(ix *offerindex.Index, f *fiche.Fiche) web.CompareCell {
	switch {
	case len(f.Rome) == 0:
		return web.CompareCell{Empty: "Aucune offre reliée à cette fiche"}
	case ix == nil:
		return web.CompareCell{Empty: "Indisponible pour le moment"}
	}
	n := offersCount(ix, f.Slug)
	if n == 0 {
		return web.CompareCell{Text: "Aucune offre en ce moment"}
	}
	return web.CompareCell{Link: web.Link{Label: web.Plural(n, "offre", "offres") + " en ce moment", URL: "/offres?metier=" + f.Slug}}
}

func trainingCell(f *fiche.Fiche, level string) web.CompareCell {
	c := web.CompareCell{Empty: "Aucune formation à ce niveau dans la fiche"}
	for _, t := range f.Trainings {
		if t.Level != level {
			continue
		}
		it := web.CompareItem{Label: t.Title, URL: t.URL}
		if k := map[string]string{"public": "public", "private": "privé"}[t.Kind]; k != "" {
			it.Tags = append(it.Tags, k)
		}
		if t.Apprenticeship {
			it.Tags = append(it.Tags, "en alternance possible")
		}
		c.Items = append(c.Items, it)
	}
	return c
}

// compareChoices is one select per compared fiche, and one more when
// there is room, offering the fiches of the sectors already compared:
// enough to swap one, and bounded by the sizes of those sectors.
func compareChoices(fiches []*fiche.Fiche, idx *catalog, dev bool) []web.CompareChoice {
	var sectors []string
	for _, f := range fiches {
		if !slices.Contains(sectors, f.Sector) {
			sectors = append(sectors, f.Sector)
		}
	}
	visible := idx.visible(dev)
	n := min(len(fiches)+1, maxCompared)
	out := make([]web.CompareChoice, n)
	for i := range out {
		chosen := ""
		if i < len(fiches) {
			chosen = fiches[i].Slug
		}
		out[i] = web.CompareChoice{ID: "choix-" + strconv.Itoa(i+1), Label: "Fiche " + strconv.Itoa(i+1), Optional: i >= 2,
			Groups: sectorOptions(visible, idx, sectors, chosen, "")}
		if out[i].Optional {
			out[i].Label += " (facultative)"
		}
	}
	return out
}

// sectorOptions lists the fiches of sectors, one group each, in title
// order, leaving out skip and selecting chosen.
func sectorOptions(visible []store.Summary, idx *catalog, sectors []string, chosen, skip string) []web.OptionGroup {
	var out []web.OptionGroup
	for _, sec := range sectors {
		g := web.OptionGroup{Label: idx.sectorNames[sec]}
		for _, f := range visible {
			if f.Sector == sec && f.Slug != skip {
				g.Options = append(g.Options, web.Option{Value: f.Slug, Label: f.Title, Selected: f.Slug == chosen})
			}
		}
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// compareWith is the form on a fiche that compares it with another of
// its sector; nil when the sector has no other.
func compareWith(slug, sector string, visible []store.Summary, idx *catalog) *web.CompareWith {
	groups := sectorOptions(visible, idx, []string{sector}, "", slug)
	if len(groups) == 0 {
		return nil
	}
	return &web.CompareWith{Slug: slug, Groups: groups}
}
