package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoLines are n generated offers, one a line.
func demoLines(t *testing.T, n int) []string {
	t.Helper()
	var gen bytes.Buffer
	if code := run(context.Background(), []string{"offers", "generate", "-n", fmt.Sprint(n), "--seed", "7"}, func(string) string { return "" }, &gen, io.Discard); code != 0 {
		t.Fatalf("generate: exit %d", code)
	}
	return strings.Split(strings.TrimSpace(gen.String()), "\n")
}

// breakLines makes the offers at the given indexes invalid.
func breakLines(lines []string, at ...int) []string {
	out := append([]string(nil), lines...)
	for _, i := range at {
		out[i] = strings.Replace(out[i], `"contract":"`, `"contract":"x`, 1)
	}
	return out
}

func writeFeed(t *testing.T, dir, name string, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A feed from outside loses its invalid offers, each reported, as long as
// they are at most 1 % of it; past that, or when the file itself is
// broken, nothing is imported.
func TestFeedSkipsInvalidOffers(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	lines := demoLines(t, 100)
	if code, out, stderr := runCmd(t, "offers", "import", "--db", db, writeFeed(t, dir, "first.jsonl", strings.Join(lines[:10], "\n"))); code != 0 {
		t.Fatalf("first import: %d %s %s", code, out, stderr)
	}
	refused := func(name, body string, want ...string) {
		t.Helper()
		before := offersState(t, db)
		feed := writeFeed(t, dir, name, body)
		code, out, stderr := runCmd(t, "offers", "import", "--db", db, feed)
		if code != 1 || out != "" || !strings.Contains(stderr, "import refused: the database is unchanged") {
			t.Errorf("%s: exit %d, stdout %q\n%s", name, code, out, stderr)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: want %q in\n%s", name, w, stderr)
			}
		}
		if after := offersState(t, db); after != before {
			t.Errorf("%s: a refused feed changed the offers", name)
		}
	}

	// 1 invalid offer of 100 is 1 %: skipped, reported, counted.
	feed := writeFeed(t, dir, "one.jsonl", strings.Join(breakLines(lines, 41), "\n"))
	code, out, stderr := runCmd(t, "offers", "import", "--db", db, feed)
	if code != 0 || !strings.Contains(out, "imported 99 offers, skipped 1 invalid,") || !strings.Contains(stderr, feed+":42: contract :") {
		t.Errorf("1 %%: exit %d\n%s%s", code, out, stderr)
	}
	// 1 of 99 is more than 1 %, and so are 2 of 100.
	refused("ninety-nine.jsonl", strings.Join(breakLines(lines[:99], 41), "\n"), ":42: contract :", "1 of 99 offers are invalid, more than 1 %")
	refused("two.jsonl", strings.Join(breakLines(lines, 3, 41), "\n"), ":4: contract :", ":42: contract :", "2 of 100 offers are invalid")
	// Broken files: a line too long to read, JSON cut short, no file.
	refused("long.jsonl", lines[0]+"\n"+strings.Repeat("x", 2<<20)+"\n"+lines[1], "long.jsonl:2: ligne : illisible")
	refused("cut.json", `{"resultats": [{"id": "1", "intitule": "x"}, {"id": `, "cut.json:1: resultats : offre illisible")
	refused("empty.json", "", "empty.json:1: resultats :")
	code, _, stderr = runCmd(t, "offers", "import", "--db", db, filepath.Join(dir, "missing.json"))
	if code != 1 || !strings.Contains(stderr, "missing.json:1: fichier : impossible à lire") {
		t.Errorf("missing file: exit %d\n%s", code, stderr)
	}
}

// The same rule for France Travail's format: an offer is skipped at the
// line where it starts.
func TestFranceTravailFeedSkipsInvalidOffers(t *testing.T) {
	src, err := os.ReadFile("../../internal/offer/testdata/francetravail-2024-07.json")
	if err != nil {
		t.Fatal(err)
	}
	var body struct{ Resultats []map[string]any }
	if err := json.Unmarshal(src, &body); err != nil {
		t.Fatal(err)
	}
	var offers []map[string]any
	for i := range 100 {
		o := map[string]any{}
		for k, v := range body.Resultats[i%len(body.Resultats)] {
			o[k] = v
		}
		o["id"] = fmt.Sprintf("T%03d", i)
		offers = append(offers, o)
	}
	offers[50]["dateCreation"] = "hier"
	out, _ := json.MarshalIndent(map[string]any{"resultats": offers}, "", " ")
	// Where offer 50 starts: the 51st line that opens an offer, indented
	// twice as the elements of resultats are.
	start, seen := 0, 0
	for i, l := range strings.Split(string(out), "\n") {
		if l == "  {" {
			if seen++; seen == 51 {
				start = i + 1
				break
			}
		}
	}
	dir := t.TempDir()
	feed := writeFeed(t, dir, "ft.json", string(out))
	code, stdout, stderr := runCmd(t, "offers", "import", "--db", filepath.Join(dir, "v.db"), feed)
	if code != 0 || !strings.Contains(stdout, "imported 99 offers, skipped 1 invalid,") || !strings.Contains(stderr, fmt.Sprintf("%s:%d: dateCreation :", feed, start)) {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	offers[51]["typeContrat"] = "XYZ"
	out, _ = json.MarshalIndent(map[string]any{"resultats": offers}, "", " ")
	code, stdout, stderr = runCmd(t, "offers", "import", "--db", filepath.Join(dir, "v.db"), writeFeed(t, dir, "ft2.json", string(out)))
	if code != 1 || !strings.Contains(stderr, "2 of 100 offers are invalid") {
		t.Errorf("2 of 100: exit %d\n%s%s", code, stdout, stderr)
	}
}

// Offers under content/offres are the editors': one invalid offer in 100,
// which a feed would lose, refuses the whole import.
func TestContentOffersAreAllOrNothing(t *testing.T) {
	lines := demoLines(t, 100)
	dir := writeTree(t, map[string]string{
		"secteurs.yaml":          sectorsYAML,
		"metiers/developpeur.md": ficheFile("Développeur", ""),
		"offres/demo.jsonl":      strings.Join(breakLines(lines, 41), "\n") + "\n",
	})
	code, out, stderr := runCmd(t, "import", "--content", dir, "--db", filepath.Join(t.TempDir(), "v.db"))
	if code != 1 || !strings.Contains(stderr, "offres/demo.jsonl:42: contract :") || !strings.Contains(stderr, "import refused") {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
}
