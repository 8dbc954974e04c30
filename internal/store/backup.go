package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrExists is returned by Backup when the copy would replace a file.
var ErrExists = errors.New("the file exists (--force replaces it)")

// Backup writes a consistent copy of the database to path with VACUUM
// INTO: one read transaction, so that a copy taken while the server reads
// and an import writes holds one committed state, compacted. The copy is
// written beside path and renamed over it, so that path is never half
// written; with force it may replace a database, whose stale -wal and
// -shm files go first: SQLite would replay that WAL onto the copy.
func (db *DB) Backup(ctx context.Context, path string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp.Close()
	os.Remove(tmp.Name()) // VACUUM INTO wants to create the file
	defer os.Remove(tmp.Name())
	if _, err := db.write.ExecContext(ctx, `VACUUM INTO ?`, tmp.Name()); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	for _, stale := range []string{path + "-wal", path + "-shm"} {
		if err := os.Remove(stale); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("backup: %w", err)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
