package offerindex

import (
	"reflect"
	"testing"

	"vocation/internal/text"
)

// A rebuild sized ahead from the previous index finds what a build grown
// by appending finds, whether it was sized short or long.
func TestGrowKeepsTheIndex(t *testing.T) {
	docs := small("développeur back end", "infirmière de nuit", "développeuse web", "boulanger", "développeur java")
	want := build(docs)
	for _, n := range []int{2, len(docs), 100} {
		b := NewBuilder(1, testTies)
		b.Grow(n)
		for i := range docs {
			b.Add(&docs[i])
		}
		got := b.Index()
		if got.Len() != want.Len() {
			t.Fatalf("Grow(%d): %d documents, want %d", n, got.Len(), want.Len())
		}
		for _, q := range []string{"développeur", "nuit", ""} {
			req := Request{Query: text.Parse(q), Limit: 20, Filters: Filters{ExperienceMax: -1}}
			if g, w := got.Search(req), want.Search(req); !reflect.DeepEqual(keys(g), keys(w)) || g.Total != w.Total {
				t.Errorf("Grow(%d), %q: %v (%d), want %v (%d)", n, q, keys(g), g.Total, keys(w), w.Total)
			}
		}
	}
}
