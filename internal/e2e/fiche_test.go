package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// A phone the size of most sold today, and a laptop.
const (
	phoneW, phoneH = 390, 844
	wideW, wideH   = 1280, 800
)

// ficheShot keeps a full-page screenshot as a test artefact
// (go test -artifacts -outputdir DIR keeps them).
func ficheShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), name+".png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// essentielJS reports where the key facts start and how tall the page is.
const essentielJS = `(() => {
	const e = document.getElementById("essentiel");
	const first = document.querySelector(".facts dl > div");
	return { top: e.getBoundingClientRect().top + scrollY, firstBottom: first.getBoundingClientRect().bottom + scrollY,
		height: document.documentElement.scrollHeight, screen: innerHeight, over: document.documentElement.scrollWidth > innerWidth };
})()`

type essentiel struct {
	Top, FirstBottom, Height, Screen float64
	Over                             bool
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
		if m.Over {
			t.Errorf("%s: the page scrolls sideways at %d px", slug, phoneW)
		}
	}
}
