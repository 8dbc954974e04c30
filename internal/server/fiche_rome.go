package server

import (
	"slices"

	"vocation/internal/store"
	"vocation/web"
)

// ficheRome is what the fiche page shows from France Travail's referential
// for a fiche with codes: nil when the content ships no referential or
// knows none of the codes. Moves lead only to fiches a reader may open.
func ficheRome(tx *store.Tx, idx *catalog, slug string, codes []string, dev bool) (*web.RomeView, error) {
	version, err := tx.RomeVersion()
	if err != nil || version == "" || len(codes) == 0 {
		return nil, err
	}
	known, err := tx.RomeCodes(codes)
	if err != nil || len(known) == 0 {
		return nil, err
	}
	ids, err := tx.RomeCentreIDs()
	if err != nil {
		return nil, err
	}
	r := &web.RomeView{Version: version}
	for _, c := range known {
		r.Codes = append(r.Codes, web.RomeCodeView{Code: c.Code, Label: c.Label})
		for _, in := range c.Interests {
			if !slices.ContainsFunc(r.Interests, func(l web.Link) bool { return l.Label == in }) {
				r.Interests = append(r.Interests, web.Link{Label: in, URL: romeCentreURL(ids[in])})
			}
		}
	}
	moves, err := tx.RomeMoves(slug)
	if err != nil {
		return nil, err
	}
	for _, m := range moves {
		if idx.published(m, dev) {
			r.Moves = append(r.Moves, web.Link{Label: idx.fiches[m].Title, URL: "/metiers/" + m})
		}
	}
	return r, nil
}

// withRome adds the ROME section to the fiche page and to its table of
// contents, where the page shows it: before the sources, if any.
func withRome(p *web.FichePage, r *web.RomeView) {
	if r == nil {
		return
	}
	p.Rome = r
	link := web.Link{Label: "Ce métier au répertoire de France Travail", URL: "repertoire-rome"}
	at := slices.IndexFunc(p.Sections, func(l web.Link) bool { return l.URL == "sources-de-la-fiche" })
	if at < 0 {
		at = len(p.Sections)
	}
	p.Sections = slices.Insert(p.Sections, at, link)
}
