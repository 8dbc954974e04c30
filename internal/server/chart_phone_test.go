package server

import (
	"testing"

	"vocation/internal/fiche"
)

// The phone chart keeps every bar inside its width and at most five
// graduations, whatever the amounts: a wide axis of many labels would
// overlap at 14 px on 340.
func TestSalaryChartPhoneFits(t *testing.T) {
	for _, bands := range [][]fiche.Salary{
		{{Level: "debutant", Min: 1800, Max: 2100, Unit: "month", Region: "france", Status: "salarie"}},
		{
			{Level: "debutant", Min: 24000, Max: 30000, Unit: "year", Region: "paris", Status: "salarie"},
			{Level: "senior", Min: 650, Max: 650, Unit: "day", Region: "france", Status: "freelance", OpenEnded: true},
			{Level: "expert", Min: 90000, Max: 240000, Unit: "year", Region: "province", Status: "salarie"},
		},
		{{Level: "non-precise", Min: 1900000, Max: 2500000, Unit: "year", Region: "france", Status: "salarie"}},
	} {
		c := salaryChartPhone(bands)
		if n := len(c.Ticks); n < 2 || n > 5 {
			t.Errorf("%d graduations, want 2 to 5: %+v", n, c.Ticks)
		}
		for _, r := range c.Rows {
			if r.Heading == "" && (r.X1 < 0 || r.X2 > phoneChartWidth || r.X2-r.X1 < 4) {
				t.Errorf("bar %q from %d to %d, out of 0 to %d or too thin", r.Value, r.X1, r.X2, phoneChartWidth)
			}
		}
		if last := c.Rows[len(c.Rows)-1]; c.Height < last.Y+phoneRow {
			t.Errorf("height %d cuts the last bar at %d", c.Height, last.Y)
		}
	}
}
