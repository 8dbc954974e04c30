package text

// AllowedTypos is how many typos a folded word as typed may carry and
// still match, the rule of the best search engines (Meilisearch): none up
// to 4 letters, where one typo makes another word ("mage", "page"), one
// from 5 letters, two from 9.
func AllowedTypos(typed string) int {
	switch n := len(typed); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// Typos is the number of typos between a folded word as typed and a term,
// or most+1 when there are more: Damerau-Levenshtein, so that a swap of two
// letters counts one, except that a typo on the first letter counts
// double, people rarely miss the first letter of a word they know.
func Typos(typed, term string, most int) int {
	if typed == "" || term == "" {
		return Edits(typed, term, most)
	}
	if typed[0] == term[0] {
		return Edits(typed[1:], term[1:], most)
	}
	if most < 2 {
		return most + 1
	}
	return min(Edits(typed, term, most-1)+1, most+1)
}

// PrefixTypos is Typos(typed, term) and the fewest typos between typed
// and any beginning of term, the word still being typed, from one
// comparison; each is most+1 when above most.
func PrefixTypos(typed, term string, most int) (whole, prefix int) {
	if typed == "" || term == "" {
		return edits(typed, term, most)
	}
	if typed[0] == term[0] {
		return edits(typed[1:], term[1:], most)
	}
	if most < 2 {
		return most + 1, most + 1
	}
	w, p := edits(typed, term, most-1)
	return min(w+1, most+1), min(p+1, most+1)
}
