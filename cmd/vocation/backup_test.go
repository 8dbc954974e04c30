package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vocation/internal/store"
)

func ficheTitle(t *testing.T, path, slug string) string {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var title string
	if err := db.Read(context.Background(), func(tx *store.Tx) error {
		f, err := tx.Fiche(slug)
		if err == nil {
			title = f.Title
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return title
}

// TestBackupWhileServingAndRestore copies the database while serve runs,
// changes the content, then restores the copy as docs/operations.md says:
// serve stopped, the copy written back over the database with --force.
func TestBackupWhileServingAndRestore(t *testing.T) {
	tmp := t.TempDir()
	db, copy := filepath.Join(tmp, "v.db"), filepath.Join(tmp, "backup", "v-copy.db")
	if err := os.Mkdir(filepath.Dir(copy), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{"secteurs.yaml": sectorsYAML, "metiers/a.md": ficheFile("Avant", "")})
	if code, _, stderr := runCmd(t, "import", "--content", dir, "--db", db); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--content", dir, "--db", db, "--addr", addr}, func(string) string { return "" }, io.Discard, io.Discard)
	}()
	waitFor(t, "serve", func() bool { s, _ := fetch("http://" + addr + "/metiers/a"); return s == 200 })

	if code, out, stderr := runCmd(t, "backup", "--db", db, "--to", copy); code != 0 || !strings.Contains(out, "copied") {
		t.Fatalf("backup while serving: exit %d %s %s", code, out, stderr)
	}
	if code, _, stderr := runCmd(t, "backup", "--db", db, "--to", copy); code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("a second backup to the same file: exit %d %s, want a refusal that names --force", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "metiers/a.md"), []byte(ficheFile("Après", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "import", "--content", dir, "--db", db); code != 0 {
		t.Fatalf("second import: %s", stderr)
	}
	waitFor(t, "the new content", func() bool { _, b := fetch("http://" + addr + "/metiers/a"); return strings.Contains(b, "Après") })
	cancel()
	<-done

	if code, _, stderr := runCmd(t, "backup", "--db", copy, "--to", db, "--force"); code != 0 {
		t.Fatalf("restore: %s", stderr)
	}
	if got := ficheTitle(t, db, "a"); got != "Avant" {
		t.Errorf("restored fiche title = %q, want the backed-up %q", got, "Avant")
	}
	if got := ficheTitle(t, copy, "a"); got != "Avant" {
		t.Errorf("the backup itself reads %q", got)
	}
}
