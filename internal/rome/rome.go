// Package rome reads the parts of France Travail's ROME referential (the
// Répertoire opérationnel des métiers et des emplois) the site uses: the
// labels of the codes fiches carry, the job titles filed under each code,
// the centres d'intérêt, and the career moves France Travail lists. Labels
// are France Travail's data, shown as they are; no sentence is taken from it.
package rome

// Version is the release of the referential the shipped files come from.
// The files do not say it themselves: whoever replaces them with a newer
// release changes it here, and the attribution and messages follow.
const Version = "v460"

// Dir is where a content tree keeps the referential.
const Dir = "rome"

// validCode reports whether code is written as a ROME code: a capital
// letter A-N and four digits.
func validCode(code string) bool {
	if len(code) != 5 || code[0] < 'A' || code[0] > 'N' {
		return false
	}
	for i := 1; i < 5; i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// Referential is the referential as read, each list in its file's order.
type Referential struct {
	Metiers       []Metier
	Appellations  map[string][]Appellation // by ROME code
	Interests     []Interest
	InterestLinks []InterestLink
	Moves         []Move
	labels        map[string]string
}

// Metier is one ROME code and its label (« Développeur / Développeuse
// informatique »).
type Metier struct {
	Code  string
	Label string
}

// Appellation is a job title filed under a code, long and short forms;
// Rare marks the titles France Travail says are seldom used.
type Appellation struct {
	Code  string
	Long  string
	Short string
	Rare  bool
}

// Interest is a centre d'intérêt (« J'aime les sciences, le numérique »).
type Interest struct {
	ID    int
	Label string
}

// InterestLink puts a code under a centre d'intérêt; each code has one
// principal centre and may have secondary ones.
type InterestLink struct {
	Interest  int
	Code      string
	Principal bool
}

// Move is a career move from one code to another; a lower Order comes
// first in France Travail's list.
type Move struct {
	From  string
	To    string
	Order int
}

// Label is a code's label; ok is false for a code the referential lacks.
func (r *Referential) Label(code string) (label string, ok bool) {
	label, ok = r.labels[code]
	return label, ok
}
