package server

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"unicode"

	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// unfiltered is req without its query and filters: a zero Filters would
// still ask for offers without experience.
func unfiltered(req offerindex.Request) offerindex.Request {
	return offerindex.Request{Now: req.Now, Filters: offerindex.Filters{ExperienceMax: -1}}
}

// emptyReason says why a search found nothing: words no offer has, words
// no offer has together, or the filters.
func emptyReason(p offerParams, ix *offerindex.Index, req offerindex.Request) string {
	var unknown []string
	for _, f := range strings.Fields(p.q) {
		if slices.ContainsFunc(strings.Fields(text.Fold(f)), func(w string) bool { return !ix.Knows(w) }) {
			unknown = append(unknown, "« "+f+" »")
		}
	}
	switch {
	case len(unknown) == 1:
		return "Aucune offre ne contient le mot " + unknown[0] + "."
	case len(unknown) > 1:
		return "Aucune offre ne contient les mots " + strings.Join(unknown[:len(unknown)-1], ", ") + " ni " + unknown[len(unknown)-1] + "."
	case req.Query.Empty():
		return "Aucune offre ne passe tous les filtres choisis."
	}
	words := unfiltered(req)
	words.Query, words.TotalOnly = req.Query, true
	if ix.Search(words).Total == 0 {
		return "Aucune offre ne contient tous ces mots à la fois."
	}
	return "Des offres contiennent ces mots, mais aucune ne passe tous les filtres choisis."
}

// suggestions say how to get results: a wider radius, a filter less, a
// spelling the index knows. Each comes with its count.
func (s *Server) suggestions(ctx context.Context, p offerParams, ix *offerindex.Index, req offerindex.Request, res offerindex.Result) []web.Link {
	var out []web.Link
	count := func(r offerindex.Request) int {
		r.TotalOnly = true
		return ix.Search(r).Total
	}
	if req.Filters.Near != nil && p.rayon < 200 {
		wider := map[int]int{0: 20, 10: 50, 20: 50, 50: 100, 100: 200}[p.rayon]
		r := req
		r.Filters.RadiusKm = float64(wider)
		if n := count(r); n > 0 {
			out = append(out, web.Link{Label: fmt.Sprintf("élargir à %d km (%s)", wider, web.Plural(n, "offre", "offres")), URL: p.url(func(q *offerParams) { q.rayon = wider })})
		}
	}
	without := []struct {
		name, label string
		active      bool
		drop        func(*offerParams)
	}{
		{"contrat", "contrat", len(p.contrats) > 0, func(q *offerParams) { q.contrats = nil }},
		{"lieu", "lieu", p.lieu != "", func(q *offerParams) { q.lieu, q.rayon = "", 0 }},
		{"teletravail", "télétravail", p.teletravail > 0, func(q *offerParams) { q.teletravail = 0 }},
		{"experience", "expérience", p.experience >= 0, func(q *offerParams) { q.experience = -1 }},
		{"salaire", "salaire minimum", p.salaireMin > 0, func(q *offerParams) { q.salaireMin = 0 }},
		{"metier", "métier", p.metier != "", func(q *offerParams) { q.metier = "" }},
	}
	for _, w := range without {
		if n := res.Facets.Without[w.name]; w.active && n > 0 {
			out = append(out, web.Link{Label: fmt.Sprintf("sans le filtre %s (%s)", w.label, web.Plural(n, "offre", "offres")), URL: p.url(w.drop)})
		}
	}
	// A word no offer has: the nearest spelling that gives results. With the
	// filters first; if they leave nothing, without any.
	if q, n := s.spelling(ctx, ix, p.q, req); n > 0 {
		return append(out, web.Link{Label: fmt.Sprintf("« %s » (%s)", q, web.Plural(n, "offre", "offres")), URL: p.url(func(o *offerParams) { o.q = q })})
	}
	if p.filtered() {
		if q, n := s.spelling(ctx, ix, p.q, unfiltered(req)); n > 0 {
			return append(out, web.Link{Label: fmt.Sprintf("« %s » sans les filtres (%s)", q, web.Plural(n, "offre", "offres")),
				URL: p.url(func(o *offerParams) { *o = offerParams{q: q, experience: -1, tri: p.tri} })})
		}
	}
	return out
}

// spelling corrects the first word of typed that no offer has, to the
// nearest spelling that gives req results, written as the offers write
// it; the other words stay as typed. n is 0 when there is none.
func (s *Server) spelling(ctx context.Context, ix *offerindex.Index, typed string, req offerindex.Request) (q string, n int) {
	req.TotalOnly = true
	fields := strings.Fields(typed)
	for i, f := range fields {
		parts := strings.Fields(text.Fold(f))
		for j, w := range parts {
			if ix.Knows(w) {
				continue
			}
			with := func(word string) string {
				fixed, part := slices.Clone(fields), slices.Clone(parts)
				part[j] = word
				fixed[i] = strings.Join(part, " ")
				return strings.Join(fixed, " ")
			}
			for _, t := range ix.Spellings(text.Stem(w), 3) {
				r := req
				if r.Query = text.Parse(with(t)); ix.Search(r).Total == 0 {
					continue
				}
				q = with(s.spelled(ctx, ix, t, w, req))
				r.Query = text.Parse(q)
				return q, ix.Search(r).Total
			}
		}
	}
	return "", 0
}

// spelled is the stem t as offers write it, accents and all: of the words
// with that stem in the titles and skills of the offers that rank first
// for t with the search's filters, the nearest to the typed word.
func (s *Server) spelled(ctx context.Context, ix *offerindex.Index, t, typed string, req offerindex.Request) string {
	req.Query, req.Sort, req.Offset, req.Limit, req.TotalOnly = text.Query{Words: [][]string{{t}}}, offerindex.ByRelevance, 0, 3, false
	res := ix.Search(req)
	best, bestDist := t, math.MaxInt
	notWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		for _, h := range res.Hits {
			o, err := tx.OfferByKey(h.Key)
			if err != nil {
				return err
			}
			for _, label := range append([]string{o.Title}, o.Skills...) {
				for _, w := range strings.FieldsFunc(label, notWord) {
					f := text.Fold(w)
					if d := text.Distance(typed, f); d < bestDist && text.Stem(f) == t {
						best, bestDist = strings.ToLower(w), d
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		s.log.Warn("read the offers of a spelling", slog.Any("err", err))
		return t
	}
	return best
}
