package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/crc64"
	"io"
	"strings"
	"time"

	"vocation/internal/offer"
	"vocation/internal/text"
)

// OfferImport is the result of an offers import.
type OfferImport struct {
	Upserted int
	Expired  int
}

// ImportOffers upserts offers by (source, id) in one transaction. With
// replaceSource set, the offers of that source the feed no longer has are
// expired (they leave search and answer 410). Readers keep the previous
// state until it commits.
func (db *DB) ImportOffers(ctx context.Context, offers []offer.Offer, replaceSource string) (OfferImport, error) {
	return db.StreamOffers(ctx, replaceSource, func(put func(*offer.Offer) error) error {
		for i := range offers {
			if err := put(&offers[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// Prepared is an offer with its search stems, computed before the write
// so that it can be done in parallel.
type Prepared struct {
	*offer.Offer
	titleStems, skillStems, textStems string
}

// Prepare computes the stems of o.
func Prepare(o *offer.Offer) Prepared {
	return Prepared{Offer: o, titleStems: text.Stems(o.Title), skillStems: text.Stems(strings.Join(o.Skills, " ")), textStems: text.Stems(o.Description)}
}

// hash sums what the offer index reads of p, to tell an offer a snapshot
// changed from one it only wrote again. CRC-64, not a map hash: every
// process and replica must agree.
func (p *Prepared) hash() int64 {
	o := p.Offer
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	var expires int64
	if !o.Expires.IsZero() {
		expires = o.Expires.Unix()
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%v %g %g %d %d %d %s %g %d %d %d %s\x00", o.Source, o.Contract, o.Postcode, o.City,
		o.HasGeo, o.Lat, o.Lon, o.RemoteDays, o.SalaryMin, o.SalaryMax, o.SalaryUnit, o.SalaryMonths, o.ExperienceYears,
		o.Published.Unix(), expires, o.Rome)
	for _, s := range []string{p.titleStems, p.skillStems, p.textStems} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return int64(h.Sum64())
}

// StreamOffers is ImportOffers for feeds too large to hold: feed calls
// put for each offer. If feed returns an error, nothing is stored.
func (db *DB) StreamOffers(ctx context.Context, replaceSource string, feed func(put func(*offer.Offer) error) error) (OfferImport, error) {
	return db.StreamPrepared(ctx, replaceSource, func(put func(*Prepared) error) error {
		return feed(func(o *offer.Offer) error {
			p := Prepare(o)
			return put(&p)
		})
	})
}

// StreamPrepared is StreamOffers for offers already prepared.
func (db *DB) StreamPrepared(ctx context.Context, replaceSource string, feed func(put func(*Prepared) error) error) (OfferImport, error) {
	return db.streamPrepared(ctx, func(w *offerWriter) (OfferImport, error) { return w.finish(replaceSource) }, feed)
}

func (db *DB) streamPrepared(ctx context.Context, finish func(*offerWriter) (OfferImport, error), feed func(put func(*Prepared) error) error) (OfferImport, error) {
	// The writer's one connection lives as long as the process: the large
	// page cache is the import's alone, and goes back to what it was after.
	var cache int
	if err := db.write.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return OfferImport{}, fmt.Errorf("read the page cache size: %w", err)
	}
	defer db.write.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return OfferImport{}, fmt.Errorf("begin offers import: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		return OfferImport{}, fmt.Errorf("size the import's page cache: %w", err)
	}
	w, err := newOfferWriter(ctx, tx)
	if err != nil {
		return OfferImport{}, err
	}
	defer w.close()
	if err := feed(w.put); err != nil {
		return w.res, err
	}
	res, err := finish(w)
	if err != nil {
		return res, err
	}
	if err := bumpGeneration(ctx, tx, "generation", "offers_generation"); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("commit offers import: %w", err)
	}
	return res, nil
}

func bumpGeneration(ctx context.Context, tx *sql.Tx, keys ...string) error {
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?`, k); err != nil {
			return fmt.Errorf("bump %s: %w", k, err)
		}
		if err := stampGeneration(ctx, tx, k); err != nil {
			return err
		}
	}
	return nil
}

func importOffers(ctx context.Context, tx *sql.Tx, offers []offer.Offer, replaceSource string) (OfferImport, error) {
	w, err := newOfferWriter(ctx, tx)
	if err != nil {
		return OfferImport{}, err
	}
	defer w.close()
	for i := range offers {
		p := Prepare(&offers[i])
		if err := w.put(&p); err != nil {
			return w.res, err
		}
	}
	return w.finish(replaceSource)
}

// offerWriter upserts offers within one transaction, marking each with
// the batch number so that those a feed no longer has can be found.
type offerWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	st    *sql.Stmt
	batch int64
	res   OfferImport
}

func newOfferWriter(ctx context.Context, tx *sql.Tx) (*offerWriter, error) {
	w := &offerWriter{ctx: ctx, tx: tx}
	if err := tx.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'offers_generation'`).Scan(&w.batch); err != nil {
		return nil, fmt.Errorf("read offers generation: %w", err)
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO offers (source, id, title, company, description, contract, city, postcode, lat, lon,
			remote_days, salary_min, salary_max, salary_unit, salary_months, experience_years, published, expires, url, rome, skills,
			title_stems, skill_stems, text_stems, batch, hash, changed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?25)
		ON CONFLICT (source, id) DO UPDATE SET title = excluded.title, company = excluded.company,
			description = excluded.description, contract = excluded.contract, city = excluded.city,
			postcode = excluded.postcode, lat = excluded.lat, lon = excluded.lon, remote_days = excluded.remote_days,
			salary_min = excluded.salary_min, salary_max = excluded.salary_max, salary_unit = excluded.salary_unit,
			salary_months = excluded.salary_months, experience_years = excluded.experience_years, published = excluded.published, expires = excluded.expires,
			url = excluded.url, rome = excluded.rome, skills = excluded.skills, title_stems = excluded.title_stems,
			skill_stems = excluded.skill_stems, text_stems = excluded.text_stems, batch = excluded.batch,
			changed = CASE WHEN offers.hash = excluded.hash THEN offers.changed ELSE excluded.batch END, hash = excluded.hash`)
	if err != nil {
		return nil, fmt.Errorf("prepare offer upsert: %w", err)
	}
	w.st = st
	return w, nil
}

func (w *offerWriter) put(p *Prepared) error {
	o := p.Offer
	var lat, lon any
	if o.HasGeo {
		lat, lon = o.Lat, o.Lon
	}
	var expires int64
	if !o.Expires.IsZero() {
		expires = o.Expires.Unix()
	}
	if _, err := w.st.ExecContext(w.ctx, o.Source, o.ID, o.Title, o.Company, o.Description, o.Contract, o.City, o.Postcode, lat, lon,
		o.RemoteDays, o.SalaryMin, o.SalaryMax, o.SalaryUnit, o.SalaryMonths, o.ExperienceYears, o.Published.Unix(), expires, o.URL, o.Rome,
		strings.Join(o.Skills, "\n"), p.titleStems, p.skillStems, p.textStems, w.batch, p.hash()); err != nil {
		return fmt.Errorf("upsert offer %s/%s: %w", o.Source, o.ID, err)
	}
	w.res.Upserted++
	return nil
}

// finish expires the offers of replaceSource that this batch did not write.
func (w *offerWriter) finish(replaceSource string) (OfferImport, error) {
	if replaceSource == "" {
		return w.res, nil
	}
	now := time.Now().Unix()
	r, err := w.tx.ExecContext(w.ctx, `UPDATE offers SET expires = ?, `+expiredChange+` WHERE source = ? AND batch <> ? AND (expires = 0 OR expires > ?)`,
		now, replaceSource, w.batch, now)
	if err != nil {
		return w.res, fmt.Errorf("expire absent offers of %s: %w", replaceSource, err)
	}
	n, _ := r.RowsAffected()
	w.res.Expired = int(n)
	return w.res, nil
}

func (w *offerWriter) close() { w.st.Close() }

// expiredChange forgets the hash of an offer an import expires: the same
// offer in a later import is changed, new to the index again.
const expiredChange = `hash = 0`

// StoredOffer is an offer as stored, with its internal key.
type StoredOffer struct {
	offer.Offer
	Key int64
}

const offerColumns = `key, source, id, title, company, description, contract, city, postcode, lat, lon, remote_days,
	salary_min, salary_max, salary_unit, salary_months, experience_years, published, expires, url, rome, skills`

// cardColumns are the columns of an offer in a list: the same, but the
// description and skills left unread, the bulk of a row.
const cardColumns = `key, source, id, title, company, '', contract, city, postcode, lat, lon, remote_days,
	salary_min, salary_max, salary_unit, salary_months, experience_years, published, expires, url, rome, ''`

func scanOffer(scan func(...any) error) (StoredOffer, error) {
	var o StoredOffer
	var lat, lon sql.NullFloat64
	var published, expires int64
	var skills string
	err := scan(&o.Key, &o.Source, &o.ID, &o.Title, &o.Company, &o.Description, &o.Contract, &o.City, &o.Postcode, &lat, &lon,
		&o.RemoteDays, &o.SalaryMin, &o.SalaryMax, &o.SalaryUnit, &o.SalaryMonths, &o.ExperienceYears, &published, &expires, &o.URL, &o.Rome, &skills)
	if err != nil {
		return o, err
	}
	o.Lat, o.Lon, o.HasGeo = lat.Float64, lon.Float64, lat.Valid && lon.Valid
	o.Published = time.Unix(published, 0).UTC()
	if expires > 0 {
		o.Expires = time.Unix(expires, 0).UTC()
	}
	if skills != "" {
		o.Skills = strings.Split(skills, "\n")
	}
	return o, nil
}

// Offer reads one offer by its identity, expired or not.
func (t *Tx) Offer(source, id string) (*StoredOffer, error) {
	return t.offerWhere(`source = ? AND id = ?`, source, id)
}

// OfferByKey reads one offer by its key, expired or not.
func (t *Tx) OfferByKey(key int64) (*StoredOffer, error) {
	return t.offerWhere(`key = ?`, key)
}

func (t *Tx) offerWhere(cond string, args ...any) (*StoredOffer, error) {
	o, err := scanOffer(t.tx.QueryRowContext(t.ctx, `SELECT `+offerColumns+` FROM offers WHERE `+cond, args...).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read offer %v: %w", args, err)
	}
	return &o, nil
}

// OffersByKey reads offers by key for a list, in the order given,
// skipping missing ones, in one query. Descriptions and skills are left
// out.
func (t *Tx) OffersByKey(keys []int64) ([]StoredOffer, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	byKey := make(map[int64]StoredOffer, len(keys))
	err := t.each(`SELECT `+cardColumns+` FROM offers WHERE key IN (?`+strings.Repeat(", ?", len(keys)-1)+`)`, args, func(r *sql.Rows) error {
		o, err := scanOffer(r.Scan)
		byKey[o.Key] = o
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read offers: %w", err)
	}
	out := make([]StoredOffer, 0, len(keys))
	for _, k := range keys {
		if o, ok := byKey[k]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// LiveOffer is what the offer search reads of a live offer. The stems
// are bytes: an index build reads a million rows, and strings would copy
// each.
type LiveOffer struct {
	Key             int64
	Contract        string
	Postcode        string
	City            string
	Lat, Lon        float64
	HasGeo          bool
	RemoteDays      int
	SalaryYearMin   int
	SalaryYearMax   int
	ExperienceYears int
	Published       int64
	Expires         int64 // unix seconds, 0 for never
	Demo            bool
	Source          string
	Rome            string
	// Changed is set when an import after the generation EachLiveOfferSince
	// was given changed the offer. Only then are the stems read.
	Changed    bool
	TitleStems []byte
	SkillStems []byte
	TextStems  []byte
}

// EachLiveOffer calls fn for every offer not expired at now, newest
// first, reading in one transaction. Ties go by identity, not by key: keys
// depend on the order of past imports, and every replica that imported
// the same snapshot must rank its offers alike.
func (db *DB) EachLiveOffer(ctx context.Context, now time.Time, fn func(*LiveOffer) error) (generation int64, err error) {
	return db.EachLiveOfferSince(ctx, now, -1, fn)
}

// EachLiveOfferSince is EachLiveOffer for an index of offers generation
// since to update itself: the stems, the bulk of a row, are read only for
// the offers changed after it, and those are marked Changed.
func (db *DB) EachLiveOfferSince(ctx context.Context, now time.Time, since int64, fn func(*LiveOffer) error) (generation int64, err error) {
	err = db.Read(ctx, func(t *Tx) error {
		if err := t.tx.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'offers_generation'`).Scan(&generation); err != nil {
			return fmt.Errorf("read offers generation: %w", err)
		}
		rows, err := t.tx.QueryContext(ctx, `SELECT key, contract, postcode, city, lat, lon, remote_days, salary_min, salary_max,
				salary_unit, salary_months, experience_years, published, expires, source = 'demo' OR source LIKE 'demo-%', source, rome, changed > ?1,
				CASE WHEN changed > ?1 THEN title_stems ELSE '' END, CASE WHEN changed > ?1 THEN skill_stems ELSE '' END, CASE WHEN changed > ?1 THEN text_stems ELSE '' END
			FROM offers WHERE expires = 0 OR expires > ?2 ORDER BY published DESC, source DESC, id DESC`, since, now.Unix())
		if err != nil {
			return fmt.Errorf("list live offers: %w", err)
		}
		defer rows.Close()
		var o LiveOffer
		// The stems are only read during fn: the driver's bytes, not copies.
		var titleStems, skillStems, textStems sql.RawBytes
		for rows.Next() {
			var lat, lon sql.NullFloat64
			var smin, smax int
			var unit string
			var months float64
			if err := rows.Scan(&o.Key, &o.Contract, &o.Postcode, &o.City, &lat, &lon, &o.RemoteDays, &smin, &smax, &unit, &months,
				&o.ExperienceYears, &o.Published, &o.Expires, &o.Demo, &o.Source, &o.Rome, &o.Changed, &titleStems, &skillStems, &textStems); err != nil {
				return fmt.Errorf("list live offers: %w", err)
			}
			o.TitleStems, o.SkillStems, o.TextStems = titleStems, skillStems, textStems
			o.Lat, o.Lon, o.HasGeo = lat.Float64, lon.Float64, lat.Valid && lon.Valid
			o.SalaryYearMin, o.SalaryYearMax = 0, 0
			if unit != "" {
				oo := offer.Offer{SalaryMin: smin, SalaryMax: smax, SalaryUnit: unit, SalaryMonths: months}
				o.SalaryYearMin, o.SalaryYearMax = oo.SalaryYear()
			}
			if err := fn(&o); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	return generation, err
}

// OffersGeneration is the number of the last offers import.
func (db *DB) OffersGeneration(ctx context.Context) (int64, error) {
	var g int64
	err := db.read.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'offers_generation'`).Scan(&g)
	if err != nil {
		return 0, fmt.Errorf("read offers generation: %w", err)
	}
	return g, nil
}
