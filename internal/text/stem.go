package text

import (
	"strings"
	"sync"
)

// isStop says whether a folded word carries no meaning for a job search.
// A switch, not a map: it runs on every word of every offer at import,
// and the compiler turns it into a few comparisons without hashing.
func isStop(w string) bool {
	switch w {
	case "le", "la", "les", "l", "un", "une", "des", "du", "de", "d",
		"et", "ou", "en", "au", "aux", "a", "pour", "par", "sur", "avec",
		"dans", "h", "f", "hf", "fh", "x", "the", "of", "and":
		return true
	}
	return false
}

// Tokens are the stems of the meaningful words of s.
func Tokens(s string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(s)) {
		if !isStop(w) {
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
	seen := seenPool.Get().(map[string]struct{})
	defer func() {
		clear(seen)
		seenPool.Put(seen)
	}()
	var b strings.Builder
	b.Grow(len(f) / 2)
	for w := range strings.FieldsSeq(f) {
		if isStop(w) {
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

// seenPool keeps the sets Stems dedupes with: made for every offer, they
// were a tenth of an import's CPU.
var seenPool = sync.Pool{New: func() any { return make(map[string]struct{}, 256) }}

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
	if !strings.HasSuffix(w, "e") {
		return w // every ending below ends in e
	}
	for _, r := range feminine {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+1 {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	if len(w) > 3 {
		w = w[:len(w)-1]
	}
	return w
}

// feminine are the feminine endings and their masculine.
var feminine = [...][2]string{{"euse", "eur"}, {"trice", "teur"}, {"iere", "ier"}, {"ere", "er"}, {"enne", "en"},
	{"elle", "el"}, {"ette", "et"}, {"ive", "if"}}

// IsStop reports whether a folded word is a stop word: searches skip it.
func IsStop(w string) bool { return isStop(w) }
