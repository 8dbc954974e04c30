package server

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"vocation/internal/offer"
	"vocation/internal/salary"
	"vocation/internal/store"
	"vocation/internal/text"
	"vocation/web"
)

func offerCard(o offer.Offer) web.OfferCard {
	card := web.OfferCard{Title: o.Title, URL: offerURL(o), Company: o.Company, Place: offerPlace(o), Contract: contractLabels[o.Contract],
		Published: web.Date(o.Published)}
	if o.SalaryUnit != "" {
		card.Salary = salaryGiven(o)
	}
	if o.RemoteDays > 0 {
		card.Remote = fmt.Sprintf("Télétravail %s par semaine", web.Plural(o.RemoteDays, "jour", "jours"))
	}
	return card
}

// salaryGiven is an offer's salary as the offer gives it.
func salaryGiven(o offer.Offer) string {
	if o.SalaryUnit == "hour" {
		if o.SalaryMin == o.SalaryMax {
			return web.Cents(o.SalaryMin) + " de l’heure"
		}
		return web.Cents(o.SalaryMin) + " à " + web.Cents(o.SalaryMax) + " de l’heure"
	}
	s := amount(o.SalaryMin, o.SalaryMax, false, o.SalaryUnit)
	if o.SalaryMonths > 0 && o.SalaryMonths != 12 {
		s += " sur " + strings.Replace(strconv.FormatFloat(o.SalaryMonths, 'f', -1, 64), ".", ",", 1) + " mois"
	}
	return s
}

// salaryDerived is what an offer's salary makes a year, "" when it is
// given per year already; for an hourly wage, a full-time month and year,
// said to be derived: the offer may be part-time.
func salaryDerived(o offer.Offer) string {
	switch o.SalaryUnit {
	case "year":
		return ""
	case "hour":
		hundred := func(n int) int { return int(math.Round(float64(n)/100) * 100) }
		return "soit environ " + amount(salary.FullTimeMonth(o.SalaryMin), salary.FullTimeMonth(o.SalaryMax), false, "month") + " et " +
			amount(hundred(salary.Annual(o.SalaryMin, "hour")), hundred(salary.Annual(o.SalaryMax, "hour")), false, "year") +
			" pour un temps plein (35\u00a0h par semaine)"
	}
	lo, hi := o.SalaryYear()
	return "soit " + amount(lo, hi, false, "year")
}

func offerURL(o offer.Offer) string {
	return "/offres/" + url.PathEscape(o.Source) + "/" + url.PathEscape(o.ID)
}

func offerPlace(o offer.Offer) string {
	switch {
	case o.City != "" && o.Postcode != "":
		return o.City + " (" + o.Postcode + ")"
	case o.City != "":
		return o.City
	case o.Postcode != "":
		return o.Postcode
	}
	return "Lieu non précisé"
}

// showOffer is /offres/{source}/{id}; an expired offer answers 410 Gone
// with the way to the current offers of its métier.
func (s *Server) showOffer(c echo.Context) error {
	o, idx, err := s.pathOffer(c)
	if err != nil {
		return err
	}
	p := web.OfferPage{Layout: s.pageLayout(c, idx, o.Title, ""), Heading: o.Title, Company: o.Company, Place: offerPlace(o.Offer),
		Contract: contractLabels[o.Contract], Skills: o.Skills, Published: web.Date(o.Published), ApplyURL: o.URL,
		Gone: o.Expired(time.Now()), Demo: isDemo(o.Source), Search: web.Link{Label: "Toutes les offres", URL: "/offres"}}
	if p.Demo {
		// A demo offer's address leads to no real job: no link to apply.
		p.ApplyURL = ""
	}
	p.Current, p.Canonical, p.OGType = "offres", s.canonical(offerURL(o.Offer)), "article"
	if !o.Expires.IsZero() {
		p.Expires = web.Date(o.Expires)
	}
	if o.SalaryUnit != "" {
		p.SalaryGiven, p.SalaryDerived = salaryGiven(o.Offer), salaryDerived(o.Offer)
	}
	if o.RemoteDays > 0 {
		p.Remote = web.Plural(o.RemoteDays, "jour", "jours") + " par semaine"
	} else if o.RemoteDays == 0 {
		p.Remote = "Non"
	}
	switch {
	case o.ExperienceYears < 0:
		p.Experience = "Non précisée"
	case o.ExperienceYears == 0:
		p.Experience = "Débutant accepté"
	default:
		p.Experience = web.Plural(o.ExperienceYears, "an", "ans") + " minimum"
	}
	for _, para := range strings.Split(o.Description, "\n") {
		if strings.TrimSpace(para) != "" {
			p.Paragraphs = append(p.Paragraphs, para)
		}
	}
	for _, slug := range idx.ties.Slugs(o.Rome, []byte(text.Stems(o.Title))) {
		f := idx.fiches[slug]
		p.Fiches = append(p.Fiches, web.Link{Label: f.Title, URL: "/metiers/" + f.Slug})
		if p.Search.URL == "/offres" {
			p.Search = web.Link{Label: "Offres actuelles pour « " + f.Title + " »", URL: "/offres?metier=" + f.Slug}
		}
	}
	// What a shared link's preview and search results say of the offer.
	p.Description = strings.Join(slices.DeleteFunc([]string{p.Contract, p.Place, o.Company, p.SalaryGiven}, func(s string) bool { return s == "" }), " · ")
	if j := s.offerData(o.Offer, p.Canonical, time.Now()); j != nil {
		p.JSONLD = append([]any{j}, s.breadcrumb(p.Search, web.Link{Label: o.Title, URL: offerURL(o.Offer)})...)
	}
	status := http.StatusOK
	if p.Gone {
		status = http.StatusGone
		p.Title = "Offre expirée : " + o.Title
		if p.SearchInPage = true; len(p.Fiches) > 0 {
			if p.Others, err = s.othersOf(c, idx, strings.TrimPrefix(p.Fiches[0].URL, "/metiers/")); err != nil {
				return err
			}
		}
	}
	return s.render(c, status, web.Offer(p))
}

// pathOffer reads the offer of /offres/{source}/{id}, expired or not, for
// the page and the API alike.
func (s *Server) pathOffer(c echo.Context) (*store.StoredOffer, *catalog, error) {
	source, err1 := url.PathUnescape(c.Param("source"))
	id, err2 := url.PathUnescape(c.Param("id"))
	if err1 != nil || err2 != nil || !utf8.ValidString(source+id) || len(source) > 60 || len(id) > 200 {
		return nil, nil, store.ErrNotFound
	}
	idx, err := s.catalogFor(c.Request().Context(), s.current(c))
	if err != nil {
		return nil, nil, err
	}
	var o *store.StoredOffer
	err = s.db.Read(c.Request().Context(), func(tx *store.Tx) error {
		o, err = tx.Offer(source, id)
		return err
	})
	return o, idx, err
}
