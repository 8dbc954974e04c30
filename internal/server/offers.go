package server

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/offer"
	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// offerSearchIndex returns the current offer index, waiting a little for
// the first one, and has it rebuilt when the database changed since.
func (s *Server) offerSearchIndex(c echo.Context) (*offerindex.Index, error) {
	ctx := c.Request().Context()
	s.offers.Refresh(ctx, s.current(c).n)
	return s.offers.Wait(ctx, s.opts.OfferIndexWait)
}

func (s *Server) listOffers(c echo.Context) error {
	found, err := s.searchOffers(c, c.QueryParams())
	if err != nil {
		return err
	}
	p, res := found.params, found.res
	if last := max(pageCount(res.Total), 1); p.page > last {
		// A shared link to a page the results no longer reach: the last one.
		return c.Redirect(http.StatusFound, p.url(func(q *offerParams) { q.page = last }))
	}
	offers, err := s.hitOffers(c, res)
	if err != nil {
		return err
	}
	page := s.offersPage(c, p, found.ix, found.idx, found.req, res, offers)
	page.Notice, page.NoticeLinks = found.notice, found.noticeLinks
	if page.Script = s.assets.URL("js/htmx.min.js"); page.Script != "" {
		// The one page with a script: its policy allows this origin's.
		c.Response().Header()["Content-Security-Policy"] = []string{scriptCSP}
	}
	return s.render(c, http.StatusOK, web.Offers(page))
}

// offerRequest turns parameters into a search; a place it cannot find
// becomes a notice rather than an error: it is text a person typed.
func (s *Server) offerRequest(p offerParams, ix *offerindex.Index, idx *catalog) (offerindex.Request, string) {
	req := offerindex.Request{Query: text.Parse(p.q), Offset: (p.page - 1) * perPage, Limit: perPage, Now: time.Now().Unix(),
		Filters: offerindex.Filters{Contracts: p.contrats, RemoteMin: p.teletravail, ExperienceMax: p.experience, SalaryMin: p.salaireMin, RadiusKm: float64(p.rayon)}}
	if p.metier != "" {
		req.Filters.Metiers = []string{p.metier}
	}
	req.Filters.Rome = p.rome
	notice := ""
	if p.lieu != "" && !ix.FindPlace(p.lieu, &req.Filters) {
		// A postcode no offer names: its département.
		if dep := offer.Departement(p.lieu); offer.IsPostcode(p.lieu) && dep != "" && ix.FindPlace(dep, &req.Filters) {
			notice = "Aucune offre au code postal " + p.lieu + " : voici celles du département " + dep + "."
		} else {
			notice = "Lieu « " + p.lieu + " » introuvable parmi les offres : la recherche porte sur toute la France."
		}
	}
	if req.Filters.Departement != "" && p.rayon > 0 {
		notice = strings.TrimSpace(notice + " Un rayon se compte depuis une ville ou un code postal : la recherche porte sur tout le département " + req.Filters.Departement + ".")
	}
	switch p.tri {
	case "date":
		req.Sort = offerindex.ByDate
	case "salaire":
		req.Sort = offerindex.BySalary
	case "distance":
		req.Sort = offerindex.ByDistance
		if req.Filters.Near == nil && notice == "" {
			notice = "Le tri par distance demande une ville ou un code postal : les offres sont triées par pertinence."
		}
	}
	return req, notice
}

var contractLabels = map[string]string{"cdi": "CDI", "cdd": "CDD", "alternance": "Alternance", "stage": "Stage", "freelance": "Freelance", "interim": "Intérim",
	"autre": "Autre contrat"}

func (s *Server) offersPage(c echo.Context, p offerParams, ix *offerindex.Index, idx *catalog, req offerindex.Request, res offerindex.Result, offers []store.StoredOffer) web.OffersPage {
	// The title names what the search is: the words, the métier, and the
	// place when it was found.
	var what []string
	if p.q != "" {
		what = append(what, p.q)
	}
	if p.metier != "" {
		what = append(what, idx.fiches[p.metier].Title)
	}
	title := "Offres d’emploi"
	if len(what) > 0 {
		title += " : " + strings.Join(what, ", ")
	}
	if f := req.Filters; p.lieu != "" && (f.Near != nil || f.Postcode != "" || f.City != "" || f.Departement != "") {
		title += " à " + p.lieu
	}
	title += " (" + web.Number(res.Total) + ")"
	l := s.pageLayout(c, idx, title, "Rechercher une offre d’emploi, de stage ou d’alternance par métier, lieu et contrat.")
	l.Current = "offres"
	l.Canonical = s.canonical(p.url(func(q *offerParams) { q.page = p.page }))
	l.Feed, l.FeedTitle = "/offres.atom"+strings.TrimPrefix(p.url(func(*offerParams) {}), "/offres"), "Suivre cette recherche (flux Atom)"
	page := web.OffersPage{Layout: l, Query: p.q, Lieu: p.lieu, Total: res.Total, Page: p.page, Demo: ix.Demo() > 0}
	if p.salaireMin > 0 {
		page.SalaryMin = strconv.Itoa(p.salaireMin)
	}
	for _, r := range []int{0, 10, 20, 50, 100, 200} {
		label := fmt.Sprintf("%d km", r)
		if r == 0 {
			label = "la ville ou le département"
		}
		page.Radii = append(page.Radii, web.Option{Value: strconv.Itoa(r), Label: label, Selected: r == p.rayon})
	}
	for _, t := range [][2]string{{"pertinence", "Pertinence"}, {"date", "Date de publication"}, {"salaire", "Salaire"}, {"distance", "Distance"}} {
		page.Sorts = append(page.Sorts, web.Option{Value: t[0], Label: t[1], Selected: p.tri == t[0] || (p.tri == "" && t[0] == "pertinence")})
	}
	for _, fc := range res.Facets.Contracts {
		sel := slices.Contains(p.contrats, fc.Value)
		page.Contracts = append(page.Contracts, web.Option{Value: fc.Value, Label: contractLabels[fc.Value], Count: fc.N, Selected: sel,
			URL: p.url(func(q *offerParams) { q.contrats = toggle(q.contrats, fc.Value) })})
	}
	for _, fc := range res.Facets.Remote {
		d, _ := strconv.Atoi(fc.Value)
		page.Remote = append(page.Remote, web.Option{Value: fc.Value, Label: remoteLabel(d), Count: fc.N, Selected: p.teletravail == d,
			URL: p.url(func(q *offerParams) { q.teletravail = toggleInt(q.teletravail, d, 0) })})
	}
	for _, fc := range res.Facets.Experience {
		y, _ := strconv.Atoi(fc.Value)
		page.Experience = append(page.Experience, web.Option{Value: fc.Value, Label: experienceLabel(y), Count: fc.N, Selected: p.experience == y,
			URL: p.url(func(q *offerParams) { q.experience = toggleInt(q.experience, y, -1) })})
	}
	metierCounts := map[string]int{}
	for _, fc := range res.Facets.Metiers {
		metierCounts[fc.Value] = fc.N
	}
	for _, f := range idx.visible(false) {
		n := metierCounts[f.Slug]
		if len(f.Rome) == 0 { // no offers can name it
			continue
		}
		slug := f.Slug
		page.Metiers = append(page.Metiers, web.Option{Value: slug, Label: f.Title, Count: n, Selected: p.metier == slug,
			URL: p.url(func(q *offerParams) { q.metier = toggleString(q.metier, slug) })})
	}
	for _, fc := range res.Facets.Places {
		pc, city, _ := strings.Cut(fc.Value, "|")
		page.Places = append(page.Places, web.Option{Value: pc, Label: city + " (" + pc + ")", Count: fc.N, Selected: p.lieu == pc,
			URL: p.url(func(q *offerParams) { q.lieu = toggleString(q.lieu, pc) })})
	}
	page.Active = activeFilters(p, idx)
	page.Kept = keptParams(p, page)
	page.Pages = pageCount(res.Total)
	if res.Total > maxPage*perPage {
		page.Listed = maxPage * perPage
	}
	if p.page > 1 {
		page.Prev = p.url(func(q *offerParams) { q.page = p.page - 1 })
	}
	if p.page < page.Pages {
		page.Next = p.url(func(q *offerParams) { q.page = p.page + 1 })
	}
	byKey := map[int64]store.StoredOffer{}
	for _, o := range offers {
		byKey[o.Key] = o
	}
	for _, h := range res.Hits {
		if o, ok := byKey[h.Key]; ok {
			card := offerCard(o.Offer)
			if h.DistanceKm >= 0 && !math.IsInf(h.DistanceKm, 1) {
				card.Distance = fmt.Sprintf("%.0f km", h.DistanceKm)
			}
			page.Results = append(page.Results, card)
		}
	}
	if res.Total == 0 {
		page.Why = emptyReason(p, ix, req)
		page.Empty = s.suggestions(c.Request().Context(), p, ix, req, res)
	}
	return page
}

// keptParams are the parameters of p that no control of the filters form
// shows (a ROME code, a radius or an experience typed in an address), so
// that submitting the form keeps the search it shows.
func keptParams(p offerParams, page web.OffersPage) []web.Param {
	var kept []web.Param
	v := p.values()
	for _, k := range []struct {
		name    string
		options []web.Option
	}{{"rayon", page.Radii}, {"experience", page.Experience}, {"rome", nil}, {"tel_quel", nil}} {
		if val := v.Get(k.name); val != "" && !slices.ContainsFunc(k.options, func(o web.Option) bool { return o.Selected }) {
			kept = append(kept, web.Param{Name: k.name, Value: val})
		}
	}
	return kept
}

// activeFilters name each active filter with its value, so that a shared
// search says what it is filtered by.
func activeFilters(p offerParams, idx *catalog) []web.Link {
	var out []web.Link
	for _, c := range p.contrats {
		out = append(out, web.Link{Label: contractLabels[c], URL: p.url(func(q *offerParams) { q.contrats = toggle(q.contrats, c) })})
	}
	if p.lieu != "" {
		label := p.lieu
		if p.rayon > 0 {
			label += fmt.Sprintf(" (%d km)", p.rayon)
		}
		out = append(out, web.Link{Label: label, URL: p.url(func(q *offerParams) { q.lieu, q.rayon = "", 0 })})
	}
	if p.teletravail > 0 {
		out = append(out, web.Link{Label: "télétravail " + remoteLabel(p.teletravail), URL: p.url(func(q *offerParams) { q.teletravail = 0 })})
	}
	if p.experience >= 0 {
		out = append(out, web.Link{Label: "expérience : " + strings.ToLower(experienceLabel(p.experience)), URL: p.url(func(q *offerParams) { q.experience = -1 })})
	}
	if p.salaireMin > 0 {
		out = append(out, web.Link{Label: "salaire minimum " + web.Euros(p.salaireMin) + " par an", URL: p.url(func(q *offerParams) { q.salaireMin = 0 })})
	}
	if p.metier != "" {
		out = append(out, web.Link{Label: "métier " + idx.fiches[p.metier].Title, URL: p.url(func(q *offerParams) { q.metier = "" })})
	}
	return out
}

func remoteLabel(days int) string { return web.Plural(days, "jour", "jours") + " ou plus par semaine" }

func experienceLabel(years int) string {
	if years == 0 {
		return "Débutant accepté"
	}
	return "Jusqu’à " + web.Plural(years, "an", "ans")
}

// placeLabel says where a search looks, as "à Lyon" or "dans le
// département 69".
func placeLabel(f offerindex.Filters) string {
	switch {
	case f.Departement != "":
		return "dans le département " + f.Departement
	case f.Postcode != "" && f.Near != nil:
		return "à " + f.Near.City + " (" + f.Postcode + ")"
	case f.Postcode != "":
		return "au code postal " + f.Postcode
	case f.Near != nil:
		return "à " + f.Near.City
	}
	return "à " + f.City
}
