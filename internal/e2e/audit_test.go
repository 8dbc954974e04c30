package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	axePath = "node_modules/axe-core/axe.min.js"
	vnuPath = "node_modules/vnu-jar/build/dist/vnu.jar"
)

func needFile(t *testing.T, path, hint string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing: %s", path, hint)
	}
}

func sortedPaths(m map[string]int) []string {
	var out []string
	for p := range m {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestAccessibility runs axe-core in Chromium on every page type of the
// shipped content, every fiche included, against WCAG 2.0, 2.1 and 2.2 A
// and AA. Any violation fails the test and is printed.
func TestAccessibility(t *testing.T) {
	needFile(t, axePath, "run `npm ci --prefix internal/e2e` (make test does)")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	base := startSite(t, "../../content")
	ctx := newBrowser(t)
	pages := pageTypes(shippedFiches(t)...)
	for _, path := range sortedPaths(pages) {
		within(t, ctx, chromedp.Navigate(base+path), chromedp.WaitVisible("h1"))
		// Evaluated through DevTools, the script is not subject to the
		// page's CSP, which forbids any script.
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
	}
}

// TestHTMLValid saves every page type of the shipped content and runs the
// Nu HTML checker on them: zero errors.
func TestHTMLValid(t *testing.T) {
	needFile(t, vnuPath, "run `npm ci --prefix internal/e2e` (make test does)")
	if _, err := exec.LookPath("java"); err != nil {
		t.Fatal("java is missing: apt-get install default-jre-headless")
	}
	base := startSite(t, "../../content")
	dir := t.TempDir()
	var files []string
	for i, path := range sortedPaths(pageTypes(shippedFiches(t)...)) {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		f := filepath.Join(dir, fmt.Sprintf("%02d%s.html", i, strings.NewReplacer("/", "_", "?", "_", "%", "_", "=", "_").Replace(path)))
		if err := os.WriteFile(f, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out, err := exec.Command("java", append([]string{"-jar", vnuPath, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("the Nu HTML checker found errors (%v):\n%s", err, out)
	}
	if len(files) < 10 {
		t.Errorf("only %d pages checked", len(files))
	}
}
