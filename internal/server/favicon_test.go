package server_test

import (
	"strings"
	"testing"
)

func TestFaviconByName(t *testing.T) {
	r := get(t, mustServer(t, mustDB(t, testTree()), false), "/favicon.ico")
	if r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(r.body, "<svg") {
		t.Errorf("/favicon.ico: %d %q %.60q", r.status, r.header.Get("Content-Type"), r.body)
	}
}
