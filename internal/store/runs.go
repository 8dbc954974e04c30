package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ImportRun is one import as recorded, failed or not.
type ImportRun struct {
	Kind     string // content, offers or fetch
	Started  time.Time
	Duration time.Duration
	OK       bool
	Offers   int
	Expired  int
	Err      string
}

// RecordRun stores one import run. It runs after the import's own
// transaction, committed or rolled back, so that a failure is kept too.
func (db *DB) RecordRun(ctx context.Context, r ImportRun) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO import_runs (kind, started, duration_ms, ok, offers, expired, error)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Kind, r.Started.Unix(), r.Duration.Milliseconds(), r.OK, r.Offers, r.Expired, r.Err)
	if err != nil {
		return fmt.Errorf("record import run: %w", err)
	}
	return nil
}

// RunStats sums up the runs of one kind.
type RunStats struct {
	Kind     string
	Runs     int
	Failures int
	// Last is the most recent run; LastOK the most recent that stored
	// something, zero when none did.
	Last   ImportRun
	LastOK time.Time
}

// ImportRunStats sums up the recorded runs, kind by kind.
func (db *DB) ImportRunStats(ctx context.Context) ([]RunStats, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT r.kind, r.runs, r.failures, l.started, l.duration_ms, l.ok, l.offers, l.expired, l.error, r.last_ok
		FROM (SELECT kind, count(*) AS runs, sum(ok = 0) AS failures, max(id) AS last,
				max(CASE WHEN ok THEN started + duration_ms / 1000 END) AS last_ok
			FROM import_runs GROUP BY kind) r
		JOIN import_runs l ON l.id = r.last ORDER BY r.kind`)
	if err != nil {
		return nil, fmt.Errorf("read import runs: %w", err)
	}
	defer rows.Close()
	var out []RunStats
	for rows.Next() {
		var s RunStats
		var started, ms int64
		var lastOK sql.NullInt64
		if err := rows.Scan(&s.Kind, &s.Runs, &s.Failures, &started, &ms, &s.Last.OK, &s.Last.Offers, &s.Last.Expired, &s.Last.Err, &lastOK); err != nil {
			return nil, fmt.Errorf("read import runs: %w", err)
		}
		s.Last.Kind, s.Last.Started, s.Last.Duration = s.Kind, time.Unix(started, 0), time.Duration(ms)*time.Millisecond
		if lastOK.Valid {
			s.LastOK = time.Unix(lastOK.Int64, 0)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Generations are the content and offers generations and when each last
// changed (zero when not recorded, before migration 007).
type Generations struct {
	Content, Offers     int64
	ContentAt, OffersAt time.Time
}

// ReadGenerations reads both generations in one query.
func (db *DB) ReadGenerations(ctx context.Context) (Generations, error) {
	var g Generations
	var cAt, oAt string
	err := db.read.QueryRowContext(ctx, `SELECT
			(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'),
			(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'offers_generation'),
			coalesce((SELECT value FROM meta WHERE key = 'generation_at'), ''),
			coalesce((SELECT value FROM meta WHERE key = 'offers_generation_at'), '')`).Scan(&g.Content, &g.Offers, &cAt, &oAt)
	if err != nil {
		return g, fmt.Errorf("read generations: %w", err)
	}
	g.ContentAt, g.OffersAt = unixOrZero(cAt), unixOrZero(oAt)
	return g, nil
}

func unixOrZero(s string) time.Time {
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil || n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0)
}

// stampGeneration records when the generation key changed, in the
// transaction that changes it.
func stampGeneration(ctx context.Context, tx *sql.Tx, key string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		key+"_at", fmt.Sprint(time.Now().Unix())); err != nil {
		return fmt.Errorf("stamp %s: %w", key, err)
	}
	return nil
}
