package text

import "slices"

// Distance is the number of edits that turn a into b: insertions,
// deletions, substitutions and swaps of two neighbours (Damerau-Levenshtein
// in its optimal string alignment form, where "dévelopeur" is one edit from
// "développeur" and "infirmeir" one from "infirmier").
func Distance(a, b string) int { return Edits(a, b, len(a)+len(b)) }

// Edits is Distance, or most+1 as soon as it is sure to exceed most: a
// search compares a typed word with thousands of terms and keeps only the
// close ones.
func Edits(a, b string, most int) int {
	d, _ := edits(a, b, most)
	return d
}

// edits is Edits(a, b) and the fewest edits from a to any beginning of b,
// from one table: its last row holds the distance to every prefix.
func edits(a, b string, most int) (whole, prefix int) {
	// Words are short: three rows on the stack spare the fiche search an
	// allocation per term it compares, thousands per query.
	var rows [3][48]int
	var prev2, prev, cur []int
	if len(b) < len(rows[0]) {
		prev2, prev, cur = rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > most {
			return most + 1, most + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)], min(slices.Min(prev), most+1)
}
