// Package search turns what a person typed into a safe full-text query,
// the way French speakers type: without accents, in the feminine or the
// plural, abbreviated, or half-typed.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold lowercases, strips accents and ligatures, drops the written marks
// of inclusive forms ("développeur·euse", "infirmier.ère", "consultant(e)"
// keep their first form) and turns everything but letters and digits into
// spaces. It runs on every word of every offer at import, hence one pass
// and a table rather than Unicode normalisation and a regexp.
func Fold(s string) string {
	b := make([]byte, 0, len(s))
	prevLetter := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if prevLetter && (r == '·' || r == '•' || r == '‧' || r == '.' || r == '-' || r == '(') {
			if n := inclusiveSuffix(s[i+size:], r == '('); n > 0 {
				i += size + n
				continue
			}
		}
		i += size
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
				b = append(b, c)
				prevLetter = c > '9'
				continue
			}
		case r < rune(len(foldTable)):
			if f := foldTable[r]; f != "" {
				b = append(b, f...)
				prevLetter = true
				continue
			}
		default:
			if f, ok := folded[unicode.ToLower(r)]; ok {
				b = append(b, f...)
				prevLetter = true
				continue
			}
		}
		b = append(b, ' ')
		prevLetter = false
	}
	return string(b)
}

// folded maps the lowercase letters French uses to their base letters.
var folded = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a", 'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i", 'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o", 'ù': "u", 'û': "u",
	'ü': "u", 'ú': "u", 'ÿ': "y", 'ñ': "n", 'œ': "oe", 'æ': "ae",
}

// foldTable is folded for the runes below U+0180, capitals included, as
// an array: Fold looks up every accented letter of every offer.
var foldTable = func() (t [0x180]string) {
	for r, f := range folded {
		for _, c := range []rune{r, unicode.ToUpper(r)} {
			if c < rune(len(t)) {
				t[c] = f
			}
		}
	}
	return t
}()

// inclusiveSuffixes are what follows the mark of an inclusive form.
var inclusiveSuffixes = []string{"euses", "euse", "trices", "trice", "rices", "rice", "ères", "ère", "eres", "ere", "ennes", "enne",
	"nes", "ne", "ses", "se", "les", "le", "tes", "te", "es", "e"}

// inclusiveSuffix returns the length of an inclusive suffix at the start
// of s (closed by ")" when paren), or 0.
func inclusiveSuffix(s string, paren bool) int {
	for _, suf := range inclusiveSuffixes {
		if len(s) < len(suf) || !strings.EqualFold(s[:len(suf)], suf) {
			continue
		}
		rest := s[len(suf):]
		if paren {
			if strings.HasPrefix(rest, ")") {
				return len(suf) + 1
			}
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return len(suf)
		}
	}
	return 0
}

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

// Stems are the stems of the meaningful words of s, each once, separated
// by spaces: what the index keeps of a text. It runs on every offer at
// import, so it walks one folded copy of s without splitting it.
func Stems(s string) string {
	f := Fold(s)
	seen := make(map[string]struct{}, len(f)/8)
	var b strings.Builder
	b.Grow(len(f) / 2)
	for w := range strings.FieldsSeq(f) {
		if stop[w] {
			continue
		}
		st := Stem(w)
		if _, ok := seen[st]; ok {
			continue
		}
		seen[st] = struct{}{}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(st)
	}
	return b.String()
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
