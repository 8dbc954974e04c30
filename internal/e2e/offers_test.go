package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestOfferSearchWithJavaScript: with htmx, a filter box updates the results
// and facets in place, the address bar follows, and Back restores the
// previous search.
func TestOfferSearchWithJavaScript(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	console := watchConsole(ctx)
	within(t, ctx, chromedp.Navigate(base+"/offres?q=infirmiere"), chromedp.WaitVisible(chromedp.ID("resultats")))
	before := eval[string](t, ctx, `document.querySelector("#resultats").textContent`)
	if eval[bool](t, ctx, `typeof htmx === "undefined"`) {
		t.Fatal("htmx is not loaded on the search page")
	}
	// A marker on window survives an in-place update, not a page load.
	within(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__stay = 1`))
	within(t, ctx, centre(`input[name=contrat][value=cdd]`), chromedp.Click(`input[name=contrat][value=cdd]`))
	poll(t, ctx, `location.search.includes("contrat=cdd") && document.querySelector("#resultats").textContent !== `+jsString(before))
	if eval[int](t, ctx, `window.__stay || 0`) != 1 {
		t.Error("the facet reloaded the whole page")
	}
	if got := eval[string](t, ctx, `document.title`); !strings.Contains(got, "(1)") {
		t.Errorf("title %q", got)
	}
	within(t, ctx, chromedp.Evaluate[chromedp.Void](`history.back()`))
	poll(t, ctx, `!location.search.includes("contrat=cdd") && document.querySelector("#resultats").textContent === `+jsString(before))
	if p := console.problems(false); len(p) > 0 {
		t.Errorf("console errors or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}

// TestOfferSearchWithoutJavaScript: the same search works as a GET form.
func TestOfferSearchWithoutJavaScript(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	within(t, ctx, chromedp.Navigate(base+"/offres"), chromedp.WaitVisible("#o-q"),
		chromedp.SetValue("#o-q", "infirmière"), chromedp.Submit("#o-q"), chromedp.WaitVisible(chromedp.ID("resultats")))
	if q := eval[string](t, ctx, `location.search`); !strings.Contains(q, "q=infirmi%C3%A8re") {
		t.Errorf("form address %q", q)
	}
	if !eval[bool](t, ctx, `typeof htmx === "undefined"`) {
		t.Fatal("scripts ran although JavaScript is disabled")
	}
	total := eval[string](t, ctx, `document.querySelector("#resultats").textContent`)
	if !strings.Contains(total, "2 offres") {
		t.Errorf("search gave %q, want 2 offres", total)
	}
	// By keyboard, as many readers do: a mouse click lands where the box
	// was when its position was read, and under load (make test runs with
	// -race beside other work) the page had sometimes moved by then.
	within(t, ctx, chromedp.Focus(`input[name=contrat][value=cdd]`), chromedp.KeyEvent(" "))
	if !eval[bool](t, ctx, `document.querySelector("input[name=contrat][value=cdd]").checked`) {
		t.Fatal("Space did not tick the CDD box")
	}
	within(t, ctx, chromedp.Focus(`.offers-apply`))
	navigate(t, ctx, chromedp.KeyEvent("\r"))
	within(t, ctx, chromedp.WaitVisible(chromedp.ID("resultats")))
	if q := eval[string](t, ctx, `location.search`); !strings.Contains(q, "contrat=cdd") {
		t.Errorf("filters form address %q", q)
	}
	if after := eval[string](t, ctx, `document.querySelector("#resultats").textContent`); after != "1 offre" {
		t.Errorf("the CDD facet gave %q, want 1 offre", after)
	}
}

func jsString(s string) string {
	return "`" + strings.NewReplacer("`", "\\`", "\\", "\\\\", "$", "\\$").Replace(s) + "`"
}

func poll(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js)); err != nil {
		t.Fatalf("waiting for %s: %v", js, err)
	}
}
