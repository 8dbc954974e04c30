package fichesearch

import (
	"html"
	"strings"
	"unicode/utf8"

	"vocation/internal/text"
)

// PlainText is the text of HTML rendered from a fiche's Markdown: tags
// dropped, entities decoded. The HTML is the site's own (raw HTML is off
// in Markdown), so tags never hold a ">" of their own.
func PlainText(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		b.WriteByte(' ')
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		h = h[i+j+1:]
	}
	return html.UnescapeString(b.String())
}

// Rewrite is typed with some of its words replaced: fix maps the place of
// a word in text.Parse(typed) to its replacement. Words Parse skips (stop
// words) keep their place in typed, and the other words stay as typed,
// accents and capitals included, for a message that reads like the query.
func Rewrite(typed string, fix map[int]string) string {
	typed = strings.ToValidUTF8(typed, " ")
	if utf8.RuneCountInString(typed) > text.MaxQuery {
		typed = string([]rune(typed)[:text.MaxQuery])
	}
	all := len(strings.Fields(text.Fold(typed)))
	var out []string
	n := 0
	for _, token := range strings.Fields(typed) {
		parts := strings.Fields(text.Fold(token))
		changed := false
		for j, p := range parts {
			if text.IsStop(p) && all > 1 {
				continue
			}
			if r, ok := fix[n]; ok {
				parts[j], changed = r, true
			}
			n++
		}
		switch {
		case !changed:
			out = append(out, token)
		case strings.TrimSpace(strings.Join(parts, "")) != "":
			out = append(out, strings.Join(strings.Fields(strings.Join(parts, " ")), " "))
		}
	}
	return strings.Join(out, " ")
}
