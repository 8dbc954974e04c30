package offerindex

import (
	"strings"
	"testing"

	"vocation/internal/text"
)

// FuzzQuery: whatever is typed, the MATCH expression only holds quoted
// letters and digits, and searching the index, alone or for its total, or
// looking for a spelling, never panics.
func FuzzQuery(f *testing.F) {
	ix := build(small("Développeuse back-end", "Infirmier de nuit", "Boulangère"))
	for _, s := range []string{"développeur", `" OR 1=1 --`, "NEAR(a b)*", "title:x -y", "\xff\xfe", "a·e", "(e)", "dév ", strings.Repeat("x", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		q := text.Parse(typed)
		for _, g := range q.Words {
			for _, w := range g {
				if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789") != "" || w == "" {
					t.Fatalf("%q gave the term %q", typed, w)
				}
			}
		}
		ix.Search(Request{Query: q, Limit: 20, Filters: Filters{ExperienceMax: -1}})
		ix.Search(Request{Query: q, TotalOnly: true, Filters: Filters{ExperienceMax: -1, Contracts: []string{"cdi"}}})
		for _, w := range strings.Fields(text.Fold(typed)) {
			if !ix.Knows(w) {
				for _, s := range ix.Spellings(text.Stem(w), 3) {
					if !ix.Knows(s) {
						t.Fatalf("%q: the spelling %q is not in the index", w, s)
					}
				}
			}
		}
	})
}
