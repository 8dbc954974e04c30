package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"vocation/internal/config"
	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/store"
)

// errInvalidFeed stops an offers import whose feeds have problems: they
// were printed, and nothing is stored.
var errInvalidFeed = errors.New("invalid feed")

// importOffers streams every feed into one transaction: all of them are
// stored, or, at the first feed with a problem, none. Decoding and
// stemming, most of the work, run on every core; one goroutine writes.
func importOffers(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		log.Error("open database", slog.Any("err", err))
		return 1
	}
	defer db.Close()
	start := time.Now()
	var probs problem.List
	res, err := db.StreamPrepared(ctx, cfg.ReplaceSource, func(put func(*store.Prepared) error) error {
		for _, path := range cfg.Feeds {
			if err := readFeed(ctx, path, &probs, put); err != nil {
				return err
			}
			if probs.HasErrors() {
				return errInvalidFeed
			}
		}
		return nil
	})
	probs.Sort()
	report(stderr, probs)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "import interrupted: the database is unchanged")
		return 1
	default:
		if !errors.Is(err, errInvalidFeed) {
			log.Error("offers import failed", slog.Any("err", err))
		}
		fmt.Fprintln(stderr, "import refused: the database is unchanged")
		return 1
	}
	fmt.Fprintf(stdout, "imported %d offers, expired %d, in %s\n", res.Upserted, res.Expired, time.Since(start).Round(time.Millisecond))
	return 0
}

func readFeed(ctx context.Context, path string, probs *problem.List, put func(*store.Prepared) error) error {
	f, err := os.Open(path)
	if err != nil {
		probs.Errorf(path, 1, "file", "cannot be read: %v", err)
		return nil
	}
	defer f.Close()
	if strings.HasSuffix(path, ".json") {
		for _, o := range offer.DecodeFranceTravail(path, f, probs) {
			p := store.Prepare(&o)
			if err := put(&p); err != nil {
				return err
			}
		}
		return nil
	}
	return readJSONL(ctx, path, f, probs, put)
}

type rawLine struct {
	n int
	b []byte
}

// readJSONL decodes lines on every core and hands the prepared offers to
// put, from this goroutine only. It stops reading when ctx ends or put
// fails: an interrupted import of a large feed must not read it to the end.
func readJSONL(ctx context.Context, path string, r io.Reader, probs *problem.List, put func(*store.Prepared) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.NumCPU()
	lines := make(chan []rawLine, workers*2)
	out := make(chan []store.Prepared, workers*2)
	lists := make([]problem.List, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range lines {
				prepared := make([]store.Prepared, 0, len(batch))
				for _, l := range batch {
					if o, ok := offer.DecodeLine(path, l.n, l.b, &lists[w]); ok {
						prepared = append(prepared, store.Prepare(&o))
					}
				}
				out <- prepared
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		var batch []rawLine
		err := offer.ReadLines(path, r, probs, func(n int, b []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			batch = append(batch, rawLine{n, bytes.Clone(b)})
			if len(batch) == 256 {
				lines <- batch
				batch = nil
			}
			return nil
		})
		if len(batch) > 0 {
			lines <- batch
		}
		close(lines)
		wg.Wait()
		close(out)
		readErr <- err
	}()
	var putErr error
	for batch := range out {
		for i := range batch {
			if putErr == nil {
				if putErr = put(&batch[i]); putErr != nil {
					cancel()
				}
			}
		}
	}
	err := <-readErr
	for _, l := range lists {
		*probs = append(*probs, l...)
	}
	if putErr != nil {
		return putErr
	}
	return err
}

func generateOffers(cfg config.Config, stdout io.Writer) int {
	if err := offer.Generate(stdout, cfg.Count, cfg.Seed); err != nil {
		fmt.Fprintf(os.Stderr, "vocation: %v\n", err)
		return 1
	}
	return 0
}
