package fiche

import (
	"go.yaml.in/yaml/v4"

	"vocation/internal/problem"
)

// Sector groups fiches; its key is used in addresses.
type Sector struct {
	Key         string
	Label       string
	Description string
	Line        int
}

// ParseSectors reads secteurs.yaml: a list of {key, label, description}.
func ParseSectors(path string, src []byte, probs *problem.List) []Sector {
	if line, bad := invalidUTF8Line(src); bad {
		probs.Errorf(path, line, "fichier", "n'est pas du texte UTF-8 valide ; enregistrez-le en UTF-8")
		return nil
	}
	d := &decoder{path: path, probs: probs}
	root := d.parseYAML(src)
	if root == nil {
		return nil
	}
	if root.Kind != yaml.SequenceNode {
		probs.Errorf(path, max(root.Line, 1), "fichier", "attendu : une liste de secteurs (- key: ..., label: ..., description: ...)")
		return nil
	}
	var out []Sector
	seen := map[string]bool{}
	for i, it := range root.Content {
		field := index("", i)
		m := d.mapping(it, field, "key", "label", "description")
		if m == nil {
			continue
		}
		d.require(m, it, field, "key", "label", "description")
		s := Sector{Line: it.Line}
		if v := m["key"]; v != nil {
			if k, ok := d.str(v, join(field, "key"), 1, 60); ok {
				switch {
				case !ValidSlug(k):
					d.errorf(v, join(field, "key"), "%q n'est pas un slug (lettres minuscules sans accent, chiffres et tirets)", k)
				case seen[k]:
					d.errorf(v, join(field, "key"), "%q est déjà la clé d'un autre secteur", k)
				default:
					seen[k] = true
					s.Key = k
				}
			}
		}
		if v := m["label"]; v != nil {
			s.Label, _ = d.str(v, join(field, "label"), 1, 120)
		}
		if v := m["description"]; v != nil {
			s.Description, _ = d.str(v, join(field, "description"), 1, 500)
		}
		if s.Key != "" && s.Label != "" && s.Description != "" {
			out = append(out, s)
		}
	}
	if len(root.Content) == 0 {
		probs.Errorf(path, 1, "fichier", "ne liste aucun secteur")
	}
	return out
}

// Page is a plain page such as "à propos".
type Page struct {
	Slug     string
	Title    string
	Summary  string
	Body     []byte
	BodyLine int
}

// ParsePage reads content/pages/<slug>.md: title, optional summary, body.
func ParsePage(path, slug string, src []byte, probs *problem.List) *Page {
	before := len(*probs)
	fm, body, bodyLine, ok := splitFrontMatter(path, src, probs)
	if !ok {
		return nil
	}
	d := &decoder{path: path, offset: 1, probs: probs}
	root := d.parseYAML(fm)
	if root == nil {
		return nil
	}
	m := d.mapping(root, "", "title", "summary")
	if m == nil {
		return nil
	}
	d.require(m, root, "", "title")
	p := &Page{Slug: slug, Body: body, BodyLine: bodyLine}
	if n := m["title"]; n != nil {
		p.Title, _ = d.str(n, "title", 1, 120)
	}
	if n := m["summary"]; n != nil {
		p.Summary, _ = d.str(n, "summary", 20, 300)
	}
	if hasErrorsSince(*probs, before) {
		return nil
	}
	return p
}
