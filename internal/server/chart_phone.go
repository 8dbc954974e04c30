package server

import (
	"vocation/internal/fiche"
	"vocation/web"
)

// The phone chart is drawn at about its shown size (a 390 px screen less
// the margins), so that its 14 px text stays 12 px or more once scaled:
// each band's words go on their own line above its bar, across the width.
const (
	phoneChartWidth = 340
	phoneAxis       = 28 // the graduations' line, at the top
	phoneHeading    = 26
	phoneRow        = 38
)

// salaryChartPhone lays out the same bands as salaryChart for a narrow
// screen, on an axis of at most four steps so its labels do not collide.
func salaryChartPhone(bands []fiche.Salary) *web.Chart {
	if len(bands) == 0 {
		return nil
	}
	top := 0
	for _, b := range bands {
		top = max(top, fiche.Annual(b.Max, b.Unit))
	}
	step := phoneStep(top)
	axisMax := (top/step + 1) * step
	x := func(v int) int { return 1 + v*(phoneChartWidth-2)/axisMax }
	c := &web.Chart{Width: phoneChartWidth}
	y := phoneAxis
	for _, lv := range fiche.SalaryLevels {
		first := true
		for _, b := range bands {
			if b.Level != lv {
				continue
			}
			if first {
				c.Rows = append(c.Rows, web.ChartRow{Y: y, Heading: salaryLevelLabels[lv]})
				y += phoneHeading
				first = false
			}
			row := bandRow(b, x, axisMax)
			row.Y = y
			c.Rows = append(c.Rows, row)
			y += phoneRow
		}
	}
	for v := 0; v <= axisMax; v += step {
		c.Ticks = append(c.Ticks, web.Tick{X: x(v), Label: kEuros(v)})
	}
	c.Height = y
	c.Summary = chartSummary(bands, top)
	return c
}

// bandRow is one band's bar on an axis of axisMax euros drawn by x.
func bandRow(b fiche.Salary, x func(int) int, axisMax int) web.ChartRow {
	lo, hi := fiche.Annual(b.Min, b.Unit), fiche.Annual(b.Max, b.Unit)
	x1, x2 := x(lo), x(hi)
	if b.OpenEnded {
		x2 = x(axisMax)
	}
	if x2-x1 < 4 {
		x2 = x1 + 4
	}
	value := kEuros(lo) + "–" + kEuros(hi)
	switch {
	case b.OpenEnded:
		value = kEuros(lo) + " et +"
	case lo == hi:
		value = kEuros(lo)
	}
	label := regionLabels[b.Region]
	if b.Status == "freelance" {
		label += ", freelance"
	}
	return web.ChartRow{Label: label, X1: x1, X2: x2, Open: b.OpenEnded, Value: value}
}

func phoneStep(top int) int {
	for _, s := range []int{10000, 20000, 25000, 50000, 100000, 200000, 250000, 500000} {
		if top/s <= 3 {
			return s
		}
	}
	return 1000000
}
