package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSuggestionsKeyboard walks the header's combobox with the keyboard
// alone, as the WAI-ARIA combobox pattern has it: typing opens the list
// and announces its count, the arrows move the active option, Escape
// closes the list and keeps the text, Enter opens the active fiche.
func TestSuggestionsKeyboard(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	console := watchConsole(ctx)
	within(t, ctx, chromedp.Navigate(base+"/a-propos"), chromedp.WaitVisible("#q"))
	attr := func(name string) string {
		return eval[string](t, ctx, `document.querySelector("#q").getAttribute("`+name+`") || ""`)
	}
	if attr("role") != "combobox" || attr("aria-expanded") != "false" || attr("aria-controls") != "q-suggestions" || attr("aria-autocomplete") != "list" {
		t.Fatalf("the header search box is not a combobox: role %q expanded %q controls %q", attr("role"), attr("aria-expanded"), attr("aria-controls"))
	}
	within(t, ctx, chromedp.Focus("#q"), chromedp.SendKeys("#q", "dev"))
	poll(t, ctx, `document.querySelector("#q").getAttribute("aria-expanded") === "true"`)
	if n := eval[int](t, ctx, `document.querySelectorAll("#q-suggestions [role=option]").length`); n < 1 || n > 9 {
		t.Errorf("%d options", n)
	}
	poll(t, ctx, `document.querySelector(".search [role=status]").textContent.includes("suggéré")`)

	within(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	active := attr("aria-activedescendant")
	if active != "q-suggestions-0" || !eval[bool](t, ctx, `document.getElementById("q-suggestions-0").getAttribute("aria-selected") === "true"`) {
		t.Errorf("ArrowDown made %q active", active)
	}
	if eval[string](t, ctx, `document.activeElement.id`) != "q" {
		t.Error("focus left the search box: the pattern keeps it there")
	}
	within(t, ctx, chromedp.KeyEvent(kb.ArrowUp))
	last := eval[string](t, ctx, `[...document.querySelectorAll("#q-suggestions [role=option]")].pop().id`)
	if a := attr("aria-activedescendant"); a != last {
		t.Errorf("ArrowUp from the first option should wrap to the last, %q, got %q", last, a)
	}
	within(t, ctx, chromedp.KeyEvent(kb.Escape))
	if attr("aria-expanded") != "false" || attr("aria-activedescendant") != "" || eval[string](t, ctx, `document.querySelector("#q").value`) != "dev" {
		t.Errorf("Escape: expanded %q, active %q", attr("aria-expanded"), attr("aria-activedescendant"))
	}
	within(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	if attr("aria-expanded") != "true" || attr("aria-activedescendant") != "q-suggestions-0" {
		t.Errorf("ArrowDown did not reopen the list on its first option")
	}
	href := eval[string](t, ctx, `document.getElementById("q-suggestions-0").dataset.href`)
	navigate(t, ctx, chromedp.KeyEvent(kb.Enter))
	within(t, ctx, chromedp.WaitVisible("#fiche-titre"))
	if loc := eval[string](t, ctx, `location.pathname`); href != "/metiers/developpeur-test" || loc != href {
		t.Errorf("the first suggestion for dev is %q, Enter went to %q", href, loc)
	}

	// On /recherche, with a typo; Enter without an active option searches.
	within(t, ctx, chromedp.Navigate(base+"/recherche"), chromedp.WaitVisible("#q-page"),
		chromedp.Focus("#q-page"), chromedp.SendKeys("#q-page", "infirmeir"))
	poll(t, ctx, `document.querySelector("#q-page-suggestions [data-href='/metiers/infirmier']") !== null`)
	navigate(t, ctx, chromedp.KeyEvent(kb.Enter))
	within(t, ctx, chromedp.WaitVisible(".search-summary"))
	if loc := eval[string](t, ctx, `location.pathname + location.search`); loc != "/recherche?q=infirmeir" {
		t.Errorf("Enter without an active option went to %q", loc)
	}
	if got := eval[string](t, ctx, `document.querySelector(".search-summary").textContent`); !strings.Contains(got, "Résultats pour") || !strings.Contains(got, "infirmier") {
		t.Errorf("summary %q", got)
	}
	if p := console.problems(false); len(p) > 0 {
		t.Errorf("console errors or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}

// TestSearchWithoutJavaScript: the header box is a plain search field whose
// form goes to /recherche, and the results page works on its own.
func TestSearchWithoutJavaScript(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	// Not the home page: its own box stands in for the header's.
	within(t, ctx, chromedp.Navigate(base+"/a-propos"), chromedp.WaitVisible("#q"))
	if eval[bool](t, ctx, `document.querySelector("#q").hasAttribute("role")`) {
		t.Error("without JavaScript the search box should not claim to be a combobox")
	}
	within(t, ctx, chromedp.SetValue("#q", "dévelopeuse"), chromedp.Submit("#q"), chromedp.WaitVisible(".search-summary"))
	if loc := eval[string](t, ctx, `location.pathname + location.search`); loc != "/recherche?q=d%C3%A9velopeuse" {
		t.Errorf("form went to %q", loc)
	}
	if first := eval[string](t, ctx, `document.querySelector(".card-title a").getAttribute("href")`); first != "/metiers/developpeur-test" {
		t.Errorf("first result %q", first)
	}
	within(t, ctx, chromedp.Navigate(base+"/metiers?q=IDE"), chromedp.WaitVisible(".search-summary"))
	if loc := eval[string](t, ctx, `location.pathname + location.search`); loc != "/recherche?q=IDE" {
		t.Errorf("/metiers?q= went to %q", loc)
	}
	if first := eval[string](t, ctx, `document.querySelector(".card-title a").getAttribute("href")`); first != "/metiers/infirmier" {
		t.Errorf("IDE first result %q", first)
	}
}

// navigate runs a step that loads a new page and waits for its response:
// a wait started on the old page would lose its document.
func navigate(t *testing.T, ctx context.Context, step chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, step); err != nil {
		t.Fatal(err)
	}
}
