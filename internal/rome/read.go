package rome

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"vocation/internal/problem"
)

// The files, in the order they are read: every other file refers to the
// codes of metiers.csv, and the links to the centres of centres-interet.csv.
const (
	metiersFile      = "metiers.csv"
	interestsFile    = "centres-interet.csv"
	linksFile        = "centres-interet-metiers.csv"
	appellationsFile = "appellations.csv"
	movesFile        = "mobilite.csv"
)

// maxFileSize bounds one file; the largest, appellations.csv, is 1.3 MB in
// v460.
const maxFileSize = 16 << 20

// Read reads the referential in dir of fsys. shown turns a path relative
// to fsys into the path problems show. metiers.csv is required; each other
// file is optional, and its part of the site is then empty. The result is
// nil when any problem found here is an error.
func Read(fsys fs.FS, dir string, shown func(string) string, probs *problem.List) *Referential {
	start := len(*probs)
	rd := &reader{fsys: fsys, dir: dir, shown: shown, probs: probs}
	rd.strays()
	r := &Referential{Appellations: map[string][]Appellation{}, labels: map[string]string{}}

	firstLine := map[string]int{}
	found := rd.table(metiersFile, []string{"code_rome", "libelle_rome"}, func(line int, get func(string) string) {
		code, label := get("code_rome"), get("libelle_rome")
		if !rd.code(line, "code_rome", code) || !rd.nonEmpty(line, "libelle_rome", label) {
			return
		}
		if first, dup := firstLine[code]; dup {
			rd.errorf(line, "code_rome", "« %s » est déjà donné ligne %d", code, first)
			return
		}
		firstLine[code] = line
		r.labels[code] = label
		r.Metiers = append(r.Metiers, Metier{Code: code, Label: label})
	})
	if !found {
		probs.Errorf(shown(path.Join(dir, metiersFile)), 1, "file", "fichier absent : les autres fichiers du référentiel renvoient à ses codes")
		return nil
	}
	// A code missing from metiers.csv because its own line is wrong is
	// reported there, once, not again on every line that names it.
	checkRefs := !(*probs)[start:].HasErrors()
	known := func(line int, field, code string) bool {
		if !rd.code(line, field, code) {
			return false
		}
		if _, ok := r.labels[code]; checkRefs && !ok {
			rd.errorf(line, field, "« %s » n’est pas dans %s", code, metiersFile)
			return false
		}
		return true
	}

	interests := map[int]bool{}
	rd.table(interestsFile, []string{"code_centre_interet", "libelle_centre_interet"}, func(line int, get func(string) string) {
		id, ok := rd.number(line, "code_centre_interet", get("code_centre_interet"))
		label := get("libelle_centre_interet")
		if !ok || !rd.nonEmpty(line, "libelle_centre_interet", label) {
			return
		}
		if interests[id] {
			rd.errorf(line, "code_centre_interet", "« %d » est déjà donné plus haut", id)
			return
		}
		interests[id] = true
		r.Interests = append(r.Interests, Interest{ID: id, Label: label})
	})

	links := map[string]bool{}
	rd.table(linksFile, []string{"code_centre_interet", "code_rome", "principal"}, func(line int, get func(string) string) {
		id, ok := rd.number(line, "code_centre_interet", get("code_centre_interet"))
		if ok && !interests[id] {
			rd.errorf(line, "code_centre_interet", "« %d » n’est pas dans %s", id, interestsFile)
			ok = false
		}
		code := get("code_rome")
		principal, okP := rd.yesNo(line, "principal", get("principal"), "oui", "non")
		if !known(line, "code_rome", code) || !ok || !okP {
			return
		}
		key := strconv.Itoa(id) + " " + code
		if links[key] {
			rd.errorf(line, "code_rome", "« %s » est déjà lié au centre d’intérêt %d plus haut", code, id)
			return
		}
		links[key] = true
		r.InterestLinks = append(r.InterestLinks, InterestLink{Interest: id, Code: code, Principal: principal})
	})

	rd.table(appellationsFile, []string{"code_rome", "libelle_appellation_long", "libelle_appellation_court", "peu_usite"}, func(line int, get func(string) string) {
		code, long := get("code_rome"), get("libelle_appellation_long")
		rare, ok := rd.yesNo(line, "peu_usite", get("peu_usite"), "O", "N")
		if !known(line, "code_rome", code) || !rd.nonEmpty(line, "libelle_appellation_long", long) || !ok {
			return
		}
		r.Appellations[code] = append(r.Appellations[code], Appellation{Code: code, Long: long, Short: get("libelle_appellation_court"), Rare: rare})
	})

	moves := map[string]int{}
	rd.table(movesFile, []string{"code_rome", "code_rome_cible", "numero_ordre"}, func(line int, get func(string) string) {
		from, to := get("code_rome"), get("code_rome_cible")
		order, ok := rd.number(line, "numero_ordre", get("numero_ordre"))
		okFrom, okTo := known(line, "code_rome", from), known(line, "code_rome_cible", to)
		if !ok || !okFrom || !okTo {
			return
		}
		if first, dup := moves[from+" "+to]; dup {
			rd.errorf(line, "code_rome_cible", "le lien de %s vers %s est déjà donné ligne %d", from, to, first)
			return
		}
		moves[from+" "+to] = line
		r.Moves = append(r.Moves, Move{From: from, To: to, Order: order})
	})

	if (*probs)[start:].HasErrors() {
		return nil
	}
	return r
}

type reader struct {
	fsys  fs.FS
	dir   string
	shown func(string) string
	probs *problem.List
	file  string // the file being read, as shown
}

func (rd *reader) errorf(line int, field, format string, args ...any) {
	rd.probs.Errorf(rd.file, line, field, format, args...)
}

// strays warns about files the referential does not have: a misspelt name
// must not silently leave a part of the site empty.
func (rd *reader) strays() {
	entries, err := fs.ReadDir(rd.fsys, rd.dir)
	if err != nil {
		rd.probs.Errorf(rd.shown(rd.dir), 1, "file", "illisible : %v", err)
		return
	}
	for _, e := range entries {
		switch name := e.Name(); name {
		case metiersFile, interestsFile, linksFile, appellationsFile, movesFile, "README.md":
		default:
			if !strings.HasPrefix(name, ".") {
				rd.probs.Warnf(rd.shown(path.Join(rd.dir, name)), 1, "file", "ne fait pas partie du référentiel ROME ; ignoré (fichiers lus : %s, %s, %s, %s, %s)",
					metiersFile, appellationsFile, interestsFile, linksFile, movesFile)
			}
		}
	}
}

// table reads name, a CSV file whose first line names its columns, and
// calls row for each record with its line and a getter by column name.
// Columns other than cols are ignored: France Travail's full files have
// more. found is false when the file does not exist.
func (rd *reader) table(name string, cols []string, row func(line int, get func(col string) string)) (found bool) {
	rel := path.Join(rd.dir, name)
	rd.file = rd.shown(rel)
	info, err := fs.Stat(rd.fsys, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err == nil && info.Size() > maxFileSize {
		rd.errorf(1, "file", "%d octets ; un fichier du référentiel en fait au plus %d", info.Size(), maxFileSize)
		return true
	}
	f, err := rd.fsys.Open(rel)
	if err != nil {
		rd.errorf(1, "file", "illisible : %v", err)
		return true
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		rd.errorf(1, "file", "fichier vide ; la première ligne nomme les colonnes : %s", strings.Join(cols, ","))
		return true
	}
	if err != nil {
		rd.csvError(err, 0)
		return true
	}
	header = slices.Clone(header) // the reader reuses its records
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	at := map[string]int{}
	for i, h := range header {
		at[h] = i
	}
	missing := false
	for _, c := range cols {
		if _, ok := at[c]; !ok {
			rd.errorf(1, c, "colonne absente de la première ligne (colonnes lues : %s)", strings.Join(cols, ", "))
			missing = true
		}
	}
	if missing {
		return true
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			if !rd.csvError(err, len(header)) {
				return true
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		ok := true
		for i, v := range rec {
			if !utf8.ValidString(v) {
				rd.errorf(line, header[i], "pas du texte UTF-8 ; enregistrez le fichier en UTF-8")
				ok = false
			}
		}
		if ok {
			row(line, func(col string) string { return strings.TrimSpace(rec[at[col]]) })
		}
	}
}

// csvError reports a record the CSV reader refused; more is whether the
// reader can go on with the next record.
func (rd *reader) csvError(err error, columns int) (more bool) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		rd.errorf(1, "file", "illisible : %v", err)
		return false
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		rd.errorf(pe.StartLine, "csv", "illisible : la ligne n’a pas %d valeurs séparées par des virgules comme la première", columns)
		return true
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		rd.errorf(pe.StartLine, "csv", "illisible : guillemet mal placé ou non refermé (ligne %d, colonne %d) ; la suite du fichier n’est pas lue", pe.Line, pe.Column)
	default:
		rd.errorf(pe.StartLine, "csv", "illisible : %v ; la suite du fichier n’est pas lue", pe.Err)
	}
	return false
}

func (rd *reader) code(line int, field, v string) bool {
	if !validCode(v) {
		rd.errorf(line, field, "« %s » n’est pas un code ROME (une lettre de A à N puis quatre chiffres, par exemple M1805)", v)
		return false
	}
	return true
}

func (rd *reader) nonEmpty(line int, field, v string) bool {
	if v == "" {
		rd.errorf(line, field, "vide")
		return false
	}
	return true
}

func (rd *reader) number(line int, field, v string) (int, bool) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || strings.HasPrefix(v, "+") {
		rd.errorf(line, field, "« %s » n’est pas un nombre entier positif", v)
		return 0, false
	}
	return n, true
}

func (rd *reader) yesNo(line int, field, v, yes, no string) (bool, bool) {
	switch v {
	case yes:
		return true, true
	case no:
		return false, true
	}
	rd.errorf(line, field, "« %s » n’est ni %s ni %s", v, yes, no)
	return false, false
}
