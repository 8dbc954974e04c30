// Package text is the one French text engine of the site: every search
// (offers, fiches) reads what people type and what editors write through
// it. It folds accents, ligatures and inclusive marks, undoes gender and
// number, drops stop words, expands the abbreviations students type, reads
// a typed query, and measures edit distance (Damerau-Levenshtein) for
// spelling suggestions.
package text

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
		// Letters and digits of ASCII, most of any French text, first.
		if c := s[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b = append(b, c)
			prevLetter = c > '9'
			i++
			continue
		} else if c >= 'A' && c <= 'Z' {
			b = append(b, c+'a'-'A')
			prevLetter = true
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if prevLetter && (r == '·' || r == '•' || r == '‧' || r == '.' || r == '-' || r == '(') {
			if n := inclusiveSuffix(s[i+size:], r == '('); n > 0 {
				i += size + n
				continue
			}
		}
		i += size
		switch {
		case r < utf8.RuneSelf: // ASCII letters and digits were taken above
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
	// Most marks end a sentence or join two words: a suffix starts with
	// one of these letters, and the check below costs a dozen comparisons.
	if s == "" || strings.IndexByte("eErRtTnNsSlL\xc3", s[0]) < 0 {
		return 0
	}
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
