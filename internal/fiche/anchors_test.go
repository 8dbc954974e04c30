package fiche

import (
	"strings"
	"testing"
)

func TestSectionHeadingsLinkToThemselves(t *testing.T) {
	r, err := NewMarkdown().Render([]byte("## Études et *formation*\n\nTexte.\n\n### Le BTS\n\n## Études et formation\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2 id="etudes-et-formation">Études et <em>formation</em> <a class="section-link" href="#etudes-et-formation" aria-label="Lien vers cette section">#</a></h2>`,
		`<h2 id="etudes-et-formation-1">Études et formation <a class="section-link" href="#etudes-et-formation-1" `,
		// a subsection is not a section of the table of contents
		`<h3 id="le-bts">Le BTS</h3>`,
	} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("lacks %s in\n%s", want, r.HTML)
		}
	}
	// the table of contents reads the heading, not its link
	if len(r.Sections) != 2 || r.Sections[0].Title != "Études et formation" {
		t.Errorf("sections %+v", r.Sections)
	}
}
