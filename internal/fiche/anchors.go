package fiche

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// sectionLinks gives every ## heading a visible link to itself, so that a
// counselor can send /metiers/x#formation without reading the page's
// source. It replaces goldmark's heading renderer, whose output it keeps.
type sectionLinks struct{}

func (sectionLinks) Extend(m goldmark.Markdown) {
	// Lower runs later and wins over the HTML renderer's 1000.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(sectionLinks{}, 100)))
}

func (sectionLinks) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && n.Level == 2 {
		// The # is what the eye looks for; a screen reader reads the label.
		// Words in an attribute stay out of the fiche search's text.
		_, _ = w.WriteString(` <a class="section-link" href="#`)
		_, _ = w.Write(util.EscapeHTML(id.([]byte)))
		_, _ = w.WriteString(`" aria-label="Lien vers cette section">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
