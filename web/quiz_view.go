package web

// QuizPage is /quiz: the statements in parts, each with the answer the
// address gives, if any.
type QuizPage struct {
	Layout
	Parts    []QuizPart
	Total    int // statements
	PerType  int
	Answered int
}

// QuizPart is one screenful of statements.
type QuizPart struct {
	Heading string
	Items   []QuizItem
}

// QuizItem is one statement and its answer: "2", "1", "0" or "" when
// unanswered.
type QuizItem struct {
	ID     string
	Text   string
	Answer string
}

// QuizChoices are the three answers, in the form's order, with their
// values in addresses.
var QuizChoices = []Option{{Value: "2", Label: "J’aime"}, {Value: "1", Label: "Ça m’est égal"}, {Value: "0", Label: "Je n’aime pas"}}

// QuizResultPage is /quiz/resultat.
type QuizResultPage struct {
	Layout
	Profile  string       // "SIA"; empty when none could be read
	Types    []RiasecType // the profile's types, dominant first
	Scores   []QuizScore  // from the answers; none for a profile given as such
	Answered int
	Total    int
	// Message replaces the results when there is no profile.
	Message string
	EditURL string // the quiz with these answers checked
	// Hidden are the parameters the level filter keeps.
	Hidden  []Param
	Levels  []Option
	Level   string // its label, when filtered
	Clear   string // the result without the level filter
	Max     int    // the best possible closeness
	Results []QuizMatch
	Matches int // fiches with something in common, before the cap
}

// QuizScore is one type's points from the answers.
type QuizScore struct {
	Letter string
	Name   string
	Points int
	Max    int
	Likes  int
}

// QuizMatch is a fiche in the ranking.
type QuizMatch struct {
	Card
	Letters   string // "S, R"
	Points    int
	OffersURL string
}

// Param is a query parameter a form carries as a hidden field.
type Param struct {
	Name  string
	Value string
}
