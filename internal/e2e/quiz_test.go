package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestQuizWithoutJavaScript: the quiz is a plain GET form; its result's
// address holds the answers, and "Modifier mes réponses" reopens the form
// with them checked.
func TestQuizWithoutJavaScript(t *testing.T) {
	base := startSite(t, "testdata/content")
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	within(t, ctx, chromedp.Navigate(base+"/quiz"), chromedp.WaitVisible("h1"),
		chromedp.Click(`label[for="s1-2"]`),
		chromedp.Click(`label[for="s5-2"]`),
		chromedp.Click(`label[for="i3-2"]`),
		chromedp.Click(`label[for="c2-0"]`),
		chromedp.Click(`.quiz button[type="submit"]`),
		chromedp.WaitVisible(chromedp.ID("profil")))
	if q := eval[string](t, ctx, `location.pathname + location.search`); q != "/quiz/resultat?s1=2&c2=0&i3=2&s5=2" {
		t.Errorf("result address %q", q)
	}
	if h := eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h, "SI") {
		t.Errorf("heading %q", h)
	}
	if !eval[bool](t, ctx, `[...document.querySelectorAll(".results h3")].some(h => h.textContent.includes("Infirmier"))`) {
		t.Error("the nurse, S I R, is not among the results")
	}
	within(t, ctx, chromedp.Click(`.actions a[href^="/quiz?"]`), chromedp.WaitVisible(`label[for="s1-2"]`))
	checked := eval[string](t, ctx, `[...document.querySelectorAll("input:checked")].map(i => i.id).join(" ")`)
	if checked != "s1-2 c2-0 i3-2 s5-2" {
		t.Errorf("checked again: %q", checked)
	}
}
