package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"vocation/internal/offer"
	"vocation/internal/offerindex"
	"vocation/internal/problem"
	"vocation/internal/text"
)

// The demo offers of `make run` reach every shipped fiche: at least 40 of
// 3,000 are tied to each (its code, and its name or none of its code's
// fiches' names), as the offer index ties them.
func TestDemoOffersReachEveryShippedFiche(t *testing.T) {
	const n = 3000
	var gen, stderr bytes.Buffer
	if code := run(context.Background(), []string{"offers", "generate", "-n", "3000", "--seed", "1", "--content", "../../content"}, func(string) string { return "" }, &gen, &stderr); code != 0 {
		t.Fatalf("generate: exit %d %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "from the ROME referential") {
		t.Errorf("stderr: %s", stderr.String())
	}
	var probs problem.List
	offers := offer.DecodeJSONL("demo.jsonl", &gen, &probs)
	if len(offers) != n || len(probs) > 0 {
		t.Fatalf("%d offers: %s", len(offers), probs)
	}
	site, probs := load("../../content")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var fiches []offerindex.Fiche
	for _, f := range site.Fiches {
		if !f.Draft && len(f.Rome) > 0 {
			fiches = append(fiches, offerindex.Fiche{Slug: f.Slug, Title: f.Title, Aliases: f.Aliases, Rome: f.Rome})
		}
	}
	ties := offerindex.NewTies(fiches)
	tied := map[string]int{}
	for _, o := range offers {
		for _, slug := range ties.Slugs(o.Rome, []byte(text.Stems(o.Title))) {
			tied[slug]++
		}
	}
	for _, f := range fiches {
		if tied[f.Slug] < 40 {
			t.Errorf("%s: %d demo offers of %d", f.Slug, tied[f.Slug], n)
		}
	}
	t.Logf("offers per fiche: %v", tied)
}

// Without a content directory, offers still come, from the built-in
// list, and stderr says why.
func TestGenerateWithoutContent(t *testing.T) {
	var gen, stderr bytes.Buffer
	if code := run(context.Background(), []string{"offers", "generate", "-n", "20", "--content", t.TempDir() + "/none"}, func(string) string { return "" }, &gen, &stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if strings.Count(gen.String(), "\n") != 20 || !strings.Contains(stderr.String(), "no content directory") || !strings.Contains(stderr.String(), "built-in list") {
		t.Errorf("stderr %q", stderr.String())
	}
	if code := run(context.Background(), []string{"offers", "generate", "-n", "2", "--content", writeTree(t, map[string]string{"rome/appellations.csv": "code_rome\n"})}, func(string) string { return "" }, io.Discard, &stderr); code != 1 {
		t.Errorf("a broken referential: exit %d", code)
	}
}
