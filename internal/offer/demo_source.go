package offer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// DemoSource is what the demo generator draws from: job titles with their
// ROME code, and the fiches whose codes must have offers. LoadDemoSource
// reads it from a content tree; without one, the built-in list.
type DemoSource struct {
	jobs    []demoJob
	domains [][]string           // per domain, A to N, the codes that have titles
	byCode  map[string][]int     // the jobs of each code
	fiches  []demoFiche          // shipped fiches, in file order
	known   map[string][]demoJob // the built-in list's entries of each code
	cadre   map[string]string    // emploi_cadre of each code: O, N or ""
	builtin bool                 // no ROME referential: the built-in list only
}

// String says what s holds, for a line on stderr.
func (s *DemoSource) String() string {
	from := "the ROME referential"
	if s.builtin {
		from = "the built-in list (no ROME referential)"
	}
	return fmt.Sprintf("%d titles of %d ROME codes from %s, %d fiches", len(s.jobs), len(s.byCode), from, len(s.fiches))
}

// demoJob is one job title, both forms, and what its offers say.
type demoJob struct {
	rome      string
	masc, fem []string // the words of each form, as many in both
	salary    [2]int   // a plausible yearly band, euros, full time
	skills    []string
	remote    bool // remote work and freelance contracts happen
}

// demoFiche is a shipped fiche: its own title as a job, once per code.
type demoFiche struct {
	name string
	jobs []demoJob
}

// LoadDemoSource reads fsys, a content tree: rome/metiers.csv and
// rome/appellations.csv for the titles (appellations marked peu_usite are
// left out), metiers/*.md for the fiches' ROME codes and titles. Without
// the referential it falls back to the built-in list; a file that is
// there but unreadable is an error.
func LoadDemoSource(fsys fs.FS) (*DemoSource, error) {
	s := BuiltinDemoSource()
	apps, err := readCSV(fsys, "rome/appellations.csv", "code_rome", "libelle_appellation_long", "peu_usite")
	if errors.Is(err, fs.ErrNotExist) {
		return s, s.readFiches(fsys)
	}
	if err != nil {
		return nil, err
	}
	metiers, err := readCSV(fsys, "rome/metiers.csv", "code_rome", "emploi_cadre")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, m := range metiers {
		s.cadre[m[0]] = m[1]
	}
	s.jobs, s.byCode, s.domains, s.builtin = nil, map[string][]int{}, make([][]string, 14), false
	for _, a := range apps {
		code, label := a[0], a[1]
		if a[2] == "O" || !romeRe.MatchString(code) {
			continue
		}
		masc, fem, ok := parseForms(label)
		if !ok {
			continue
		}
		s.add(s.job(code, masc, fem))
	}
	if len(s.jobs) == 0 {
		return nil, fmt.Errorf("rome/appellations.csv: no usable job title")
	}
	return s, s.readFiches(fsys)
}

// BuiltinDemoSource is the built-in list: a few dozen common jobs, for
// trees without the ROME referential.
func BuiltinDemoSource() *DemoSource {
	s := &DemoSource{byCode: map[string][]int{}, domains: make([][]string, 14), known: map[string][]demoJob{}, cadre: map[string]string{}, builtin: true}
	for _, b := range demoBuiltin {
		masc, fem, ok := parseForms(b.label)
		if !ok {
			panic("demo: built-in title " + b.label)
		}
		j := demoJob{rome: b.rome, masc: masc, fem: fem, salary: b.salary, skills: b.skills, remote: b.remote}
		s.known[b.rome] = append(s.known[b.rome], j)
		s.add(j)
	}
	return s
}

func (s *DemoSource) add(j demoJob) {
	d := int(j.rome[0] - 'A')
	if len(s.byCode[j.rome]) == 0 {
		s.domains[d] = append(s.domains[d], j.rome)
	}
	s.byCode[j.rome] = append(s.byCode[j.rome], len(s.jobs))
	s.jobs = append(s.jobs, j)
}

// job is a title with its band, skills and remote work. The band is the
// built-in entry's of the same code and title, else demoBand's rule; the
// skills and remote work those of the code's built-in entries, else of
// its domain.
func (s *DemoSource) job(code string, masc, fem []string) demoJob {
	j := demoJob{rome: code, masc: masc, fem: fem, salary: demoBand(code, s.cadre[code] == "O", masc[0])}
	if known := s.known[code]; len(known) > 0 {
		j.skills, j.remote = known[0].skills, known[0].remote
		for _, b := range known {
			if strings.EqualFold(strings.Join(b.masc, " "), strings.Join(masc, " ")) {
				j.salary, j.skills = b.salary, b.skills
			}
		}
		return j
	}
	j.skills = demoSkills(code)
	j.remote = strings.ContainsRune("CEHM", rune(code[0]))
	return j
}

// readFiches reads the ROME codes and title of every fiche under
// metiers/ that is not a draft: new fiches get offers at the next
// generation, with no list to keep.
func (s *DemoSource) readFiches(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "metiers/*.md")
	if err != nil {
		return err
	}
	for _, name := range files {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		var fm struct {
			Title string   `yaml:"title"`
			Rome  []string `yaml:"rome"`
			Draft bool     `yaml:"draft"`
		}
		if err := yaml.Unmarshal(frontMatter(src), &fm); err != nil {
			return fmt.Errorf("%s: front matter: %v", name, err)
		}
		if fm.Draft || len(fm.Rome) == 0 || strings.TrimSpace(fm.Title) == "" {
			continue
		}
		f := demoFiche{name: strings.TrimSuffix(path.Base(name), ".md")}
		masc, fem := s.ficheForms(fm.Title, fm.Rome)
		for _, code := range fm.Rome {
			if !romeRe.MatchString(code) {
				return fmt.Errorf("%s: rome: %q is not a ROME code", name, code)
			}
			f.jobs = append(f.jobs, s.job(code, masc, fem))
		}
		s.fiches = append(s.fiches, f)
	}
	return nil
}

// ficheForms are a fiche title's masculine and feminine forms: the
// inclusive words spelled out ("Développeur·euse back-end"), or a title
// of its codes whose masculine form it is ("Boulanger").
func (s *DemoSource) ficheForms(title string, codes []string) (masc, fem []string) {
	masc, fem, ok := expandInclusive(strings.Fields(title))
	if ok && !slices.Equal(masc, fem) {
		return masc, fem
	}
	for _, code := range codes {
		for _, i := range s.byCode[code] {
			if strings.EqualFold(strings.Join(s.jobs[i].masc, " "), strings.Join(masc, " ")) {
				return masc, s.jobs[i].fem
			}
		}
	}
	return masc, masc
}

// frontMatter is the YAML between a file's opening and closing --- lines.
func frontMatter(src []byte) []byte {
	src = bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil
	}
	fm, _, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		fm, _, _ = bytes.Cut(rest, []byte("\n---"))
	}
	return fm
}

// readCSV reads the named columns of a CSV file with a header line.
func readCSV(fsys fs.FS, name string, columns ...string) ([][]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	at := make([]int, len(columns))
	for i, c := range columns {
		if at[i] = slices.Index(head, c); at[i] < 0 {
			return nil, fmt.Errorf("%s: no %s column", name, c)
		}
	}
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		row := make([]string, len(columns))
		for i, k := range at {
			if k < len(rec) {
				row[i] = strings.TrimSpace(rec[k])
			}
		}
		rows = append(rows, row)
	}
}

// parseForms reads a ROME appellation, written "Infirmier / Infirmière
// en puériculture", "Analyste Concepteur / Conceptrice informatique",
// "Agent / Agente d'administration principal(e)" or "Comptable", into the
// words of its masculine and feminine forms, as many in both. The words
// after the slash replace as many words before it, each starting like
// the one it replaces; a title that reads otherwise ("Garçon / Fille de
// chenil", "Steward / Hôtesse de l'air", "Lapidaire / Diamantaire") is
// not used (ok false).
func parseForms(label string) (masc, fem []string, ok bool) {
	label = strings.Join(strings.Fields(label), " ")
	label = strings.ReplaceAll(strings.ReplaceAll(label, "d'Etat", "d'État"), " Etat", " État")
	if label == "" || strings.Count(label, "(") != strings.Count(label, ")") || strings.Count(label, " / ") > 1 {
		return nil, nil, false
	}
	var rest []string
	if left, right, slash := strings.Cut(label, " / "); slash {
		lw, rw := strings.Fields(left), strings.Fields(right)
		k := 0
		for n := min(len(lw), len(rw)); n > 0 && k == 0; n-- {
			alike, differ := true, false
			for i := range n {
				a, b := lw[len(lw)-n+i], rw[i]
				alike = alike && sameStart(a, b)
				differ = differ || !strings.EqualFold(a, b)
			}
			if alike && differ {
				k = n
			}
		}
		if k == 0 {
			return nil, nil, false
		}
		masc = slices.Clone(lw)
		fem = slices.Clone(lw[:len(lw)-k])
		for i, w := range rw[:k] {
			fem = append(fem, caseLike(w, lw[len(lw)-k+i]))
		}
		rest = rw[k:]
	} else {
		rest = strings.Fields(label)
	}
	for _, w := range rest {
		m, f := w, w
		if stem, ok := strings.CutSuffix(w, "(e)"); ok {
			m, f = stem, stem+"e"
		} else if stem, ok := strings.CutSuffix(w, "(s)"); ok {
			m, f = stem, stem
		}
		masc, fem = append(masc, m), append(fem, f)
	}
	for _, w := range append(slices.Clone(masc), fem...) {
		// "Accastilleur(se)": a spelling this reading does not know.
		if i := strings.IndexByte(w, '('); i > 0 {
			r, _ := utf8.DecodeLastRuneInString(w[:i])
			if unicode.IsLetter(r) {
				return nil, nil, false
			}
		}
	}
	return masc, fem, true
}

// sameStart reports whether two words start with the same two letters,
// whatever their case.
func sameStart(a, b string) bool {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	return len(ra) >= 2 && len(rb) >= 2 && ra[0] == rb[0] && ra[1] == rb[1]
}

// caseLike gives w the case of like's first letter: "Arbitre professionnel
// / Professionnelle" is "Arbitre professionnelle".
func caseLike(w, like string) string {
	l, _ := utf8.DecodeRuneInString(like)
	r, n := utf8.DecodeRuneInString(w)
	if unicode.IsLower(l) {
		return string(unicode.ToLower(r)) + w[n:]
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// expandInclusive spells out the inclusive words of a title:
// "Développeur·euse", "Administrateur·rice", "Infirmier·ère", "Chef·fe",
// "Expert·e". ok is false for an ending it does not know.
func expandInclusive(words []string) (masc, fem []string, ok bool) {
	for _, w := range words {
		base, end, found := strings.Cut(w, "·")
		if !found {
			masc, fem = append(masc, w), append(fem, w)
			continue
		}
		var f string
		switch {
		case (end == "euse" || end == "se") && strings.HasSuffix(base, "eur"):
			f = strings.TrimSuffix(base, "r") + "se"
		case (end == "rice" || end == "trice") && strings.HasSuffix(base, "teur"):
			f = strings.TrimSuffix(base, "eur") + "rice"
		case (end == "ère" || end == "ière") && strings.HasSuffix(base, "ier"):
			f = strings.TrimSuffix(base, "er") + "ère"
		case end == "e" || end == "ne" || end == "fe" || end == "le" || end == "te":
			f = base + end
		default:
			return words, words, false
		}
		masc, fem = append(masc, base), append(fem, f)
	}
	return masc, fem, true
}
