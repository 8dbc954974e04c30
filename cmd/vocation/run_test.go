package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"vocation/internal/problem"
	"vocation/internal/store"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const sectorsYAML = "- key: numerique\n  label: Numérique\n  description: Logiciels et réseaux.\n"

func ficheFile(title, extra string) string {
	return "---\ntitle: " + title + "\nsummary: Un résumé assez long pour être accepté.\nsector: numerique\naccess: [bac+2]\nupdated: 2025-01-01\n" + extra + "---\n## Le métier\n\n" + title + " au travail.\n"
}

func TestShippedContentIsValidAndServes(t *testing.T) {
	code, _, stderr := runCmd(t, "check", "--content", "../../content")
	if code != 0 {
		t.Fatalf("check of the shipped content: exit %d\n%s", code, stderr)
	}
	// The shipped referential is read, and knows every code the shipped
	// fiches carry.
	if strings.Contains(stderr, "rome") {
		t.Errorf("check of the shipped content warns about ROME:\n%s", stderr)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, stderr := runCmd(t, "import", "--content", "../../content", "--db", db); code != 0 || !strings.Contains(out, "imported 4") {
		t.Fatalf("import: exit %d, %s %s", code, out, stderr)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"secteurs.yaml":  sectorsYAML,
		"metiers/a.md":   strings.Replace(ficheFile("A", ""), "sector: numerique", "sector: sante", 1),
		"metiers/b.md":   ficheFile("B", "salaries:\n  - {level: debutant, min: 2000, max: 2500, unit: year}\n"),
		"metiers/c.md":   ficheFile("C", "related: [zz]\n"),
		"metiers/D E.md": "x",
	})
	code, _, stderr := runCmd(t, "check", "--content", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		dir + "/metiers/a.md:4: sector : secteur inconnu \"sante\"",
		dir + "/metiers/b.md:8: salaries[0].min : 2000 par an est invraisemblable ; vouliez-vous dire unit: month ?",
		dir + "/metiers/b.md:8: salaries[0].max : 2500 par an est invraisemblable ; vouliez-vous dire unit: month ?",
		dir + "/metiers/c.md:7: related : avertissement : aucune fiche \"zz\"",
		dir + "/metiers/D E.md:1: nom du fichier :",
		"4 erreur(s), 2 avertissement(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("output lacks %q:\n%s", want, stderr)
		}
	}
	// Warnings alone do not fail the check.
	dir = writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "metiers/c.md": ficheFile("C", "related: [zz]\n")})
	if code, _, stderr := runCmd(t, "check", "--content", dir); code != 0 || !strings.Contains(stderr, "avertissement") {
		t.Errorf("warnings only: exit %d\n%s", code, stderr)
	}
}

// A page named like a route would pass the check and never be seen: the
// route answers first.
func TestCheckRefusesPagesNamedLikeRoutes(t *testing.T) {
	page := "---\ntitle: Une page\n---\nTexte.\n"
	dir := writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "pages/readyz.md": page, "pages/healthz.md": page, "pages/equipe.md": page})
	code, _, stderr := runCmd(t, "check", "--content", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		dir + "/pages/healthz.md:1: nom du fichier : \"healthz\" est une adresse que le site utilise lui-même ; renommez la page",
		dir + "/pages/readyz.md:1: nom du fichier : \"readyz\" est une adresse que le site utilise lui-même ; renommez la page",
		"2 erreur(s), 0 avertissement(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("output lacks %q:\n%s", want, stderr)
		}
	}
	code, _, stderr = runCmd(t, "import", "--content", dir, "--db", filepath.Join(t.TempDir(), "v.db"))
	if code != 1 || !strings.Contains(stderr, dir+"/pages/readyz.md:1: nom du fichier :") {
		t.Errorf("import: exit %d\n%s", code, stderr)
	}
}

func TestImportRefusesInvalidContentAndKeepsTheDatabase(t *testing.T) {
	good := writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "metiers/a.md": ficheFile("Première", "")})
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, stderr := runCmd(t, "import", "--content", good, "--db", db); code != 0 {
		t.Fatalf("good import: %d %s", code, stderr)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	bad := writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "metiers/a.md": ficheFile("Seconde", "draft: peut-etre\n")})
	code, _, stderr := runCmd(t, "import", "--content", bad, "--db", db)
	if code != 1 || !strings.Contains(stderr, "metiers/a.md:7: draft : attendu : true ou false") || !strings.Contains(stderr, "database is unchanged") {
		t.Fatalf("bad import: exit %d\n%s", code, stderr)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the database file changed after a refused import")
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"nope"}, {"serve", "-h"}, {"serve", "--addr", "8080"}, {"check", "extra"}} {
		if code, _, _ := runCmd(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func fetch(url string) (int, string) {
	res, err := http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestServeDev runs the real binary's run function in dev mode: a save
// re-imports, a typo shows as a banner while the last good content stays,
// drafts show with their banner, and SIGTERM-style cancellation stops it.
func TestServeDev(t *testing.T) {
	dir := writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "metiers/a.md": ficheFile("Première version", "")})
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--dev", "--content", dir, "--db", filepath.Join(t.TempDir(), "v.db"), "--addr", addr},
			func(string) string { return "" }, io.Discard, &syncWriter{w: &stderr})
	}()
	base := "http://" + addr
	waitFor(t, "first import", func() bool { _, b := fetch(base + "/metiers/a"); return strings.Contains(b, "Première version") })

	// The preview page's event stream: a save sends it a reload event,
	// and it stays open until the server stops, which must not wait for it.
	stream, err := http.Get(base + "/_dev/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	events := bufio.NewScanner(stream.Body)
	readUntil := func(want string) {
		t.Helper()
		for events.Scan() {
			if events.Text() == want {
				return
			}
		}
		t.Fatalf("event stream ended before %q: %v", want, events.Err())
	}
	readUntil("") // subscribed

	os.WriteFile(filepath.Join(dir, "metiers/a.md"), []byte(ficheFile("Deuxième version", "")), 0o644)
	readUntil("event: reload")
	waitFor(t, "re-import on save", func() bool { _, b := fetch(base + "/metiers/a"); return strings.Contains(b, "Deuxième version") })

	os.WriteFile(filepath.Join(dir, "metiers/a.md"), []byte(strings.Replace(ficheFile("Troisième", ""), "access:", "acess:", 1)), 0o644)
	waitFor(t, "error banner", func() bool {
		_, b := fetch(base + "/metiers/a")
		return strings.Contains(b, "metiers/a.md:5: acess : clé inconnue") && strings.Contains(b, "Deuxième version")
	})

	os.WriteFile(filepath.Join(dir, "metiers/b.md"), []byte(ficheFile("Brouillon B", "draft: true\n")), 0o644)
	os.WriteFile(filepath.Join(dir, "metiers/a.md"), []byte(ficheFile("Quatrième", "")), 0o644)
	waitFor(t, "draft visible in dev", func() bool {
		code, b := fetch(base + "/metiers/b")
		return code == 200 && strings.Contains(b, "Brouillon B") && strings.Contains(b, "n’est pas publiée")
	})
	if _, b := fetch(base + "/metiers/a"); strings.Contains(b, "acess") {
		t.Error("banner still shown after the content was fixed")
	}

	os.MkdirAll(filepath.Join(dir, "pages"), 0o755)
	os.WriteFile(filepath.Join(dir, "pages/readyz.md"), []byte("---\ntitle: Prêt\n---\nTexte.\n"), 0o644)
	waitFor(t, "a page named like a route refused", func() bool {
		_, b := fetch(base + "/metiers/a")
		return strings.Contains(b, "pages/readyz.md:1: nom du fichier :")
	})
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d:\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestOffersCommands(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "demo.jsonl")
	f, _ := os.Create(feed)
	var gen bytes.Buffer
	if code := run(context.Background(), []string{"offers", "generate", "-n", "600", "--seed", "5"}, func(string) string { return "" }, &gen, io.Discard); code != 0 {
		t.Fatalf("generate: exit %d", code)
	}
	f.Write(gen.Bytes())
	f.Close()
	db := filepath.Join(dir, "v.db")
	if code, out, stderr := runCmd(t, "offers", "import", "--db", db, feed); code != 0 || !strings.Contains(out, "imported 600 offers, skipped 0 invalid, expired 0") {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	// Importing again is idempotent: the same 600, nothing expired.
	if code, out, _ := runCmd(t, "offers", "import", "--db", db, "--replace-source", "demo", feed); code != 0 || !strings.Contains(out, "imported 600 offers, skipped 0 invalid, expired 0") {
		t.Fatalf("re-import: %d %s", code, out)
	}
	// A feed with too many bad lines is refused whole, with the lines.
	lines := strings.Split(strings.TrimSpace(gen.String()), "\n")
	for _, i := range []int{400, 410, 420, 430, 440, 450} { // 6 of 500, past 1 %
		lines[i] = strings.Replace(lines[i], `"contract":"`, `"contract":"x`, 1)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(strings.Join(lines[:500], "\n")), 0o644)
	// The refusal itself is recorded (import_runs): the offers are what
	// must not change.
	before := offersState(t, db)
	code, _, stderr := runCmd(t, "offers", "import", "--db", db, "--replace-source", "demo", bad)
	if code != 1 || !strings.Contains(stderr, bad+":401: contract :") || !strings.Contains(stderr, "database is unchanged") {
		t.Fatalf("bad feed: exit %d\n%s", code, stderr)
	}
	if after := offersState(t, db); after != before {
		t.Errorf("a refused feed changed the offers: %s, then %s", before, after)
	}
	// The first 400 again, replacing the source: the other 200 expire.
	good := filepath.Join(dir, "part.jsonl")
	os.WriteFile(good, []byte(strings.Join(lines[:400], "\n")+"\n"), 0o644)
	if code, out, _ := runCmd(t, "offers", "import", "--db", db, "--replace-source", "demo", good); code != 0 || !strings.Contains(out, "imported 400 offers, skipped 0 invalid, expired 200") {
		t.Fatalf("replace-source: %d %s", code, out)
	}
}

// countingReader counts what was read of a feed.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// An import that fails, or is interrupted, stops reading its feed.
func TestOffersImportStopsReading(t *testing.T) {
	var gen bytes.Buffer
	if code := run(context.Background(), []string{"offers", "generate", "-n", "1", "--seed", "5"}, func(string) string { return "" }, &gen, io.Discard); code != 0 {
		t.Fatalf("generate: exit %d", code)
	}
	feed := bytes.Repeat(gen.Bytes(), 20000)
	for name, setup := range map[string]func() (context.Context, func(*store.Prepared) error){
		"put fails": func() (context.Context, func(*store.Prepared) error) {
			return context.Background(), func(*store.Prepared) error { return errors.New("disk full") }
		},
		"interrupted": func() (context.Context, func(*store.Prepared) error) {
			ctx, cancel := context.WithCancel(context.Background())
			return ctx, func(*store.Prepared) error { cancel(); return nil }
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, put := setup()
			r := &countingReader{r: bytes.NewReader(feed)}
			var probs problem.List
			if _, err := readJSONL(ctx, "feed.jsonl", r, &probs, put); err == nil {
				t.Fatal("no error")
			}
			if r.n > len(feed)/2 {
				t.Errorf("read %d of %d bytes after the import stopped", r.n, len(feed))
			}
		})
	}
}

// With a headroom, the heap is kept near what the offer index needs: a
// soft memory limit set after each build, room for two indexes during one.
func TestMemoryLimitFollowsTheIndex(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	m := &memorySizer{log: slog.New(slog.NewTextHandler(io.Discard, nil)), headroom: 64 << 20}
	m.beforeBuild()
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("before the first build: limit %d MiB, want none", limit>>20)
	}
	if gogc := debug.SetGCPercent(firstBuildGOGC); gogc != firstBuildGOGC {
		t.Errorf("during the first build: GOGC %d, want %d", gogc, firstBuildGOGC)
	}
	m.afterBuild()
	if gogc := debug.SetGCPercent(100); gogc != 100 {
		t.Errorf("after the first build: GOGC %d, want 100 again", gogc)
	}
	if limit := debug.SetMemoryLimit(-1); limit != m.live+64<<20 || m.live <= 0 {
		t.Errorf("after a build: limit %d MiB, want the live heap (%d MiB) + 64 MiB", limit>>20, m.live>>20)
	}
	m.beforeBuild()
	if limit := debug.SetMemoryLimit(-1); limit != 2*m.live+16<<20 {
		t.Errorf("during a rebuild: limit %d MiB, want twice the live heap + a quarter of the headroom, 16 MiB", limit>>20)
	}
	m.inPlace = true
	m.beforeBuild()
	if limit := debug.SetMemoryLimit(-1); limit != m.live+16<<20 {
		t.Errorf("during an in-place rebuild: limit %d MiB, want the live heap + a quarter of the headroom, 16 MiB", limit>>20)
	}
}

// offersState sums up the offers of a database: their generation, and
// the keys and dates of the live ones.
func offersState(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	gen, err := db.EachLiveOffer(context.Background(), time.Now(), func(o *store.LiveOffer) error {
		fmt.Fprintf(&b, "%d:%d:%d ", o.Key, o.Published, o.Expires)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("generation %d, offers %x", gen, sha256.Sum256([]byte(b.String())))
}
