package server

import (
	"fmt"
	"slices"
	"testing"
)

// BenchmarkSortByTitle sorts 500 titles, more than the site will have for
// a long while: the cost of French order per content generation.
func BenchmarkSortByTitle(b *testing.B) {
	base := []string{"Développeur·euse back-end", "Directeur·rice technique", "Éducateur spécialisé", "Ébéniste", "Electricien",
		"Zoologiste", "œnologue", "Infirmier·ère", "Administrateur·rice systèmes et réseaux", "Chargé·e de communication"}
	titles := make([]string, 500)
	for i := range titles {
		titles[i] = fmt.Sprintf("%s %d", base[i*7%len(base)], i*7919%1000)
	}
	for b.Loop() {
		sortByTitle(slices.Clone(titles), func(s *string) string { return *s })
	}
}
