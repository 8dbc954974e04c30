package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/web"
)

func (s *Server) showFiche(c echo.Context) error {
	slug, gen, idx, err := s.lookup(c, "slug")
	if err != nil {
		return err
	}
	if !idx.published(slug, s.opts.Dev) {
		if to, ok := idx.redirects[slug]; ok {
			return c.Redirect(http.StatusMovedPermanently, "/metiers/"+to)
		}
		return store.ErrNotFound
	}
	// The fiche lists its latest offers: the offer index must be there,
	// and rebuilt if this generation changed the offers or the fiches.
	s.offers.Refresh(c.Request().Context(), gen.n)
	ix, _ := s.offers.Wait(c.Request().Context(), s.opts.OfferIndexWait)
	return s.cached(c, gen, "/metiers/"+slug, func(tx *store.Tx, idx *catalog) (templ.Component, error) {
		f, err := tx.Fiche(slug)
		if err != nil {
			return nil, err
		}
		if f.Draft && !s.opts.Dev {
			return nil, store.ErrNotFound
		}
		l := s.withSelection(s.pageLayout(c, idx, f.Title, f.Summary))
		l.Current, l.Draft = "metiers", f.Draft
		p := fichePage(l, f, idx.visible(s.opts.Dev), idx.sectors)
		p.Compare = compareWith(slug, f.Sector, idx.visible(s.opts.Dev), idx)
		p.Share = web.FicheShare{Slug: slug}
		if u := s.canonical("/metiers/" + slug); u != "" {
			p.Share.URL, p.Share.QR = u, "/metiers/"+slug+"/qr.svg"
		}
		rome, err := ficheRome(tx, idx, slug, f.Rome, s.opts.Dev)
		if err != nil {
			return nil, err
		}
		withRome(&p, rome)
		p.JSONLD = append([]any{s.ficheData(f, p)}, s.breadcrumb(web.Link{Label: "Métiers", URL: "/metiers"}, p.Sector, web.Link{Label: f.Title, URL: "/metiers/" + slug})...)
		fresh := true
		if len(f.Rome) > 0 {
			latest, ok, err := latestOffers(tx, ix, idx, slug, 5)
			if err != nil {
				return nil, err
			}
			fresh = ok
			for _, o := range latest {
				p.Offers = append(p.Offers, offerCard(o.Offer))
			}
			p.OffersURL = "/offres?metier=" + slug
			p.Feed, p.FeedTitle = "/offres.atom?metier="+slug, "Offres de ce métier (flux Atom)"
			p.Sections = append(p.Sections, web.Link{Label: "Offres d’emploi en ce moment", URL: "offres-du-metier"})
		}
		if ix != nil {
			if p.Observed = observedView(ix.Observed(slug), ix.BuiltAt); p.Observed != nil {
				// In the page's order: after the editors' salaries, before the trainings.
				at := len(p.Sections)
				for i, l := range p.Sections {
					if l.URL == "parcours-formation" || l.URL == "metiers-proches" || l.URL == "sources-de-la-fiche" || l.URL == "offres-du-metier" {
						at = min(at, i)
					}
				}
				p.Sections = slices.Insert(p.Sections, at, web.Link{Label: "Salaires observés dans les offres", URL: "salaires-observes"})
				if p.Glance == "" {
					p.Glance = "Environ " + p.Observed.Median + " brut par an (médiane de " + web.Plural(p.Observed.Offers, "offre", "offres") +
						", " + p.Observed.Source + ")"
					p.GlanceURL = "#salaires-observes"
				}
			}
		}
		if !fresh {
			return uncached{web.Fiche(p)}, nil
		}
		return web.Fiche(p), nil
	})
}

// fichePage shapes a fiche for its page.
func fichePage(l web.Layout, f *content.Fiche, visible []store.Summary, sectors []fiche.Sector) web.FichePage {
	p := web.FichePage{
		Layout: l, Heading: f.Title, Aliases: f.Aliases[:min(len(f.Aliases), maxShownAliases)], Summary: f.Summary, BodyHTML: f.HTML,
		Qualities: f.Qualities, Tools: f.Tools, Updated: web.Date(f.Updated), UpdatedISO: f.Updated.Format("2006-01-02"),
	}
	for _, sec := range sectors {
		if sec.Key == f.Sector {
			p.Sector = web.Link{Label: sec.Label, URL: "/secteurs/" + sec.Key}
		}
	}
	for _, a := range f.Access {
		p.Access = append(p.Access, levelLabel(a))
	}
	p.Riasec, p.Interests = leaningLinks(f.Riasec, f.Interests)
	for _, s := range f.Sections {
		p.Sections = append(p.Sections, web.Link{Label: s.Title, URL: s.ID})
	}
	sources := map[string]fiche.Source{}
	for _, s := range f.Sources {
		sources[s.ID] = s
		p.Sources = append(p.Sources, web.SourceView{ID: s.ID, Publisher: s.Publisher, Title: s.Title, URL: s.URL,
			Date: web.PartialDate(s.Date), Accessed: web.PartialDate(s.Accessed), Estimate: s.Estimate()})
	}
	for _, v := range f.Videos {
		p.Videos = append(p.Videos, web.VideoView(v))
	}
	p.Salaries, p.Estimates = salaryGroups(f.Salaries, sources)
	p.Glance, p.GlanceURL = glance(f.Salaries), "#chiffres-salaires"
	p.Chart, p.ChartPhone = salaryChart(f.Salaries), salaryChartPhone(f.Salaries)
	p.Trainings = trainingGroups(f.Trainings, sources)
	titles := map[string]string{}
	for _, v := range visible {
		titles[v.Slug] = v.Title
	}
	for _, r := range f.Related {
		if t, ok := titles[r.Slug]; ok {
			p.Related = append(p.Related, web.Link{Label: t, URL: "/metiers/" + r.Slug})
		} else {
			p.Related = append(p.Related, web.Link{Label: humanize(r.Slug)})
		}
	}
	if len(p.Salaries) > 0 {
		p.Sections = append(p.Sections, web.Link{Label: "Les salaires en chiffres", URL: "chiffres-salaires"})
	}
	if len(p.Trainings) > 0 {
		p.Sections = append(p.Sections, web.Link{Label: "Formations par niveau", URL: "parcours-formation"})
	}
	if len(p.Related) > 0 {
		p.Sections = append(p.Sections, web.Link{Label: "Métiers proches et évolutions", URL: "metiers-proches"})
	}
	if len(p.Videos) > 0 {
		p.Sections = append(p.Sections, web.Link{Label: "Vidéos", URL: "videos-du-metier"})
	}
	if len(p.Sources) > 0 {
		p.Sections = append(p.Sections, web.Link{Label: "Sources", URL: "sources-de-la-fiche"})
	}
	return p
}

// maxShownAliases keeps the header readable; every alias still counts
// for search.
const maxShownAliases = 8

var levelNames = map[string]string{"infrabac": "Sans le bac", "cap": "CAP", "bac": "Bac", "bac+2": "Bac+2",
	"bac+3": "Bac+3", "bac+5": "Bac+5", "bac+8": "Bac+8 (doctorat)"}

func levelLabel(l string) string { return levelNames[l] }

var salaryLevelLabels = map[string]string{"debutant": "Débutant (0 à 2 ans)", "confirme": "Confirmé (3 à 5 ans)",
	"senior": "Senior (plus de 5 ans)", "expert": "Expert (lead, architecte)", "non-precise": "Niveau d’expérience non précisé"}

var regionLabels = map[string]string{"france": "France", "paris": "Paris", "province": "Province", "belgique": "Belgique"}

var statusLabels = map[string]string{"salarie": "Salarié", "freelance": "Indépendant (freelance)"}

var unitLabels = map[string]string{"year": "par an", "month": "par mois", "day": "par jour"}

func amount(min, max int, open bool, unit string) string {
	switch {
	case open:
		return web.Euros(min) + " et plus " + unitLabels[unit]
	case min == max:
		return web.Euros(min) + " " + unitLabels[unit]
	}
	return web.Euros(min) + " à " + web.Euros(max) + " " + unitLabels[unit]
}

func salaryGroups(bands []fiche.Salary, sources map[string]fiche.Source) ([]web.SalaryGroup, bool) {
	var out []web.SalaryGroup
	estimates := false
	for _, lv := range fiche.SalaryLevels {
		g := web.SalaryGroup{Label: salaryLevelLabels[lv]}
		for _, b := range bands {
			if b.Level != lv {
				continue
			}
			src := sources[b.Source]
			band := web.Band{
				Given:    amount(b.Min, b.Max, b.OpenEnded, b.Unit),
				Annual:   amount(fiche.Annual(b.Min, b.Unit), fiche.Annual(b.Max, b.Unit), b.OpenEnded, "year"),
				Region:   regionLabels[b.Region],
				Status:   statusLabels[b.Status],
				Source:   src.Publisher,
				Estimate: src.Estimate(),
				Note:     b.Note,
			}
			if band.Source == "" {
				band.Source = "Non précisée"
			}
			estimates = estimates || band.Estimate
			g.Bands = append(g.Bands, band)
		}
		if len(g.Bands) > 0 {
			out = append(out, g)
		}
	}
	return out, estimates
}

// glance sums up the employees' bands per year; freelance rates are shown
// only when there is nothing else, because they are not a salary.
func glance(bands []fiche.Salary) string {
	pick := func(status string) []fiche.Salary {
		return slices.DeleteFunc(slices.Clone(bands), func(b fiche.Salary) bool { return b.Status != status })
	}
	use, who := pick("salarie"), "salariés"
	if len(use) == 0 {
		use, who = pick("freelance"), "indépendants, équivalent annuel"
	}
	if len(use) == 0 {
		return ""
	}
	lo, hi, open := 0, 0, false
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
	}
	more := ""
	if open {
		more = " et plus"
	}
	return fmt.Sprintf("De %s à %s%s brut par an selon l’expérience et la région (%s, d’après les sources de la fiche).", web.Euros(lo), web.Euros(hi), more, who)
}

func trainingGroups(ts []fiche.Training, sources map[string]fiche.Source) []web.TrainingGroup {
	var out []web.TrainingGroup
	for _, lv := range fiche.Levels {
		g := web.TrainingGroup{Label: levelLabel(lv)}
		for _, t := range ts {
			if t.Level != lv {
				continue
			}
			kind := map[string]string{"public": "Public", "private": "Privé"}[t.Kind]
			g.Items = append(g.Items, web.TrainingView{Title: t.Title, Kind: kind, Apprenticeship: t.Apprenticeship,
				Duration: t.Duration, Cost: t.Cost, Where: t.Where, URL: t.URL, Source: sources[t.Source].Publisher})
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func humanize(slug string) string {
	s := strings.ReplaceAll(slug, "-", " ")
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// cleanQuery makes anything typed safe to echo back and to match: valid
// UTF-8, no control characters, at most 200 characters.
func cleanQuery(q string) string {
	q = strings.ToValidUTF8(q, "")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
	if r := []rune(q); len(r) > 200 {
		q = string(r[:200])
	}
	return q
}

// printable shortens and cleans a bad parameter before it is shown back.
func printable(s string) string {
	s = cleanQuery(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// latestOffers are the newest live offers tied to a fiche, from the offer
// index ix. fresh is false when ix is not yet the index of what tx reads,
// the offers and fiches of an import it has not caught up with: the page
// is then served but not kept.
func latestOffers(tx *store.Tx, ix *offerindex.Index, idx *catalog, slug string, n int) (offers []store.StoredOffer, fresh bool, err error) {
	if ix == nil {
		return nil, false, nil
	}
	og, err := tx.OffersGeneration()
	if err != nil {
		return nil, false, err
	}
	res := ix.Search(offerindex.Request{Filters: offerindex.Filters{Metiers: []string{slug}, ExperienceMax: -1},
		Sort: offerindex.ByDate, Limit: n, Now: time.Now().Unix()})
	keys := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = h.Key
	}
	offers, err = tx.OffersByKey(keys)
	return offers, og == ix.Generation && ix.Ties().Key() == idx.ties.Key(), err
}
