//go:build unix

package store_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// dmsByte is the byte of the -shm file every process with the database
// open holds a shared lock on (UNIX_SHM_DMS in SQLite's os_unix.c): a
// process that can lock it exclusively believes it is the only one and
// truncates the WAL index, under the feet of the others.
const dmsByte = 128

// POSIX drops every lock a process holds on a file when it closes any
// descriptor of that file. The change counter maps the -shm file; if it
// closed its descriptor, the server would lose SQLite's locks on the WAL
// index, and an import in another process would truncate the index while
// the server reads it: "disk I/O error" and "database disk image is
// malformed" under load (make cluster-test).
func TestChangeCounterKeepsSQLiteLocks(t *testing.T) {
	db := open(t)
	if _, err := db.OffersGeneration(context.Background()); err != nil { // SQLite opens the WAL index
		t.Fatal(err)
	}
	if locked := otherProcessSeesDMSLock(t, db.Path()+"-shm"); !locked {
		t.Fatal("no shared lock on the WAL index before the counter: the probe is wrong")
	}
	c, err := db.OpenChangeCounter()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !otherProcessSeesDMSLock(t, db.Path()+"-shm") {
		t.Error("after the change counter opened, another process could lock the WAL index alone")
	}
}

// otherProcessSeesDMSLock asks a child process whether someone holds a
// lock that keeps it from locking the DMS byte exclusively.
func otherProcessSeesDMSLock(t *testing.T, shm string) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "VOCATION_DMS_PROBE="+shm)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	switch strings.TrimSpace(string(out)) {
	case "locked":
		return true
	case "free":
		return false
	}
	t.Fatalf("probe said %q", out)
	return false
}

// TestMain runs the tests, or, as the child of otherProcessSeesDMSLock,
// says whether the DMS byte of the -shm file it is given is locked.
func TestMain(m *testing.M) {
	if shm := os.Getenv("VOCATION_DMS_PROBE"); shm != "" {
		os.Exit(probeDMS(shm))
	}
	os.Exit(m.Run())
}

func probeDMS(shm string) int {
	f, err := os.OpenFile(shm, os.O_RDWR, 0)
	if err != nil {
		os.Stderr.WriteString(err.Error())
		return 1
	}
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Start: dmsByte, Len: 1}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		os.Stderr.WriteString(err.Error())
		return 1
	}
	if lk.Type == syscall.F_UNLCK {
		os.Stdout.WriteString("free\n")
	} else {
		os.Stdout.WriteString("locked\n")
	}
	return 0
}
