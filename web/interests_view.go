package web

// InterestsPage is /interets: the two ways in by interest, RIASEC types
// and France Travail's centres d'intérêt.
type InterestsPage struct {
	Layout
	Types   []RiasecType
	Centres []CountedLink // France Travail's, in the referential's order
	// RomeVersion is the referential's release, for the attribution; empty
	// when the content ships none, and Centres with it.
	RomeVersion string
	// FicheInterests is how many centres d'intérêt the fiches name.
	FicheInterests int
}

// RiasecType is one RIASEC type explained.
type RiasecType struct {
	Letter      string
	Name        string
	Description string
	URL         string
	Count       int // fiches that have the letter
}

// CountedLink is a link to a list and how many fiches it holds.
type CountedLink struct {
	Label string
	URL   string
	Count int
}

// CardGroup is a part of a list of fiches under its heading.
type CardGroup struct {
	Heading string
	Intro   string
	Cards   []Card
}

// RiasecPage is /interets/{letter}: the fiches of a type, dominant first.
type RiasecPage struct {
	Layout
	Type   RiasecType
	Groups []CardGroup
	Others []Link // the other types
}

// InterestListPage is /interets/centres: the centres d'intérêt the fiches
// name, in French order.
type InterestListPage struct {
	Layout
	Interests []CountedLink
}

// InterestPage is one centre d'intérêt and its fiches: one the editors
// wrote, or one of France Travail's (Source then names the referential).
type InterestPage struct {
	Layout
	Heading string
	Lead    string
	Total   int
	Groups  []CardGroup
	Source  string
	// Spellings are the other ways fiches write the same centre.
	Spellings []string
}
