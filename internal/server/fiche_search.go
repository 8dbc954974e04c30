package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"vocation/internal/fichesearch"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// ficheSearch is one generation's search: its published fiches, and the
// ROME job titles whose code no published fiche carries.
type ficheSearch struct {
	fiches *fichesearch.Index
	jobs   *fichesearch.Index
	titles []store.Appellation // by document of jobs
}

// searchFor returns the catalog and fiche search of the generation the
// request is served from, building the search on its first use.
func (s *Server) searchFor(ctx context.Context, gen *snapshot) (*catalog, *ficheSearch, error) {
	idx, err := s.catalogFor(ctx, gen)
	if err != nil {
		return nil, nil, err
	}
	if fs := idx.search.Load(); fs != nil {
		return idx, fs, nil
	}
	// One build per generation, however many searches arrive at once.
	idx.searchBuild.Lock()
	defer idx.searchBuild.Unlock()
	if fs := idx.search.Load(); fs != nil {
		return idx, fs, nil
	}
	var texts []store.FicheText
	var titles []store.Appellation
	var n int64
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		if n, err = tx.Generation(); err != nil {
			return err
		}
		if texts, err = tx.FicheTexts(); err != nil {
			return err
		}
		titles, err = tx.Appellations()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	fs := buildFicheSearch(idx, texts, titles, s.opts.Dev)
	if n == idx.n {
		// Read from a newer import, it would describe other fiches: used
		// once, the next request brings the newer catalog.
		idx.search.Store(fs)
	}
	return idx, fs, nil
}

func buildFicheSearch(idx *catalog, texts []store.FicheText, titles []store.Appellation, dev bool) *ficheSearch {
	byCode := map[string][]string{}
	family := map[string]string{}
	for _, t := range titles {
		byCode[t.Code] = append(byCode[t.Code], t.Label)
		family[t.Code] = t.Family
	}
	bySlug := map[string]*store.FicheText{}
	for i := range texts {
		bySlug[texts[i].Slug] = &texts[i]
	}
	covered := map[string]bool{}
	var docs []fichesearch.Doc
	for _, f := range idx.visible(dev) {
		d := fichesearch.Doc{Key: f.Slug}
		d.Texts[fichesearch.Title] = []string{f.Title}
		d.Texts[fichesearch.Alias] = f.Aliases
		for _, code := range f.Rome {
			covered[code] = true
			d.Texts[fichesearch.Job] = append(d.Texts[fichesearch.Job], byCode[code]...)
			if family[code] != "" {
				d.Texts[fichesearch.Job] = append(d.Texts[fichesearch.Job], family[code])
			}
		}
		d.Texts[fichesearch.About] = []string{f.Summary, idx.sectorNames[f.Sector]}
		if t := bySlug[f.Slug]; t != nil {
			d.Texts[fichesearch.About] = append(append(d.Texts[fichesearch.About], t.Interests...), t.Qualities...)
			d.Texts[fichesearch.Body] = []string{fichesearch.PlainText(t.BodyHTML)}
			d.Weight = completeness(t)
		}
		docs = append(docs, d)
	}
	fs := &ficheSearch{fiches: fichesearch.Build(docs)}
	var jobs []fichesearch.Doc
	for _, t := range titles {
		if !covered[t.Code] {
			// The shorter title first: "Infirmier / Infirmière" is nearer
			// to "infirmière" than "Infirmier / Infirmière de bloc".
			d := fichesearch.Doc{Key: t.Code, Weight: -len(t.Label)}
			d.Texts[fichesearch.Title] = []string{t.Label}
			jobs = append(jobs, d)
			fs.titles = append(fs.titles, t)
		}
	}
	fs.jobs = fichesearch.Build(jobs)
	return fs
}

// completeness ranks equal matches: a fiche with salaries, trainings and
// sources tells a student more.
func completeness(t *store.FicheText) int {
	n := min(t.Sources, 3)
	for _, has := range []bool{t.Salaries > 0, t.Trainings > 0} {
		if has {
			n += 3
		}
	}
	return n
}

const searchPerPage = 20

// searchFiches is /recherche?q=: the fiches a student's words find,
// whatever the spelling, and the métiers without a fiche they name.
func (s *Server) searchFiches(c echo.Context) error {
	typed := cleanQuery(c.QueryParam("q"))
	pg, err := intParam(c.QueryParams(), "page", "Page", 1, 1, 1000)
	if err != nil {
		return err
	}
	idx, fs, err := s.searchFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, web.Search(s.searchPage(c, idx, fs, typed, pg)))
}

func searchURL(q string, page int) string {
	v := url.Values{"q": {q}}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/recherche?" + v.Encode()
}

// found says where a fiche's words were found, when not in its name.
var found = map[fichesearch.Field]string{fichesearch.Alias: "un autre nom du métier", fichesearch.Job: "les appellations du métier (ROME)",
	fichesearch.About: "la présentation, les centres d’intérêt ou les qualités", fichesearch.Body: "le texte de la fiche"}

func (s *Server) searchPage(c echo.Context, idx *catalog, fs *ficheSearch, typed string, pg int) web.SearchPage {
	title := "Rechercher un métier"
	p := web.SearchPage{Query: typed}
	a := analyse(fs, typed)
	if typed != "" {
		title = fmt.Sprintf("« %s » : %s", printable(typed), web.Plural(len(a.res.Matches), "fiche métier", "fiches métiers"))
		if len(a.res.Matches) == 0 {
			title = fmt.Sprintf("« %s » : aucune fiche métier", printable(typed))
		}
	}
	p.Layout = s.withSelection(s.pageLayout(c, idx, title, "Chercher une fiche métier avec ses propres mots, même mal orthographiés."))
	p.Layout.Query = typed
	p.Corrected, p.Partial, p.DidYouMean = a.corrected, a.partial, a.didYouMean
	p.Total = len(a.res.Matches)
	p.Pages = max((p.Total+searchPerPage-1)/searchPerPage, 1)
	p.Page = min(pg, p.Pages)
	p.First = (p.Page-1)*searchPerPage + 1
	if p.Page > 1 {
		p.Prev = searchURL(typed, p.Page-1)
	}
	if p.Page < p.Pages {
		p.Next = searchURL(typed, p.Page+1)
	}
	for _, m := range a.res.Matches[min(p.First-1, p.Total):min(p.First-1+searchPerPage, p.Total)] {
		if f := idx.fiches[m.Key]; f != nil {
			p.Results = append(p.Results, web.SearchResult{Card: card(*f, idx.sectorNames), Found: found[m.Field]})
		}
	}
	p.NoFiche = noFiche(fs, a.q, p.Total)
	return p
}

// analysis is a query searched, with what the page says of its words.
type analysis struct {
	q          text.Query
	res        fichesearch.Result
	corrected  string
	partial    string
	didYouMean []web.Link
}

// analyse searches typed. A word the fiches lack is read with its typos:
// when one spelling is nearest, the results are said to be for it; when
// several are as near, each is offered as a link with its count; when
// nothing is found at all, spellings one typo further are offered.
func analyse(fs *ficheSearch, typed string) analysis {
	a := analysis{q: text.Parse(typed)}
	if a.q.Empty() {
		return a
	}
	a.res = fs.fiches.Search(a.q, 0)
	count := func(q string) int { return len(fs.fiches.Search(text.Parse(q), 0).Matches) }
	fix := map[int]string{}
	sure := len(a.res.Corrections) > 0
	for _, c := range a.res.Corrections {
		if len(c.Terms) == 0 || !c.Unambiguous {
			sure = false
		}
		if len(c.Terms) > 0 {
			fix[c.Word] = c.Terms[0]
		}
	}
	switch {
	case len(a.res.Matches) > 0 && sure:
		a.corrected = fichesearch.Rewrite(typed, fix)
	case len(a.res.Matches) > 0:
		a.didYouMean = spellings(typed, a.res.Corrections, count)
	default:
		a.didYouMean = spellings(typed, fs.fiches.Search(a.q, 1).Corrections, count)
	}
	if a.res.Used > 0 && a.res.Used < a.res.Words {
		drop := map[int]string{}
		for i := a.res.Used; i < a.res.Words; i++ {
			drop[i] = ""
		}
		for i, r := range fix {
			if _, dropped := drop[i]; !dropped {
				drop[i] = r
			}
		}
		a.partial = fichesearch.Rewrite(typed, drop)
	}
	return a
}

// spellings are typed with one word replaced by a spelling the fiches
// have, at most three, each with its count; those that find nothing are
// left out.
func spellings(typed string, cs []fichesearch.Correction, count func(string) int) []web.Link {
	var out []web.Link
	for _, c := range cs {
		for _, t := range c.Terms {
			if len(out) == 3 {
				return out
			}
			q := fichesearch.Rewrite(typed, map[int]string{c.Word: t})
			if n := count(q); n > 0 {
				out = append(out, web.Link{Label: fmt.Sprintf("« %s » (%s)", q, web.Plural(n, "fiche", "fiches")), URL: searchURL(q, 1)})
			}
		}
	}
	return out
}

// noFiche are the ROME job titles q names whose code no fiche carries,
// one per code, at most three: the search never ends on nothing when
// France Travail knows the métier. fiches is how many fiches were found.
func noFiche(fs *ficheSearch, q text.Query, fiches int) []web.NoFiche {
	if q.Empty() {
		return nil
	}
	// Only the words as typed: a job title is offered for what was
	// asked, and thirteen thousand of them are not scanned for typos.
	res := fs.jobs.Search(q, fichesearch.NoTypos)
	if res.Used < res.Words {
		return nil
	}
	var out []web.NoFiche
	seen := map[string]bool{}
	for _, m := range res.Matches {
		if len(out) == 3 || m.Typos > 0 {
			break
		}
		// Beside fiches found, only titles with the very words typed:
		// "ide" is not "IDEC", nor "identification".
		if fiches > 0 && !m.Whole {
			continue
		}
		t := fs.titles[m.Doc]
		if seen[t.Code] {
			continue
		}
		seen[t.Code] = true
		out = append(out, web.NoFiche{Title: t.Label, Family: t.Family, Code: t.Code, Offers: "/offres?rome=" + t.Code})
	}
	return out
}

// maxSuggestions is how many fiches the search boxes offer while typing.
const maxSuggestions = 8

// suggestFiches is /recherche/suggestions?q=: the fragment of the search
// boxes' list, the first fiches the full search would show.
func (s *Server) suggestFiches(c echo.Context) error {
	typed := cleanQuery(c.QueryParam("q"))
	idx, fs, err := s.searchFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	out := web.Suggestions{Query: typed, All: searchURL(typed, 1)}
	if q := text.Parse(typed); !q.Empty() {
		res := fs.fiches.Search(q, 0)
		out.Total = len(res.Matches)
		for _, m := range res.Matches[:min(len(res.Matches), maxSuggestions)] {
			if f := idx.fiches[m.Key]; f != nil {
				out.Items = append(out.Items, web.Suggestion{Title: f.Title, URL: "/metiers/" + f.Slug, Note: idx.sectorNames[f.Sector]})
			}
		}
	}
	// Every keystroke asks: a short private cache spares repeating one.
	c.Response().Header().Set("Cache-Control", "private, max-age=60")
	return s.render(c, http.StatusOK, web.SuggestionList(out))
}
