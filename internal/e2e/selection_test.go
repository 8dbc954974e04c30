package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const printURL = "https://vocation.example"

// pdfPage is a page object of a PDF: /Type /Page, not /Pages.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printPDF prints the current page as Chromium's print dialog would, on
// the paper the stylesheet asks for, and returns the PDF and its pages.
func printPDF(t *testing.T, ctx context.Context) ([]byte, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	yes := true
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
	if err != nil {
		t.Fatal(err)
	}
	return res.Data, len(pdfPage.FindAll(res.Data, -1))
}

// TestPrintPageCounts prints every shipped fiche to PDF in Chromium: A4,
// at most two pages, three for the longest (back-end), and what paper
// cannot use left out.
func TestPrintPageCounts(t *testing.T) {
	base := startSite(t, "../../content", "--public-url", printURL)
	ctx := newBrowser(t)
	counts := map[string]int{}
	for _, slug := range shippedFiches(t) {
		within(t, ctx, chromedp.Navigate(base+"/metiers/"+slug), chromedp.WaitVisible("h1"))
		pdf, n := printPDF(t, ctx)
		counts[slug] = n
		if dir := os.Getenv("VOCATION_SCREENSHOTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, slug+".pdf"), pdf, 0o644)
		}
		limit := 2
		if slug == "developpeur-back-end" {
			limit = 3
		}
		if n < 1 || n > limit {
			t.Errorf("%s prints on %d pages, want at most %d", slug, n, limit)
		}
		// A4 is 595 × 842 points.
		if !regexp.MustCompile(`/MediaBox\s*\[0 0 59[45]\.\d+ 841\.\d+\]`).Match(pdf) {
			t.Errorf("%s: not A4: %s", slug, regexp.MustCompile(`/MediaBox\s*\[[^\]]*\]`).Find(pdf))
		}
	}
	t.Logf("pages per fiche: %v", counts)

	// What the paper shows, read in print media.
	within(t, ctx, chromedp.Navigate(base+"/metiers/developpeur-back-end"), chromedp.WaitVisible("h1"))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	shown := func(sel string) bool {
		return eval[bool](t, ctx, `(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && e.getClientRects().length > 0 })()`)
	}
	for _, sel := range []string{".site-header", ".site-footer", ".toc", "#offres-du-metier", ".salaries", ".compare-with", ".add-selection", ".section-link", ".search"} {
		if shown(sel) {
			t.Errorf("%s is printed", sel)
		}
	}
	for _, sel := range []string{".print-address img", ".facts", "#parcours-formation", "#sources-de-la-fiche"} {
		if !shown(sel) {
			t.Errorf("%s is not printed", sel)
		}
	}
	// Paper cannot be unfolded: every training of a folded level prints.
	if n := eval[int](t, ctx, `[...document.querySelectorAll("details.fiche-fold .trainings > li")].filter(e => !e.checkVisibility()).length`); n > 0 {
		t.Errorf("%d trainings of folded levels are not printed", n)
	}
	if got := eval[string](t, ctx, `document.querySelector(".print-address").textContent`); !strings.Contains(got, printURL+"/metiers/developpeur-back-end") {
		t.Errorf("printed address %q", got)
	}
	if !eval[bool](t, ctx, `document.querySelector(".print-address img").naturalWidth > 0`) {
		t.Error("the printed QR code does not load")
	}
	if after := eval[string](t, ctx, `getComputedStyle(document.querySelector('.prose a[href^="http"], .trainings a[href^="http"]'), "::after").content`); after != "none" {
		t.Errorf("a link's address is printed inline: %s", after)
	}

	// A selection prints each fiche whole.
	within(t, ctx, chromedp.Navigate(base+"/selection?m=developpeur-back-end&m=infirmier&m=boulanger&m=macon"), chromedp.WaitVisible("h1"))
	if _, n := printPDF(t, ctx); n < 1 || n > 2 {
		t.Errorf("a selection of 4 fiches prints on %d pages", n)
	}
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector(".selection-item")).breakInside`); got != "avoid" {
		t.Errorf("a fiche of the selection may be cut across pages: break-inside %s", got)
	}
	if shown(".selection-add") || shown(".selection-remove") || !shown(".selection-share img") {
		t.Error("the printed selection shows its forms or lacks its QR code")
	}
}

// TestSelectionJourney builds a selection without JavaScript, as a
// counselor would: from a fiche, from the search results, then adding and
// removing a fiche on the selection itself, at phone and desktop widths.
func TestSelectionJourney(t *testing.T) {
	base := startSite(t, "testdata/content", "--public-url", printURL)
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	loc := func() string { return eval[string](t, ctx, `location.pathname + location.search`) }
	items := func() string {
		return eval[string](t, ctx, `[...document.querySelectorAll(".selection-item h2 a")].map(a => a.getAttribute("href")).join(" ")`)
	}
	within(t, ctx, chromedp.Navigate(base+"/metiers/infirmier"), chromedp.WaitVisible("h1"))
	navigate(t, ctx, chromedp.Click(".add-selection button"))
	if got := loc(); got != "/selection?m=infirmier" {
		t.Fatalf("the fiche's button went to %s", got)
	}
	within(t, ctx, chromedp.SetValue("#ajouter-fiche", "developpeur-test"))
	navigate(t, ctx, chromedp.Click(".selection-add button"))
	if got := items(); got != "/metiers/infirmier /metiers/developpeur-test" {
		t.Fatalf("after adding: %q at %s", got, loc())
	}
	if !eval[bool](t, ctx, `document.querySelector(".selection-share img").naturalWidth > 0`) {
		t.Error("the QR code does not load")
	}
	if got := eval[string](t, ctx, `document.querySelector(".selection-url").textContent`); got != printURL+"/selection?m=infirmier&m=developpeur-test" {
		t.Errorf("shared address %q", got)
	}
	for _, width := range []int64{390, 1280} {
		within(t, ctx, chromedp.EmulateViewport(width, 800))
		if eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`) {
			t.Errorf("%d px: the selection scrolls sideways", width)
		}
		if dir := os.Getenv("VOCATION_SCREENSHOTS"); dir != "" {
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err == nil {
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("selection-%d.png", width)), shot, 0o644)
			}
		}
	}
	navigate(t, ctx, chromedp.Click(".selection-item:first-child .selection-remove a"))
	if got := items(); got != "/metiers/developpeur-test" {
		t.Errorf("after removing: %q", got)
	}
	// From the list of fiches: tick, then add.
	within(t, ctx, chromedp.Navigate(base+"/metiers"), chromedp.WaitVisible(".compare-bar"))
	n := eval[int](t, ctx, `(() => { const b = [...document.querySelectorAll('.compare-check input')].slice(0, 2); b.forEach(c => c.checked = true); return b.length })()`)
	if n != 2 {
		t.Fatalf("%d boxes to tick", n)
	}
	navigate(t, ctx, chromedp.Click(`button[formaction="/selection"]`))
	if got := loc(); !strings.HasPrefix(got, "/selection?m=") || strings.Count(got, "m=") != 2 || strings.Count(items(), "/metiers/") != 2 {
		t.Errorf("the list's button went to %s with %q", got, items())
	}
}

// TestSelectionAudit runs axe-core and the Nu HTML checker on the
// selection pages and on a fiche that shows its printed address.
func TestSelectionAudit(t *testing.T) {
	needFile(t, axePath, "run `npm ci --prefix internal/e2e` (make test does)")
	needFile(t, vnuPath, "run `npm ci --prefix internal/e2e` (make test does)")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	base := startSite(t, "../../content", "--public-url", printURL)
	paths := []string{
		"/selection",
		"/selection?m=developpeur-back-end&m=infirmier&m=boulanger&s=q%3Dinfirmier%26contrat%3Dcdi",
		"/selection?m=nexiste-pas&m=infirmier",
		"/metiers/developpeur-back-end",
		"/recherche?q=dev",
	}
	ctx := newBrowser(t)
	dir := t.TempDir()
	var files []string
	for i, path := range paths {
		within(t, ctx, chromedp.Navigate(base+path), chromedp.WaitVisible("h1"))
		within(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
		run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
			.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](run, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", path, err)
		}
		for _, v := range got {
			t.Errorf("%s: %s (%s): %s, at %s", path, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "; "))
		}
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !bytes.Contains(body, []byte("<h1")) {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
		f := filepath.Join(dir, fmt.Sprintf("%02d.html", i))
		if err := os.WriteFile(f, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out, err := exec.Command("java", append([]string{"-jar", vnuPath, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("the Nu HTML checker found errors (%v):\n%s", err, out)
	}
}

// TestSelectionWithJavaScript: the browser keeps the last selection seen,
// so each "Ajouter à ma sélection" adds to it, from a fiche or the list.
func TestSelectionWithJavaScript(t *testing.T) {
	base := startSite(t, "testdata/content", "--public-url", printURL)
	ctx := newBrowser(t)
	console := watchConsole(ctx)
	loc := func() string { return eval[string](t, ctx, `location.pathname + location.search`) }
	for _, step := range []struct{ fiche, want string }{
		{"infirmier", "/selection?m=infirmier"},
		{"developpeur-test", "/selection?m=infirmier&m=developpeur-test"},
		{"infirmier", "/selection?m=infirmier&m=developpeur-test&m=infirmier"}, // asked twice, shown once
	} {
		within(t, ctx, chromedp.Navigate(base+"/metiers/"+step.fiche), chromedp.WaitVisible("h1"))
		navigate(t, ctx, chromedp.Click(".add-selection button"))
		if got := loc(); got != step.want {
			t.Fatalf("adding %s went to %s, want %s", step.fiche, got, step.want)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".selection-item").length`); n != 2 {
		t.Errorf("%d fiches shown", n)
	}
	within(t, ctx, chromedp.Navigate(base+"/metiers"), chromedp.WaitVisible(".compare-bar"))
	within(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.compare-check input[value="architecte-test"]').checked = true`))
	navigate(t, ctx, chromedp.Click(`button[formaction="/selection"]`))
	if got := loc(); got != "/selection?m=infirmier&m=developpeur-test&m=architecte-test" {
		t.Errorf("the list's button went to %s", got)
	}
	// Comparing from the same list takes only what is ticked.
	within(t, ctx, chromedp.Navigate(base+"/metiers"), chromedp.WaitVisible(".compare-bar"))
	within(t, ctx, chromedp.Evaluate[chromedp.Void](`["architecte-test", "infirmier"].forEach(s => document.querySelector('.compare-check input[value="' + s + '"]').checked = true)`))
	navigate(t, ctx, chromedp.Click(`.compare-bar button:not([formaction])`))
	if got := loc(); got != "/comparer?m=architecte-test&m=infirmier" {
		t.Errorf("comparing went to %s", got)
	}
	if p := console.problems(false); len(p) > 0 {
		t.Errorf("console errors or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}
