package text

import "strings"

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

// IsStop reports whether a folded word is a stop word: searches skip it.
func IsStop(w string) bool { return stop[w] }
