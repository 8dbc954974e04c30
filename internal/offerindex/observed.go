package offerindex

import (
	"math"
	"slices"

	"vocation/internal/store"
)

// MinOffers is how many offers stating a salary a figure needs: the
// median of a handful of offers says more about those offers than about
// the métier, so below it nothing is shown.
const MinOffers = 20

// Observed are the yearly salaries that the live offers tied to a fiche
// state, as the index read them: computed once per build, never per
// request.
type Observed struct {
	Stats
	// Bands are the same by experience asked, those with MinOffers or more.
	Bands []ObservedBand
	// Sources are the feeds the offers came from ("demo", "francetravail"...).
	Sources []string
}

// Stats are how many offers state a salary, and their yearly quartiles
// in euros, rounded to the hundred.
type Stats struct {
	Offers         int
	Q1, Median, Q3 int
}

// ObservedBand is Stats for one band of experience asked.
type ObservedBand struct {
	Band string // one of ExperienceBands
	Stats
}

// ExperienceBands are the bands of experience an offer asks, in order.
var ExperienceBands = []string{"debutant", "1-4", "5+", "inconnue"}

// experienceBand is the band of an offer asking years of experience, -1
// for an offer that does not say.
func experienceBand(years int) uint8 {
	switch {
	case years < 0:
		return 3
	case years == 0:
		return 0
	case years < 5:
		return 1
	}
	return 2
}

// salaryObs is one salaried offer as the statistics need it.
type salaryObs struct {
	yearly int32
	band   uint8
	source uint8
}

// observe keeps what the statistics need of d: its salary, the middle of
// the range it states, the band of experience it asks and its feed.
func (b *Builder) observe(group uint16, d *store.LiveOffer) {
	lo, hi := d.SalaryYearMin, d.SalaryYearMax
	if lo <= 0 {
		lo = hi
	}
	if hi <= 0 {
		hi = lo
	}
	if lo <= 0 {
		return
	}
	src := slices.Index(b.sources, d.Source)
	if src < 0 {
		src = len(b.sources)
		b.sources = append(b.sources, d.Source)
	}
	for len(b.salaries) <= int(group) {
		b.salaries = append(b.salaries, nil)
	}
	b.salaries[group] = append(b.salaries[group], salaryObs{yearly: int32((lo + hi) / 2), band: experienceBand(d.ExperienceYears), source: uint8(min(src, 255))})
}

// observed computes the statistics of every fiche from the offers of the
// groups it belongs to.
func (b *Builder) observed() map[string]*Observed {
	ix := b.ix
	byFiche := map[uint16][]salaryObs{}
	for g, obs := range b.salaries {
		for _, f := range ix.groups[g] {
			byFiche[f] = append(byFiche[f], obs...)
		}
	}
	out := map[string]*Observed{}
	for f, obs := range byFiche {
		if len(obs) < MinOffers {
			continue
		}
		o := &Observed{Stats: stats(obs, func(salaryObs) bool { return true })}
		for band, name := range ExperienceBands {
			if s := stats(obs, func(x salaryObs) bool { return x.band == uint8(band) }); s.Offers >= MinOffers {
				o.Bands = append(o.Bands, ObservedBand{Band: name, Stats: s})
			}
		}
		for _, x := range obs {
			if src := b.sources[x.source]; !slices.Contains(o.Sources, src) {
				o.Sources = append(o.Sources, src)
			}
		}
		slices.Sort(o.Sources)
		out[ix.ties.Slug(f)] = o
	}
	return out
}

// stats are the quartiles of the salaries of the offers keep keeps.
func stats(obs []salaryObs, keep func(salaryObs) bool) Stats {
	var v []float64
	for _, x := range obs {
		if keep(x) {
			v = append(v, float64(x.yearly))
		}
	}
	if len(v) == 0 {
		return Stats{}
	}
	slices.Sort(v)
	return Stats{Offers: len(v), Q1: hundred(Quantile(v, 0.25)), Median: hundred(Quantile(v, 0.5)), Q3: hundred(Quantile(v, 0.75))}
}

// Quantile is the p-quantile of sorted values, interpolated between the
// two nearest ranks (the usual definition of spreadsheets and R's type 7).
func Quantile(sorted []float64, p float64) float64 {
	pos := p * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func hundred(v float64) int { return int(math.Round(v/100) * 100) }

// Observed is the salary statistics of the offers tied to a fiche, nil
// when fewer than MinOffers of them state a salary.
func (ix *Index) Observed(slug string) *Observed { return ix.observed[slug] }
