package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/fiche"
	"vocation/internal/store"
	"vocation/web"
)

// A selection is what a counselor hands over in one link: a dozen fiches
// still print and read as a list, half a dozen searches still get looked at.
const (
	maxSelected       = 12
	maxSelectedSearch = 6
	maxSearchLength   = 500
)

// selection is a parsed /selection query: the fiches found, in the order
// asked, what was asked but is not a fiche, and the offer searches.
type selection struct {
	slugs    []string
	missing  []string
	searches []url.Values
}

// readSelection reads m= and s= the way compareSlugs reads m=: blanks
// skipped, old slugs followed, duplicates collapsed, and never more than
// one value read past a limit. An unknown name is listed as missing, not
// refused: a link made months ago must still show what is left of it.
func readSelection(q url.Values, idx *catalog, dev bool) (selection, error) {
	var sel selection
	var asked []string
	for _, m := range q["m"] {
		m = strings.ToLower(strings.TrimSpace(m))
		if m == "" {
			continue
		}
		if to, ok := idx.redirects[m]; ok && !idx.published(m, dev) {
			m = to
		}
		if slices.Contains(asked, m) {
			continue
		}
		asked = append(asked, m)
		if len(asked) > maxSelected {
			return selection{}, failure.Invalidf("Une sélection compte au plus " + strconv.Itoa(maxSelected) +
				" fiches, et il y en a davantage dans ce lien. Retirez-en quelques-unes, ou faites deux sélections.")
		}
		if fiche.ValidSlug(m) && idx.published(m, dev) {
			sel.slugs = append(sel.slugs, m)
		} else {
			sel.missing = append(sel.missing, printable(m))
		}
	}
	for _, raw := range q["s"] {
		raw = strings.TrimPrefix(strings.TrimSpace(raw), "?")
		if raw == "" {
			continue
		}
		if len(sel.searches) == maxSelectedSearch {
			return selection{}, failure.Invalidf("Une sélection compte au plus " + strconv.Itoa(maxSelectedSearch) +
				" recherches d’offres, et il y en a davantage dans ce lien. Retirez-en quelques-unes.")
		}
		v, err := url.ParseQuery(raw)
		if err != nil || len(raw) > maxSearchLength {
			return selection{}, failure.Invalidf("Une des recherches d’offres de ce lien est illisible : il a peut-être été coupé en le recopiant.")
		}
		sel.searches = append(sel.searches, v)
	}
	return sel, nil
}

// query is the selection's own query string, without what is missing:
// the address its QR code and its "copy this link" give.
func (sel selection) query(drop string) string {
	v := url.Values{}
	for _, m := range sel.slugs {
		if m != drop {
			v.Add("m", m)
		}
	}
	for _, s := range sel.searches {
		v.Add("s", s.Encode())
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// showSelection is /selection?m=slug&…&s=query&…: computed per request,
// like the comparison, since every set of fiches is a new address.
func (s *Server) showSelection(c echo.Context) error {
	ctx := c.Request().Context()
	idx, err := s.catalogFor(ctx, s.current(c))
	if err != nil {
		return err
	}
	sel, err := readSelection(c.QueryParams(), idx, s.opts.Dev)
	if err != nil {
		return err
	}
	var fiches []*fiche.Fiche
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		fiches, err = tx.FicheFacts(sel.slugs)
		return err
	})
	if err != nil {
		return err
	}
	heading := "Ma sélection de métiers"
	l := s.withSelection(s.pageLayout(c, idx, heading, "Une sélection de fiches métiers et de recherches d’offres, à partager en un lien ou à imprimer."))
	l.Current = "metiers"
	l.Canonical = s.canonical("/selection" + sel.query(""))
	p := web.SelectionPage{Layout: l, Heading: heading, Missing: sel.missing, Kept: sel.slugs,
		Query: strings.TrimPrefix(sel.query(""), "?")}
	for _, f := range fiches {
		item := web.SelectionFiche{Title: f.Title, URL: "/metiers/" + f.Slug, Summary: f.Summary, Sector: idx.sectorNames[f.Sector],
			Salary: glance(f.Salaries), Remove: "/selection" + sel.query(f.Slug)}
		for _, a := range f.Access {
			item.Access = append(item.Access, levelLabel(a))
		}
		p.Fiches = append(p.Fiches, item)
	}
	if n := len(sel.slugs); n >= 2 && n <= maxCompared {
		p.Compare = compareURL(sel.slugs)
	}
	for _, v := range sel.searches {
		p.Searches = append(p.Searches, web.Link{Label: searchLabel(v, idx), URL: "/offres?" + v.Encode()})
		p.KeptSearches = append(p.KeptSearches, v.Encode())
	}
	if len(sel.slugs)+len(sel.searches) > 0 && s.opts.PublicURL != "" {
		p.URL = s.canonical("/selection" + sel.query(""))
		if len(p.URL) <= maxQRText {
			p.QR = "/selection/qr.svg" + sel.query("")
		}
	}
	if len(sel.slugs) < maxSelected {
		var sectors []string
		for _, sec := range idx.sectors {
			sectors = append(sectors, sec.Key)
		}
		for _, g := range sectorOptions(idx.visible(s.opts.Dev), idx, sectors, "", "") {
			g.Options = slices.DeleteFunc(g.Options, func(o web.Option) bool { return slices.Contains(sel.slugs, o.Value) })
			if len(g.Options) > 0 {
				p.Choices = append(p.Choices, g)
			}
		}
	}
	return s.render(c, 200, web.Selection(p))
}

// selectionQR is /selection/qr.svg?…: the QR code of the selection with
// the same query.
func (s *Server) selectionQR(c echo.Context) error {
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return err
	}
	sel, err := readSelection(c.QueryParams(), idx, s.opts.Dev)
	if err != nil {
		return err
	}
	return s.serveQR(c, "/selection"+sel.query(""))
}

// searchLabel says in words what an offer search looks for.
func searchLabel(v url.Values, idx *catalog) string {
	var parts []string
	if q := cleanQuery(v.Get("q")); q != "" {
		parts = append(parts, "« "+printable(q)+" »")
	}
	if m := v.Get("metier"); m != "" {
		if f := idx.fiches[m]; f != nil {
			parts = append(parts, f.Title)
		} else {
			parts = append(parts, printable(m))
		}
	}
	for _, k := range v["contrat"] {
		if k == "cdi" || k == "cdd" {
			k = strings.ToUpper(k)
		}
		parts = append(parts, printable(k))
	}
	if l := cleanQuery(v.Get("lieu")); l != "" {
		parts = append(parts, "près de "+printable(l))
	}
	if len(parts) == 0 {
		return "Toutes les offres d’emploi"
	}
	return "Offres d’emploi : " + strings.Join(parts, ", ")
}
