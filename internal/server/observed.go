package server

import (
	"slices"
	"strings"
	"time"

	"vocation/internal/offerindex"
	"vocation/web"
)

// feedLabels name the feeds offers come from, for the figures computed
// from them.
var feedLabels = map[string]string{"demo": "données de démonstration", "francetravail": "France Travail"}

var bandLabels = map[string]string{"debutant": "Débutant accepté", "1-4": "1 à 4 ans d’expérience demandés",
	"5+": "5 ans d’expérience ou plus", "inconnue": "Expérience non précisée"}

// observedView shapes the salaries stated by a fiche's live offers, read
// by the offer index at at; nil when too few offers state one.
func observedView(o *offerindex.Observed, at time.Time) *web.ObservedSalaries {
	if o == nil {
		return nil
	}
	var feeds []string
	for _, src := range o.Sources {
		label := feedLabels[src]
		if strings.HasPrefix(src, "demo-") {
			label = feedLabels["demo"]
		}
		if label == "" {
			label = src
		}
		if !slices.Contains(feeds, label) {
			feeds = append(feeds, label)
		}
	}
	v := &web.ObservedSalaries{Offers: o.Offers, Date: web.Date(at), Source: strings.Join(feeds, ", "), Median: web.Euros(o.Median),
		MinOffers: offerindex.MinOffers}
	row := func(label string, s offerindex.Stats) web.ObservedRow {
		return web.ObservedRow{Label: label, Offers: web.Number(s.Offers), Q1: web.Euros(s.Q1), Median: web.Euros(s.Median), Q3: web.Euros(s.Q3)}
	}
	v.Rows = append(v.Rows, row("Toutes les offres", o.Stats))
	for _, b := range o.Bands {
		v.Rows = append(v.Rows, row(bandLabels[b.Band], b.Stats))
	}
	return v
}
