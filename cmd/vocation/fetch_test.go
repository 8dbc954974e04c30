package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vocation/internal/francetravail/fttest"
	"vocation/internal/store"
)

// runFetch runs offers fetch against the fake API with these credentials.
func runFetch(t *testing.T, api *fttest.API, id, secret, db string, args ...string) (int, string, string) {
	t.Helper()
	env := map[string]string{"FRANCETRAVAIL_CLIENT_ID": id, "FRANCETRAVAIL_CLIENT_SECRET": secret}
	var stdout, stderr bytes.Buffer
	args = append([]string{"offers", "fetch", "--db", db, "--api-url", api.APIURL(), "--token-url", api.TokenURL()}, args...)
	code := run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// liveOffers counts the live offers by ROME code.
func liveOffers(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := map[string]int{}
	if _, err := db.EachLiveOffer(context.Background(), time.Now(), func(o *store.LiveOffer) error { n[o.Rome]++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func offersOf(rome string, counts map[string]int) []fttest.Offer {
	var out []fttest.Offer
	for dept, n := range counts {
		for i := range n {
			out = append(out, fttest.NewOffer(rome, dept, "CDI", i))
		}
	}
	return out
}

// TestFetchPagesSplitsAndImportsOneSnapshot fetches a code that pages
// (206 then 200), one larger than a query reaches (split by département),
// one without offers (204), with one token for the whole run; a second
// run is a new snapshot: what it no longer has expires, other codes stay.
func TestFetchPagesSplitsAndImportsOneSnapshot(t *testing.T) {
	api := fttest.New("id", "secret")
	defer api.Close()
	api.Offers = append(offersOf("A1101", map[string]int{"75": 320}), offersOf("M1805", map[string]int{"69": 1700, "13": 1500, "2A": 3})...)
	db := filepath.Join(t.TempDir(), "v.db")
	code, out, stderr := runFetch(t, api, "id", "secret", db, "--rome", "A1101,M1805,K2111")
	if code != 0 {
		t.Fatalf("fetch: exit %d\n%s%s", code, out, stderr)
	}
	got := liveOffers(t, db)
	if got["A1101"] != 320 || got["M1805"] != 3203 || len(got) != 2 {
		t.Errorf("live offers by code = %v, want A1101: 320, M1805: 3203", got)
	}
	if n := api.TokenCalls.Load(); n != 1 {
		t.Errorf("%d token calls for one run, want 1 (the token is reused until it expires)", n)
	}
	if strings.Contains(out+stderr, "secret") {
		t.Errorf("the output shows the secret:\n%s%s", out, stderr)
	}

	api.Offers = offersOf("A1101", map[string]int{"75": 300})
	code, out, stderr = runFetch(t, api, "id", "secret", db, "--rome", "A1101")
	if code != 0 || !strings.Contains(out, "imported 300 offers, expired 20") {
		t.Fatalf("second fetch: exit %d\n%s%s", code, out, stderr)
	}
	if got := liveOffers(t, db); got["A1101"] != 300 || got["M1805"] != 3203 {
		t.Errorf("after a snapshot of A1101 only: %v, want A1101: 300 and M1805 untouched", got)
	}
}

// TestFetchFailuresImportNothing: refused credentials and a malformed
// page both leave the database as it was, say why, and are recorded.
func TestFetchFailuresImportNothing(t *testing.T) {
	api := fttest.New("id", "secret")
	defer api.Close()
	api.Offers = offersOf("A1101", map[string]int{"75": 400})
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, stderr := runFetch(t, api, "id", "secret", db, "--rome", "A1101"); code != 0 {
		t.Fatalf("first fetch: exit %d\n%s%s", code, out, stderr)
	}
	api.Offers = offersOf("A1101", map[string]int{"75": 10, "13": 500})
	for _, tc := range []struct {
		name, secret string
		malformed    int32
		want         string
	}{
		{"wrong secret", "nope", 0, "refused the credentials"},
		{"malformed third page", "secret", 3, "page 3: the page cannot be read whole"},
		{"no offer at all", "secret", -1000, "no offer from France Travail for any of the 1 codes"},
	} {
		api.Malformed = api.SearchCalls.Load() + tc.malformed
		if tc.malformed < 0 {
			api.Offers = nil
		}
		code, out, stderr := runFetch(t, api, "id", tc.secret, db, "--rome", "A1101")
		if code != 1 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "the database is unchanged") {
			t.Errorf("%s: exit %d, want 1 and %q\n%s%s", tc.name, code, tc.want, out, stderr)
		}
		if strings.Contains(out+stderr, "nope") {
			t.Errorf("%s: the output shows the secret", tc.name)
		}
		if got := liveOffers(t, db); got["A1101"] != 400 {
			t.Errorf("%s: %v live offers, want the 400 of the last good run", tc.name, got)
		}
	}
	d, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	stats, err := d.ImportRunStats(context.Background())
	if err != nil || len(stats) != 1 || stats[0].Runs != 4 || stats[0].Failures != 3 || stats[0].Last.OK {
		t.Errorf("import runs = %+v, %v; want 4 fetch runs, 3 failed, the last failed", stats, err)
	}
}

func TestFetchWithoutCredentialsSaysWhich(t *testing.T) {
	code, _, stderr := runCmd(t, "offers", "fetch", "--db", filepath.Join(t.TempDir(), "v.db"), "--rome", "A1101")
	if code != 2 || !strings.Contains(stderr, "FRANCETRAVAIL_CLIENT_ID") {
		t.Errorf("exit %d, %s", code, stderr)
	}
}

// TestFetchDefaultsToThePublishedFichesCodes: without --rome, the codes
// of the published fiches are fetched, drafts' not.
func TestFetchDefaultsToThePublishedFichesCodes(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"secteurs.yaml": sectorsYAML,
		"metiers/a.md":  ficheFile("A", "rome: [A1101]\n"),
		"metiers/b.md":  ficheFile("B", "rome: [M1805]\ndraft: true\n"),
	})
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, stderr := runCmd(t, "import", "--content", dir, "--db", db); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	api := fttest.New("id", "secret")
	defer api.Close()
	api.Offers = append(offersOf("A1101", map[string]int{"75": 5}), offersOf("M1805", map[string]int{"75": 7})...)
	code, out, stderr := runFetch(t, api, "id", "secret", db)
	if code != 0 {
		t.Fatalf("fetch: exit %d\n%s%s", code, out, stderr)
	}
	if got := liveOffers(t, db); fmt.Sprint(got) != "map[A1101:5]" {
		t.Errorf("live offers = %v, want the 5 of the published fiche's code", got)
	}
}
