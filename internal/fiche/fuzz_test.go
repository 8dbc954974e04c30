package fiche

import (
	"regexp"
	"strings"
	"testing"

	"vocation/internal/problem"
)

// FuzzParse feeds the front matter parser anything: it must never panic,
// a fiche comes back only without errors, and every problem points at a
// line of the file.
func FuzzParse(f *testing.F) {
	f.Add(valid)
	f.Add("---\n---\n")
	f.Add("---\ntitle: [\n---\n")
	f.Add("---\nsalaries:\n  - min: 99999999999999999999\n---\n")
	f.Add("---\naccess: *x\n---\n")
	f.Add("---\r\ntitle: x\r\n---\r\n")
	f.Add("\xff\xfe---\n")
	// Line breaks the YAML parser counts and a "\n" count does not.
	f.Add("---\n\r\r\ré\n---")
	f.Add("---\n\u2028\u2028\u2028\u2029\u0085é\n---")
	f.Add(strings.Replace(valid, "min: 2000", "min: -1", 1))
	f.Fuzz(func(t *testing.T, src string) {
		var probs problem.List
		fiche := Parse("content/metiers/f.md", "f", []byte(src), &probs)
		if fiche != nil && probs.HasErrors() {
			t.Fatalf("fiche returned with errors: %v", probs)
		}
		if fiche == nil && !probs.HasErrors() {
			t.Fatal("no fiche and no error")
		}
		// Lines as an editor counts them: LF, CRLF and a lone CR end one.
		lines := strings.Count(strings.ReplaceAll(src, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(src, "\r\n", ""), "\r") + 2
		for _, p := range probs {
			if p.Line < 1 || p.Line > lines || p.Path != "content/metiers/f.md" {
				t.Fatalf("problem outside the file (%d lines): %v", lines, p)
			}
		}
	})
}

var unsafeHref = regexp.MustCompile(`(?i)(href|src)="\s*(javascript|vbscript|data|file):`)

// FuzzMarkdown: whatever an editor writes, the HTML has no raw HTML and
// no link with a dangerous scheme.
func FuzzMarkdown(f *testing.F) {
	md := NewMarkdown()
	f.Add("[x](javascript:alert(1))")
	f.Add("<script>alert(1)</script>")
	f.Add("![i](data:text/html;base64,xx)")
	f.Add("<javascript:x>")
	f.Add("## Titre\n\n| a |\n|---|\n| <b>x</b> |")
	f.Add("[x](&#106;avascript:alert(1))")
	f.Add("[x](JaVaScRiPt:alert(1)) <VBScript:x>")
	f.Fuzz(func(t *testing.T, src string) {
		r, err := md.Render([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if unsafeHref.MatchString(r.HTML) || strings.Contains(strings.ToLower(r.HTML), "<script") {
			t.Fatalf("unsafe output for %q:\n%s", src, r.HTML)
		}
	})
}
