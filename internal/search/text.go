// Package search turns what a person typed into a safe full-text query,
// the way French speakers type: without accents, in the feminine or the
// plural, abbreviated, or half-typed.
package search

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases, strips accents and ligatures, and turns everything but
// letters and digits into spaces.
func Fold(s string) string {
	s = inclusive.ReplaceAllString(s, "$1")
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'œ':
			b.WriteString("oe")
		case r == 'æ':
			b.WriteString("ae")
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// inclusive matches the written marks of inclusive forms, "développeur·euse",
// "infirmier.ère", "consultant(e)", so that only the first form is kept.
var inclusive = regexp.MustCompile(`(?i)(\pL)(?:[·•.‧-](?:e|es|euse|euses|rice|rices|trice|trices|ère|ères|ere|eres|ne|nes|enne|ennes|se|ses|le|les|te|tes)\b|\((?:e|es|ne|euse|rice|ère|le|te)\))`)

// stop words carry no meaning for a job search.
var stop = map[string]bool{
	"le": true, "la": true, "les": true, "l": true, "un": true, "une": true, "des": true, "du": true, "de": true, "d": true,
	"et": true, "ou": true, "en": true, "au": true, "aux": true, "a": true, "pour": true, "par": true, "sur": true, "avec": true,
	"dans": true, "h": true, "f": true, "hf": true, "fh": true, "x": true, "the": true, "of": true, "and": true,
}

// Tokens are the stems of the meaningful words of s.
func Tokens(s string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(s)) {
		if !stop[w] {
			out = append(out, Stem(w))
		}
	}
	return out
}

// Stem maps the feminine and plural forms of a folded word to one stem,
// the same for the index and the query, so that "développeuses" finds
// "Développeur" and "infirmiere" finds "Infirmier". It is deliberately
// light: it only undoes gender and number.
func Stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "aux") && len(w) > 4:
		w = w[:len(w)-3] + "al"
	case (strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")) || strings.HasSuffix(w, "x"):
		w = w[:len(w)-1]
	}
	if strings.HasSuffix(w, "ee") {
		w = w[:len(w)-1] // "chargée" then loses its e as "chargé" does
	}
	for _, r := range [][2]string{{"euse", "eur"}, {"trice", "teur"}, {"iere", "ier"}, {"ere", "er"}, {"enne", "en"},
		{"elle", "el"}, {"ette", "et"}, {"ive", "if"}} {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+1 {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	return w
}
