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

// errInvalidFeed stops an offers import with a feed refused whole: its
// problems were printed, and nothing is stored.
var errInvalidFeed = errors.New("invalid feed")

// maxInvalid is the share of invalid offers past which a feed is refused
// whole, in percent: a few broken offers are the source's, more say the
// feed or its reading is wrong.
const maxInvalid = 1

// importOffers streams every feed into one transaction. An invalid offer
// is skipped and reported; a feed that is malformed, or has more than
// maxInvalid % of invalid offers, stores nothing, of any feed. Decoding
// and stemming, most of the work, run on every core; one goroutine writes.
func importOffers(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		log.Error("open database", slog.Any("err", err))
		return 1
	}
	defer db.Close()
	start := time.Now()
	var probs problem.List
	var refusal string
	skipped := 0
	res, err := db.StreamPrepared(ctx, cfg.ReplaceSource, func(put func(*store.Prepared) error) error {
		for _, path := range cfg.Feeds {
			t, err := readFeed(ctx, path, &probs, put)
			switch {
			case errors.Is(err, offer.ErrMalformed):
				refusal = path + ": the file cannot be read whole: feed refused"
				return errInvalidFeed
			case err != nil:
				return err
			case t.Invalid*100 > t.Offers*maxInvalid:
				refusal = fmt.Sprintf("%s: %d of %d offers are invalid, more than %d %%: feed refused", path, t.Invalid, t.Offers, maxInvalid)
				return errInvalidFeed
			}
			skipped += t.Invalid
		}
		return nil
	})
	if err != nil && errors.Is(err, errInvalidFeed) {
		err = fmt.Errorf("%w: %s", err, refusal)
	}
	recordRun(ctx, db, log, "offers", start, res, err)
	probs.Sort()
	report(stderr, probs)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "import interrupted: the database is unchanged")
		return 1
	default:
		if errors.Is(err, errInvalidFeed) {
			fmt.Fprintln(stderr, refusal)
		} else {
			log.Error("offers import failed", slog.Any("err", err))
		}
		fmt.Fprintln(stderr, "import refused: the database is unchanged")
		return 1
	}
	fmt.Fprintf(stdout, "imported %d offers, skipped %d invalid, expired %d, in %s\n", res.Upserted, skipped, res.Expired, time.Since(start).Round(time.Millisecond))
	return 0
}

// readFeed reads one feed, .json as France Travail's search body, any
// other as JSON Lines, handing its valid offers to put.
func readFeed(ctx context.Context, path string, probs *problem.List, put func(*store.Prepared) error) (offer.Tally, error) {
	f, err := os.Open(path)
	if err != nil {
		probs.Errorf(path, 1, "fichier", "impossible à lire : %v", err)
		return offer.Tally{}, offer.ErrMalformed
	}
	defer f.Close()
	if strings.HasSuffix(path, ".json") {
		return offer.ReadFranceTravail(path, f, probs, func(o *offer.Offer) error {
			p := store.Prepare(o)
			return put(&p)
		})
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
func readJSONL(ctx context.Context, path string, r io.Reader, probs *problem.List, put func(*store.Prepared) error) (offer.Tally, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.NumCPU()
	lines := make(chan []rawLine, workers*2)
	out := make(chan []store.Prepared, workers*2)
	lists := make([]problem.List, workers)
	invalid := make([]int, workers)
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
					} else {
						invalid[w]++
					}
				}
				out <- prepared
			}
		}()
	}
	readErr := make(chan error, 1)
	var t offer.Tally
	go func() {
		var batch []rawLine
		err := offer.ReadLines(path, r, probs, func(n int, b []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			t.Offers++
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
	for w, l := range lists {
		*probs = append(*probs, l...)
		t.Invalid += invalid[w]
	}
	if putErr != nil {
		return t, putErr
	}
	return t, err
}

// generateOffers writes demo offers drawn from the content tree's ROME
// referential and fiches, read now, so that a fiche added since the last
// generation gets offers too; without the referential, from the built-in
// list, said on stderr.
func generateOffers(cfg config.Config, stdout, stderr io.Writer) int {
	if _, err := os.Stat(cfg.Content); err != nil {
		fmt.Fprintf(stderr, "vocation: offers generate: no content directory %s\n", cfg.Content)
	}
	src, err := offer.LoadDemoSource(os.DirFS(cfg.Content))
	if err != nil {
		fmt.Fprintf(stderr, "vocation: offers generate: %s: %v\n", cfg.Content, err)
		return 1
	}
	fmt.Fprintf(stderr, "offers generate: %s\n", src)
	if err := src.Generate(stdout, cfg.Count, cfg.Seed); err != nil {
		fmt.Fprintf(stderr, "vocation: %v\n", err)
		return 1
	}
	return 0
}
