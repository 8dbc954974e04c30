// Package e2e tests the built binary as people meet it: in a real browser
// (Debian's Chromium, driven by chromedp), audited by axe-core, and checked
// by the Nu HTML checker.
package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// binary is the vocation binary built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vocation-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "vocation")
	build := exec.Command("go", "build", "-o", binary, "vocation/cmd/vocation")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// startSite imports contentDir and serves it on a free loopback port with
// the real binary and serve's extra flags, stopping it (SIGTERM) when the
// test ends.
func startSite(t *testing.T, contentDir string, flags ...string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "v.db")
	if out, err := exec.Command(binary, "import", "--content", contentDir, "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, append([]string{"serve", "--content", contentDir, "--db", db, "--addr", addr}, flags...)...)
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	base := "http://" + addr
	for range 100 {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			return base
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not start")
	return ""
}

// chromium is Debian's browser; the tests never download one.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROME_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	t.Fatal("no Chromium: install Debian's chromium package (apt-get install chromium) or set CHROME_PATH")
	return ""
}

// newBrowser starts a headless Chromium with the flags that work on these
// machines and a fresh profile. The returned context has run once, so
// callers may derive timeouts from it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// within runs steps with a time limit.
func within(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// pageTypes are one URL of every kind of page, with the status expected.
func pageTypes(fiches ...string) map[string]int {
	m := map[string]int{
		"/":                       200,
		"/metiers":                200,
		"/metiers?niveau=bac%2B5": 200,
		"/recherche":              200,
		"/recherche?q=dev":        200,
		"/recherche?q=infirmeir":  200, // a correction
		"/recherche?q=zzzz":       200, // nothing
		"/secteurs":               200,
		"/secteurs/numerique":     200,
		"/a-propos":               200,
		"/metiers/nexiste-pas":    404,
		"/metiers/boulangr":       404, // the nearest fiches
		"/metiers?niveau=bac%2B4": 400,
		"/offres":                 200,
		"/offres?q=developpeur&contrat=cdi&teletravail=1": 200,
		"/offres?q=zzzz":                             200,
		"/offres?q=comptabel":                        200, // a suggestion
		"/offres/demo-exemples/exemple-0000001":      200,
		"/offres?page=0":                             400,
		"/metiers?secteur=numerique&niveau=infrabac": 200, // a level without fiche
		"/interets":                                  200,
		"/interets/S":                                200,
		"/interets/centres":                          200,
		"/interets/centres/prendre-soin-des-autres":  200,
		"/interets/rome/29":                          200,
		"/quiz":                                      200,
		"/quiz?r1=2&s1=0&i2=1":                       200,
		"/quiz/resultat?s1=2&s2=2&i1=2&a1=2&r3=0":    200,
		"/quiz/resultat?profil=SIA":                  200,
		"/quiz/resultat?profil=SIA&niveau=bac%2B8":   200,
		"/quiz/resultat":                             200, // no answers
		"/quiz/resultat?profil=SSA":                  400,
	}
	for _, f := range fiches {
		m["/metiers/"+f] = 200
	}
	// The comparison, of three fiches and of two (the layout changes),
	// and refused: one fiche alone, a fiche that does not exist.
	if len(fiches) >= 3 {
		compared := fiches[:3]
		if rich := []string{"developpeur-back-end", "infirmier", "boulanger"}; len(fiches) > 3 && containsAll(fiches, rich) {
			compared = rich // editors' salaries, observed ones, trainings at many levels
		}
		m["/comparer?m="+strings.Join(compared, "&m=")] = 200
		m["/comparer?m="+strings.Join(compared[1:], "&m=")] = 200
		m["/comparer?m="+compared[0]] = 400
		m["/comparer?m="+compared[0]+"&m=nexiste-pas"] = 404
	}
	return m
}

func containsAll(set, items []string) bool {
	for _, it := range items {
		if !slices.Contains(set, it) {
			return false
		}
	}
	return true
}

func shippedFiches(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../content/metiers/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped fiches: %v", err)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".md"))
	}
	return out
}
