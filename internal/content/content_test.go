package content

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"vocation/internal/fiche"
	"vocation/internal/problem"
)

func fiche1(slug, extra string) string {
	return "---\ntitle: Fiche " + slug + "\nsummary: Un résumé assez long pour être valide.\nsector: numerique\naccess: [bac+2]\nupdated: 2025-01-02\n" + extra + "---\n## Le métier\n\nTexte.\n"
}

func tree(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{"secteurs.yaml": {Data: []byte("- key: numerique\n  label: Numérique\n  description: Logiciels.\n")}}
	for name, data := range files {
		if data == "" {
			delete(fs, name)
			continue
		}
		fs[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fs
}

// reserved stands for the router's first segments, which cmd/vocation
// reads from package server.
var reserved = []string{"metiers", "readyz"}

func load(files map[string]string) (*Site, problem.List) {
	return Load(tree(files), "content", fiche.NewMarkdown(), reserved)
}

func TestLoadValidTree(t *testing.T) {
	site, probs := load(map[string]string{
		"metiers/a.md":   fiche1("a", "related: [b]\nprevious_slugs: [old-a]\n"),
		"metiers/b.md":   fiche1("b", ""),
		"pages/about.md": "---\ntitle: À propos\n---\nTexte.\n",
		"README.md":      "# notes\n",
		"offres/x.jsonl": offerLine("o1") + "\n" + offerLine("o2") + "\n",
		".DS_Store":      "junk",
	})
	if probs.HasErrors() || site == nil {
		t.Fatalf("problems: %v", probs)
	}
	if len(site.Fiches) != 2 || len(site.Pages) != 1 || len(site.Sectors) != 1 || len(site.Offers) != 2 {
		t.Fatalf("site = %d fiches, %d pages, %d sectors", len(site.Fiches), len(site.Pages), len(site.Sectors))
	}
	a := site.Fiches[0]
	if a.Slug != "a" || !strings.Contains(a.HTML, `<h2 id="le-metier">Le métier <a class="section-link" href="#le-metier"`) || len(a.Sections) != 1 || a.Sections[0].ID != "le-metier" {
		t.Errorf("fiche a rendered as %+v", a)
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
		warn  bool
	}{
		{"unknown sector", map[string]string{"metiers/a.md": strings.Replace(fiche1("a", ""), "sector: numerique", "sector: sante", 1)},
			"content/metiers/a.md:4: sector : secteur inconnu \"sante\" ; connus : numerique", false},
		{"related without fiche", map[string]string{"metiers/a.md": fiche1("a", "related: [zzz]\n")},
			"content/metiers/a.md:7: related : avertissement : aucune fiche \"zzz\"", true},
		{"previous slug is another fiche", map[string]string{"metiers/a.md": fiche1("a", "previous_slugs: [b]\n"), "metiers/b.md": fiche1("b", "")},
			"content/metiers/a.md:7: previous_slugs : \"b\" est le slug d'une autre fiche", false},
		{"previous slug claimed twice", map[string]string{"metiers/a.md": fiche1("a", "previous_slugs: [old]\n"), "metiers/b.md": fiche1("b", "previous_slugs: [old]\n")},
			"content/metiers/b.md:7: previous_slugs : \"old\" est déjà un ancien slug de metiers/a.md", false},
		{"uppercase file name", map[string]string{"metiers/Dev.md": fiche1("Dev", "")},
			"content/metiers/Dev.md:1: nom du fichier : \"Dev\" n'est pas un slug", false},
		{"not markdown", map[string]string{"metiers/a.txt": "x"},
			"content/metiers/a.txt:1: nom du fichier : seuls des fichiers <slug>.md ont leur place dans metiers/", false},
		{"folder in metiers", map[string]string{"metiers/sub/a.md": fiche1("a", "")},
			"content/metiers/sub:1: nom du fichier : pas de dossier ici", false},
		{"missing sectors file", map[string]string{"secteurs.yaml": "", "metiers/a.md": fiche1("a", "")},
			"content/secteurs.yaml:1: fichier : absent", false},
		{"reserved page", map[string]string{"pages/metiers.md": "---\ntitle: x\n---\n"},
			"content/pages/metiers.md:1: nom du fichier : \"metiers\" est une adresse que le site utilise lui-même", false},
		{"page named like a probe", map[string]string{"pages/readyz.md": "---\ntitle: x\n---\n"},
			"content/pages/readyz.md:1: nom du fichier : \"readyz\" est une adresse que le site utilise lui-même ; renommez la page", false},
		{"raw html warning", map[string]string{"metiers/a.md": fiche1("a", "") + "\n<div>x</div>\n"},
			"content/metiers/a.md:12: texte : avertissement : bloc HTML brut", true},
		{"stray file", map[string]string{"notes.txt": "x"}, "content/notes.txt:1: fichier : avertissement : ne fait pas partie du format de contenu", true},
		{"empty fiche", map[string]string{"metiers/a.md": " \n"}, "content/metiers/a.md:1: fichier : est vide", false},
		{"duplicate offer", map[string]string{"offres/a.jsonl": offerLine("o1") + "\n", "offres/b.jsonl": "\n" + offerLine("o1") + "\n"},
			"content/offres/b.jsonl:2: id : l'offre local/o1 figure déjà dans content/offres/a.jsonl:1", false},
		{"offer file type", map[string]string{"offres/a.csv": "id,title\n"}, "content/offres/a.csv:1: nom du fichier : seuls des fichiers .jsonl", false},
		{"bad offer", map[string]string{"offres/a.jsonl": strings.Replace(offerLine("o1"), `"cdi"`, `"cdx"`, 1)}, `content/offres/a.jsonl:1: contract : "cdx" n'est pas une valeur possible`, false},
		{"rome code not in the referential", withRome(map[string]string{"metiers/a.md": fiche1("a", "rome: [M1805, M9999]\n")}),
			"content/metiers/a.md:7: rome : avertissement : le code « M9999 » n’existe pas dans le ROME v460", true},
		{"malformed referential", map[string]string{"metiers/a.md": fiche1("a", ""), "rome/metiers.csv": "code_rome,libelle_rome\nM1805,Dev\nM1805\n"},
			"content/rome/metiers.csv:3: csv", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, probs := load(tt.files)
			var all []string
			for _, p := range probs {
				all = append(all, p.String())
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.want) {
				t.Errorf("want %q in\n%s", tt.want, strings.Join(all, "\n"))
			}
			if tt.warn != (site != nil) {
				t.Errorf("site returned = %v, want %v (problems: %v)", site != nil, tt.warn, all)
			}
		})
	}
}

func TestLoadReportsAllFiles(t *testing.T) {
	_, probs := load(map[string]string{
		"metiers/a.md": strings.Replace(fiche1("a", ""), "access: [bac+2]", "access: [bac+4]", 1),
		"metiers/b.md": strings.Replace(fiche1("b", ""), "updated: 2025-01-02", "updated: hier", 1),
		"metiers/c.md": fiche1("c", "draft: oui\n"),
	})
	want := []string{"content/metiers/a.md:5: access[0] :", "content/metiers/b.md:6: updated :", "content/metiers/c.md:7: draft :"}
	if len(probs) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(probs), len(want), strings.Join(strs(probs), "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(probs[i].String(), w) {
			t.Errorf("problem %d = %q, want prefix %q", i, probs[i], w)
		}
	}
}

func strs(probs problem.List) []string {
	out := make([]string, len(probs))
	for i, p := range probs {
		out[i] = p.String()
	}
	return out
}

func offerLine(id string) string {
	return `{"id":"` + id + `","title":"Développeur","description":"Une offre.","contract":"cdi","published":"2026-11-01"}`
}

// TestShippedContent loads the tree the site ships: it must be valid and
// give no warning, since a warning there is a promise to editors (every
// figure sourced, every source dated) that the shipped fiches break.
func TestShippedContent(t *testing.T) {
	site, probs := Load(os.DirFS("../../content"), "content", fiche.NewMarkdown(), reserved)
	if site == nil {
		t.Fatalf("the shipped content does not load:\n%s", strings.Join(strs(probs), "\n"))
	}
	for _, p := range probs {
		t.Errorf("%s", p)
	}
}

// romeFiles is a referential of two codes.
var romeFiles = map[string]string{
	"rome/metiers.csv":  "code_rome,libelle_rome\nM1805,Développeur / Développeuse informatique\nM1803,Directeur / Directrice des systèmes d'information -DSI-\n",
	"rome/mobilite.csv": "code_rome,code_rome_cible,numero_ordre\nM1805,M1803,1\n",
	"rome/README.md":    "# ROME\n",
}

func withRome(files map[string]string) map[string]string {
	for k, v := range romeFiles {
		files[k] = v
	}
	return files
}

func TestLoadRome(t *testing.T) {
	site, probs := load(withRome(map[string]string{"metiers/a.md": fiche1("a", "rome: [M1805]\n")}))
	if len(probs) > 0 || site == nil {
		t.Fatalf("problems: %v", probs)
	}
	if site.Rome == nil || len(site.Rome.Metiers) != 2 || len(site.Rome.Moves) != 1 {
		t.Fatalf("referential = %+v", site.Rome)
	}
	if l, _ := site.Rome.Label("M1805"); l != "Développeur / Développeuse informatique" {
		t.Errorf("label of M1805 = %q", l)
	}
}

// A tree without the referential, an editor's small test tree, has no
// ROME data and no warning about it, whatever codes its fiches carry.
func TestLoadWithoutRome(t *testing.T) {
	site, probs := load(map[string]string{"metiers/a.md": fiche1("a", "rome: [M9999]\n")})
	if len(probs) > 0 || site == nil {
		t.Fatalf("problems: %v", probs)
	}
	if site.Rome != nil {
		t.Errorf("referential = %+v, want none", site.Rome)
	}
}
