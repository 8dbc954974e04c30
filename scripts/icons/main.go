// Command icons builds static/img/icons.svg, the one sprite of the icons
// the pages use (web.IconNames), from lucide-static's SVG files, and of
// the site's own mark (favicon.svg beside the sprite, symbol "vocation"):
//
//	go run ./scripts/icons static/node_modules/lucide-static/icons static/img/icons.svg
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"vocation/web"
)

var (
	comment = regexp.MustCompile(`(?s)<!--.*?-->`)
	inner   = regexp.MustCompile(`(?s)<svg[^>]*>(.*)</svg>`)
	space   = regexp.MustCompile(`\s+`)
	between = regexp.MustCompile(`>\s+<`)
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: icons LUCIDE_ICONS_DIR OUT.svg")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	var b bytes.Buffer
	// Presentation attributes sit on each symbol's group: a <use> from
	// another document inherits nothing from this one's root.
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg"><!-- Lucide icons (lucide-static), ISC licence, https://lucide.dev/license -->`)
	for _, name := range web.IconNames() {
		src, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			return err
		}
		m := inner.FindSubmatch(comment.ReplaceAll(src, nil))
		if m == nil {
			return fmt.Errorf("%s.svg: no <svg> element", name)
		}
		body := between.ReplaceAllString(space.ReplaceAllString(strings.TrimSpace(string(m[1])), " "), "><")
		body = strings.ReplaceAll(body, " />", "/>")
		fmt.Fprintf(&b, `<symbol id="%s" viewBox="0 0 24 24"><g fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">%s</g></symbol>`, name, body)
	}
	mark, err := os.ReadFile(filepath.Join(filepath.Dir(out), "favicon.svg"))
	if err != nil {
		return err
	}
	m := inner.FindSubmatch(mark)
	if m == nil {
		return fmt.Errorf("favicon.svg: no <svg> element")
	}
	fmt.Fprintf(&b, `<symbol id="vocation" viewBox="0 0 32 32">%s</symbol>`, bytes.TrimSpace(m[1]))
	b.WriteString("</svg>\n")
	return os.WriteFile(out, b.Bytes(), 0o644)
}
