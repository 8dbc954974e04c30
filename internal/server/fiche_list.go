package server

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/fiche"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// listFiches is /metiers?secteur=&niveau=: every filter is a GET
// parameter, so a filtered list is a link a counselor can share. Words
// are the fiche search's, /recherche.
func (s *Server) listFiches(c echo.Context) error {
	if q := cleanQuery(c.QueryParam("q")); q != "" {
		// The fiche search moved to /recherche: old links keep working.
		return c.Redirect(http.StatusMovedPermanently, searchURL(q, 1))
	}
	sector, level := c.QueryParam("secteur"), c.QueryParam("niveau")
	if level != "" && !slices.Contains(fiche.Levels, level) {
		return failure.InvalidParam("niveau", "Le niveau d’études « "+printable(level)+" » n’existe pas. Niveaux possibles : "+strings.Join(fiche.Levels, ", ")+".")
	}
	if sector != "" && !fiche.ValidSlug(sector) {
		return failure.InvalidParam("secteur", "Le secteur « "+printable(sector)+" » n’existe pas.")
	}
	build := func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		if sector != "" && idx.sectorNames[sector] == "" {
			return nil, failure.InvalidParam("secteur", "Le secteur « "+printable(sector)+" » n’existe pas.")
		}
		title := "Fiches métiers"
		if level != "" {
			title += ", accès " + levelLabel(level)
		}
		if sector != "" {
			title += ", " + idx.sectorNames[sector]
		}
		l := s.withSelection(s.pageLayout(c, idx, title, "Toutes les fiches métiers, filtrables par secteur et niveau d’études."))
		l.Current = "metiers"
		p := web.ListPage{Layout: l, Filtered: sector != "" || level != "", Clear: "/metiers"}
		for _, sec := range idx.sectors {
			p.Sectors = append(p.Sectors, web.Option{Value: sec.Key, Label: sec.Label, Selected: sec.Key == sector})
		}
		for _, lv := range fiche.Levels {
			p.Levels = append(p.Levels, web.Option{Value: lv, Label: levelLabel(lv), Selected: lv == level, URL: listURL(sector, lv)})
		}
		var kept []store.Summary
		perLevel := map[string]int{}
		for _, f := range idx.visible(s.opts.Dev) {
			if sector == "" || f.Sector == sector {
				for _, a := range f.Access {
					perLevel[a]++
				}
				if level == "" || slices.Contains(f.Access, level) {
					kept = append(kept, f)
				}
			}
		}
		p.Total = len(kept)
		if p.Total == 0 && level != "" {
			p.Level = levelLabel(level)
			if sector != "" {
				p.Level += " dans le secteur " + idx.sectorNames[sector]
			}
			p.Nearest = nearestLevels(level, perLevel, func(lv string) string { return listURL(sector, lv) })
		}
		p.Groups, p.Letters = byLetter(kept, idx.sectorNames)
		return web.List(p), nil
	}
	return s.cached(c, s.current(c), listURL(sector, level), build)
}

// nearestLevels links to the closest levels below and above level that
// have fiches, so that an empty level is never a dead end.
func nearestLevels(level string, counts map[string]int, url func(string) string) []web.Link {
	var out []web.Link
	at := slices.Index(fiche.Levels, level)
	for i := at - 1; i >= 0; i-- {
		if lv := fiche.Levels[i]; counts[lv] > 0 {
			out = append(out, web.Link{Label: levelLabel(lv) + " (" + web.Plural(counts[lv], "fiche", "fiches") + ")", URL: url(lv)})
			break
		}
	}
	for i := at + 1; i < len(fiche.Levels); i++ {
		if lv := fiche.Levels[i]; counts[lv] > 0 {
			out = append(out, web.Link{Label: levelLabel(lv) + " (" + web.Plural(counts[lv], "fiche", "fiches") + ")", URL: url(lv)})
			break
		}
	}
	return out
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
