package fichesearch

import (
	"testing"
	"unicode/utf8"

	"vocation/internal/text"
)

// FuzzSearch types anything into the fiche search: it never panics, every
// match is a document, each once, and a rewritten query stays valid text.
func FuzzSearch(f *testing.F) {
	ix := Build([]Doc{
		doc("boulanger", "Boulanger·ère", "mitron", "le pain", "Boulanger / Boulangère", "<p>Il pétrit.</p>"),
		doc("infirmier", "Infirmier·ère", "IDE", "soigner", "Infirmier / Infirmière", "la nuit"),
		doc("dev", "Développeur·euse back-end", "dev back", "coder", "", "le serveur"),
	})
	for _, s := range []string{"boulnger", "développeur·euse", "IDE", "travailler avec des enfants", "\xff\xfe", "a", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
		"l'infirmière de nuit ", "œ æ ß ǅ", "1 2 3 4 5 6 7 8 9 10 11 12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		q := text.Parse(typed)
		for extra := range 2 {
			res := ix.Search(q, extra)
			seen := map[int]bool{}
			for _, m := range res.Matches {
				if m.Doc < 0 || m.Doc >= ix.Len() || seen[m.Doc] || ix.Key(m.Doc) != m.Key {
					t.Fatalf("%q: bad match %+v", typed, m)
				}
				seen[m.Doc] = true
			}
			if res.Used > res.Words || (len(res.Matches) > 0) != (res.Used > 0) {
				t.Fatalf("%q: used %d of %d words for %d matches", typed, res.Used, res.Words, len(res.Matches))
			}
			fix := map[int]string{}
			for _, c := range res.Corrections {
				if c.Word < 0 || c.Word >= res.Words {
					t.Fatalf("%q: correction of word %d of %d", typed, c.Word, res.Words)
				}
				if len(c.Terms) > 0 {
					fix[c.Word] = c.Terms[0]
				}
			}
			if r := Rewrite(typed, fix); !utf8.ValidString(r) {
				t.Fatalf("%q rewritten as invalid UTF-8 %q", typed, r)
			}
		}
	})
}
