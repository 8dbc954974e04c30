package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"vocation/internal/config"
	"vocation/internal/store"
)

// backup copies the database while serve may run (docs/operations.md,
// "Backups", says how to restore).
func backup(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	if _, err := os.Stat(cfg.DB); err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return 1
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		log.Error("open database", slog.Any("err", err))
		return 1
	}
	defer db.Close()
	start := time.Now()
	if err := db.Backup(ctx, cfg.To, cfg.Force); err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return 1
	}
	fi, err := os.Stat(cfg.To)
	if err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "copied %s to %s (%d bytes) in %s\n", cfg.DB, cfg.To, fi.Size(), time.Since(start).Round(time.Millisecond))
	return 0
}
