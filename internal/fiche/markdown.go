package fiche

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/gosimple/slug"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Section is one ## heading: the table of contents entry and its anchor.
type Section struct {
	ID    string
	Title string
}

// Rendered is a Markdown body turned into HTML, once, at import.
type Rendered struct {
	HTML     string
	Sections []Section
	// Dropped lists what was not rendered (raw HTML, unsafe links), with
	// the body line, so editors are told rather than surprised.
	Dropped []Dropped
}

// Dropped is one piece of the body left out of the HTML.
type Dropped struct {
	Line int
	What string
}

// Markdown renders bodies. Build one with NewMarkdown and reuse it.
type Markdown struct {
	md goldmark.Markdown
}

// NewMarkdown builds the one goldmark instance: CommonMark and tables, raw
// HTML off (goldmark's default), heading anchors from gosimple/slug, and a
// link on each ## heading to itself.
func NewMarkdown() *Markdown {
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.Table, sectionLinks{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)}
}

// Render converts src. It never fails on content: anything goldmark
// accepts renders; only writing can fail.
func (m *Markdown) Render(src []byte) (Rendered, error) {
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{seen: map[string]bool{}}))
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var out Rendered
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok && n.Level == 2 {
				out.Sections = append(out.Sections, Section{ID: string(id.([]byte)), Title: plainText(n, src)})
			}
		case *ast.Link:
			if !SafeURL(string(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if !SafeURL(string(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if !SafeURL(string(n.URL(src))) {
				unsafe = append(unsafe, n)
			}
		case *ast.HTMLBlock:
			out.Dropped = append(out.Dropped, Dropped{Line: lineOf(n, src), What: "bloc HTML brut (non affiché ; écrivez en Markdown)"})
		case *ast.RawHTML:
			out.Dropped = append(out.Dropped, Dropped{Line: lineOf(n, src), What: "HTML brut dans une ligne (non affiché ; écrivez en Markdown)"})
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		out.Dropped = append(out.Dropped, Dropped{Line: lineOf(n, src), What: "lien ou image dont le protocole n'est ni http, ni https, ni mailto (supprimé, son texte est gardé)"})
		unwrap(n, src)
	}
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, src, doc); err != nil {
		return Rendered{}, fmt.Errorf("render markdown: %w", err)
	}
	out.HTML = buf.String()
	return out, nil
}

// SafeURL allows relative addresses and http, https and mailto. Anything
// with control characters or spaces is refused: browsers strip them, which
// is how "java\tscript:" gets through naive checks.
func SafeURL(raw string) bool {
	for _, r := range raw {
		if r < 0x21 || r == 0x7f {
			return false
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}

// unwrap replaces a link or image by its text.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// lineOf finds the 1-based line of n in src through the nearest node that
// records its source position.
func lineOf(n ast.Node, src []byte) int {
	for p := n; p != nil; p = p.Parent() {
		start := -1
		switch p := p.(type) {
		case *ast.RawHTML:
			if p.Segments.Len() > 0 {
				start = p.Segments.At(0).Start
			}
		case *ast.Text:
			start = p.Segment.Start
		default:
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				start = p.Lines().At(0).Start
			}
		}
		if start >= 0 {
			return 1 + bytes.Count(src[:start], []byte("\n"))
		}
		if c := p.FirstChild(); c != nil {
			if t, ok := c.(*ast.Text); ok {
				return 1 + bytes.Count(src[:t.Segment.Start], []byte("\n"))
			}
		}
	}
	return 1
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// headingIDs makes anchors that keep accented letters readable
// ("Études" -> "etudes"), unique within one document.
type headingIDs struct {
	seen map[string]bool
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Anchor(string(value))
	id := base
	for i := 1; h.seen[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.seen[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }

// Anchor is the stable anchor of a heading text.
func Anchor(s string) string {
	a := slug.MakeLang(s, "fr")
	if a == "" {
		return "section"
	}
	return a
}
