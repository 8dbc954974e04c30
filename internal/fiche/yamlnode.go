package fiche

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"vocation/internal/problem"
)

// decoder walks a YAML node tree by hand rather than unmarshalling into a
// struct: that is what lets every problem, not only the first, come out with
// its own line and field path.
type decoder struct {
	path   string
	offset int // lines before the YAML starts in the file
	probs  *problem.List
}

func (d *decoder) errorf(n *yaml.Node, field, format string, args ...any) {
	d.probs.Errorf(d.path, n.Line+d.offset, field, format, args...)
}

func (d *decoder) warnf(n *yaml.Node, field, format string, args ...any) {
	d.probs.Warnf(d.path, n.Line+d.offset, field, format, args...)
}

// parseYAML returns the root node of src, or records the syntax error.
func (d *decoder) parseYAML(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := 1, yamlMessage(err.Error(), "")
		var le *yaml.LoadError
		if errors.As(err, &le) {
			msg = yamlMessage(le.Message, le.ContextMsg)
			if le.Mark.Line > 0 {
				line = le.Mark.Line
			}
			// The parser gives up where it noticed the problem, which for
			// an unclosed quote or bracket is the end of the front matter;
			// the context is where the construct began, which is where the
			// editor has something to fix.
			if le.ContextMsg != "" && le.ContextMark.Line > 0 {
				line = le.ContextMark.Line
			}
		}
		d.probs.Errorf(d.path, line+d.offset, "yaml", "%s", msg)
		return nil
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return &doc
}

// yamlMessages put the parser's usual complaints in the editors' words;
// any other one keeps the parser's text, after a French lead.
var yamlMessages = []struct{ context, message, french string }{
	{"while scanning a quoted scalar", "", "guillemet ouvert ici et jamais refermé ; fermez-le à la fin du texte"},
	{"while parsing a flow sequence", "", "crochet [ ouvert ici et jamais refermé par ]"},
	{"while parsing a flow mapping", "", "accolade { ouverte ici et jamais refermée par }"},
	{"", "found a tab character", "tabulation dans l'indentation ; n'utilisez que des espaces"},
	{"", "mapping values are not allowed", "« : » inattendu ; mettez entre guillemets un texte qui contient « : »"},
	{"", "did not find expected key", "clé attendue : vérifiez l'indentation, et mettez entre guillemets un texte qui commence par un guillemet"},
	{"", "cannot start any token", "caractère qui ne peut pas commencer une valeur ; mettez la valeur entre guillemets"},
	{"", "did not find expected '-' indicator", "élément de liste attendu (- élément) : vérifiez l'indentation"},
}

func yamlMessage(message, context string) string {
	for _, m := range yamlMessages {
		if (m.context == "" || strings.Contains(context, m.context)) && strings.Contains(message, m.message) {
			return "syntaxe YAML : " + m.french
		}
	}
	if context != "" {
		message = context + ": " + message
	}
	return "syntaxe YAML invalide (" + message + ")"
}

func join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func index(parent string, i int) string { return fmt.Sprintf("%s[%d]", parent, i) }

// mapping checks that n is a mapping with only known keys, each once, and
// returns the value node of each key present.
func (d *decoder) mapping(n *yaml.Node, field string, known ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, field, "attendu : des clés (clé: valeur), trouvé %s", kindName(n))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		switch {
		case !contains(known, name):
			hint := ""
			if s := closest(name, known); s != "" {
				hint = fmt.Sprintf(" (vouliez-vous dire %s ?)", s)
			}
			d.errorf(k, join(field, name), "clé inconnue%s ; clés connues : %s", hint, strings.Join(known, ", "))
		case out[name] != nil:
			d.errorf(k, join(field, name), "clé présente deux fois")
		default:
			out[name] = v
		}
	}
	return out
}

// require records a missing-key error for each absent key.
func (d *decoder) require(m map[string]*yaml.Node, at *yaml.Node, field string, keys ...string) {
	if m == nil {
		return
	}
	for _, k := range keys {
		if m[k] == nil {
			d.errorf(at, join(field, k), "clé obligatoire absente")
		}
	}
}

func (d *decoder) scalar(n *yaml.Node, field, want string) bool {
	if n.Kind == yaml.AliasNode {
		d.errorf(n, field, "les alias YAML (*nom) ne sont pas acceptés ; écrivez la valeur")
		return false
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, field, "attendu : %s, trouvé %s", want, kindName(n))
		return false
	}
	return true
}

// str reads a plain string; numbers and booleans are refused so that a
// value YAML would silently retype (a year, "non") gets quoted on purpose.
func (d *decoder) str(n *yaml.Node, field string, minLen, maxLen int) (string, bool) {
	if !d.scalar(n, field, "un texte") {
		return "", false
	}
	if n.Tag != "!!str" && n.Tag != "!!timestamp" {
		d.errorf(n, field, "attendu : un texte, trouvé %s %q ; mettez-le entre guillemets si c'est un texte", tagName(n.Tag), n.Value)
		return "", false
	}
	s := strings.TrimSpace(n.Value)
	l := utf8.RuneCountInString(s)
	switch {
	case l < minLen && l == 0:
		d.errorf(n, field, "ne doit pas être vide")
		return "", false
	case l < minLen:
		d.errorf(n, field, "fait %d caractères ; il en faut au moins %d", l, minLen)
		return "", false
	case maxLen > 0 && l > maxLen:
		d.errorf(n, field, "fait %d caractères ; %d au plus sont permis", l, maxLen)
		return "", false
	}
	return s, true
}

// raw reads any scalar as written, for dates and codes YAML might retype.
func (d *decoder) raw(n *yaml.Node, field string) (string, bool) {
	if !d.scalar(n, field, "une valeur") {
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

func (d *decoder) integer(n *yaml.Node, field string) (int, bool) {
	if !d.scalar(n, field, "un nombre entier") {
		return 0, false
	}
	if n.Tag != "!!int" {
		d.errorf(n, field, "attendu : un nombre entier d'euros, trouvé %q (écrivez 35000, sans espace ni symbole)", n.Value)
		return 0, false
	}
	v, err := strconv.Atoi(strings.ReplaceAll(n.Value, "_", ""))
	if err != nil {
		d.errorf(n, field, "%q n'est pas un nombre entier utilisable", n.Value)
		return 0, false
	}
	return v, true
}

func (d *decoder) boolean(n *yaml.Node, field string) (bool, bool) {
	if !d.scalar(n, field, "true ou false") {
		return false, false
	}
	if n.Tag != "!!bool" {
		d.errorf(n, field, "attendu : true ou false, trouvé %q", n.Value)
		return false, false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
}

// seq returns the items of a list. A single scalar is refused rather than
// wrapped: "access: bac+2" is almost always a forgotten list.
func (d *decoder) seq(n *yaml.Node, field string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, field, "attendu : une liste (- élément, ou [a, b]), trouvé %s", kindName(n))
		return nil
	}
	return n.Content
}

// strList reads a list of strings, each checked by check when not nil,
// and refuses duplicates.
func (d *decoder) strList(n *yaml.Node, field string, maxLen int, check func(item *yaml.Node, field, v string) bool) []string {
	var out []string
	seen := map[string]bool{}
	for i, it := range d.seq(n, field) {
		f := index(field, i)
		v, ok := d.str(it, f, 1, maxLen)
		if !ok || (check != nil && !check(it, f, v)) {
			continue
		}
		if seen[strings.ToLower(v)] {
			d.errorf(it, f, "%q figure deux fois", v)
			continue
		}
		seen[strings.ToLower(v)] = true
		out = append(out, v)
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "des clés"
	case yaml.SequenceNode:
		return "une liste"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "rien"
		}
		return fmt.Sprintf("la valeur %q", n.Value)
	case yaml.AliasNode:
		return "un alias"
	}
	return "rien"
}

func tagName(tag string) string {
	switch tag {
	case "!!int", "!!float":
		return "le nombre"
	case "!!bool":
		return "la valeur oui/non"
	case "!!null":
		return "la valeur vide"
	}
	return "la valeur"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// closest suggests the known key a typo most likely meant, within two edits.
func closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
