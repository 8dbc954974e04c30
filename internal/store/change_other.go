//go:build !unix

package store

import "errors"

// ChangeCounter is only available where the WAL index can be mapped.
type ChangeCounter struct{}

// OpenChangeCounter reports that the counter is unavailable; callers fall
// back to stat.
func (db *DB) OpenChangeCounter() (*ChangeCounter, error) {
	return nil, errors.New("wal index mapping is not supported on this system")
}

// Load is never called on this system.
func (c *ChangeCounter) Load() uint64 { return 0 }

// Close does nothing.
func (c *ChangeCounter) Close() error { return nil }
