// Package web holds the templ components and the view models they take.
// Components never touch the database or echo: the server shapes a view
// model for the screen and hands it over.
package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Layout is what every page shares.
type Layout struct {
	Title       string // the page's own title; the site name is appended
	Description string
	Canonical   string // the page's absolute public address, when the site knows it
	CSS         string // content-hashed stylesheet URL
	Script      string // htmx, on the pages that use it; empty elsewhere
	Combobox    string // the search boxes' suggestions script, on every page
	Selection   string // the script that keeps the selection while browsing, where it is added to
	Icon        string
	Sprite      string // content-hashed icon sprite URL (web/icons.go)
	Current     string // "metiers", "secteurs", ... for aria-current in the nav
	Query       string // the search box's value
	Banner      []string
	Draft       bool
	Footer      []Link
	DevReload   DevReload
	// SearchInPage is true on the pages that have their own search box
	// (home, errors): the header leaves its own out.
	SearchInPage bool
	// OGType is the page's Open Graph type, "website" when empty; JSONLD
	// are its schema.org blocks (jsonld_view.go).
	OGType string
	JSONLD []any
	// Feed is the Atom feed of the page's search, if any.
	Feed      string
	FeedTitle string
}

// DevReload is the preview's script that reloads the page when the
// content changes; Script is empty outside dev mode.
type DevReload struct {
	Script string
	Since  string // the content version the page shows
}

// Link is a labelled address; an empty URL renders as plain text.
type Link struct {
	Label string
	URL   string
}

// Option is a filter choice.
type Option struct {
	Value    string
	Label    string
	Selected bool
	URL      string
	Count    int
}

// Card is a fiche in a list.
type Card struct {
	Title   string
	Slug    string
	URL     string
	Summary string
	Sector  string
	Access  string
	Draft   bool
}

// SectorCard is a sector in a list.
type SectorCard struct {
	Key         string
	Label       string
	URL         string
	Description string
	Count       int
}

// ListPage is /metiers.
type ListPage struct {
	Layout
	Groups   []LetterGroup
	Letters  []Letter
	Sectors  []Option
	Levels   []Option
	Total    int
	Filtered bool
	Clear    string
	// Level is the chosen level's label, and sector if any, when no fiche
	// has it; Nearest are the closest levels that have some.
	Level   string
	Nearest []Link
}

// LetterGroup is the fiches under one letter of the A-Z index.
type LetterGroup struct {
	Letter string
	Anchor string
	Cards  []Card
}

// Letter is one entry of the A-Z index; Anchor is empty when no fiche
// starts with it.
type Letter struct {
	Letter string
	Anchor string
}

// SectorPage is /secteurs/{key}.
type SectorPage struct {
	Layout
	Label       string
	Description string
	Cards       []Card
	ListURL     string
}

// TextPage is a plain page from content/pages.
type TextPage struct {
	Layout
	Heading string
	HTML    string
}

// ErrorPage is shown for 404 and other errors.
type ErrorPage struct {
	Layout
	Status  int
	Heading string
	Message string
	Links   []Link
	// Nearest are the fiches nearest the words of an address not found.
	Nearest []Card
}

// FichePage is /metiers/{slug}.
type FichePage struct {
	Layout
	Heading    string
	Aliases    []string
	Summary    string
	Sector     Link
	Access     []string
	Glance     string
	Riasec     []Link // each to its type's page
	Interests  []Link // each to the fiches that share it
	Qualities  []string
	Tools      []string
	Sections   []Link
	BodyHTML   string
	Salaries   []SalaryGroup
	Chart      *Chart
	ChartPhone *Chart // the same bands, laid out for a phone's width
	Trainings  []TrainingGroup
	Related    []Link
	Rome       *RomeView // nil when the fiche has no code the referential knows
	Sources    []SourceView
	Videos     []VideoView
	Updated    string
	UpdatedISO string
	Estimates  bool
	Offers     []OfferCard
	OffersURL  string
	// GlanceURL is where the salary at a glance comes from: the editors'
	// figures or the offers' observed salaries.
	GlanceURL string
	Observed  *ObservedSalaries
	Compare   *CompareWith // nil when no other fiche shares the sector
	Share     FicheShare
}

// ObservedSalaries are the yearly salaries stated by a fiche's live offers.
type ObservedSalaries struct {
	Offers    int
	MinOffers int
	Date      string // when the offers were read
	Source    string // the feeds, named
	Median    string
	Rows      []ObservedRow
}

// ObservedRow is the quartiles of the salaries of some offers.
type ObservedRow struct {
	Label, Offers, Q1, Median, Q3 string
}

// SalaryGroup is the bands of one experience level.
type SalaryGroup struct {
	Label string
	Bands []Band
}

// Band is one salary band as given and per year.
type Band struct {
	Given    string
	Annual   string
	Region   string
	Status   string
	Source   string
	Estimate bool
	Note     string
}

// TrainingGroup is the trainings of one study level.
type TrainingGroup struct {
	Label string
	Items []TrainingView
}

// TrainingView is one training as shown.
type TrainingView struct {
	Title          string
	Kind           string
	Apprenticeship bool
	Duration       string
	Cost           string
	Where          string
	URL            string
	Source         string
}

// SourceView is one source as shown.
type SourceView struct {
	ID        string
	Publisher string
	Title     string
	URL       string
	Date      string
	Accessed  string // the day an undated document was read, in French
	Estimate  bool
}

// VideoView is a video shown as a plain link: never embedded, so that no
// third party's player or cookies load with the fiche.
type VideoView struct {
	Title     string
	URL       string
	Publisher string
	Duration  string
}

// Chart is the salary chart, laid out in Go so the SVG needs no script.
type Chart struct {
	Width, Height int
	LabelWidth    int
	Rows          []ChartRow
	Ticks         []Tick
	Summary       string
}

// ChartRow is a group heading (Heading set) or one band's bar.
type ChartRow struct {
	Y       int
	Heading string
	Label   string
	X1, X2  int
	Open    bool
	Value   string
}

// Tick is one graduation of the axis.
type Tick struct {
	X     int
	Label string
}

// Euros formats 35000 as "35 000 €".
func Euros(n int) string { return Number(n) + "\u00a0€" }

// Cents formats 1165 cents as "11,65 €", the French way.
func Cents(c int) string { return fmt.Sprintf("%s,%02d\u00a0€", Number(c/100), c%100) }

// Number formats 166783 as "166 783", with the narrow no-break space French
// typography puts between thousands.
func Number(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return b.String()
}

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date formats a day in French: "3 mars 2025".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
}

// PartialDate formats YYYY, YYYY-MM or YYYY-MM-DD in French.
func PartialDate(s string) string {
	switch len(s) {
	case 7:
		if t, err := time.Parse("2006-01", s); err == nil {
			return fmt.Sprintf("%s %d", months[t.Month()-1], t.Year())
		}
	case 10:
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return Date(t)
		}
	}
	return s
}

// videoMeta is "Onisep TV, 4 min", or whichever of the two is known.
func videoMeta(v VideoView) string {
	var parts []string
	for _, s := range []string{v.Publisher, v.Duration} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func pageTitle(l Layout) string {
	if l.Title == "" {
		return "Vocation, les métiers expliqués"
	}
	return l.Title + " · Vocation"
}

// joinFR joins items as French prose: "a, b et c".
func joinFR(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// OffersPage is /offres: a search, its facets and its results.
type OffersPage struct {
	Layout
	Query      string
	Lieu       string
	Rayon      string
	SalaryMin  string
	Radii      []Option
	Sorts      []Option
	Contracts  []Option
	Remote     []Option
	Experience []Option
	Metiers    []Option
	Places     []Option
	Active     []Link  // the active filters, each a link that removes it
	Kept       []Param // parameters no control of the filters shows, kept hidden
	Total      int
	Results    []OfferCard
	Prev, Next string
	Page       int
	Pages      int
	Listed     int // when there are more results than the pages list, how many they list
	Notice     string
	// NoticeLinks follow the notice: a way to undo what it says was done.
	NoticeLinks []Link
	Why         string // when nothing was found, why
	Empty       []Link // suggestions when nothing was found, with counts in labels
	Demo        bool
}

// OfferCard is an offer in a list.
type OfferCard struct {
	Title     string
	URL       string
	Company   string
	Place     string
	Contract  string
	Salary    string
	Remote    string
	Published string
	Distance  string
}

// OfferPage is /offres/{source}/{id}.
type OfferPage struct {
	Layout
	Heading     string
	Company     string
	Place       string
	Contract    string
	SalaryGiven string
	// SalaryDerived is what the salary makes per month or year, when the
	// offer gives it per another unit, or "".
	SalaryDerived string
	Remote        string
	Experience    string
	Skills        []string
	Published     string
	Expires       string
	ApplyURL      string
	Paragraphs    []string
	Fiches        []Link
	Gone          bool
	Others        []OfferCard // an expired offer's métier's current offers
	Search        Link
	// Demo is a demonstration offer (source demo or demo-*): it says it
	// has no real application instead of linking to one.
	Demo bool
}

// RomeView is what a fiche shows of France Travail's ROME referential:
// its codes with their labels, their principal centres d'intérêt, and the
// fiches of the codes France Travail lists as career moves from them.
type RomeView struct {
	Codes     []RomeCodeView
	Interests []Link // the principal centres d'intérêt of the codes, each once, to their fiches
	Moves     []Link
	Version   string // the release, for the attribution
}

// RomeCodeView is one ROME code and its label.
type RomeCodeView struct {
	Code  string
	Label string
}
