package web

import "strconv"

// SearchPage is /recherche?q=: the fiches a query finds, with what was
// corrected, and the ROME métiers it names that have no fiche yet.
type SearchPage struct {
	Layout
	Query string // as typed, cleaned
	Total int
	// Corrected is the query the results are for when a word was
	// misspelled and one spelling was nearest; the query itself found
	// nothing.
	Corrected string
	// DidYouMean are other spellings, each a link with its count.
	DidYouMean []Link
	// Partial says no fiche has every word: the results have these.
	Partial string
	Results []SearchResult
	NoFiche []NoFiche
	Page    int
	Pages   int
	Prev    string
	Next    string
	// First is the number of the first result shown, from 1.
	First int
}

// SearchResult is a fiche found, and where its words were found when
// not in its name.
type SearchResult struct {
	Card
	Found string
}

// NoFiche is a ROME job title the query names whose métier has no fiche
// yet: its family (the ROME code's label) and its offers.
type NoFiche struct {
	Title  string
	Family string
	Code   string
	Offers string
}

// Suggestions is the fragment /recherche/suggestions?q= answers for the
// search boxes' list: at most eight fiches and a link to all results.
type Suggestions struct {
	Query string
	Items []Suggestion
	Total int
	All   string
}

// Suggestion is one fiche offered while typing.
type Suggestion struct {
	Title string
	URL   string
	Note  string
}

func itoa(n int) string { return strconv.Itoa(n) }
