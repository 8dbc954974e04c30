package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
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
// stored, or, at the first feed with a problem, none.
func importOffers(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		log.Error("open database", slog.Any("err", err))
		return 1
	}
	defer db.Close()
	start := time.Now()
	var probs problem.List
	res, err := db.StreamOffers(ctx, cfg.ReplaceSource, func(put func(*offer.Offer) error) error {
		for _, path := range cfg.Feeds {
			if err := readFeed(path, &probs, put); err != nil {
				return err
			}
			if probs.HasErrors() {
				return errInvalidFeed
			}
		}
		return nil
	})
	report(stderr, probs)
	if err != nil {
		if !errors.Is(err, errInvalidFeed) {
			log.Error("offers import failed", slog.Any("err", err))
		}
		fmt.Fprintln(stderr, "import refused: the database is unchanged")
		return 1
	}
	fmt.Fprintf(stdout, "imported %d offers, expired %d, in %s\n", res.Upserted, res.Expired, time.Since(start).Round(time.Millisecond))
	return 0
}

func readFeed(path string, probs *problem.List, put func(*offer.Offer) error) error {
	f, err := os.Open(path)
	if err != nil {
		probs.Errorf(path, 1, "file", "cannot be read: %v", err)
		return nil
	}
	defer f.Close()
	if strings.HasSuffix(path, ".json") {
		for _, o := range offer.DecodeFranceTravail(path, f, probs) {
			if err := put(&o); err != nil {
				return err
			}
		}
		return nil
	}
	return offer.ReadJSONL(path, f, probs, put)
}

func generateOffers(cfg config.Config, stdout io.Writer) int {
	if err := offer.Generate(stdout, cfg.Count, cfg.Seed); err != nil {
		fmt.Fprintf(os.Stderr, "vocation: %v\n", err)
		return 1
	}
	return 0
}
