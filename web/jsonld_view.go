package web

// Schema.org data for search engines and other readers, written as
// JSON-LD data blocks in the page's head: Go structs marshalled by
// encoding/json, never strings put together by hand.

// Thing is the part every schema.org object here starts with.
type Thing struct {
	Context string `json:"@context,omitempty"`
	Type    string `json:"@type"`
}

const schemaOrg = "https://schema.org"

// Occupation is a fiche as https://schema.org/Occupation.
type Occupation struct {
	Thing
	Name                  string                       `json:"name"`
	Description           string                       `json:"description,omitempty"`
	URL                   string                       `json:"url,omitempty"`
	AlternateName         []string                     `json:"alternateName,omitempty"`
	OccupationalCategory  []CategoryCode               `json:"occupationalCategory,omitempty"`
	EducationRequirements []Credential                 `json:"educationRequirements,omitempty"`
	Skills                []string                     `json:"skills,omitempty"`
	EstimatedSalary       []MonetaryAmountDistribution `json:"estimatedSalary,omitempty"`
	OccupationLocation    []Place                      `json:"occupationLocation,omitempty"`
	MainEntityOfPage      *WebPageRef                  `json:"mainEntityOfPage,omitempty"`
}

// NewOccupation starts an Occupation block.
func NewOccupation() Occupation {
	return Occupation{Thing: Thing{Context: schemaOrg, Type: "Occupation"}}
}

// CategoryCode is a code of a classification, a ROME code here.
type CategoryCode struct {
	Thing
	CodeValue string           `json:"codeValue"`
	Name      string           `json:"name,omitempty"`
	InCodeSet *CategoryCodeSet `json:"inCodeSet,omitempty"`
}

// CategoryCodeSet names the classification.
type CategoryCodeSet struct {
	Thing
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Credential is a study level that leads to the métier.
type Credential struct {
	Thing
	EducationalLevel string `json:"educationalLevel"`
}

// MonetaryAmountDistribution is one salary band, gross euros per year.
type MonetaryAmountDistribution struct {
	Thing
	Name     string `json:"name,omitempty"`
	Currency string `json:"currency"`
	Duration string `json:"duration"`
	MinValue int    `json:"minValue"`
	MaxValue int    `json:"maxValue,omitempty"`
}

// WebPageRef is the page a thing is the main entity of.
type WebPageRef struct {
	Thing
	ID           string `json:"@id,omitempty"`
	LastReviewed string `json:"lastReviewed,omitempty"`
}

// Place is a country or an address.
type Place struct {
	Thing
	Name    string         `json:"name,omitempty"`
	Address *PostalAddress `json:"address,omitempty"`
}

// PostalAddress is where a job is.
type PostalAddress struct {
	Thing
	AddressLocality string `json:"addressLocality,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	AddressCountry  string `json:"addressCountry"`
}

// JobPosting is a live offer as https://schema.org/JobPosting, with the
// properties Google's job search requires and recommends.
type JobPosting struct {
	Thing
	Title              string          `json:"title"`
	Description        string          `json:"description"`
	DatePosted         string          `json:"datePosted"`
	ValidThrough       string          `json:"validThrough,omitempty"`
	EmploymentType     []string        `json:"employmentType,omitempty"`
	HiringOrganization any             `json:"hiringOrganization"` // an Organization, or "confidential"
	JobLocation        *Place          `json:"jobLocation,omitempty"`
	JobLocationType    string          `json:"jobLocationType,omitempty"`
	BaseSalary         *MonetaryAmount `json:"baseSalary,omitempty"`
	Identifier         PropertyValue   `json:"identifier"`
	URL                string          `json:"url,omitempty"`
	Skills             []string        `json:"skills,omitempty"`
	OccupationalCode   string          `json:"occupationalCategory,omitempty"`
}

// NewJobPosting starts a JobPosting block.
func NewJobPosting() JobPosting {
	return JobPosting{Thing: Thing{Context: schemaOrg, Type: "JobPosting"}}
}

// Organization is the employer, by name.
type Organization struct {
	Thing
	Name string `json:"name"`
}

// MonetaryAmount is a salary as an offer gives it.
type MonetaryAmount struct {
	Thing
	Currency string            `json:"currency"`
	Value    QuantitativeValue `json:"value"`
}

// QuantitativeValue is an amount or a range per unit of time.
type QuantitativeValue struct {
	Thing
	MinValue float64 `json:"minValue"`
	MaxValue float64 `json:"maxValue"`
	UnitText string  `json:"unitText"`
}

// PropertyValue is an offer's identifier at its source.
type PropertyValue struct {
	Thing
	Name  string `json:"name"`
	Value string `json:"value"`
}

// BreadcrumbList is the trail shown at the top of a page.
type BreadcrumbList struct {
	Thing
	ItemListElement []ListItem `json:"itemListElement"`
}

// ListItem is one step of the trail; the last one may have no URL.
type ListItem struct {
	Thing
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item,omitempty"`
}

// NewBreadcrumbList makes the trail from its links, in order.
func NewBreadcrumbList(links []Link) BreadcrumbList {
	b := BreadcrumbList{Thing: Thing{Context: schemaOrg, Type: "BreadcrumbList"}}
	for i, l := range links {
		b.ItemListElement = append(b.ItemListElement, ListItem{Thing: Thing{Type: "ListItem"}, Position: i + 1, Name: l.Label, Item: l.URL})
	}
	return b
}
