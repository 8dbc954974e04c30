package server

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/offerindex"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

// offerSearch is one search of the offers as /offres reads its
// parameters: the page, its feed and the API all answer from it, so that
// they give the same results and the same counts.
type offerSearch struct {
	// params are the parameters as searched; typed, as given, before
	// words of q were taken as the place.
	params, typed offerParams
	idx           *catalog
	ix            *offerindex.Index
	req           offerindex.Request
	res           offerindex.Result
	// romeLabel is the ROME label of params.rome.
	romeLabel   string
	notice      string
	noticeLinks []web.Link
}

// searchOffers reads the parameters of /offres from v and runs the search.
func (s *Server) searchOffers(c echo.Context, v url.Values) (*offerSearch, error) {
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return nil, err
	}
	p, err := parseOfferParams(v, idx)
	if err != nil {
		return nil, err
	}
	romeLabel := ""
	if p.rome != "" {
		err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
			romeLabel, err = tx.RomeLabel(p.rome)
			return err
		})
		if errors.Is(err, store.ErrNotFound) {
			return nil, failure.InvalidParam("rome", "Code ROME : « "+p.rome+" » n’existe pas dans le référentiel de France Travail.")
		}
		if err != nil {
			return nil, err
		}
	}
	ix, err := s.offerSearchIndex(c)
	if err != nil {
		return nil, err
	}
	typed := p
	if !p.telQuel && p.lieu == "" {
		p.takePlace(ix)
	}
	req, notice := s.offerRequest(p, ix, idx)
	var noticeLinks []web.Link
	if p.typedPlace != "" {
		notice = strings.TrimSpace(fmt.Sprintf("« %s » est un lieu : les offres sont cherchées %s. %s", p.typedPlace, placeLabel(req.Filters), notice))
		noticeLinks = append(noticeLinks, web.Link{Label: "Chercher « " + p.typedPlace + " » comme un mot",
			URL: typed.url(func(q *offerParams) { q.telQuel = true })})
	}
	if len(p.hintContracts) > 0 {
		hint := req
		hint.Query, hint.Filters.Contracts, hint.TotalOnly = text.Parse(p.hintQ), slices.Concat(p.contrats, p.hintContracts), true
		var labels []string
		for _, c := range p.hintContracts {
			labels = append(labels, contractLabels[c])
		}
		notice = strings.TrimSpace(fmt.Sprintf("%s « %s » est aussi un type de contrat : les offres sont cherchées avec ce mot. Pour filtrer par contrat :",
			notice, strings.Join(p.hintWords, " ")))
		noticeLinks = append(noticeLinks, web.Link{
			Label: fmt.Sprintf("« %s » en %s (%s)", p.hintQ, strings.Join(labels, " ou "), web.Plural(ix.Search(hint).Total, "offre", "offres")),
			URL: p.url(func(q *offerParams) {
				q.q = q.hintQ
				for _, c := range q.hintContracts {
					if !slices.Contains(q.contrats, c) {
						q.contrats = append(q.contrats, c)
					}
				}
			})})
	}
	if len(p.typedContracts) > 0 {
		var labels []string
		for _, c := range p.contrats {
			labels = append(labels, contractLabels[c])
		}
		notice = strings.TrimSpace(fmt.Sprintf("« %s » : les offres sont filtrées par contrat (%s). %s",
			strings.Join(p.typedContracts, " "), strings.Join(labels, ", "), notice))
	}
	if p.rome != "" {
		notice = strings.TrimSpace(fmt.Sprintf("Offres du métier « %s » (code ROME %s). %s", romeLabel, p.rome, notice))
		noticeLinks = append(noticeLinks, web.Link{Label: "Voir les offres de tous les métiers", URL: p.url(func(q *offerParams) { q.rome = "" })})
	}
	return &offerSearch{params: p, typed: typed, idx: idx, ix: ix, req: req, res: ix.Search(req), romeLabel: romeLabel,
		notice: notice, noticeLinks: noticeLinks}, nil
}

// hitOffers reads the offers of a page of results, in no order: callers
// lay them out in the order of res.Hits.
func (s *Server) hitOffers(c echo.Context, res offerindex.Result) ([]store.StoredOffer, error) {
	if len(res.Hits) == 0 {
		return nil, nil
	}
	keys := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = h.Key
	}
	var offers []store.StoredOffer
	err := s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		var err error
		offers, err = tx.OffersByKey(keys)
		return err
	})
	return offers, err
}
