package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A phone the size of most sold today, and a laptop.
const (
	phoneW, phoneH = 390, 844
	wideW, wideH   = 1280, 800
)

// ficheShot keeps a full-page screenshot (JPEG) as a test artefact
// (go test -artifacts -outputdir DIR keeps them).
func ficheShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), name+".jpg"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// essentielJS reports where the key facts start and how tall the page is.
const essentielJS = `(() => {
	const e = document.getElementById("essentiel");
	const first = document.querySelector(".facts dl > div");
	return { top: e.getBoundingClientRect().top + scrollY, firstBottom: first.getBoundingClientRect().bottom + scrollY,
		height: document.documentElement.scrollHeight, screen: innerHeight, width: document.documentElement.scrollWidth };
})()`

type essentiel struct {
	Top, FirstBottom, Height, Screen float64
	Width                            float64 // what a phone zooms out to show
}

// TestFicheEssentielOnFirstScreen opens every shipped fiche on a phone:
// the key facts' heading and their first line (how to get in) are on the
// first screen, under the title and the summary.
func TestFicheEssentielOnFirstScreen(t *testing.T) {
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	within(t, ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile, chromedp.EmulateTouch))
	for _, slug := range shippedFiches(t) {
		within(t, ctx, chromedp.Navigate(base+"/metiers/"+slug), chromedp.WaitVisible("#essentiel"))
		m := eval[essentiel](t, ctx, essentielJS)
		t.Logf("%s: #essentiel at %.0f px, its first fact ends at %.0f px, page %.0f px", slug, m.Top, m.FirstBottom, m.Height)
		if m.FirstBottom > m.Screen {
			t.Errorf("%s: the first key fact ends at %.0f px, below the first screen (%.0f px)", slug, m.FirstBottom, m.Screen)
		}
		if m.Width > phoneW {
			t.Errorf("%s: the page is %.0f px wide at %d px", slug, m.Width, phoneW)
		}
	}
}

// TestFicheChartTextOnPhone measures the salary chart's text as drawn on
// a phone: its font size times the SVG's scale is 12 px or more, and no
// word runs past the chart's edges.
func TestFicheChartTextOnPhone(t *testing.T) {
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	within(t, ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile, chromedp.EmulateTouch))
	within(t, ctx, chromedp.Navigate(base+"/metiers/developpeur-back-end"), chromedp.WaitVisible("h1"))
	type text struct {
		Text         string
		Size         float64
		Left, Right  float64
		SvgL, SvgR   float64
		Shown, Total int
	}
	got := eval[[]text](t, ctx, `(() => {
		const shown = [...document.querySelectorAll(".chart svg")].filter(s => s.getClientRects().length > 0);
		return shown.flatMap(svg => {
			const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
			return [...svg.querySelectorAll("text")].map(e => { const r = e.getBoundingClientRect();
				return { text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize) * scale,
					left: r.left, right: r.right, svgL: box.left, svgR: box.right, shown: shown.length }; });
		});
	})()`)
	if len(got) == 0 || got[0].Shown != 1 {
		t.Fatalf("want one chart shown at %d px, got %d texts", phoneW, len(got))
	}
	small := 99.0
	for _, e := range got {
		small = min(small, e.Size)
		if e.Size < 12 {
			t.Errorf("%q is drawn at %.1f px, want 12 or more", e.Text, e.Size)
		}
		if e.Left < e.SvgL-0.5 || e.Right > e.SvgR+0.5 {
			t.Errorf("%q (%.0f to %.0f px) runs out of the chart (%.0f to %.0f px)", e.Text, e.Left, e.Right, e.SvgL, e.SvgR)
		}
	}
	t.Logf("%d texts, the smallest drawn at %.1f px", len(got), small)
}

// TestFicheSectionMenuByKeyboard uses the folded section menu of a phone
// with the keyboard alone: Tab reaches it, Enter opens it, and a link
// brings its section into view.
func TestFicheSectionMenuByKeyboard(t *testing.T) {
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	within(t, ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/metiers/infirmier"), chromedp.WaitVisible("h1"))
	if eval[bool](t, ctx, `getComputedStyle(document.querySelector("nav.toc")).display !== "none"`) {
		t.Error("the long table of contents is shown on a phone")
	}
	onSummary := `document.activeElement.matches(".toc-phone summary")`
	for i := 0; i < 60 && !eval[bool](t, ctx, onSummary); i++ {
		within(t, ctx, chromedp.KeyEvent("\t"))
	}
	if !eval[bool](t, ctx, onSummary) {
		t.Fatal("Tab never reached the section menu")
	}
	if eval[bool](t, ctx, `document.querySelector(".toc-phone details").open`) {
		t.Fatal("the section menu is open before it is asked for")
	}
	within(t, ctx, chromedp.KeyEvent("\r"))
	if !eval[bool](t, ctx, `document.querySelector(".toc-phone details").open`) {
		t.Fatal("Enter did not open the section menu")
	}
	within(t, ctx, chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"))
	href := eval[string](t, ctx, `document.activeElement.getAttribute("href") || ""`)
	if href != "#missions" {
		t.Fatalf("two Tabs after opening focus %q, want the second section, #missions", href)
	}
	inView := `(() => { const r = document.getElementById("missions").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`
	if eval[bool](t, ctx, inView) {
		t.Fatal("#missions is in view already: nothing to prove")
	}
	within(t, ctx, chromedp.KeyEvent("\r"))
	if !eval[bool](t, ctx, inView) || eval[string](t, ctx, `location.hash`) != "#missions" {
		t.Error("Enter on the link did not bring its section into view")
	}
}

// TestFicheWideLayout checks a laptop's layout: the table of contents is
// beside the text and stays in view down the page. It keeps screenshots
// of the longest fiche and a typical one at both widths.
func TestFicheWideLayout(t *testing.T) {
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	for _, slug := range []string{"developpeur-back-end", "infirmier"} {
		within(t, ctx, chromedp.EmulateViewport(wideW, wideH), chromedp.Navigate(base+"/metiers/"+slug), chromedp.WaitVisible("nav.toc"))
		type box struct{ TocL, TocTop, TextR, Height float64 }
		place := `(() => { const toc = document.querySelector("nav.toc").getBoundingClientRect(), text = document.querySelector(".prose").getBoundingClientRect();
			return { tocL: toc.left, tocTop: toc.top, textR: text.right, height: document.documentElement.scrollHeight }; })()`
		b := eval[box](t, ctx, place)
		if b.TocL < b.TextR || b.TocTop > wideH {
			t.Errorf("%s: the table of contents (left %.0f px, top %.0f px) is not beside the text (right %.0f px) on the first screen", slug, b.TocL, b.TocTop, b.TextR)
		}
		ficheShot(t, ctx, slug+"-1280")
		within(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".fiche-footer").scrollIntoView()`))
		if s := eval[box](t, ctx, place); s.TocTop < 0 || s.TocTop > wideH/2 {
			t.Errorf("%s: far down the page the table of contents is at %.0f px, out of view", slug, s.TocTop)
		}
		within(t, ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateMobile), chromedp.Navigate(base+"/metiers/"+slug), chromedp.WaitVisible("h1"))
		phone := eval[essentiel](t, ctx, essentielJS)
		ficheShot(t, ctx, slug+"-390")
		within(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll(".fiche details").forEach(d => d.open = true)`))
		if w := eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > phoneW {
			t.Errorf("%s: unfolded, the page is %d px wide at %d px", slug, w, phoneW)
		}
		ficheShot(t, ctx, slug+"-390-deplie")
		t.Logf("%s: page %.0f px tall at %d, %.0f px at %d", slug, b.Height, wideW, phone.Height, phoneW)
	}
}

// TestFichePhoneAccessible runs axe-core on the phone layout, every fold
// open (the phone's menu, tables and chart are not the wide screen's), and
// checks that nothing scrolls sideways on the narrowest phones, 320 px.
func TestFichePhoneAccessible(t *testing.T) {
	needFile(t, axePath, "run `npm ci --prefix internal/e2e` (make test does)")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	base := startSite(t, withDemoOffers(t))
	ctx := newBrowser(t)
	for _, width := range []int64{phoneW, 320} {
		within(t, ctx, chromedp.EmulateViewport(width, phoneH, chromedp.EmulateMobile))
		for _, slug := range []string{"developpeur-back-end", "infirmier"} {
			within(t, ctx, chromedp.Navigate(base+"/metiers/"+slug), chromedp.WaitVisible("h1"),
				chromedp.Evaluate[chromedp.Void](`document.querySelectorAll(".fiche details").forEach(d => d.open = true)`))
			if slug == "infirmier" && !eval[bool](t, ctx, `!!document.querySelector("table.observed")`) {
				t.Errorf("%s: no salaries observed in the offers, their table goes untested", slug)
			}
			if w := eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > width {
				t.Errorf("%s: the page is %d px wide at %d px", slug, w, width)
			}
			within(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
			run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
				.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](run, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: axe: %v", slug, err)
			}
			for _, v := range got {
				t.Errorf("%s at %d px: %s (%s): %s, at %s", slug, width, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "; "))
			}
		}
	}
}

// withDemoOffers is a copy of the shipped content with a few thousand
// demonstration offers, enough for fiches to show the salaries observed
// in them.
func withDemoOffers(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(binary, "offers", "generate", "-n", "3000", "--seed", "1", "--content", dir).Output()
	if err != nil {
		t.Fatalf("offers generate: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "offres", "demo.jsonl"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
