package web

// ComparePage is /comparer: two or three fiches as columns, the criteria
// as rows.
type ComparePage struct {
	Layout
	Heading string
	Fiches  []Link // the columns, each to its fiche
	Rows    []CompareRow
	// ScaleMax is the yearly amount the salary bars end at, the same for
	// every fiche; "" when no salary is shown.
	ScaleMax string
	// Choices let a reader swap a fiche: one select per column, and one
	// more for a third fiche when only two are compared.
	Choices []CompareChoice
}

// CompareRow is one criterion, one cell per fiche, in the columns' order.
type CompareRow struct {
	Label string
	Hint  string // what the figures are, under the label
	Cells []CompareCell
}

// CompareCell is one fiche's answer to a criterion. Every part is
// optional; an empty cell shows Empty.
type CompareCell struct {
	Fiche  string // the column's fiche, named again when the columns stack
	Text   string
	Detail string // a second line to Text
	Items  []CompareItem
	Link   Link
	Source string
	// Estimate marks figures the editors estimated, for want of a source.
	Estimate bool
	Bar      *ScaleBar
	Empty    string
}

// CompareItem is one line of a list in a cell: a training, a quality.
type CompareItem struct {
	Label string
	URL   string
	Tags  []string
}

// ScaleBar places a yearly range on the page's common scale, in
// thousandths of ScaleMax. Mid, when above 0, marks a median.
type ScaleBar struct {
	X1, X2, Mid int
	Open        bool // the range has no ceiling
}

// CompareChoice is one select of the form that changes the comparison.
type CompareChoice struct {
	ID       string
	Label    string
	Optional bool
	Groups   []OptionGroup
}

// OptionGroup is the options of one sector in a select.
type OptionGroup struct {
	Label   string
	Options []Option
}

// CompareWith is the small form on a fiche that compares it with another.
type CompareWith struct {
	Slug   string
	Groups []OptionGroup
}

// JoinFR joins items as French prose, "a, b et c", for the server's own
// sentences.
func JoinFR(items []string) string { return joinFR(items) }
