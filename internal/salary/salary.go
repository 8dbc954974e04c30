// Package salary holds what fiches and offers agree on about pay: the
// units, the yearly normalisation and the amounts plausible for each unit.
package salary

import "fmt"

// Units are the units an amount may be given in.
var Units = []string{"year", "month", "day"}

// Annual normalises an amount to a year: 12 months, or 218 worked days for
// a freelance day rate.
func Annual(amount int, unit string) int {
	switch unit {
	case "month":
		return amount * 12
	case "day":
		return amount * 218
	}
	return amount
}

var plausible = []struct {
	unit     string
	min, max int
}{{"year", 10000, 500000}, {"month", 800, 40000}, {"day", 50, 5000}}

// Check returns "" when amount is plausible for unit, or the problem,
// suggesting the unit the amount most likely belongs to.
func Check(amount int, unit string) string {
	for _, p := range plausible {
		if p.unit != unit || (amount >= p.min && amount <= p.max) {
			continue
		}
		for _, q := range plausible {
			if q.unit != unit && amount >= q.min && amount <= q.max {
				return fmt.Sprintf("%d per %s is implausible; did you mean unit: %s?", amount, unit, q.unit)
			}
		}
		return fmt.Sprintf("%d per %s is implausible (expected %d to %d)", amount, unit, p.min, p.max)
	}
	return ""
}
