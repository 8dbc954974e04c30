package fiche

import (
	"strings"
	"testing"
)

func TestMarkdownDropsRawHTMLAndUnsafeLinks(t *testing.T) {
	md := NewMarkdown()
	src := "## Études\n\n<script>alert(1)</script>\n\nTexte <img src=x onerror=alert(1)> fin.\n\n" +
		"[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html,x) [e](vbscript:x)\n\n" +
		"<javascript:alert(2)>\n\n![img](javascript:alert(3))\n\n[ok](https://onisep.fr) [mail](mailto:a@b.fr) [rel](/metiers/x) [anchor](#missions)\n"
	r, err := md.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "onerror", "<img", "href=\"java", "href=\"JAVA", "href=\"data:", "href=\"vbscript", "src=\"java"} {
		if strings.Contains(strings.ToLower(r.HTML), strings.ToLower(bad)) {
			t.Errorf("output contains %q:\n%s", bad, r.HTML)
		}
	}
	for _, good := range []string{`<a href="https://onisep.fr">ok</a>`, `<a href="mailto:a@b.fr">mail</a>`, `<a href="/metiers/x">rel</a>`,
		`<a href="#missions">anchor</a>`, ">a b", "d e"} {
		if !strings.Contains(r.HTML, good) {
			t.Errorf("output lacks %q:\n%s", good, r.HTML)
		}
	}
	if len(r.Dropped) < 7 {
		t.Errorf("dropped = %v, want raw HTML and each unsafe link reported", r.Dropped)
	}
	if r.Dropped[0].Line != 3 {
		t.Errorf("raw HTML block reported at line %d, want 3", r.Dropped[0].Line)
	}
}

func TestMarkdownAnchors(t *testing.T) {
	r, err := NewMarkdown().Render([]byte("## Salaire et évolution\n\n## Études & formations\n\n## Salaire et évolution\n\n### Détail\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Section{{"salaire-et-evolution", "Salaire et évolution"}, {"etudes-et-formations", "Études & formations"}, {"salaire-et-evolution-1", "Salaire et évolution"}}
	if len(r.Sections) != len(want) {
		t.Fatalf("sections = %+v", r.Sections)
	}
	for i, w := range want {
		if r.Sections[i] != w {
			t.Errorf("section %d = %+v, want %+v", i, r.Sections[i], w)
		}
	}
	if !strings.Contains(r.HTML, `<h2 id="salaire-et-evolution">`) || !strings.Contains(r.HTML, `<h3 id="detail">`) || !strings.Contains(r.HTML, "<table>") {
		t.Errorf("html = %s", r.HTML)
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://a.fr": true, "http://a.fr": true, "mailto:x@y.fr": true, "/metiers/x": true, "#a": true, "x.html": true,
		"javascript:x": false, " javascript:x": false, "jav&#x09;ascript:x": true, "java\nscript:x": false, "file:///etc/passwd": false, "ftp://a": false,
	} {
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}
