package web

// SelectionPage is /selection: fiches and offer searches gathered in one
// link, to share, scan or print.
type SelectionPage struct {
	Layout
	Heading  string
	Fiches   []SelectionFiche
	Searches []Link
	// Missing are names in the link that are no fiche (any more).
	Missing []string
	// Compare is the comparison of the fiches, when there are two or three.
	Compare string
	// URL is the selection's absolute address and QR its code's image;
	// both empty when the site does not know its public address, QR
	// alone when the address is too long for a code.
	URL, QR string
	// Query is the selection's own query string, without "?", which the
	// selection script keeps for the next "Ajouter à ma sélection".
	Query string
	// Kept and KeptSearches go along, hidden, with the form that adds a
	// fiche; Choices are the fiches it offers, by sector.
	Kept         []string
	KeptSearches []string
	Choices      []OptionGroup
}

// SelectionFiche is one fiche at a glance.
type SelectionFiche struct {
	Title, URL, Summary, Sector string
	Access                      []string
	Salary                      string // per year, "" when the fiche gives none
	Remove                      string // the selection without this fiche
}

// FicheShare is how a fiche is passed on: added to a selection, and, on
// paper, its address and QR code (empty when the site does not know its
// public address).
type FicheShare struct {
	Slug, URL, QR string
}
