// Package salary holds what fiches and offers agree on about pay: the
// units, the yearly normalisation and the amounts plausible for each unit.
package salary

import (
	"fmt"
	"math"
)

// Units are the units a fiche's salary band may be given in, in whole
// euros.
var Units = []string{"year", "month", "day"}

// OfferUnits are the units an offer's salary may be given in: those of
// Units, and the hourly wage France Travail often gives ("Horaire de
// 11.65 Euros"). An hourly amount is in cents: at that scale they count.
var OfferUnits = []string{"year", "month", "day", "hour"}

// MonthlyHours is the legal full-time month: 35 hours a week, 52 weeks,
// over 12 months.
const MonthlyHours = 151.67

// Annual normalises an amount to a year: 12 months, 218 worked days for a
// freelance day rate, or 12 full-time months of an hourly wage in cents.
func Annual(amount int, unit string) int {
	switch unit {
	case "month":
		return amount * 12
	case "day":
		return amount * 218
	case "hour":
		return int(math.Round(float64(amount) * MonthlyHours * 12 / 100))
	}
	return amount
}

// FullTimeMonth is the monthly pay of a full-time job at an hourly wage
// in cents, in euros.
func FullTimeMonth(cents int) int { return int(math.Round(float64(cents) * MonthlyHours / 100)) }

// Format writes an amount of unit as the files give it: 11.65 for an
// hourly wage, whole euros otherwise.
func Format(amount int, unit string) string {
	if unit == "hour" {
		return fmt.Sprintf("%d.%02d", amount/100, amount%100)
	}
	return fmt.Sprint(amount)
}

// plausible bounds, in euros, for each unit.
var plausible = []struct {
	unit     string
	min, max float64
}{{"year", 10000, 500000}, {"month", 800, 40000}, {"day", 50, 5000}, {"hour", 5, 500}}

// per names a unit in the editors' messages.
var per = map[string]string{"year": "par an", "month": "par mois", "day": "par jour", "hour": "de l'heure"}

// Check returns "" when amount is plausible for unit, or the problem,
// suggesting the unit the amount most likely belongs to. The suggestion
// is never hour: an amount of a fiche cannot be hourly.
func Check(amount int, unit string) string {
	euros := float64(amount)
	if unit == "hour" {
		euros /= 100
	}
	for _, p := range plausible {
		if p.unit != unit || (euros >= p.min && euros <= p.max) {
			continue
		}
		for _, q := range plausible {
			if q.unit != unit && q.unit != "hour" && euros >= q.min && euros <= q.max {
				return fmt.Sprintf("%s %s est invraisemblable ; vouliez-vous dire unit: %s ?", Format(amount, unit), per[unit], q.unit)
			}
		}
		bound := func(v float64) string {
			if unit == "hour" {
				return fmt.Sprintf("%.2f", v)
			}
			return fmt.Sprint(v)
		}
		return fmt.Sprintf("%s %s est invraisemblable (attendu : de %s à %s)", Format(amount, unit), per[unit], bound(p.min), bound(p.max))
	}
	return ""
}
