package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vocation/internal/server"
	"vocation/internal/store"
)

// watch re-imports the content whenever a file under dir changes. Polling
// the tree's sizes and times is simple, portable, and sees the atomic
// renames many editors save with.
func watch(ctx context.Context, dir string, db *store.DB, srv *server.Server, log *slog.Logger, stderr io.Writer) {
	last := ""
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		if fp := fingerprint(dir); fp != last {
			last = fp
			reimport(ctx, dir, db, srv, log, stderr)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func reimport(ctx context.Context, dir string, db *store.DB, srv *server.Server, log *slog.Logger, stderr io.Writer) {
	site, probs := load(dir)
	report(stderr, probs)
	if site == nil {
		lines := make([]string, 0, len(probs))
		for _, p := range probs {
			if !p.Warning {
				lines = append(lines, p.String())
			}
		}
		fmt.Fprintln(stderr, "le contenu a des erreurs : le site garde la dernière version valide")
		srv.ContentChanged(lines)
		return
	}
	gen, err := db.Import(ctx, site)
	if err != nil {
		log.Error("import failed", slog.Any("err", err))
		srv.ContentChanged([]string{"échec de l'import : " + err.Error()})
		return
	}
	log.Info("content imported", slog.Int64("generation", gen), slog.Int("fiches", len(site.Fiches)))
	srv.ContentChanged(nil)
}

func fingerprint(dir string) string {
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s|%d|%d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	if _, err := os.Stat(dir); err != nil {
		return "missing"
	}
	return b.String()
}
