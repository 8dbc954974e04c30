package web

import (
	"slices"
	"strings"
)

// Above these counts a fiche's salary tables and trainings are folded,
// one <details> per level, so a phone can skim past them.
const (
	foldBands     = 8
	foldTrainings = 8
	foldTools     = 12
)

// FoldSalaries tells whether the salary tables are folded.
func (p FichePage) FoldSalaries() bool {
	n := 0
	for _, g := range p.Salaries {
		n += len(g.Bands)
	}
	return n > foldBands
}

// FoldTrainings tells whether the trainings are folded.
func (p FichePage) FoldTrainings() bool {
	n := 0
	for _, g := range p.Trainings {
		n += len(g.Items)
	}
	return n > foldTrainings
}

// bandWhere is what the wide table's other columns say, on one line: the
// region, the status and the amount as given when it was not yearly.
func bandWhere(b Band) string {
	parts := []string{b.Region, b.Status}
	if b.Given != b.Annual {
		parts = append(parts, "donné "+b.Given)
	}
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " · ")
}

// tickAnchor keeps the first and last graduations inside the chart.
func tickAnchor(i, n int) string {
	switch i {
	case 0:
		return "start"
	case n - 1:
		return "end"
	}
	return "middle"
}
