package server

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/offer"
	"vocation/internal/offerindex"
	"vocation/internal/salary"
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

// offerParams are the parameters of /offres, validated.
type offerParams struct {
	q, lieu, metier, tri string
	contrats             []string
	// typedContracts are the words of q taken as contract filters.
	typedContracts []string
	// hintContracts are contract words typed among other words: kept as
	// words, the filter is offered as a link. hintQ is q without them.
	hintContracts []string
	hintQ         string
	// typedPlace is the words of q taken as the place; telQuel turns off
	// taking words of q as a contract or a place.
	typedPlace  string
	telQuel     bool
	rayon       int
	teletravail int
	experience  int
	salaireMin  int
	page        int
}

const perPage = 20

func pageCount(total int) int { return min((total+perPage-1)/perPage, maxPage) }

// maxPage bounds how deep a search may page: past it, refine the offerindex.
const maxPage = 100

func intParam(v url.Values, name, label string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, ok := typedNumber(s)
	if !ok || n < lo || n > hi {
		return 0, failure.Invalidf(fmt.Sprintf("%s : « %s » n’est pas un nombre entre %s et %s.", label, printable(s), web.Number(lo), web.Number(hi)))
	}
	return n, nil
}

// typedNumber reads a whole number as people type it in a form: "35000",
// "35 000", "35.000 €", "35k".
func typedNumber(s string) (int, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '€' {
			return -1
		}
		return r
	}, strings.ToLower(s))
	if k, ok := strings.CutSuffix(s, "k"); ok {
		f, err := strconv.ParseFloat(strings.Replace(k, ",", ".", 1), 64)
		if err != nil || f < 0 || f > 1e6 {
			return 0, false
		}
		return int(math.Round(f * 1000)), true
	}
	if thousands.MatchString(s) {
		s = strings.NewReplacer(".", "", ",", "").Replace(s)
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

var thousands = regexp.MustCompile(`^\d{1,3}([.,]\d{3})+$`)

// contractWords are words people type in the search box for a type of
// contract: the contract filter answers them, where an offer's text may
// not say the word.
var contractWords = map[string]string{
	"cdi": "cdi", "cdd": "cdd", "stage": "stage", "stages": "stage", "stagiaire": "stage",
	"alternance": "alternance", "alternant": "alternance", "alternante": "alternance", "apprentissage": "alternance",
	"apprenti": "alternance", "apprentie": "alternance", "interim": "interim", "interimaire": "interim", "freelance": "freelance",
}

// takeContractWords makes a query of nothing but contract words the
// contract filter. Among other words a contract word stays a word
// ("apprentissage automatique" is machine learning), and the filter is
// offered as a link.
func (p *offerParams) takeContractWords() {
	var kept, typed, contracts []string
	for _, f := range strings.Fields(p.q) {
		c, ok := contractWords[text.Fold(f)]
		if !ok {
			kept = append(kept, f)
			continue
		}
		typed = append(typed, f)
		if !slices.Contains(contracts, c) {
			contracts = append(contracts, c)
		}
	}
	switch {
	case len(typed) == 0:
	case len(kept) == 0:
		p.typedContracts, p.q = typed, ""
		for _, c := range contracts {
			if !slices.Contains(p.contrats, c) {
				p.contrats = append(p.contrats, c)
			}
		}
	default:
		p.hintContracts, p.hintQ = contracts, strings.Join(kept, " ")
	}
}

// takePlace takes the words of q that no offer has but that name a place
// the index knows, a city, a postcode or a département, as the place:
// students type "boulangère rennes" in one box. The longest such run of
// words wins.
func (p *offerParams) takePlace(ix *offerindex.Index) {
	fields := strings.Fields(p.q)
	unknown := func(w string) bool {
		return slices.ContainsFunc(strings.Fields(text.Fold(w)), func(f string) bool { return !ix.Knows(f) })
	}
	for n := min(3, len(fields)-1); n >= 1; n-- {
		for i := 0; i+n <= len(fields); i++ {
			run := fields[i : i+n]
			var f offerindex.Filters
			if !slices.ContainsFunc(run, unknown) || !ix.FindPlace(strings.Join(run, " "), &f) {
				continue
			}
			p.typedPlace, p.lieu = strings.Join(run, " "), strings.Join(run, " ")
			p.q = strings.Join(slices.Concat(fields[:i], fields[i+n:]), " ")
			return
		}
	}
}

func parseOfferParams(v url.Values, idx *index) (offerParams, error) {
	p := offerParams{q: cleanQuery(v.Get("q")), lieu: cleanQuery(v.Get("lieu")), tri: v.Get("tri"), metier: v.Get("metier"), telQuel: v.Get("tel_quel") == "1"}
	if utf8.RuneCountInString(p.lieu) > 100 {
		p.lieu = string([]rune(p.lieu)[:100])
	}
	var err error
	if p.rayon, err = intParam(v, "rayon", "Rayon", 0, 0, 200); err != nil {
		return p, err
	}
	if p.teletravail, err = intParam(v, "teletravail", "Télétravail", 0, 0, 5); err != nil {
		return p, err
	}
	if p.experience, err = intParam(v, "experience", "Expérience", -1, 0, 50); err != nil {
		return p, err
	}
	if p.salaireMin, err = intParam(v, "salaire_min", "Salaire minimum", 0, 0, 500000); err != nil {
		return p, err
	}
	if p.page, err = intParam(v, "page", "Page", 1, 1, maxPage); err != nil {
		return p, err
	}
	for _, c := range v["contrat"] {
		c = text.Fold(c) // CDI, Intérim
		if !slices.Contains(offer.Contracts, c) {
			return p, failure.Invalidf("Contrat : « " + printable(c) + " » n’existe pas. Contrats possibles : " + strings.Join(offer.Contracts, ", ") + ".")
		}
		if !slices.Contains(p.contrats, c) {
			p.contrats = append(p.contrats, c)
		}
	}
	switch p.tri {
	case "", "pertinence", "date", "salaire", "distance":
	default:
		return p, failure.Invalidf("Tri : « " + printable(p.tri) + " » n’existe pas. Tris possibles : pertinence, date, salaire, distance.")
	}
	if p.metier != "" && !idx.published(p.metier, false) {
		return p, failure.Invalidf("Métier : aucune fiche « " + printable(p.metier) + " ».")
	}
	if !p.telQuel {
		p.takeContractWords()
	}
	return p, nil
}

// values writes p back as a query string: the address of this offerindex.
func (p offerParams) values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", p.q)
	set("lieu", p.lieu)
	if p.rayon > 0 {
		set("rayon", strconv.Itoa(p.rayon))
	}
	for _, c := range p.contrats {
		v.Add("contrat", c)
	}
	if p.teletravail > 0 {
		set("teletravail", strconv.Itoa(p.teletravail))
	}
	if p.experience >= 0 {
		set("experience", strconv.Itoa(p.experience))
	}
	if p.salaireMin > 0 {
		set("salaire_min", strconv.Itoa(p.salaireMin))
	}
	set("metier", p.metier)
	if p.tri != "" && p.tri != "pertinence" {
		set("tri", p.tri)
	}
	if p.page > 1 {
		set("page", strconv.Itoa(p.page))
	}
	if p.telQuel {
		set("tel_quel", "1")
	}
	return v
}

// filtered reports whether any filter narrows the offerindex.
func (p offerParams) filtered() bool {
	return len(p.contrats) > 0 || p.lieu != "" || p.teletravail > 0 || p.experience >= 0 || p.salaireMin > 0 || p.metier != ""
}

func (p offerParams) url(change func(*offerParams)) string {
	c := p
	c.contrats = slices.Clone(p.contrats)
	c.page = 1
	change(&c)
	if enc := c.values().Encode(); enc != "" {
		return "/offres?" + enc
	}
	return "/offres"
}

func (s *Server) listOffers(c echo.Context) error {
	gen := s.current(c)
	idx, err := s.indexFor(c.Request().Context(), gen)
	if err != nil {
		return err
	}
	p, err := parseOfferParams(c.QueryParams(), idx)
	if err != nil {
		return err
	}
	ix, err := s.offerSearchIndex(c)
	if err != nil {
		return err
	}
	typed := p
	if !p.telQuel && p.lieu == "" {
		p.takePlace(ix)
	}
	req, notice := s.offerRequest(p, ix, idx)
	var noticeLinks []web.Link
	if p.typedPlace != "" {
		notice = strings.TrimSpace(fmt.Sprintf("« %s » est un lieu : les offres sont cherchées %s. %s", p.typedPlace, placeLabel(req.Filters), notice))
		noticeLinks = append(noticeLinks, web.Link{Label: "Chercher « " + p.typedPlace + " » comme un mot",
			URL: typed.url(func(q *offerParams) { q.telQuel = true })})
	}
	if len(p.hintContracts) > 0 {
		hint := req
		hint.Query, hint.Filters.Contracts, hint.TotalOnly = text.Parse(p.hintQ), slices.Concat(p.contrats, p.hintContracts), true
		var labels []string
		for _, c := range p.hintContracts {
			labels = append(labels, contractLabels[c])
		}
		noticeLinks = append(noticeLinks, web.Link{
			Label: fmt.Sprintf("« %s » en %s (%s)", p.hintQ, strings.Join(labels, " ou "), web.Plural(ix.Search(hint).Total, "offre", "offres")),
			URL: p.url(func(q *offerParams) {
				q.q = q.hintQ
				for _, c := range q.hintContracts {
					if !slices.Contains(q.contrats, c) {
						q.contrats = append(q.contrats, c)
					}
				}
			})})
	}
	if len(p.typedContracts) > 0 {
		var labels []string
		for _, c := range p.contrats {
			labels = append(labels, contractLabels[c])
		}
		notice = strings.TrimSpace(fmt.Sprintf("« %s » : les offres sont filtrées par contrat (%s). %s",
			strings.Join(p.typedContracts, " "), strings.Join(labels, ", "), notice))
	}
	res := ix.Search(req)
	if last := max(pageCount(res.Total), 1); p.page > last {
		// A shared link to a page the results no longer reach: the last one.
		return c.Redirect(http.StatusFound, p.url(func(q *offerParams) { q.page = last }))
	}
	var offers []store.StoredOffer
	if len(res.Hits) > 0 {
		keys := make([]int64, len(res.Hits))
		for i, h := range res.Hits {
			keys[i] = h.Key
		}
		err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
			offers, err = tx.OffersByKey(keys)
			return err
		})
		if err != nil {
			return err
		}
	}
	page := s.offersPage(c, p, ix, idx, req, res, offers)
	page.Notice, page.NoticeLinks = notice, noticeLinks
	if page.Script = s.assets.URL("js/htmx.min.js"); page.Script != "" {
		// The one page with a script: its policy allows this origin's.
		c.Response().Header()["Content-Security-Policy"] = []string{scriptCSP}
	}
	return s.render(c, http.StatusOK, web.Offers(page))
}

// offerRequest turns parameters into a search; a place it cannot find
// becomes a notice rather than an error: it is text a person typed.
func (s *Server) offerRequest(p offerParams, ix *offerindex.Index, idx *index) (offerindex.Request, string) {
	req := offerindex.Request{Query: text.Parse(p.q), Offset: (p.page - 1) * perPage, Limit: perPage, Now: time.Now().Unix(),
		Filters: offerindex.Filters{Contracts: p.contrats, RemoteMin: p.teletravail, ExperienceMax: p.experience, SalaryMin: p.salaireMin, RadiusKm: float64(p.rayon)}}
	if p.metier != "" {
		req.Filters.Metiers = []string{p.metier}
	}
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

func (s *Server) offersPage(c echo.Context, p offerParams, ix *offerindex.Index, idx *index, req offerindex.Request, res offerindex.Result, offers []store.StoredOffer) web.OffersPage {
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
	l.Current, l.Canonical = "offres", ""
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

// unfiltered is req without its query and filters: a zero Filters would
// still ask for offers without experience.
func unfiltered(req offerindex.Request) offerindex.Request {
	return offerindex.Request{Now: req.Now, Filters: offerindex.Filters{ExperienceMax: -1}}
}

// emptyReason says why a search found nothing: words no offer has, words
// no offer has together, or the filters.
func emptyReason(p offerParams, ix *offerindex.Index, req offerindex.Request) string {
	var unknown []string
	for _, f := range strings.Fields(p.q) {
		if slices.ContainsFunc(strings.Fields(text.Fold(f)), func(w string) bool { return !ix.Knows(w) }) {
			unknown = append(unknown, "« "+f+" »")
		}
	}
	switch {
	case len(unknown) == 1:
		return "Aucune offre ne contient le mot " + unknown[0] + "."
	case len(unknown) > 1:
		return "Aucune offre ne contient les mots " + strings.Join(unknown[:len(unknown)-1], ", ") + " ni " + unknown[len(unknown)-1] + "."
	case req.Query.Empty():
		return "Aucune offre ne passe tous les filtres choisis."
	}
	words := unfiltered(req)
	words.Query, words.TotalOnly = req.Query, true
	if ix.Search(words).Total == 0 {
		return "Aucune offre ne contient tous ces mots à la fois."
	}
	return "Des offres contiennent ces mots, mais aucune ne passe tous les filtres choisis."
}

// suggestions say how to get results: a wider radius, a filter less, a
// spelling the index knows. Each comes with its count.
func (s *Server) suggestions(ctx context.Context, p offerParams, ix *offerindex.Index, req offerindex.Request, res offerindex.Result) []web.Link {
	var out []web.Link
	count := func(r offerindex.Request) int {
		r.TotalOnly = true
		return ix.Search(r).Total
	}
	if req.Filters.Near != nil && p.rayon < 200 {
		wider := map[int]int{0: 20, 10: 50, 20: 50, 50: 100, 100: 200}[p.rayon]
		r := req
		r.Filters.RadiusKm = float64(wider)
		if n := count(r); n > 0 {
			out = append(out, web.Link{Label: fmt.Sprintf("élargir à %d km (%s)", wider, web.Plural(n, "offre", "offres")), URL: p.url(func(q *offerParams) { q.rayon = wider })})
		}
	}
	without := []struct {
		name, label string
		active      bool
		drop        func(*offerParams)
	}{
		{"contrat", "contrat", len(p.contrats) > 0, func(q *offerParams) { q.contrats = nil }},
		{"lieu", "lieu", p.lieu != "", func(q *offerParams) { q.lieu, q.rayon = "", 0 }},
		{"teletravail", "télétravail", p.teletravail > 0, func(q *offerParams) { q.teletravail = 0 }},
		{"experience", "expérience", p.experience >= 0, func(q *offerParams) { q.experience = -1 }},
		{"salaire", "salaire minimum", p.salaireMin > 0, func(q *offerParams) { q.salaireMin = 0 }},
		{"metier", "métier", p.metier != "", func(q *offerParams) { q.metier = "" }},
	}
	for _, w := range without {
		if n := res.Facets.Without[w.name]; w.active && n > 0 {
			out = append(out, web.Link{Label: fmt.Sprintf("sans le filtre %s (%s)", w.label, web.Plural(n, "offre", "offres")), URL: p.url(w.drop)})
		}
	}
	// A word no offer has: the nearest spelling that gives results. With the
	// filters first; if they leave nothing, without any.
	if q, n := s.spelling(ctx, ix, p.q, req); n > 0 {
		return append(out, web.Link{Label: fmt.Sprintf("« %s » (%s)", q, web.Plural(n, "offre", "offres")), URL: p.url(func(o *offerParams) { o.q = q })})
	}
	if p.filtered() {
		if q, n := s.spelling(ctx, ix, p.q, unfiltered(req)); n > 0 {
			return append(out, web.Link{Label: fmt.Sprintf("« %s » sans les filtres (%s)", q, web.Plural(n, "offre", "offres")),
				URL: p.url(func(o *offerParams) { *o = offerParams{q: q, experience: -1, tri: p.tri} })})
		}
	}
	return out
}

// spelling corrects the first word of typed that no offer has, to the
// nearest spelling that gives req results, written as the offers write
// it; the other words stay as typed. n is 0 when there is none.
func (s *Server) spelling(ctx context.Context, ix *offerindex.Index, typed string, req offerindex.Request) (q string, n int) {
	req.TotalOnly = true
	fields := strings.Fields(typed)
	for i, f := range fields {
		parts := strings.Fields(text.Fold(f))
		for j, w := range parts {
			if ix.Knows(w) {
				continue
			}
			with := func(word string) string {
				fixed, part := slices.Clone(fields), slices.Clone(parts)
				part[j] = word
				fixed[i] = strings.Join(part, " ")
				return strings.Join(fixed, " ")
			}
			for _, t := range ix.Spellings(text.Stem(w), 3) {
				r := req
				if r.Query = text.Parse(with(t)); ix.Search(r).Total == 0 {
					continue
				}
				q = with(s.spelled(ctx, ix, t, w, req))
				r.Query = text.Parse(q)
				return q, ix.Search(r).Total
			}
		}
	}
	return "", 0
}

// spelled is the stem t as offers write it, accents and all: of the words
// with that stem in the titles and skills of the offers that rank first
// for t with the search's filters, the nearest to the typed word.
func (s *Server) spelled(ctx context.Context, ix *offerindex.Index, t, typed string, req offerindex.Request) string {
	req.Query, req.Sort, req.Offset, req.Limit, req.TotalOnly = text.Query{Words: [][]string{{t}}}, offerindex.ByRelevance, 0, 3, false
	res := ix.Search(req)
	best, bestDist := t, math.MaxInt
	notWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		for _, h := range res.Hits {
			o, err := tx.OfferByKey(h.Key)
			if err != nil {
				return err
			}
			for _, label := range append([]string{o.Title}, o.Skills...) {
				for _, w := range strings.FieldsFunc(label, notWord) {
					f := text.Fold(w)
					if d := text.Distance(typed, f); d < bestDist && text.Stem(f) == t {
						best, bestDist = strings.ToLower(w), d
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		s.log.Warn("read the offers of a spelling", slog.Any("err", err))
		return t
	}
	return best
}

// activeFilters name each active filter with its value, so that a shared
// search says what it is filtered by.
func activeFilters(p offerParams, idx *index) []web.Link {
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

func toggle(list []string, v string) []string {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return append(list, v)
}

func toggleInt(cur, v, off int) int {
	if cur == v {
		return off
	}
	return v
}

func toggleString(cur, v string) string {
	if cur == v {
		return ""
	}
	return v
}

func offerCard(o offer.Offer) web.OfferCard {
	card := web.OfferCard{Title: o.Title, URL: offerURL(o), Company: o.Company, Place: offerPlace(o), Contract: contractLabels[o.Contract],
		Published: web.Date(o.Published)}
	if o.SalaryUnit != "" {
		card.Salary = salaryGiven(o)
	}
	if o.RemoteDays > 0 {
		card.Remote = fmt.Sprintf("Télétravail %s par semaine", web.Plural(o.RemoteDays, "jour", "jours"))
	}
	return card
}

// salaryGiven is an offer's salary as the offer gives it.
func salaryGiven(o offer.Offer) string {
	if o.SalaryUnit == "hour" {
		if o.SalaryMin == o.SalaryMax {
			return web.Cents(o.SalaryMin) + " de l’heure"
		}
		return web.Cents(o.SalaryMin) + " à " + web.Cents(o.SalaryMax) + " de l’heure"
	}
	s := amount(o.SalaryMin, o.SalaryMax, false, o.SalaryUnit)
	if o.SalaryMonths > 0 && o.SalaryMonths != 12 {
		s += " sur " + strings.Replace(strconv.FormatFloat(o.SalaryMonths, 'f', -1, 64), ".", ",", 1) + " mois"
	}
	return s
}

// salaryDerived is what an offer's salary makes a year, "" when it is
// given per year already; for an hourly wage, a full-time month and year,
// said to be derived: the offer may be part-time.
func salaryDerived(o offer.Offer) string {
	switch o.SalaryUnit {
	case "year":
		return ""
	case "hour":
		hundred := func(n int) int { return int(math.Round(float64(n)/100) * 100) }
		return "soit environ " + amount(salary.FullTimeMonth(o.SalaryMin), salary.FullTimeMonth(o.SalaryMax), false, "month") + " et " +
			amount(hundred(salary.Annual(o.SalaryMin, "hour")), hundred(salary.Annual(o.SalaryMax, "hour")), false, "year") +
			" pour un temps plein (35\u00a0h par semaine)"
	}
	lo, hi := o.SalaryYear()
	return "soit " + amount(lo, hi, false, "year")
}

func offerURL(o offer.Offer) string {
	return "/offres/" + url.PathEscape(o.Source) + "/" + url.PathEscape(o.ID)
}

func offerPlace(o offer.Offer) string {
	switch {
	case o.City != "" && o.Postcode != "":
		return o.City + " (" + o.Postcode + ")"
	case o.City != "":
		return o.City
	case o.Postcode != "":
		return o.Postcode
	}
	return "Lieu non précisé"
}

// showOffer is /offres/{source}/{id}; an expired offer answers 410 Gone
// with the way to the current offers of its métier.
func (s *Server) showOffer(c echo.Context) error {
	source, err1 := url.PathUnescape(c.Param("source"))
	id, err2 := url.PathUnescape(c.Param("id"))
	if err1 != nil || err2 != nil || !utf8.ValidString(source+id) || len(source) > 60 || len(id) > 200 {
		return store.ErrNotFound
	}
	idx, err := s.indexFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	var o *store.StoredOffer
	err = s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		o, err = tx.Offer(source, id)
		return err
	})
	if err != nil {
		return err
	}
	p := web.OfferPage{Layout: s.pageLayout(c, idx, o.Title, ""), Heading: o.Title, Company: o.Company, Place: offerPlace(o.Offer),
		Contract: contractLabels[o.Contract], Skills: o.Skills, Published: web.Date(o.Published), ApplyURL: o.URL,
		Gone: o.Expired(time.Now()), Demo: o.Source == "demo" || strings.HasPrefix(o.Source, "demo-"), Search: web.Link{Label: "Toutes les offres", URL: "/offres"}}
	p.Current, p.Canonical = "offres", s.canonical(offerURL(o.Offer))
	if !o.Expires.IsZero() {
		p.Expires = web.Date(o.Expires)
	}
	if o.SalaryUnit != "" {
		p.SalaryGiven, p.SalaryDerived = salaryGiven(o.Offer), salaryDerived(o.Offer)
	}
	if o.RemoteDays > 0 {
		p.Remote = web.Plural(o.RemoteDays, "jour", "jours") + " par semaine"
	} else if o.RemoteDays == 0 {
		p.Remote = "Non"
	}
	switch {
	case o.ExperienceYears < 0:
		p.Experience = "Non précisée"
	case o.ExperienceYears == 0:
		p.Experience = "Débutant accepté"
	default:
		p.Experience = web.Plural(o.ExperienceYears, "an", "ans") + " minimum"
	}
	for _, para := range strings.Split(o.Description, "\n") {
		if strings.TrimSpace(para) != "" {
			p.Paragraphs = append(p.Paragraphs, para)
		}
	}
	for _, slug := range idx.ties.Slugs(o.Rome, []byte(text.Stems(o.Title))) {
		f := idx.fiches[slug]
		p.Fiches = append(p.Fiches, web.Link{Label: f.Title, URL: "/metiers/" + f.Slug})
		if p.Search.URL == "/offres" {
			p.Search = web.Link{Label: "Offres actuelles pour « " + f.Title + " »", URL: "/offres?metier=" + f.Slug}
		}
	}
	status := http.StatusOK
	if p.Gone {
		status = http.StatusGone
		p.Title = "Offre expirée : " + o.Title
	}
	return s.render(c, status, web.Offer(p))
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
