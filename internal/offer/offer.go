// Package offer reads job offers, in Vocation's JSON Lines format and in
// France Travail's search API format, and validates them.
package offer

import (
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"vocation/internal/problem"
	"vocation/internal/salary"
)

// Contracts are the contract types, in the order facets show them. The
// last, autre, is for what is none of the others: a franchise, taking
// over a business, a commission-paid sales job.
var Contracts = []string{"cdi", "cdd", "alternance", "stage", "freelance", "interim", "autre"}

// Offer is one job offer. Unknown numbers are -1, an absent salary has no
// unit, and an offer without coordinates has HasGeo false.
type Offer struct {
	Source      string
	ID          string
	Title       string
	Company     string
	Description string
	Contract    string
	City        string
	Postcode    string
	Lat, Lon    float64
	HasGeo      bool
	RemoteDays  int
	// SalaryMin and SalaryMax are in euros, but in cents for an hourly
	// wage (SalaryUnit hour): "11.65 Euros" an hour is 1165.
	SalaryMin  int
	SalaryMax  int
	SalaryUnit string
	// SalaryMonths is how many monthly salaries a year pays ("sur 13
	// mois"), for a monthly salary; 0 when not given, which means 12.
	SalaryMonths    float64
	ExperienceYears int
	Published       time.Time
	Expires         time.Time
	URL             string
	Rome            string
	Skills          []string
	// Line is where the offer starts in its file, for problems.
	Line int
}

// Expired reports whether the offer has expired at now.
func (o *Offer) Expired(now time.Time) bool {
	return !o.Expires.IsZero() && !now.Before(o.Expires)
}

// Departement is the département number of the postcode ("75", "2A"
// for Corsica, "971" overseas), or "".
func (o *Offer) Departement() string {
	return Departement(o.Postcode)
}

// IsPostcode reports whether s is written as a French postcode: 5 digits.
func IsPostcode(s string) bool { return postcodeRe.MatchString(s) }

// Departement maps a French postcode to its département.
func Departement(postcode string) string {
	if len(postcode) != 5 {
		return ""
	}
	switch {
	case strings.HasPrefix(postcode, "97"), strings.HasPrefix(postcode, "98"):
		return postcode[:3]
	case strings.HasPrefix(postcode, "20"):
		if postcode < "20200" {
			return "2A"
		}
		return "2B"
	}
	return postcode[:2]
}

// SalaryYear is the salary range normalised per year, or 0, 0: a monthly
// salary paid over 13 months counts 13 of them.
func (o *Offer) SalaryYear() (int, int) {
	switch {
	case o.SalaryUnit == "":
		return 0, 0
	case o.SalaryUnit == "month" && o.SalaryMonths > 0:
		return int(math.Round(float64(o.SalaryMin) * o.SalaryMonths)), int(math.Round(float64(o.SalaryMax) * o.SalaryMonths))
	}
	return salary.Annual(o.SalaryMin, o.SalaryUnit), salary.Annual(o.SalaryMax, o.SalaryUnit)
}

// Months a year a monthly salary may be paid over: 12, a 13th month, up
// to the 16 of a few collective agreements.
const (
	minSalaryMonths = 12
	maxSalaryMonths = 16
)

// maxSkill bounds one skill, in characters.
const maxSkill = 500

var (
	romeRe     = regexp.MustCompile(`^[A-N][0-9]{4}$`)
	postcodeRe = regexp.MustCompile(`^[0-9]{5}$`)
)

// validate checks an offer whose fields were read, adding problems at its
// line. It reports whether the offer is usable.
func validate(o *Offer, path string, probs *problem.List) bool {
	before := len(*probs)
	bad := func(field, format string, args ...any) { probs.Errorf(path, o.Line, field, format, args...) }
	text := func(field, v string, required bool, max int) {
		switch {
		case required && strings.TrimSpace(v) == "":
			bad(field, "obligatoire, et ne doit pas être vide")
		case utf8.RuneCountInString(v) > max:
			bad(field, "fait %d caractères ; %d au plus sont permis", utf8.RuneCountInString(v), max)
		}
	}
	text("id", o.ID, true, 200)
	text("source", o.Source, true, 60)
	text("title", o.Title, true, 300)
	text("description", o.Description, true, 50000)
	text("company", o.Company, false, 300)
	text("city", o.City, false, 200)
	if !contains(Contracts, o.Contract) {
		if o.Contract == "" {
			bad("contract", "obligatoire : l'une des valeurs %s", strings.Join(Contracts, ", "))
		} else {
			bad("contract", "%q n'est pas une valeur possible ; valeurs : %s", o.Contract, strings.Join(Contracts, ", "))
		}
	}
	if o.Postcode != "" && !IsPostcode(o.Postcode) {
		bad("postcode", "%q n'est pas un code postal français (5 chiffres)", o.Postcode)
	}
	if o.HasGeo && (o.Lat < -90 || o.Lat > 90 || o.Lon < -180 || o.Lon > 180) {
		bad("lat", "%g, %g n'est pas une position WGS84", o.Lat, o.Lon)
	}
	if o.RemoteDays < -1 || o.RemoteDays > 5 {
		bad("remote_days", "%d n'est pas un nombre de jours par semaine de 0 à 5", o.RemoteDays)
	}
	if o.ExperienceYears < -1 || o.ExperienceYears > 50 {
		bad("experience_years", "%d n'est pas un nombre d'années de 0 à 50", o.ExperienceYears)
	}
	if o.SalaryUnit != "" || o.SalaryMin != 0 || o.SalaryMax != 0 {
		switch {
		case !contains(salary.OfferUnits, o.SalaryUnit):
			bad("salary_unit", "%q n'est pas une valeur possible ; valeurs : %s", o.SalaryUnit, strings.Join(salary.OfferUnits, ", "))
		case o.SalaryMin <= 0 && o.SalaryMax <= 0:
			bad("salary_min", "indiquez salary_min ou salary_max, supérieur à 0")
		default:
			if o.SalaryMin <= 0 {
				o.SalaryMin = o.SalaryMax
			}
			if o.SalaryMax <= 0 {
				o.SalaryMax = o.SalaryMin
			}
			if o.SalaryMin > o.SalaryMax {
				bad("salary_max", "%s est inférieur à salary_min %s", salary.Format(o.SalaryMax, o.SalaryUnit), salary.Format(o.SalaryMin, o.SalaryUnit))
			}
			if msg := salary.Check(o.SalaryMin, o.SalaryUnit); msg != "" {
				bad("salary_min", "%s", msg)
			} else if msg := salary.Check(o.SalaryMax, o.SalaryUnit); msg != "" {
				bad("salary_max", "%s", msg)
			}
		}
	}
	if o.SalaryMonths != 0 {
		switch {
		case o.SalaryUnit != "month":
			bad("salary_months", "seulement pour un salaire mensuel (salary_unit: month)")
		case o.SalaryMonths < minSalaryMonths || o.SalaryMonths > maxSalaryMonths:
			bad("salary_months", "%g n'est pas un nombre de mois de %d à %d", o.SalaryMonths, minSalaryMonths, maxSalaryMonths)
		}
	}
	if o.Published.IsZero() {
		bad("published", "obligatoire : une date (2025-03-14) ou une date-heure RFC 3339")
	}
	if o.URL != "" {
		if u, err := url.Parse(o.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("url", "%q n'est pas une adresse http(s)", o.URL)
		}
	}
	if o.Rome != "" && !romeRe.MatchString(o.Rome) {
		bad("rome", "%q n'est pas un code ROME (une majuscule de A à N et quatre chiffres)", o.Rome)
	}
	for i, s := range o.Skills {
		// ROME competence labels run to 150 characters and more; the bound
		// only keeps out a description pasted in the wrong field.
		if strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > maxSkill {
			bad("skills", "la compétence %d est vide ou fait plus de %d caractères", i, maxSkill)
		}
	}
	return len(*probs) == before
}

// parseTime reads a date or an RFC 3339 time (France Travail also sends
// times without a zone, meant as UTC).
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
