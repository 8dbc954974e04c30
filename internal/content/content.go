// Package content loads a whole content tree: it parses and validates every
// file, checks what ties files together, and renders the Markdown, so that
// the store receives a site that is complete and valid, or nothing.
package content

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"vocation/internal/fiche"
	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/rome"
)

// Site is a valid content tree, rendered, ready to store.
type Site struct {
	Sectors []fiche.Sector
	Fiches  []Fiche
	Pages   []Page
	Offers  []offer.Offer
	// Rome is France Travail's referential when the tree ships it
	// (rome/), nil otherwise: the site then shows no ROME data.
	Rome *rome.Referential
}

// Fiche is a fiche with its body rendered.
type Fiche struct {
	*fiche.Fiche
	HTML     string
	Sections []fiche.Section
}

// Page is a plain page with its body rendered.
type Page struct {
	*fiche.Page
	HTML string
}

// Load reads the tree in fsys. display is how paths are shown in problems
// (the --content directory as the editor typed it). reserved are the first
// path segments the site's own routes take, which no page may be named:
// the caller reads them from the router, which this package must not know.
// The site is nil when any problem is an error; warnings come back either
// way.
func Load(fsys fs.FS, display string, md *fiche.Markdown, reserved []string) (*Site, problem.List) {
	l := &loader{fsys: fsys, display: display, md: md, reserved: reserved}
	site := l.load()
	l.probs.Sort()
	if l.probs.HasErrors() {
		return nil, l.probs
	}
	return site, l.probs
}

type loader struct {
	fsys     fs.FS
	display  string
	md       *fiche.Markdown
	reserved []string
	probs    problem.List
}

func (l *loader) shown(rel string) string { return path.Join(l.display, rel) }

func (l *loader) load() *Site {
	site := &Site{}
	entries, err := fs.ReadDir(l.fsys, ".")
	if err != nil {
		l.probs.Errorf(l.display, 0, "contenu", "impossible de lire le dossier de contenu : %v", err)
		return nil
	}
	haveSectors := false
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case name == "secteurs.yaml" && !e.IsDir():
			haveSectors = true
			if src, ok := l.read(name); ok {
				site.Sectors = fiche.ParseSectors(l.shown(name), src, &l.probs)
			}
		case name == "metiers" && e.IsDir():
			for _, rel := range l.mdFiles(name) {
				if src, ok := l.read(rel); ok {
					slug := strings.TrimSuffix(path.Base(rel), ".md")
					if f := fiche.Parse(l.shown(rel), slug, src, &l.probs); f != nil {
						r := l.render(rel, f.Body, f.BodyLine)
						site.Fiches = append(site.Fiches, Fiche{Fiche: f, HTML: r.HTML, Sections: r.Sections})
					}
				}
			}
		case name == "pages" && e.IsDir():
			for _, rel := range l.mdFiles(name) {
				if src, ok := l.read(rel); ok {
					slug := strings.TrimSuffix(path.Base(rel), ".md")
					if slices.Contains(l.reserved, slug) {
						l.probs.Errorf(l.shown(rel), 1, "nom du fichier", "%q est une adresse que le site utilise lui-même ; renommez la page", slug)
						continue
					}
					if p := fiche.ParsePage(l.shown(rel), slug, src, &l.probs); p != nil {
						site.Pages = append(site.Pages, Page{Page: p, HTML: l.render(rel, p.Body, p.BodyLine).HTML})
					}
				}
			}
		case name == "offres" && e.IsDir():
			site.Offers = l.offers(name)
		case name == rome.Dir && e.IsDir():
			site.Rome = rome.Read(l.fsys, name, l.shown, &l.probs)
		case name == "README.md":
		default:
			l.probs.Warnf(l.shown(name), 1, "fichier", "ne fait pas partie du format de contenu ; ignoré")
		}
	}
	if !haveSectors {
		l.probs.Errorf(l.shown("secteurs.yaml"), 1, "fichier", "absent : le fichier des secteurs est obligatoire")
	}
	l.crossCheck(site)
	return site
}

func (l *loader) render(rel string, body []byte, bodyLine int) fiche.Rendered {
	r, err := l.md.Render(body)
	if err != nil {
		l.probs.Errorf(l.shown(rel), bodyLine, "texte", "ne peut pas être affiché : %v", err)
		return r
	}
	for _, d := range r.Dropped {
		l.probs.Warnf(l.shown(rel), bodyLine+d.Line-1, "texte", "%s", d.What)
	}
	return r
}

func (l *loader) read(rel string) ([]byte, bool) {
	info, err := fs.Stat(l.fsys, rel)
	if err == nil && info.Size() > fiche.MaxFileSize {
		l.probs.Errorf(l.shown(rel), 1, "fichier", "fait %d octets ; un fichier de contenu en fait %d au plus", info.Size(), fiche.MaxFileSize)
		return nil, false
	}
	src, err := fs.ReadFile(l.fsys, rel)
	if err != nil {
		l.probs.Errorf(l.shown(rel), 1, "fichier", "impossible à lire : %v", err)
		return nil, false
	}
	return src, true
}

// mdFiles lists dir/<slug>.md files, reporting anything else in dir.
func (l *loader) mdFiles(dir string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.probs.Errorf(l.shown(dir), 1, "fichier", "impossible à lire : %v", err)
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		rel := path.Join(dir, name)
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir():
			l.probs.Errorf(l.shown(rel), 1, "nom du fichier", "pas de dossier ici ; placez les fichiers <slug>.md directement dans %s/", dir)
		case !strings.HasSuffix(name, ".md"):
			l.probs.Errorf(l.shown(rel), 1, "nom du fichier", "seuls des fichiers <slug>.md ont leur place dans %s/", dir)
		case !fiche.ValidSlug(strings.TrimSuffix(name, ".md")):
			l.probs.Errorf(l.shown(rel), 1, "nom du fichier", "%q n'est pas un slug (lettres minuscules sans accent, chiffres et tirets simples) ; renommez-le %s.md",
				strings.TrimSuffix(name, ".md"), fiche.Anchor(strings.TrimSuffix(name, ".md")))
		default:
			out = append(out, rel)
		}
	}
	return out
}

// offers reads offres/*.jsonl (native) and offres/*.json (France Travail).
func (l *loader) offers(dir string) []offer.Offer {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.probs.Errorf(l.shown(dir), 1, "fichier", "impossible à lire : %v", err)
		return nil
	}
	var out []offer.Offer
	seen := map[[2]string]string{}
	for _, e := range entries {
		name, rel := e.Name(), path.Join(dir, e.Name())
		if strings.HasPrefix(name, ".") {
			continue
		}
		f, err := l.fsys.Open(rel)
		if err != nil {
			l.probs.Errorf(l.shown(rel), 1, "fichier", "impossible à lire : %v", err)
			continue
		}
		var got []offer.Offer
		switch {
		case e.IsDir():
			l.probs.Errorf(l.shown(rel), 1, "nom du fichier", "pas de dossier dans %s/", dir)
		case strings.HasSuffix(name, ".jsonl"):
			got = offer.DecodeJSONL(l.shown(rel), f, &l.probs)
		case strings.HasSuffix(name, ".json"):
			got = offer.DecodeFranceTravail(l.shown(rel), f, &l.probs)
		default:
			l.probs.Errorf(l.shown(rel), 1, "nom du fichier", "seuls des fichiers .jsonl (Vocation) et .json (France Travail) ont leur place dans %s/", dir)
		}
		f.Close()
		for _, o := range got {
			id := [2]string{o.Source, o.ID}
			if first, dup := seen[id]; dup {
				l.probs.Errorf(l.shown(rel), o.Line, "id", "l'offre %s/%s figure déjà dans %s", o.Source, o.ID, first)
				continue
			}
			seen[id] = fmt.Sprintf("%s:%d", l.shown(rel), o.Line)
			out = append(out, o)
		}
	}
	return out
}

func (l *loader) crossCheck(site *Site) {
	sectors := map[string]bool{}
	for _, s := range site.Sectors {
		sectors[s.Key] = true
	}
	slugs := map[string]bool{}
	for _, f := range site.Fiches {
		slugs[f.Slug] = true
	}
	oldOwner := map[string]string{}
	for _, f := range site.Fiches {
		p := l.shown(path.Join("metiers", f.Slug+".md"))
		if f.Sector != "" && !sectors[f.Sector] && len(site.Sectors) > 0 {
			keys := make([]string, 0, len(sectors))
			for k := range sectors {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			l.probs.Errorf(p, f.SectorLine, "sector", "secteur inconnu %q ; connus : %s", f.Sector, strings.Join(keys, ", "))
		}
		// Only a tree that ships the referential can tell a code it lacks.
		if site.Rome != nil {
			for _, code := range f.Rome {
				if _, ok := site.Rome.Label(code); !ok {
					l.probs.Warnf(p, f.RomeLine, "rome", "le code « %s » n’existe pas dans le ROME %s", code, rome.Version)
				}
			}
		}
		for _, r := range f.Related {
			if !slugs[r.Slug] && r.Slug != f.Slug {
				l.probs.Warnf(p, r.Line, "related", "aucune fiche %q ; le nom s'affiche en texte simple jusqu'à ce qu'elle existe", r.Slug)
			}
		}
		for _, r := range f.PreviousSlugs {
			switch {
			case slugs[r.Slug]:
				l.probs.Errorf(p, r.Line, "previous_slugs", "%q est le slug d'une autre fiche (metiers/%s.md)", r.Slug, r.Slug)
			case oldOwner[r.Slug] != "":
				l.probs.Errorf(p, r.Line, "previous_slugs", "%q est déjà un ancien slug de metiers/%s.md", r.Slug, oldOwner[r.Slug])
			default:
				oldOwner[r.Slug] = f.Slug
			}
		}
	}
}
