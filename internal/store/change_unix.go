//go:build unix

package store

import (
	"encoding/binary"
	"fmt"
	"os"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// ChangeCounter reads SQLite's own commit counter from the shared memory
// of the WAL index (the -shm file, format in sqlite.org/walformat.html):
// iChange at offset 8 is incremented by every committing transaction, in
// any process, before readers can see it. Reading it is a memory load, so
// the server can check for a new import on every request for free.
type ChangeCounter struct {
	mem []byte
}

// OpenChangeCounter maps the -shm file of an open database read-only.
//
// The descriptor stays open until the database closes: POSIX drops every
// lock a process holds on a file when it closes any descriptor of it, and
// SQLite's locks on the -shm file are what keep another process from
// taking the WAL index for its own and truncating it under this one.
func (db *DB) OpenChangeCounter() (*ChangeCounter, error) {
	db.shmMu.Lock()
	defer db.shmMu.Unlock()
	if db.shm == nil {
		f, err := os.Open(db.path + "-shm")
		if err != nil {
			return nil, fmt.Errorf("open wal index: %w", err)
		}
		db.shm = f
	}
	mem, err := syscall.Mmap(int(db.shm.Fd()), 0, 48, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("map wal index: %w", err)
	}
	if v := binary.NativeEndian.Uint32(mem[0:4]); v != 3007000 {
		syscall.Munmap(mem)
		return nil, fmt.Errorf("unexpected wal index version %d", v)
	}
	return &ChangeCounter{mem: mem}, nil
}

// Load returns the current commit counter and frame count.
func (c *ChangeCounter) Load() uint64 {
	change := atomic.LoadUint32((*uint32)(unsafe.Pointer(&c.mem[8])))
	frames := atomic.LoadUint32((*uint32)(unsafe.Pointer(&c.mem[16])))
	return uint64(change)<<32 | uint64(frames)
}

// Close unmaps the file.
func (c *ChangeCounter) Close() error { return syscall.Munmap(c.mem) }
