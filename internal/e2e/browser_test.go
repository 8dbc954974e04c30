package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// consoleWatch collects what the page writes to the console, CSP
// violations included (the browser logs them with source "security").
type consoleWatch struct {
	mu   sync.Mutex
	msgs []string
}

func watchConsole(ctx context.Context) *consoleWatch {
	w := &consoleWatch{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.msgs = append(w.msgs, string(m.Type)+" ["+m.Source+"] "+m.Text)
			w.mu.Unlock()
		}
	}()
	return w
}

// problems are the console errors and warnings seen so far. A 404 or 400
// page logs its own status as a network error, which is expected there.
func (w *consoleWatch) problems(allowStatus bool) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, m := range w.msgs {
		if allowStatus && strings.Contains(m, "[network]") && strings.Contains(m, "status of 4") {
			continue
		}
		if strings.HasPrefix(m, "error") || strings.HasPrefix(m, "warning") || strings.Contains(m, "Content Security Policy") {
			out = append(out, m)
		}
	}
	return out
}

// TestJourney walks the site as a student would: home, a sector, a fiche,
// a table of contents link, then the list filtered by study level.
func TestJourney(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	console := watchConsole(ctx)

	within(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible("h1"))
	if title := eval[string](t, ctx, `document.title`); !strings.Contains(title, "Vocation") {
		t.Errorf("home title %q", title)
	}
	within(t, ctx, chromedp.Click(`main a[href="/secteurs/numerique"]`), chromedp.WaitVisible(`.crumbs`))
	if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); h1 != "Numérique, informatique" {
		t.Errorf("sector page h1 %q", h1)
	}
	within(t, ctx, chromedp.Click(`main a[href="/metiers/developpeur-test"]`), chromedp.WaitVisible(`#fiche-titre`))
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/metiers/developpeur-test" {
		t.Errorf("fiche at %q", loc)
	}
	inView := `(() => { const r = document.getElementById("formation").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`
	if eval[bool](t, ctx, inView) {
		t.Fatal("the Formation section is already in view: the test content is too short to prove scrolling")
	}
	within(t, ctx, chromedp.Click(`nav.toc a[href="#formation"]`))
	if !eval[bool](t, ctx, inView) || eval[string](t, ctx, `location.hash`) != "#formation" {
		t.Error("the table of contents link did not bring the section into view")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".chart .chart-wide rect.bar").length`); n != 3 {
		t.Errorf("salary chart has %d bars, want 3", n)
	}

	// Filter by level with the form, as without JavaScript: a GET submit.
	within(t, ctx, chromedp.Navigate(base+"/metiers"), chromedp.WaitVisible(`#f-niveau`),
		chromedp.SetValue(`#f-niveau`, "bac+3"), chromedp.Submit(`#f-niveau`), chromedp.WaitVisible(`.count`))
	if q := eval[string](t, ctx, `location.search`); q != "?secteur=&niveau=bac%2B3" {
		t.Errorf("filter address %q", q)
	}
	if got := eval[string](t, ctx, `document.querySelector(".count").textContent`); !strings.Contains(got, "1 fiche") {
		t.Errorf("filtered count %q", got)
	}
	if got := eval[string](t, ctx, `[...document.querySelectorAll(".cards h3")].map(e => e.textContent).join("|")`); got != "Infirmier·ère" {
		t.Errorf("filtered fiches %q", got)
	}
	// The same filter as a plain link.
	within(t, ctx, chromedp.Click(`.level-links a[href="/metiers?niveau=bac%2B5"]`), chromedp.WaitVisible(`.count`))
	if got := eval[string](t, ctx, `document.querySelector(".count").textContent`); !strings.Contains(got, "2 fiches") {
		t.Errorf("level link count %q", got)
	}
	if p := console.problems(false); len(p) > 0 {
		t.Errorf("console errors or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}

// TestKeyboard uses the Tab key alone: the skip link comes first and
// works, the search box and the main links are reachable, and focus is
// always visible.
func TestKeyboard(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	within(t, ctx, chromedp.Navigate(base+"/metiers/developpeur-test"), chromedp.WaitVisible("h1"))

	focused := `(() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();
		return { tag: e.tagName, id: e.id, href: e.getAttribute("href") || "", cls: e.className,
			outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2, visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight }; })()`
	type focus struct {
		Tag, ID, Href, Cls string
		Outline, Visible   bool
	}
	within(t, ctx, chromedp.KeyEvent("\t"))
	first := eval[focus](t, ctx, focused)
	if first.Cls != "skip" || !first.Outline || !first.Visible {
		t.Fatalf("first Tab focuses %+v, want the visible, outlined skip link", first)
	}
	within(t, ctx, chromedp.KeyEvent("\r"))
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "contenu" {
		t.Errorf("the skip link moved focus to %q, want the main content", id)
	}

	within(t, ctx, chromedp.Navigate(base+"/metiers/developpeur-test"), chromedp.WaitVisible("h1"))
	seen := map[string]bool{}
	for i := 0; i < 40; i++ {
		within(t, ctx, chromedp.KeyEvent("\t"))
		f := eval[focus](t, ctx, focused)
		if f.Tag == "BODY" { // past the last link, focus leaves the page
			continue
		}
		if !f.Outline {
			t.Errorf("focus on %+v has no visible outline", f)
		}
		seen[f.ID] = true
		seen[f.Href] = true
	}
	for _, want := range []string{"q", "/metiers", "/secteurs", "/secteurs/numerique", "#le-metier"} {
		if !seen[want] {
			t.Errorf("Tab never reached %q (reached %v)", want, seen)
		}
	}
}

// TestScreenshots renders the fiche at phone and desktop widths: the
// picture is not blank and nothing overflows sideways.
func TestScreenshots(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	for _, width := range []int64{375, 1280} {
		within(t, ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(base+"/metiers/developpeur-test"), chromedp.WaitVisible("h1"))
		if over := eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`); over {
			t.Errorf("%d px: the page scrolls sideways", width)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatalf("%d px: %v", width, err)
		}
		if got := img.Bounds().Dx(); got != int(width) {
			t.Errorf("screenshot is %d px wide, want %d", got, width)
		}
		if dark, colors := ink(img); dark < 0.01 || colors < 50 {
			t.Errorf("%d px: screenshot looks blank (%.3f of pixels dark, %d colours)", width, dark, colors)
		}
		if dir := os.Getenv("VOCATION_SCREENSHOTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("fiche-%d.png", width)), shot, 0o644)
		}
	}
}

// ink is the share of dark pixels (text) and the number of distinct colours.
func ink(img image.Image) (float64, int) {
	b := img.Bounds()
	colors := map[uint32]bool{}
	dark, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colors[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if (r+g+bl)/3 < 0x6000 {
				dark++
			}
			total++
		}
	}
	return float64(dark) / float64(total), len(colors)
}

// TestNoConsoleErrors opens every page type and fails on any console error
// or CSP violation: the policy allows no inline script or style, so an
// inline style anywhere shows up here.
func TestNoConsoleErrors(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	pages := pageTypes("architecte-test", "developpeur-test", "infirmier")
	pages["/offres/demo-exemples/expiree"] = 410
	for path, status := range pages {
		console := watchConsole(ctx)
		within(t, ctx, chromedp.Navigate(base+path), chromedp.WaitVisible("h1"))
		if p := console.problems(status != 200); len(p) > 0 {
			t.Errorf("%s:\n%s", path, strings.Join(p, "\n"))
		}
	}
}
