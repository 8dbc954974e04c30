package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// designPage is one page type the design must hold at every width.
// Testdata pages are read from testdata/content (an expired offer), the
// others from the shipped content.
type designPage struct {
	name, path string
	testdata   bool
}

// designPages are one URL of every page type; add yours here.
func designPages() []designPage {
	return []designPage{
		{name: "home", path: "/"},
		{name: "fiches", path: "/metiers"},
		{name: "fiche", path: "/metiers/developpeur-back-end"},
		{name: "fiche-boulanger", path: "/metiers/boulanger"},
		{name: "sectors", path: "/secteurs"},
		{name: "sector", path: "/secteurs/numerique"},
		{name: "search", path: "/recherche?q=infirmeir"},
		{name: "interests", path: "/interets"},
		{name: "interest-type", path: "/interets/S"},
		{name: "quiz", path: "/quiz"},
		{name: "quiz-result", path: "/quiz/resultat?profil=SIA"},
		{name: "compare", path: "/comparer?m=developpeur-back-end&m=infirmier&m=boulanger"},
		{name: "offers", path: "/offres"},
		{name: "offer", path: "/offres/demo-exemples/exemple-0000001"},
		{name: "404", path: "/metiers/boulangr"},
		{name: "410", path: "/offres/demo-exemples/expiree", testdata: true},
	}
}

// overflowJS lists the elements that reach past the viewport's right or
// left edge, but those inside a box that scrolls or clips them.
const overflowJS = `(() => {
	const w = document.documentElement.clientWidth, out = [];
	const clipped = el => {
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible") return true;
		}
		return false;
	};
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		if ((r.right > w + 0.5 || r.left < -0.5) && !clipped(el)) {
			out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") +
				" [" + Math.round(r.left) + ", " + Math.round(r.right) + "]");
		}
	}
	if (document.documentElement.scrollWidth > w) out.unshift("the page scrolls sideways: " + document.documentElement.scrollWidth + " px");
	return out.slice(0, 8);
})()`

// smallTargetsJS lists the targets under 44 x 44 CSS px: links, buttons,
// fields and the labels of boxes. A link inside a sentence is exempt
// (WCAG 2.5.8's inline exception): its size is the text's.
const smallTargetsJS = `(() => {
	const out = [];
	for (const el of document.body.querySelectorAll("a[href], button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, summary, label:has(input[type=checkbox], input[type=radio])")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || el.closest(".visually-hidden, .skip")) continue;
		if (getComputedStyle(el).display === "inline" && el.parentElement.textContent.trim() !== el.textContent.trim()) continue;
		if (r.height < 43.5 || r.width < 43.5) out.push(el.tagName.toLowerCase() + " «" + el.textContent.trim().slice(0, 30) + "» " + Math.round(r.width) + "x" + Math.round(r.height));
	}
	return out.slice(0, 10);
})()`

// TestDesign opens every page type at 320, 390 x 844 and 1280 x 800:
// nothing is wider than the viewport at 320 px; at 390 px every target
// is at least 44 x 44 px; the home page has one search box. Full-page
// screenshots at 390 and 1280 px are kept in VOCATION_SCREENSHOTS when
// set, else in the test's temporary directory.
func TestDesign(t *testing.T) {
	shots := os.Getenv("VOCATION_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	bases := map[bool]string{false: startSite(t, "../../content"), true: startSite(t, "testdata/content")}
	ctx := newBrowser(t)
	for _, size := range []struct{ w, h int64 }{{320, 640}, {390, 844}, {1280, 800}} {
		for _, p := range designPages() {
			within(t, ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(bases[p.testdata]+p.path), chromedp.WaitVisible("h1"))
			at := fmt.Sprintf("%s (%s) at %d px", p.name, p.path, size.w)
			if size.w == 320 {
				if over := eval[[]string](t, ctx, overflowJS); len(over) > 0 {
					t.Errorf("%s: wider than the viewport:\n\t%s", at, strings.Join(over, "\n\t"))
				}
				continue
			}
			if size.w == 390 {
				if small := eval[[]string](t, ctx, smallTargetsJS); len(small) > 0 {
					t.Errorf("%s: targets under 44 px:\n\t%s", at, strings.Join(small, "\n\t"))
				}
			}
			if p.name == "home" {
				if n := eval[int](t, ctx, `[...document.querySelectorAll("input[type=search]")].filter(e => e.getClientRects().length).length`); n != 1 {
					t.Errorf("%s: %d search boxes, want 1", at, n)
				}
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%d.png", p.name, size.w)), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
