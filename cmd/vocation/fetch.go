package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"vocation/internal/config"
	"vocation/internal/francetravail"
	"vocation/internal/offer"
	"vocation/internal/problem"
	"vocation/internal/store"
)

// fetchOffers fetches the offers of some ROME codes from France Travail
// and imports them as one snapshot. The pages are checked as they come
// and spooled to disk, and only then imported, in one transaction: the
// database is never locked while the network is slow, and a run that
// fails anywhere, network, credentials or a malformed page, stores
// nothing.
func fetchOffers(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) int {
	if cfg.FTClientID == "" || cfg.FTClientSecret == "" {
		fmt.Fprintln(stderr, "offers fetch: set FRANCETRAVAIL_CLIENT_ID and FRANCETRAVAIL_CLIENT_SECRET (francetravail.io, API Offres d'emploi v2)")
		return 2
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		log.Error("open database", slog.Any("err", err))
		return 1
	}
	defer db.Close()
	start := time.Now()
	res, err := fetchSnapshot(ctx, cfg, db, log, stderr)
	recordRun(ctx, db, log, "fetch", start, res, err)
	if err != nil {
		fmt.Fprintf(stderr, "offers fetch: %v\nimport refused: the database is unchanged\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "fetched and imported %d offers, expired %d, in %s\n", res.Upserted, res.Expired, time.Since(start).Round(time.Millisecond))
	return 0
}

func fetchSnapshot(ctx context.Context, cfg config.Config, db *store.DB, log *slog.Logger, stderr io.Writer) (store.OfferImport, error) {
	romes := cfg.Rome
	if len(romes) == 0 {
		var err error
		if romes, err = db.PublishedRomeCodes(ctx); err != nil {
			return store.OfferImport{}, err
		}
		if len(romes) == 0 {
			return store.OfferImport{}, errors.New("no --rome and no published fiche with a ROME code: run import first")
		}
	}
	spool, err := os.MkdirTemp("", "vocation-fetch-")
	if err != nil {
		return store.OfferImport{}, fmt.Errorf("spool: %w", err)
	}
	defer os.RemoveAll(spool)
	client := francetravail.New(cfg.APIURL, cfg.TokenURL, cfg.FTClientID, cfg.FTClientSecret, &http.Client{Timeout: time.Minute}, log)
	var probs problem.List
	var pages []string
	var tally offer.Tally
	for _, code := range romes {
		n := 0
		total, err := client.Fetch(ctx, code, func(body []byte) (int, error) {
			n++
			label := fmt.Sprintf("France Travail %s page %d", code, n)
			t, err := offer.ReadFranceTravail(label, bytes.NewReader(body), &probs, func(*offer.Offer) error { return nil })
			if err != nil {
				return 0, fmt.Errorf("%s: the page cannot be read whole", label)
			}
			tally.Offers += t.Offers
			tally.Invalid += t.Invalid
			path := filepath.Join(spool, fmt.Sprintf("%06d.json", len(pages)))
			if err := os.WriteFile(path, body, 0o600); err != nil {
				return 0, fmt.Errorf("spool: %w", err)
			}
			pages = append(pages, path)
			return t.Offers, nil
		})
		if err != nil {
			probs.Sort()
			report(stderr, probs)
			return store.OfferImport{}, fmt.Errorf("%s: %w", code, err)
		}
		log.Info("fetched", slog.String("rome", code), slog.Int("offers", total), slog.Int("pages", n))
	}
	probs.Sort()
	report(stderr, probs)
	if tally.Offers == 0 {
		// It would expire every offer of these codes: an empty answer
		// for all of them says more about the API than about the jobs.
		return store.OfferImport{}, fmt.Errorf("no offer from France Travail for any of the %d codes: refused, it would expire all of theirs", len(romes))
	}
	if tally.Invalid*100 > tally.Offers*maxInvalid {
		return store.OfferImport{}, fmt.Errorf("%d of %d offers are invalid, more than %d %%", tally.Invalid, tally.Offers, maxInvalid)
	}
	log.Info("importing", slog.Int("offers", tally.Offers-tally.Invalid), slog.Int("calls", client.Calls))
	return db.ImportSnapshot(ctx, store.Snapshot{Source: "francetravail", Romes: romes}, func(put func(*store.Prepared) error) error {
		// An offer shown on two pages (the list moved while paging) or
		// under two codes is stored once.
		seen := map[string]bool{}
		for _, path := range pages {
			body, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("spool: %w", err)
			}
			var again problem.List // reported already
			if _, err := offer.ReadFranceTravail(path, bytes.NewReader(body), &again, func(o *offer.Offer) error {
				if seen[o.ID] {
					return nil
				}
				seen[o.ID] = true
				p := store.Prepare(o)
				return put(&p)
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordRun keeps the outcome of an import for /metrics; failing to is
// worth a warning, not a failed import.
func recordRun(ctx context.Context, db *store.DB, log *slog.Logger, kind string, start time.Time, res store.OfferImport, err error) {
	r := store.ImportRun{Kind: kind, Started: start, Duration: time.Since(start), OK: err == nil, Offers: res.Upserted, Expired: res.Expired}
	if err != nil {
		r.Offers, r.Expired, r.Err = 0, 0, err.Error()
	}
	if err := db.RecordRun(context.WithoutCancel(ctx), r); err != nil {
		log.Warn("record import run", slog.Any("err", err))
	}
}
