package e2e

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestOffersLayout measures /offres at three widths, with the shipped
// content: on a phone the first result starts within 1.25 screens and
// the filters are folded; on a wide screen they stand beside the
// results; at 320 px nothing scrolls sideways.
func TestOffersLayout(t *testing.T) {
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	path := "/offres?contrat=cdi&teletravail=1"
	first := `document.querySelector(".offer-list li")`
	for _, size := range []struct{ w, h int64 }{{390, 844}, {1280, 800}, {320, 640}} {
		within(t, ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(base+path), chromedp.WaitVisible("h1"))
		if eval[bool](t, ctx, first+` === null`) {
			t.Fatalf("%d px: no result on %s", size.w, path)
		}
		top := eval[float64](t, ctx, first+`.getBoundingClientRect().top + scrollY`)
		wide := eval[float64](t, ctx, `Math.max(...[...document.querySelectorAll("body *")].map(e => e.getBoundingClientRect().right))`)
		if over := eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`); over || wide > float64(size.w)+0.5 {
			t.Errorf("%d px: the page scrolls sideways (an element reaches %.0f px)", size.w, wide)
		}
		// Where the first checkbox of the filters is, if shown at all.
		box := eval[[]float64](t, ctx, `(() => { const b = document.querySelector("input[name=contrat]"); if (!b) return []; const r = b.getBoundingClientRect(); return b.checkVisibility() ? [r.left, r.top + scrollY] : []; })()`)
		switch size.w {
		case 390:
			t.Logf("390 px: first result at %.0f px (%.2f screens)", top, top/float64(size.h))
			if top > 1.25*float64(size.h) {
				t.Errorf("390 px: the first result starts at %.0f px, more than 1.25 screens (%.0f px)", top, 1.25*float64(size.h))
			}
			if len(box) != 0 {
				t.Error("390 px: the filters are unfolded above the results")
			}
			if s := eval[string](t, ctx, `(document.querySelector("details.offer-filters > summary") || {}).textContent || ""`); s != "Filtres (2 actifs)" {
				t.Errorf("390 px: filters summary %q, want %q", s, "Filtres (2 actifs)")
			}
		case 1280:
			left := eval[float64](t, ctx, first+`.getBoundingClientRect().left`)
			if len(box) == 0 || box[0] >= left || box[1] > float64(size.h) {
				t.Errorf("1280 px: the filters are not beside the results (checkbox at %v, results from x=%.0f)", box, left)
			}
		}
		if dir := os.Getenv("VOCATION_SCREENSHOTS"); dir != "" {
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("offres-%d.png", size.w)), shot, 0o644)
		}
	}
}

// TestOffersFormRoundTrip submits the filters form, without JavaScript,
// of a search that sets every parameter: the address it gives holds the
// same parameters.
func TestOffersFormRoundTrip(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"q": {"développeur"}, "lieu": {"Lyon"}, "rayon": {"20"}, "contrat": {"cdi", "cdd"}, "teletravail": {"1"},
		"experience": {"2"}, "salaire_min": {"30000"}, "metier": {"developpeur-test"}, "tri": {"date"}}
	within(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"/offres?"+want.Encode()), chromedp.WaitVisible(chromedp.ID("resultats")),
		chromedp.Click(`details.offer-filters button[type=submit]`), chromedp.WaitVisible(chromedp.ID("resultats")))
	got, err := url.ParseQuery(eval[string](t, ctx, `location.search.slice(1)`))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range got {
		if len(v) == 1 && v[0] == "" {
			delete(got, k) // an unset field
		}
	}
	if got.Encode() != want.Encode() {
		t.Errorf("the form gave\n%s\nwant\n%s", got.Encode(), want.Encode())
	}
}

// TestOfferPageOnAPhone: at 390 x 844 the key facts and the way to apply
// (here, for a demonstration offer, the note that says there is none) are
// in the first screen, and nothing scrolls sideways at 320 px.
func TestOfferPageOnAPhone(t *testing.T) {
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	for _, size := range []struct{ w, h int64 }{{390, 844}, {320, 640}} {
		within(t, ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(base+"/offres/demo-exemples/exemple-0000001"), chromedp.WaitVisible("h1"))
		if over := eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`); over {
			t.Errorf("%d px: the page scrolls sideways", size.w)
		}
		bottom := eval[float64](t, ctx, `(() => { const n = document.querySelector(".offer-key + .note, .offer-key + .offer-apply"); return n ? n.getBoundingClientRect().bottom + scrollY : 1e9; })()`)
		if size.w == 390 && bottom > float64(size.h) {
			t.Errorf("390 px: the key facts and the way to apply end at %.0f px, below the first screen", bottom)
		}
		if dir := os.Getenv("VOCATION_SCREENSHOTS"); dir != "" {
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("offre-%d.png", size.w)), shot, 0o644)
		}
	}
}

// TestOfferFiltersStayOpenOnAPhone: with htmx, ticking a box in the
// unfolded filters on a phone updates the results and the counts in
// place, and the filters stay open with the focus on that box, so that
// a second box is one tap away.
func TestOfferFiltersStayOpenOnAPhone(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	console := watchConsole(ctx)
	within(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/offres?q=infirmiere"), chromedp.WaitVisible(chromedp.ID("resultats")))
	poll(t, ctx, `typeof htmx !== "undefined"`)
	within(t, ctx, chromedp.Click(`details.offer-filters > summary`), chromedp.WaitVisible(`#f-contrat-cdd`), centre(`#f-contrat-cdd`), chromedp.Click(`#f-contrat-cdd`))
	poll(t, ctx, `location.search.includes("contrat=cdd") && document.querySelector("#resultats").textContent === "1 offre"`)
	if !eval[bool](t, ctx, `document.querySelector("details.offer-filters").open`) {
		t.Error("the filters folded after the change")
	}
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "f-contrat-cdd" {
		t.Errorf("focus on %q after the change, want the box", got)
	}
	if got := eval[string](t, ctx, `document.querySelector("details.offer-filters > summary").textContent`); got != "Filtres (1 actif)" {
		t.Errorf("summary %q after the change", got)
	}
	if p := console.problems(false); len(p) > 0 {
		t.Errorf("console errors or CSP violations:\n%s", strings.Join(p, "\n"))
	}
	if dir := os.Getenv("VOCATION_SCREENSHOTS"); dir != "" {
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "offres-390-filtres.png"), shot, 0o644)
	}
}

// centre brings a filter box to the middle of the screen, as a reader
// scrolls to what they tap: at the screen's bottom edge a box may sit
// under the sticky "Voir les offres" button, which a click at its
// coordinates would press instead.
func centre(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.querySelector(` + jsString(sel) + `).scrollIntoView({block: "center"})`)
}
