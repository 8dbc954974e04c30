package server

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"vocation/internal/fiche"
	"vocation/internal/riasec"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// The pages that start from what a reader likes rather than from a job's
// name: the RIASEC types (/interets/R), the centres d'intérêt the editors
// write on fiches (/interets/centres/{folded text}) and France Travail's 30
// centres d'intérêt (/interets/rome/{their ROME number}). All are kept per
// generation.

func riasecURL(letter string) string { return "/interets/" + letter }

func interestURL(slug string) string { return "/interets/centres/" + slug }

func romeCentreURL(id int) string { return "/interets/rome/" + strconv.Itoa(id) }

func riasecType(t riasec.Type, count int) web.RiasecType {
	return web.RiasecType{Letter: t.Letter, Name: t.Name, Description: t.Description, URL: riasecURL(t.Letter), Count: count}
}

// ofType is the fiches among visible that have letter among their RIASEC
// letters, by its position there: dominant, second, third.
func ofType(idx *catalog, visible []store.Summary, letter string) [riasec.MaxProfile][]store.Summary {
	var out [riasec.MaxProfile][]store.Summary
	for _, f := range visible {
		if i := slices.Index(idx.leanings[f.Slug].Riasec, letter); i >= 0 && i < riasec.MaxProfile {
			out[i] = append(out[i], f)
		}
	}
	return out
}

// interestGroup is the fiches whose editors wrote the same centre
// d'intérêt, the same once folded: "Aider les autres" and "aider les
// autres" are one. Its label is the spelling most fiches use, the first
// fiche's on a tie.
type interestGroup struct {
	slug      string
	label     string
	spellings []string // the others
	fiches    []store.Summary
}

// interestGroups groups the interests of visible fiches, in the French
// order of their labels; each group's fiches keep visible's order.
func interestGroups(idx *catalog, visible []store.Summary) []interestGroup {
	at := map[string]int{}
	var groups []interestGroup
	var counts []map[string]int
	for _, f := range visible {
		seen := map[string]bool{}
		for _, in := range idx.leanings[f.Slug].Interests {
			slug := text.Slug(in)
			if slug == "" || seen[slug] {
				continue
			}
			seen[slug] = true
			i, ok := at[slug]
			if !ok {
				i = len(groups)
				at[slug] = i
				groups = append(groups, interestGroup{slug: slug})
				counts = append(counts, map[string]int{})
			}
			g := &groups[i]
			g.fiches = append(g.fiches, f)
			if counts[i][in] == 0 {
				g.spellings = append(g.spellings, in)
			}
			counts[i][in]++
		}
	}
	for i := range groups {
		g := &groups[i]
		best := 0
		for j, sp := range g.spellings {
			if counts[i][sp] > counts[i][g.spellings[best]] {
				best = j
			}
		}
		g.label = g.spellings[best]
		g.spellings = slices.Delete(g.spellings, best, best+1)
	}
	sortByTitle(groups, func(g *interestGroup) string { return g.label })
	return groups
}

// leaningLinks are a fiche's RIASEC letters and interests as the fiche
// page shows them, each a link to the fiches that share it.
func leaningLinks(letters, interests []string) (types, centres []web.Link) {
	for _, l := range letters {
		t, _ := riasec.Lookup(l)
		types = append(types, web.Link{Label: t.Name + " (" + l + ")", URL: riasecURL(l)})
	}
	for _, in := range interests {
		link := web.Link{Label: in}
		if slug := text.Slug(in); slug != "" {
			link.URL = interestURL(slug)
		}
		centres = append(centres, link)
	}
	return types, centres
}

func cardsOf(fiches []store.Summary, idx *catalog) []web.Card {
	out := make([]web.Card, len(fiches))
	for i, f := range fiches {
		out[i] = card(f, idx.sectorNames)
	}
	return out
}

// listInterests is /interets, the ways in by interest.
func (s *Server) listInterests(c echo.Context) error {
	return s.cached(c, s.current(c), "/interets", func(tx *store.Tx, idx *catalog) (templ.Component, error) {
		l := s.pageLayout(c, idx, "Partir de ce que tu aimes", "Trouver des métiers à partir de ses goûts : les six types RIASEC, les centres d’intérêt de France Travail et un quiz.")
		l.Current = "interets"
		visible := idx.visible(s.opts.Dev)
		p := web.InterestsPage{Layout: l, FicheInterests: len(interestGroups(idx, visible))}
		for _, t := range riasec.Types {
			n := 0
			for _, g := range ofType(idx, visible, t.Letter) {
				n += len(g)
			}
			p.Types = append(p.Types, riasecType(t, n))
		}
		version, err := tx.RomeVersion()
		if err != nil || version == "" {
			return web.Interests(p), err
		}
		centres, err := tx.RomeCentres()
		if err != nil {
			return nil, err
		}
		p.RomeVersion = version
		for _, ce := range centres {
			n := 0
			for _, slug := range ce.Fiches {
				if idx.published(slug, s.opts.Dev) {
					n++
				}
			}
			p.Centres = append(p.Centres, web.CountedLink{Label: ce.Label, URL: romeCentreURL(ce.ID), Count: n})
		}
		return web.Interests(p), nil
	})
}

var positionHeadings = [riasec.MaxProfile]struct{ heading, intro string }{
	{"Type dominant", "Les métiers où ce type compte le plus."},
	{"En deuxième position", "Ce type compte beaucoup, après un autre."},
	{"En troisième position", "Ce type compte aussi, un peu moins."},
}

// showRiasecType is /interets/{R|I|A|S|E|C}: the fiches that have the
// letter, dominant first.
func (s *Server) showRiasecType(c echo.Context) error {
	letter := c.Param("lettre")
	t, ok := riasec.Lookup(letter)
	if !ok {
		if _, ok := riasec.Lookup(strings.ToUpper(letter)); ok {
			return c.Redirect(http.StatusMovedPermanently, riasecURL(strings.ToUpper(letter)))
		}
		return store.ErrNotFound
	}
	return s.cached(c, s.current(c), riasecURL(letter), func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		l := s.pageLayout(c, idx, "Type "+t.Name+" ("+t.Letter+")", "Les métiers du type "+t.Name+" : "+t.Description)
		l.Current, l.JSONLD = "interets", s.underInterests(c, t.Name+" ("+t.Letter+")")
		p := web.RiasecPage{Layout: l, Type: riasecType(t, 0)}
		for i, fiches := range ofType(idx, idx.visible(s.opts.Dev), letter) {
			p.Type.Count += len(fiches)
			p.Groups = append(p.Groups, web.CardGroup{Heading: positionHeadings[i].heading, Intro: positionHeadings[i].intro, Cards: cardsOf(fiches, idx)})
		}
		for _, o := range riasec.Types {
			if o.Letter != letter {
				p.Others = append(p.Others, web.Link{Label: o.Name + " (" + o.Letter + ")", URL: riasecURL(o.Letter)})
			}
		}
		return web.RiasecList(p), nil
	})
}

// listFicheInterests is /interets/centres: every centre d'intérêt the
// fiches name.
func (s *Server) listFicheInterests(c echo.Context) error {
	return s.cached(c, s.current(c), "/interets/centres", func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		l := s.pageLayout(c, idx, "Les centres d’intérêt des fiches", "Ce qui plaît aux gens qui font chaque métier, noté par les rédacteurs de Vocation.")
		l.Current, l.JSONLD = "interets", s.underInterests(c, "Les centres d’intérêt des fiches")
		p := web.InterestListPage{Layout: l}
		for _, g := range interestGroups(idx, idx.visible(s.opts.Dev)) {
			p.Interests = append(p.Interests, web.CountedLink{Label: g.label, URL: interestURL(g.slug), Count: len(g.fiches)})
		}
		return web.InterestList(p), nil
	})
}

// showFicheInterest is /interets/centres/{slug}: the fiches whose editors
// wrote this centre d'intérêt, in any spelling that folds to slug.
func (s *Server) showFicheInterest(c echo.Context) error {
	slug := c.Param("slug")
	if !fiche.ValidSlug(slug) {
		return store.ErrNotFound
	}
	return s.cached(c, s.current(c), interestURL(slug), func(_ *store.Tx, idx *catalog) (templ.Component, error) {
		groups := interestGroups(idx, idx.visible(s.opts.Dev))
		i := slices.IndexFunc(groups, func(g interestGroup) bool { return g.slug == slug })
		if i < 0 {
			return nil, store.ErrNotFound
		}
		g := groups[i]
		heading := upperFirst(g.label)
		l := s.pageLayout(c, idx, heading, "Les métiers dont la fiche cite ce centre d’intérêt : "+g.label+".")
		l.Current, l.JSONLD = "interets", s.underInterests(c, heading)
		return web.Interest(web.InterestPage{Layout: l, Heading: heading, Total: len(g.fiches), Spellings: g.spellings,
			Lead:   "Les métiers dont la fiche cite ce centre d’intérêt, d’après les rédacteurs de Vocation.",
			Groups: []web.CardGroup{{Heading: "Les métiers qui le citent", Cards: cardsOf(g.fiches, idx)}}}), nil
	})
}

// showRomeCentre is /interets/rome/{id}: the fiches whose ROME codes carry
// one of France Travail's centres d'intérêt, those for which it is the
// principal one first.
func (s *Server) showRomeCentre(c echo.Context) error {
	param := c.Param("id")
	id, err := strconv.Atoi(param)
	if err != nil || id <= 0 || strconv.Itoa(id) != param {
		return store.ErrNotFound
	}
	return s.cached(c, s.current(c), romeCentreURL(id), func(tx *store.Tx, idx *catalog) (templ.Component, error) {
		version, err := tx.RomeVersion()
		if err != nil || version == "" {
			return nil, errorOr(err, store.ErrNotFound)
		}
		centres, err := tx.RomeCentres()
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(centres, func(ce store.RomeCentre) bool { return ce.ID == id })
		if i < 0 {
			return nil, store.ErrNotFound
		}
		ce := centres[i]
		var principal, other []store.Summary
		for _, f := range idx.visible(s.opts.Dev) {
			switch {
			case ce.Principal[f.Slug]:
				principal = append(principal, f)
			case slices.Contains(ce.Fiches, f.Slug):
				other = append(other, f)
			}
		}
		l := s.pageLayout(c, idx, ce.Label, "Les métiers que France Travail classe sous ce centre d’intérêt : "+ce.Label+".")
		l.Current, l.JSONLD = "interets", s.underInterests(c, ce.Label)
		return web.Interest(web.InterestPage{Layout: l, Heading: ce.Label, Total: len(principal) + len(other),
			Lead: "Les métiers que France Travail classe sous ce centre d’intérêt, parmi les fiches de Vocation.",
			Groups: []web.CardGroup{
				{Heading: "Son centre d’intérêt principal", Intro: "Pour ces métiers, c’est le centre d’intérêt qui compte le plus.", Cards: cardsOf(principal, idx)},
				{Heading: "Un de ses centres d’intérêt", Intro: "Ces métiers ont un autre centre d’intérêt principal, mais celui-ci compte aussi.", Cards: cardsOf(other, idx)},
			},
			Source: "France Travail, ROME " + version}), nil
	})
}

func errorOr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// upperFirst capitalises a label written as it would sit in a sentence,
// for a heading.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
