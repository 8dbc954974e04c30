// Package store keeps the site in SQLite: the importer writes whole
// generations of content in one transaction, the web side only reads.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	_ "modernc.org/sqlite"

	"vocation/internal/failure" // the pure Go driver, registered as "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when a fiche, page, sector or offer does not
// exist.
var ErrNotFound error = failure.New(failure.NotFound, "Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée.")

// DB is the database: one writer connection beside a small reader pool, so
// that an import never waits behind readers and readers never queue on the
// writer (WAL lets them read the last committed generation meanwhile).
type DB struct {
	path  string
	write *sql.DB
	read  *sql.DB
	// shm is the -shm file the change counter maps, closed after SQLite's
	// own connections (OpenChangeCounter says why).
	shmMu sync.Mutex
	shm   *os.File
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	// The driver runs busy_timeout first, then the _pragma list, then the
	// named settings: the page size must come before WAL mode fixes it.
	q.Set("_busy_timeout", "10000")
	// Offers are ~3 KB rows: 16 KB pages hold them without overflow pages,
	// and a million-offer import makes a quarter of the writes. It only
	// applies to a new database.
	q.Add("_pragma", "page_size(16384)")
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "NORMAL")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and migrates it.
func Open(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	db := &DB{path: path, write: w}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	// Same open and idle counts: the default pool churns SQLite connections.
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	r.SetConnMaxLifetime(0)
	db.read = r
	return db, nil
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close closes both pools.
func (db *DB) Close() error {
	err := errors.Join(db.read.Close(), db.write.Close())
	db.shmMu.Lock()
	defer db.shmMu.Unlock()
	if db.shm != nil {
		err = errors.Join(err, db.shm.Close())
		db.shm = nil
	}
	return err
}

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now'))) STRICT`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	slices.Sort(names)
	for _, name := range names {
		version := strings.TrimSuffix(filepath.Base(name), ".sql")
		if err := db.applyMigration(ctx, name, version); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, name, version string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", version, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return fmt.Errorf("migration %s: %w", version, err)
	}
	if n > 0 {
		return nil
	}
	src, err := migrations.ReadFile(name)
	if err != nil {
		return fmt.Errorf("migration %s: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, string(src)); err != nil {
		return fmt.Errorf("migration %s: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES (?)`, version); err != nil {
		return fmt.Errorf("migration %s: %w", version, err)
	}
	return tx.Commit()
}

// Generation is the number of the last committed import.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := db.read.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'`).Scan(&g)
	if err != nil {
		return 0, fmt.Errorf("read generation: %w", err)
	}
	return g, nil
}

// ChangeFile is the file whose size or modification time changes when any
// connection commits: in WAL mode every commit appends to the -wal file
// (or creates it), while the main file only changes on checkpoints, which
// change nothing a reader sees. The fallback to ChangeCounter.
func (db *DB) ChangeFile() string { return db.path + "-wal" }
