package server

import (
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"vocation/internal/content"
	"vocation/internal/fiche"
	"vocation/internal/offer"
	"vocation/web"
)

// ficheData is a fiche as a schema.org Occupation: the salaries are the
// editors' bands per year, as the page's table shows them.
func (s *Server) ficheData(f *content.Fiche, p web.FichePage) web.Occupation {
	o := web.NewOccupation()
	o.Name, o.Description, o.URL, o.AlternateName = f.Title, f.Summary, p.Canonical, f.Aliases
	labels := map[string]string{}
	if p.Rome != nil {
		for _, c := range p.Rome.Codes {
			labels[c.Code] = c.Label
		}
	}
	for _, code := range f.Rome {
		o.OccupationalCategory = append(o.OccupationalCategory, web.CategoryCode{Thing: web.Thing{Type: "CategoryCode"}, CodeValue: code, Name: labels[code],
			InCodeSet: &web.CategoryCodeSet{Thing: web.Thing{Type: "CategoryCodeSet"}, Name: "ROME (France Travail)"}})
	}
	for _, a := range f.Access {
		o.EducationRequirements = append(o.EducationRequirements, web.Credential{Thing: web.Thing{Type: "EducationalOccupationalCredential"}, EducationalLevel: levelLabel(a)})
	}
	o.Skills = append(append(o.Skills, f.Qualities...), f.Tools...)
	countries := map[string]bool{}
	for _, b := range f.Salaries {
		d := web.MonetaryAmountDistribution{Thing: web.Thing{Type: "MonetaryAmountDistribution"}, Name: bandName(b), Currency: "EUR", Duration: "P1Y",
			MinValue: fiche.Annual(b.Min, b.Unit)}
		if !b.OpenEnded {
			d.MaxValue = fiche.Annual(b.Max, b.Unit)
		}
		o.EstimatedSalary = append(o.EstimatedSalary, d)
		if b.Region == "belgique" {
			countries["Belgique"] = true
		} else {
			countries["France"] = true
		}
	}
	for _, c := range []string{"France", "Belgique"} {
		if countries[c] {
			o.OccupationLocation = append(o.OccupationLocation, web.Place{Thing: web.Thing{Type: "Country"}, Name: c})
		}
	}
	o.MainEntityOfPage = &web.WebPageRef{Thing: web.Thing{Type: "WebPage"}, ID: p.Canonical, LastReviewed: f.Updated.Format(time.DateOnly)}
	return o
}

// bandName says which band a salary is, as the page's table does.
func bandName(b fiche.Salary) string {
	parts := []string{salaryLevelLabels[b.Level]}
	for _, s := range []string{regionLabels[b.Region], statusLabels[b.Status]} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// employmentTypes are Google's values for a contract. A CDI says nothing
// of working time, which is what FULL_TIME and PART_TIME are about, and an
// alternance is neither an internship nor a temporary job: OTHER.
var employmentTypes = map[string]string{"cdi": "OTHER", "cdd": "TEMPORARY", "interim": "TEMPORARY", "stage": "INTERN",
	"freelance": "CONTRACTOR", "alternance": "OTHER", "autre": "OTHER"}

var salaryUnits = map[string]string{"hour": "HOUR", "day": "DAY", "month": "MONTH", "year": "YEAR"}

// offerData is a live offer as a schema.org JobPosting. It is nil for an
// expired offer, which is no longer a job to apply to, and for a
// demonstration offer, which never was one: Google's rules ask for real
// openings only.
func (s *Server) offerData(o offer.Offer, canonical string, now time.Time) *web.JobPosting {
	if o.Expired(now) || isDemo(o.Source) {
		return nil
	}
	j := web.NewJobPosting()
	j.Title, j.Description, j.URL, j.Skills = o.Title, o.Description, canonical, o.Skills
	j.DatePosted = o.Published.Format(time.RFC3339)
	if !o.Expires.IsZero() {
		j.ValidThrough = o.Expires.Format(time.RFC3339)
	}
	if t := employmentTypes[o.Contract]; t != "" {
		j.EmploymentType = []string{t}
	}
	// An offer that names no employer is hiring anonymously, which
	// Google's rules write as the value "confidential".
	j.HiringOrganization = "confidential"
	if o.Company != "" {
		j.HiringOrganization = web.Organization{Thing: web.Thing{Type: "Organization"}, Name: o.Company}
	}
	if o.City != "" || o.Postcode != "" {
		j.JobLocation = &web.Place{Thing: web.Thing{Type: "Place"}, Address: &web.PostalAddress{Thing: web.Thing{Type: "PostalAddress"},
			AddressLocality: o.City, PostalCode: o.Postcode, AddressRegion: o.Departement(), AddressCountry: "FR"}}
	}
	if u := salaryUnits[o.SalaryUnit]; u != "" {
		lo, hi := float64(o.SalaryMin), float64(o.SalaryMax)
		if o.SalaryUnit == "hour" { // stored in cents
			lo, hi = lo/100, hi/100
		}
		j.BaseSalary = &web.MonetaryAmount{Thing: web.Thing{Type: "MonetaryAmount"}, Currency: "EUR",
			Value: web.QuantitativeValue{Thing: web.Thing{Type: "QuantitativeValue"}, MinValue: lo, MaxValue: hi, UnitText: u}}
	}
	j.Identifier = web.PropertyValue{Thing: web.Thing{Type: "PropertyValue"}, Name: o.Source, Value: o.ID}
	j.OccupationalCode = o.Rome
	return &j
}

func isDemo(source string) bool { return source == "demo" || strings.HasPrefix(source, "demo-") }

// breadcrumb is a page's trail as schema.org data, with absolute
// addresses; nil without a public URL to make them absolute. The last
// link is the page itself.
func (s *Server) breadcrumb(links ...web.Link) []any {
	if s.opts.PublicURL == "" {
		return nil
	}
	for i := range links {
		if links[i].URL != "" {
			links[i].URL = s.canonical(links[i].URL)
		}
	}
	return []any{web.NewBreadcrumbList(links)}
}

// underInterests is the trail of a page whose breadcrumb is Intérêts.
func (s *Server) underInterests(c echo.Context, name string) []any {
	return s.breadcrumb(web.Link{Label: "Intérêts", URL: "/interets"}, web.Link{Label: name, URL: c.Request().URL.Path})
}
