package web

// HomePage is /: one search box, then ways in for a reader who does not
// know what to type.
type HomePage struct {
	Layout
	Types   []RiasecType
	Levels  []CountedLink
	Sectors []SectorCard
	Recent  []Card
	Count   int
	Quiz    int // the quiz's statements
	// Offers is how many offers are current; -1 while the offer index is
	// not built yet.
	Offers int
}
