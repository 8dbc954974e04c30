// Package fiche reads and validates the editors' content: fiches métiers,
// sectors and plain pages, as described in the content format contract.
package fiche

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"vocation/internal/problem"
	"vocation/internal/salary"
)

// Levels are the study levels, in order.
var Levels = []string{"infrabac", "cap", "bac", "bac+2", "bac+3", "bac+5", "bac+8"}

// SalaryLevels are the experience levels of a salary band, in order.
// non-precise is for a figure its source gives without an experience
// level (an average over a whole career, a range from first job to
// ceiling): filing it under one level would say more than the source.
var SalaryLevels = []string{"debutant", "confirme", "senior", "expert", "non-precise"}

var (
	romeRe = regexp.MustCompile(`^[A-N][0-9]{4}$`)
	yearRe = regexp.MustCompile(`(19|20)[0-9]{2}`)
)

// ValidSlug reports whether s may be used as a fiche, page or source slug:
// ^[a-z0-9]+(-[a-z0-9]+)*$, checked by hand because it runs on every
// request path.
func ValidSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Fiche is one métier as the editor wrote it. Line fields locate values for
// the problems found later, across files.
type Fiche struct {
	Slug          string
	Title         string
	Summary       string
	Sector        string
	SectorLine    int
	Access        []string
	Updated       time.Time
	Aliases       []string
	Rome          []string
	RomeLine      int // where the list starts: codes are checked against the referential later
	Riasec        []string
	Interests     []string
	Qualities     []string
	Tools         []string // languages, frameworks, software: what the job is done with
	Salaries      []Salary
	Trainings     []Training
	Related       []Ref
	Sources       []Source
	Videos        []Video
	PreviousSlugs []Ref
	Draft         bool
	Body          []byte
	BodyLine      int
}

// Ref is a slug written in a list, with its line.
type Ref struct {
	Slug string
	Line int
}

// Salary is one band, gross euros, as the source gives it.
type Salary struct {
	Level     string
	Min, Max  int
	Unit      string
	Region    string
	Status    string
	Source    string
	OpenEnded bool
	Note      string
}

// Annual normalises an amount to a year (see package salary).
func Annual(amount int, unit string) int { return salary.Annual(amount, unit) }

// Training is one way into the métier.
type Training struct {
	Level          string
	Title          string
	Kind           string
	Apprenticeship bool
	Duration       string
	Cost           string
	Where          string
	URL            string
	Source         string
}

// Source is a document the fiche's figures come from.
type Source struct {
	ID        string
	Publisher string
	Title     string
	URL       string
	Date      string
	// Accessed is the day an undated document was read (YYYY-MM-DD).
	Accessed string
}

// Video is a video about the métier. It is only ever linked, never
// embedded: an embed would load a third party's player and cookies in a
// page whose CSP allows nothing but this origin.
type Video struct {
	Title     string
	URL       string
	Publisher string
	Duration  string
}

// Estimate reports whether the source is the editorial team's own estimate.
func (s Source) Estimate() bool { return s.Publisher == EditorialPublisher }

// EditorialPublisher marks figures the team estimated itself.
const EditorialPublisher = "Rédaction Vocation"

var ficheKeys = []string{"title", "summary", "sector", "access", "updated", "aliases", "rome", "riasec",
	"interests", "qualities", "tools", "salaries", "trainings", "related", "sources", "videos", "previous_slugs", "draft"}

// Parse reads one fiche file. Every problem found is added to probs; the
// returned fiche is nil when the file cannot be used at all.
func Parse(path, slug string, src []byte, probs *problem.List) *Fiche {
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
	if root.Kind == 0 || (root.Kind == yaml.ScalarNode && root.Tag == "!!null") {
		probs.Errorf(path, 1, "en-tête", "est vide ; clés obligatoires : title, summary, sector, access, updated")
		return nil
	}
	m := d.mapping(root, "", ficheKeys...)
	if m == nil {
		return nil
	}
	d.require(m, root, "", "title", "summary", "sector", "access", "updated")
	f := &Fiche{Slug: slug, Body: body, BodyLine: bodyLine}
	if n := m["title"]; n != nil {
		f.Title, _ = d.str(n, "title", 1, 120)
	}
	if n := m["summary"]; n != nil {
		f.Summary, _ = d.str(n, "summary", 20, 300)
	}
	if n := m["sector"]; n != nil {
		if v, ok := d.str(n, "sector", 1, 60); ok {
			f.Sector, f.SectorLine = v, n.Line+d.offset
		}
	}
	if n := m["access"]; n != nil {
		f.Access = d.strList(n, "access", 0, d.enum(Levels))
		if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
			d.errorf(n, "access", "indiquez au moins un niveau d'études (%s)", strings.Join(Levels, ", "))
		}
	}
	if n := m["updated"]; n != nil {
		if v, ok := d.raw(n, "updated"); ok {
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				d.errorf(n, "updated", "%q n'est pas une date ; écrivez AAAA-MM-JJ, par exemple 2025-03-14", v)
			}
			f.Updated = t
		}
	}
	if n := m["aliases"]; n != nil {
		f.Aliases = d.strList(n, "aliases", 120, nil)
	}
	if n := m["rome"]; n != nil {
		f.Rome = d.strList(n, "rome", 0, d.match(romeRe, "un code ROME est une majuscule de A à N suivie de quatre chiffres, par exemple M1805"))
		f.RomeLine = n.Line + d.offset
	}
	if n := m["riasec"]; n != nil {
		f.Riasec = d.strList(n, "riasec", 0, d.enum([]string{"R", "I", "A", "S", "E", "C"}))
		if n.Kind == yaml.SequenceNode && (len(n.Content) < 1 || len(n.Content) > 3) {
			d.errorf(n, "riasec", "donnez 1 à 3 lettres, la dominante en premier ; trouvé %d", len(n.Content))
		}
	}
	if n := m["interests"]; n != nil {
		f.Interests = d.strList(n, "interests", 200, nil)
	}
	if n := m["qualities"]; n != nil {
		f.Qualities = d.strList(n, "qualities", 200, nil)
	}
	if n := m["tools"]; n != nil {
		f.Tools = d.strList(n, "tools", 200, nil)
	}
	// Sources first: bands and trainings cite them by id.
	ids := map[string]bool{}
	if n := m["sources"]; n != nil {
		f.Sources = d.sources(n, ids)
	}
	if n := m["salaries"]; n != nil {
		for i, it := range d.seq(n, "salaries") {
			if s, ok := d.salary(it, index("salaries", i), ids); ok {
				f.Salaries = append(f.Salaries, s)
			}
		}
	}
	if n := m["trainings"]; n != nil {
		for i, it := range d.seq(n, "trainings") {
			if t, ok := d.training(it, index("trainings", i), ids); ok {
				f.Trainings = append(f.Trainings, t)
			}
		}
	}
	if n := m["videos"]; n != nil {
		for i, it := range d.seq(n, "videos") {
			if v, ok := d.video(it, index("videos", i)); ok {
				f.Videos = append(f.Videos, v)
			}
		}
	}
	if n := m["related"]; n != nil {
		f.Related = d.refs(n, "related")
		for _, r := range f.Related {
			if r.Slug == slug {
				probs.Warnf(path, r.Line, "related", "%q est cette fiche elle-même", r.Slug)
			}
		}
	}
	if n := m["previous_slugs"]; n != nil {
		f.PreviousSlugs = d.refs(n, "previous_slugs")
		for _, r := range f.PreviousSlugs {
			if r.Slug == slug {
				probs.Errorf(path, r.Line, "previous_slugs", "%q est le slug actuel de la fiche", r.Slug)
			}
		}
	}
	if n := m["draft"]; n != nil {
		f.Draft, _ = d.boolean(n, "draft")
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		probs.Warnf(path, bodyLine, "texte", "est vide ; la fiche n'affichera que l'essentiel")
	}
	if hasErrorsSince(*probs, before) {
		return nil
	}
	return f
}

func hasErrorsSince(l problem.List, from int) bool {
	return l[from:].HasErrors()
}

func (d *decoder) enum(allowed []string) func(*yaml.Node, string, string) bool {
	return func(n *yaml.Node, field, v string) bool {
		if contains(allowed, v) {
			return true
		}
		d.errorf(n, field, "%q n'est pas une valeur possible ; valeurs : %s", v, strings.Join(allowed, ", "))
		return false
	}
}

func (d *decoder) match(re *regexp.Regexp, hint string) func(*yaml.Node, string, string) bool {
	return func(n *yaml.Node, field, v string) bool {
		if re.MatchString(v) {
			return true
		}
		d.errorf(n, field, "%q n'est pas valide : %s", v, hint)
		return false
	}
}

func (d *decoder) enumField(m map[string]*yaml.Node, key, field string, allowed []string) string {
	n := m[key]
	if n == nil {
		return ""
	}
	v, ok := d.str(n, join(field, key), 1, 0)
	if !ok || !d.enum(allowed)(n, join(field, key), v) {
		return ""
	}
	return v
}

func (d *decoder) refs(n *yaml.Node, field string) []Ref {
	var out []Ref
	seen := map[string]bool{}
	for i, it := range d.seq(n, field) {
		f := index(field, i)
		v, ok := d.str(it, f, 1, 120)
		if !ok {
			continue
		}
		if !ValidSlug(v) {
			d.errorf(it, f, "%q n'est pas un slug (lettres minuscules sans accent, chiffres et tirets simples, par exemple developpeur-web)", v)
			continue
		}
		if seen[v] {
			d.errorf(it, f, "%q figure deux fois", v)
			continue
		}
		seen[v] = true
		out = append(out, Ref{Slug: v, Line: it.Line + d.offset})
	}
	return out
}

func (d *decoder) sourceRef(m map[string]*yaml.Node, field string, ids map[string]bool) string {
	n := m["source"]
	if n == nil {
		return ""
	}
	v, ok := d.str(n, join(field, "source"), 1, 120)
	if !ok {
		return ""
	}
	if !ids[v] {
		d.errorf(n, join(field, "source"), "id de source inconnu %q ; déclarez-le sous sources (connus : %s)", v, strings.Join(sortedKeys(ids), ", "))
		return ""
	}
	return v
}

func (d *decoder) salary(n *yaml.Node, field string, ids map[string]bool) (Salary, bool) {
	before := len(*d.probs)
	m := d.mapping(n, field, "level", "min", "max", "unit", "region", "status", "source", "open_ended", "note")
	if m == nil {
		return Salary{}, false
	}
	d.require(m, n, field, "level", "min", "max", "unit")
	s := Salary{Region: "france", Status: "salarie"}
	s.Level = d.enumField(m, "level", field, SalaryLevels)
	s.Unit = d.enumField(m, "unit", field, salary.Units)
	if r := d.enumField(m, "region", field, []string{"france", "paris", "province", "belgique"}); r != "" {
		s.Region = r
	}
	if st := d.enumField(m, "status", field, []string{"salarie", "freelance"}); st != "" {
		s.Status = st
	}
	s.Source = d.sourceRef(m, field, ids)
	if m["source"] == nil {
		// A warning, not an error: a band may come before its source is
		// found, but it must not be published unnoticed.
		d.warnf(n, join(field, "source"), "fourchette sans source ; ajoutez source: avec l'id d'une source de sources (aucun chiffre sans source)")
	}
	if v := m["note"]; v != nil {
		s.Note, _ = d.str(v, join(field, "note"), 1, 160)
	}
	if v := m["open_ended"]; v != nil {
		s.OpenEnded, _ = d.boolean(v, join(field, "open_ended"))
	}
	var minOK, maxOK bool
	if v := m["min"]; v != nil {
		s.Min, minOK = d.integer(v, join(field, "min"))
		minOK = minOK && d.positive(v, join(field, "min"), s.Min) && d.plausible(v, join(field, "min"), s.Min, s.Unit)
	}
	if v := m["max"]; v != nil {
		s.Max, maxOK = d.integer(v, join(field, "max"))
		maxOK = maxOK && d.positive(v, join(field, "max"), s.Max) && d.plausible(v, join(field, "max"), s.Max, s.Unit)
	}
	if minOK && maxOK {
		switch {
		case s.Min > s.Max:
			d.errorf(m["max"], join(field, "max"), "%d est inférieur à min %d", s.Max, s.Min)
		case s.OpenEnded && s.Max != s.Min:
			d.errorf(m["max"], join(field, "max"), "une fourchette open_ended (« %d € et plus ») a max égal à min", s.Min)
		}
	}
	return s, !hasErrorsSince(*d.probs, before)
}

func (d *decoder) positive(n *yaml.Node, field string, v int) bool {
	if v <= 0 {
		d.errorf(n, field, "doit être supérieur à 0, trouvé %d", v)
		return false
	}
	return true
}

func (d *decoder) plausible(n *yaml.Node, field string, v int, unit string) bool {
	if msg := salary.Check(v, unit); msg != "" {
		d.errorf(n, field, "%s", msg)
		return false
	}
	return true
}

func (d *decoder) training(n *yaml.Node, field string, ids map[string]bool) (Training, bool) {
	before := len(*d.probs)
	m := d.mapping(n, field, "level", "title", "kind", "apprenticeship", "duration", "cost", "where", "url", "source")
	if m == nil {
		return Training{}, false
	}
	d.require(m, n, field, "level", "title")
	t := Training{}
	t.Level = d.enumField(m, "level", field, Levels)
	t.Kind = d.enumField(m, "kind", field, []string{"public", "private"})
	if v := m["title"]; v != nil {
		t.Title, _ = d.str(v, join(field, "title"), 1, 200)
	}
	if v := m["apprenticeship"]; v != nil {
		t.Apprenticeship, _ = d.boolean(v, join(field, "apprenticeship"))
	}
	if v := m["duration"]; v != nil {
		t.Duration, _ = d.str(v, join(field, "duration"), 1, 120)
	}
	if v := m["where"]; v != nil {
		t.Where, _ = d.str(v, join(field, "where"), 1, 1000)
	}
	if v := m["cost"]; v != nil {
		if c, ok := d.str(v, join(field, "cost"), 1, 200); ok {
			if !yearRe.MatchString(c) {
				d.errorf(v, join(field, "cost"), "indiquez l'année du tarif, par exemple « 8 000 à 10 000 € par an (2024) »")
			}
			t.Cost = c
		}
	}
	if v := m["url"]; v != nil {
		t.URL = d.httpURL(v, join(field, "url"))
	}
	t.Source = d.sourceRef(m, field, ids)
	return t, !hasErrorsSince(*d.probs, before)
}

func (d *decoder) httpURL(n *yaml.Node, field string) string {
	v, ok := d.str(n, field, 1, 2000)
	if !ok {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.errorf(n, field, "%q n'est pas une adresse http(s)", v)
		return ""
	}
	return v
}

func (d *decoder) video(n *yaml.Node, field string) (Video, bool) {
	before := len(*d.probs)
	m := d.mapping(n, field, "title", "url", "publisher", "duration")
	if m == nil {
		return Video{}, false
	}
	d.require(m, n, field, "title", "url")
	var v Video
	if x := m["title"]; x != nil {
		v.Title, _ = d.str(x, join(field, "title"), 1, 200)
	}
	if x := m["url"]; x != nil {
		v.URL = d.httpURL(x, join(field, "url"))
	}
	if x := m["publisher"]; x != nil {
		v.Publisher, _ = d.str(x, join(field, "publisher"), 1, 200)
	}
	if x := m["duration"]; x != nil {
		v.Duration, _ = d.str(x, join(field, "duration"), 1, 60)
	}
	return v, !hasErrorsSince(*d.probs, before)
}

var dateRe = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

func (d *decoder) sources(n *yaml.Node, ids map[string]bool) []Source {
	var out []Source
	for i, it := range d.seq(n, "sources") {
		field := index("sources", i)
		before := len(*d.probs)
		m := d.mapping(it, field, "id", "publisher", "title", "url", "date", "accessed")
		if m == nil {
			continue
		}
		d.require(m, it, field, "id", "publisher")
		var s Source
		if v := m["id"]; v != nil {
			if id, ok := d.str(v, join(field, "id"), 1, 60); ok {
				switch {
				case !ValidSlug(id):
					d.errorf(v, join(field, "id"), "%q n'est pas un slug (lettres minuscules sans accent, chiffres et tirets)", id)
				case ids[id]:
					d.errorf(v, join(field, "id"), "%q est déjà l'id d'une autre source de cette fiche", id)
				default:
					ids[id] = true
					s.ID = id
				}
			}
		}
		if v := m["publisher"]; v != nil {
			s.Publisher, _ = d.str(v, join(field, "publisher"), 1, 200)
		}
		if v := m["title"]; v != nil {
			s.Title, _ = d.str(v, join(field, "title"), 1, 300)
		}
		if v := m["url"]; v != nil {
			s.URL = d.httpURL(v, join(field, "url"))
		}
		if v := m["date"]; v != nil {
			if date, ok := d.raw(v, join(field, "date")); ok {
				if !validPartialDate(date) {
					d.errorf(v, join(field, "date"), "%q n'est pas une date ; écrivez AAAA, AAAA-MM ou AAAA-MM-JJ", date)
				}
				s.Date = date
			}
		}
		if v := m["accessed"]; v != nil {
			if day, ok := d.raw(v, join(field, "accessed")); ok {
				if _, err := time.Parse(time.DateOnly, day); err != nil {
					d.errorf(v, join(field, "accessed"), "%q n'est pas une date ; écrivez le jour de la consultation, AAAA-MM-JJ, par exemple 2026-12-02", day)
				}
				s.Accessed = day
			}
		}
		if m["date"] == nil && m["accessed"] == nil {
			// A reader weighs a figure by its age: say when the document
			// was published, or at least when it was read.
			d.warnf(it, field, "source sans date ; ajoutez date: (publication ou mise à jour) ou, pour un document non daté, accessed: (jour de la consultation, AAAA-MM-JJ)")
		}
		if !hasErrorsSince(*d.probs, before) {
			out = append(out, s)
		}
	}
	return out
}

func validPartialDate(s string) bool {
	if !dateRe.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	if len(out) == 0 {
		return []string{"aucun"}
	}
	slices.Sort(out)
	return out
}
