package server

import (
	"fmt"

	"vocation/internal/fiche"
	"vocation/web"
)

const (
	chartWidth  = 720
	chartLabels = 200
	chartRight  = 110
	rowHeight   = 22
)

// salaryChart lays out one bar per band, per year, grouped by experience
// level, on a shared axis so that sources and units compare at a glance.
func salaryChart(bands []fiche.Salary) *web.Chart {
	if len(bands) == 0 {
		return nil
	}
	top := 0
	for _, b := range bands {
		top = max(top, fiche.Annual(b.Max, b.Unit))
	}
	step := niceStep(top)
	axisMax := (top/step + 1) * step
	plot := chartWidth - chartLabels - chartRight
	x := func(v int) int { return chartLabels + v*plot/axisMax }
	c := &web.Chart{Width: chartWidth, LabelWidth: chartLabels}
	y := 0
	for _, lv := range fiche.SalaryLevels {
		first := true
		for _, b := range bands {
			if b.Level != lv {
				continue
			}
			if first {
				c.Rows = append(c.Rows, web.ChartRow{Y: y, Heading: salaryLevelLabels[lv]})
				y += rowHeight
				first = false
			}
			row := bandRow(b, x, axisMax)
			row.Y, row.X2 = y, min(row.X2, chartWidth-chartRight+4)
			c.Rows = append(c.Rows, row)
			y += rowHeight
		}
	}
	for v := 0; v <= axisMax; v += step {
		c.Ticks = append(c.Ticks, web.Tick{X: x(v), Label: kEuros(v)})
	}
	c.Height = y + 28
	c.Summary = chartSummary(bands, top)
	return c
}

func chartSummary(bands []fiche.Salary, top int) string {
	return fmt.Sprintf("%d fourchettes de salaire, de %s à %s brut par an.", len(bands), kEuros(lowest(bands)), kEuros(top))
}

func lowest(bands []fiche.Salary) int {
	lo := 0
	for _, b := range bands {
		if a := fiche.Annual(b.Min, b.Unit); lo == 0 || a < lo {
			lo = a
		}
	}
	return lo
}

func niceStep(top int) int {
	for _, s := range []int{10000, 20000, 25000, 50000, 100000, 200000, 250000, 500000} {
		if top/s <= 8 {
			return s
		}
	}
	return 1000000
}

func kEuros(v int) string {
	return fmt.Sprintf("%d k€", (v+500)/1000)
}
