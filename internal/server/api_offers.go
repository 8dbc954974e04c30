package server

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/failure"
	"vocation/internal/offer"
	"vocation/internal/store"
	"vocation/internal/text"
)

// apiOfferSalary is an offer's salary as given, in euros (cents for an
// hourly wage, as unit says), and per year when the offer gives no
// hourly wage: an hourly wage says nothing of the hours worked.
type apiOfferSalary struct {
	Min       int      `json:"min"`
	Max       int      `json:"max"`
	Unit      string   `json:"unit"`
	Months    *float64 `json:"months"`
	AnnualMin *int     `json:"annual_min"`
	AnnualMax *int     `json:"annual_max"`
}

type apiOfferCard struct {
	Source          string          `json:"source"`
	ID              string          `json:"id"`
	Title           string          `json:"title"`
	Company         string          `json:"company"`
	Contract        string          `json:"contract"`
	City            string          `json:"city"`
	Postcode        string          `json:"postcode"`
	RemoteDays      *int            `json:"remote_days"`
	ExperienceYears *int            `json:"experience_years"`
	Salary          *apiOfferSalary `json:"salary"`
	Published       string          `json:"published"`
	Expires         *string         `json:"expires"`
	DistanceKm      *float64        `json:"distance_km,omitempty"`
	Path            string          `json:"path"`
	APIPath         string          `json:"api_path"`
}

type apiFacet struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

type apiFacets struct {
	Contracts  []apiFacet `json:"contracts"`
	Remote     []apiFacet `json:"remote_days"`
	Experience []apiFacet `json:"experience_years"`
	Metiers    []apiFacet `json:"metiers"`
	Places     []apiFacet `json:"places"`
}

// apiOffers is /api/v1/offres, with the parameters of /offres.
func (s *Server) apiOffers(c echo.Context) error {
	found, err := s.searchOffers(c, c.QueryParams())
	if err != nil {
		return err
	}
	p, res := found.params, found.res
	offers, err := s.hitOffers(c, res)
	if err != nil {
		return err
	}
	out := struct {
		Query   map[string][]string `json:"query"`
		Total   int                 `json:"total"`
		Page    int                 `json:"page"`
		PerPage int                 `json:"per_page"`
		Pages   int                 `json:"pages"`
		Notice  string              `json:"notice"`
		Results []apiOfferCard      `json:"results"`
		Facets  apiFacets           `json:"facets"`
	}{Query: p.values(), Total: res.Total, Page: p.page, PerPage: perPage, Pages: pageCount(res.Total), Notice: found.notice,
		Results: []apiOfferCard{}}
	byKey := map[int64]store.StoredOffer{}
	for _, o := range offers {
		byKey[o.Key] = o
	}
	for _, h := range res.Hits {
		o, ok := byKey[h.Key]
		if !ok {
			continue
		}
		card := offerData(o.Offer)
		if h.DistanceKm >= 0 && !math.IsInf(h.DistanceKm, 1) {
			d := math.Round(h.DistanceKm*10) / 10
			card.DistanceKm = &d
		}
		out.Results = append(out.Results, card)
	}
	// The facets the page shows, with the same values and counts.
	f := &out.Facets
	f.Contracts, f.Remote, f.Experience, f.Metiers, f.Places = []apiFacet{}, []apiFacet{}, []apiFacet{}, []apiFacet{}, []apiFacet{}
	for _, fc := range res.Facets.Contracts {
		f.Contracts = append(f.Contracts, apiFacet{fc.Value, contractLabels[fc.Value], fc.N, slices.Contains(p.contrats, fc.Value)})
	}
	for _, fc := range res.Facets.Remote {
		d, _ := strconv.Atoi(fc.Value)
		f.Remote = append(f.Remote, apiFacet{fc.Value, remoteLabel(d), fc.N, p.teletravail == d})
	}
	for _, fc := range res.Facets.Experience {
		y, _ := strconv.Atoi(fc.Value)
		f.Experience = append(f.Experience, apiFacet{fc.Value, experienceLabel(y), fc.N, p.experience == y})
	}
	counts := map[string]int{}
	for _, fc := range res.Facets.Metiers {
		counts[fc.Value] = fc.N
	}
	for _, fi := range found.idx.visible(false) {
		if len(fi.Rome) > 0 { // no offers can name the others
			f.Metiers = append(f.Metiers, apiFacet{fi.Slug, fi.Title, counts[fi.Slug], p.metier == fi.Slug})
		}
	}
	for _, fc := range res.Facets.Places {
		pc, city, _ := strings.Cut(fc.Value, "|")
		f.Places = append(f.Places, apiFacet{pc, city + " (" + pc + ")", fc.N, p.lieu == pc})
	}
	return writeJSON(c, out)
}

func offerData(o offer.Offer) apiOfferCard {
	card := apiOfferCard{Source: o.Source, ID: o.ID, Title: o.Title, Company: o.Company, Contract: o.Contract, City: o.City, Postcode: o.Postcode,
		Published: o.Published.UTC().Format(time.RFC3339), Path: offerURL(o), APIPath: apiPrefix + offerURL(o)}
	if o.RemoteDays >= 0 {
		card.RemoteDays = &o.RemoteDays
	}
	if o.ExperienceYears >= 0 {
		card.ExperienceYears = &o.ExperienceYears
	}
	if !o.Expires.IsZero() {
		e := o.Expires.UTC().Format(time.RFC3339)
		card.Expires = &e
	}
	if o.SalaryUnit != "" {
		sal := &apiOfferSalary{Min: o.SalaryMin, Max: o.SalaryMax, Unit: o.SalaryUnit}
		if o.SalaryMonths > 0 {
			sal.Months = &o.SalaryMonths
		}
		if o.SalaryUnit != "hour" {
			lo, hi := o.SalaryYear()
			sal.AnnualMin, sal.AnnualMax = &lo, &hi
		}
		card.Salary = sal
	}
	return card
}

// apiOfferFiche is a fiche an offer is tied to.
type apiOfferFiche struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	APIPath string `json:"api_path"`
}

// apiOffer is /api/v1/offres/{source}/{id}; an expired offer is 410 Gone.
func (s *Server) apiOffer(c echo.Context) error {
	o, idx, err := s.pathOffer(c)
	if err != nil {
		return err
	}
	if o.Expired(time.Now()) {
		return failure.New(failure.Gone, "Cette offre a expiré le "+o.Expires.Format("02/01/2006")+".")
	}
	out := struct {
		apiOfferCard
		Description string          `json:"description"`
		Skills      []string        `json:"skills"`
		RomeCode    string          `json:"rome_code"`
		Location    *apiLocation    `json:"location"`
		ApplyURL    *string         `json:"apply_url"`
		Demo        bool            `json:"demo"`
		Fiches      []apiOfferFiche `json:"fiches"`
	}{apiOfferCard: offerData(o.Offer), Description: o.Description, Skills: nonNil(o.Skills), RomeCode: o.Rome,
		Demo: o.Source == "demo" || strings.HasPrefix(o.Source, "demo-"), Fiches: []apiOfferFiche{}}
	if o.HasGeo {
		out.Location = &apiLocation{o.Lat, o.Lon}
	}
	if o.URL != "" && !out.Demo { // a demo offer's address leads to no real job
		out.ApplyURL = &o.URL
	}
	for _, slug := range idx.ties.Slugs(o.Rome, []byte(text.Stems(o.Title))) {
		f := idx.fiches[slug]
		out.Fiches = append(out.Fiches, apiOfferFiche{f.Slug, f.Title, apiPrefix + "/fiches/" + f.Slug})
	}
	return writeJSON(c, out)
}

type apiLocation struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}
