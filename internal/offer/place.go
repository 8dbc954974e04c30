package offer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// communesGz holds the official name of every commune by INSEE code
// ("69383\tLyon 3e Arrondissement"), from Etalab's decoupage-administratif:
// `make communes` writes it (scripts/communes).
//
//go:embed communes.tsv.gz
var communesGz []byte

// communes reads communesGz once, when a France Travail offer first
// needs it: about 37,000 names.
var communes = sync.OnceValue(func() map[string]string {
	zr, err := gzip.NewReader(bytes.NewReader(communesGz))
	if err != nil {
		panic("offer: communes.tsv.gz: " + err.Error()) // embedded: a broken build
	}
	m := make(map[string]string, 37000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if code, name, ok := strings.Cut(sc.Text(), "\t"); ok {
			m[code] = name
		}
	}
	if err := sc.Err(); err != nil {
		panic("offer: communes.tsv.gz: " + err.Error())
	}
	return m
})

// ftCity is the place of a France Travail offer: the commune's official
// name when its INSEE code is known, else the label ("69 - LYON 03")
// without its département and in the case French writes place names.
// Arrondissements read "Lyon 3e", "Paris 1er".
func ftCity(libelle, commune string) string {
	if name, ok := communes()[strings.TrimSpace(commune)]; ok {
		return arrondissement(name)
	}
	libelle = strings.TrimSpace(libelle)
	if dep, city, ok := strings.Cut(libelle, " - "); ok && len(dep) <= 3 {
		libelle = strings.TrimSpace(city)
	}
	if strings.ToUpper(libelle) == libelle {
		libelle = placeCase(libelle)
	}
	return arrondissement(libelle)
}

var (
	arrondissementRe = regexp.MustCompile(`^(\S.*?) (\d{1,2})(?:er|e)? Arrondissement$`)
	// France Travail writes an arrondissement as its city and number:
	// "LYON 03", "MARSEILLE 13", "PARIS 01".
	numberedRe = regexp.MustCompile(`^(Paris|Lyon|Marseille) 0?(\d{1,2})$`)
)

// arrondissement shortens "Lyon 3e Arrondissement" and "Lyon 03" to
// "Lyon 3e", and "Paris 1" to "Paris 1er".
func arrondissement(name string) string {
	m := arrondissementRe.FindStringSubmatch(name)
	if m == nil {
		m = numberedRe.FindStringSubmatch(name)
	}
	if m == nil {
		return name
	}
	n, _ := strconv.Atoi(m[2])
	if n == 1 {
		return m[1] + " 1er"
	}
	return m[1] + " " + strconv.Itoa(n) + "e"
}

// smallWords stay in lower case inside a place name: "Bourg en Bresse".
var smallWords = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "en": true,
	"sur": true, "sous": true, "et": true, "au": true, "aux": true, "lès": true, "lez": true, "d": true, "l": true}

// abbreviations France Travail uses in capitals.
var abbreviations = map[string]string{"st": "Saint", "ste": "Sainte", "sts": "Saints", "stes": "Saintes"}

// placeCase writes a name given in capitals as a place name: "MARCQ EN
// BAROEUL" reads "Marcq en Baroeul", "VILLENEUVE D'ASCQ" "Villeneuve
// d'Ascq". Without the dataset, hyphens and ligatures cannot be guessed.
func placeCase(s string) string {
	var b strings.Builder
	first := true
	word := func(w string) {
		lower := strings.ToLower(w)
		switch {
		case abbreviations[lower] != "":
			b.WriteString(abbreviations[lower])
		case !first && smallWords[lower]:
			b.WriteString(lower)
		default:
			r, size := utf8.DecodeRuneInString(lower)
			b.WriteRune(unicode.ToUpper(r))
			b.WriteString(lower[size:])
		}
		first = false
	}
	start := 0
	for i, r := range s {
		if r == ' ' || r == '-' || r == '\'' || r == '’' {
			if start < i {
				word(s[start:i])
			}
			b.WriteRune(r)
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		word(s[start:])
	}
	return b.String()
}
