package riasec

import (
	"net/url"
	"slices"

	"vocation/internal/failure"
)

// Statement is one thing to like or not. Its ID, the type's letter in
// lowercase and a number, is its parameter in the quiz's addresses: it
// never changes, so that a sent link keeps its meaning.
type Statement struct {
	ID     string
	Letter string
	Text   string
}

// PerType is how many statements each type has: the same for all, so
// that no type can win by having more.
const PerType = 6

// Statements are the quiz's statements, PerType per type, type by type in
// Holland's order.
var Statements = [6 * PerType]Statement{
	{"r1", "R", "Réparer un vélo ou un appareil en panne"},
	{"r2", "R", "Monter un meuble en suivant le schéma"},
	{"r3", "R", "Travailler dehors, même quand il fait froid"},
	{"r4", "R", "Conduire un engin ou faire marcher une machine"},
	{"r5", "R", "Préparer un repas pour toute la famille"},
	{"r6", "R", "Jardiner ou s’occuper d’animaux"},
	{"i1", "I", "Comprendre comment fonctionne le corps humain"},
	{"i2", "I", "Résoudre une énigme ou un problème de maths"},
	{"i3", "I", "Faire une expérience en laboratoire"},
	{"i4", "I", "Trouver pourquoi un ordinateur ne marche plus"},
	{"i5", "I", "Lire un article sur une découverte scientifique"},
	{"i6", "I", "Analyser des chiffres pour expliquer un résultat"},
	{"a1", "A", "Dessiner, peindre ou faire des photos"},
	{"a2", "A", "Écrire une histoire, un poème ou une chanson"},
	{"a3", "A", "Jouer de la musique ou faire du théâtre"},
	{"a4", "A", "Imaginer la décoration d’une pièce"},
	{"a5", "A", "Tourner et monter une vidéo"},
	{"a6", "A", "Inventer une idée que personne n’a encore eue"},
	{"s1", "S", "Aider un camarade à comprendre un cours"},
	{"s2", "S", "Écouter quelqu’un qui ne va pas bien"},
	{"s3", "S", "S’occuper d’enfants ou de personnes âgées"},
	{"s4", "S", "Animer un jeu ou un atelier pour un groupe"},
	{"s5", "S", "Soigner une personne blessée ou malade"},
	{"s6", "S", "Donner de son temps à une association"},
	{"e1", "E", "Organiser une fête pour 50 personnes"},
	{"e2", "E", "Convaincre les autres d’adopter ton idée"},
	{"e3", "E", "Vendre des objets sur un marché ou en ligne"},
	{"e4", "E", "Diriger une équipe pour un projet"},
	{"e5", "E", "Créer ta propre entreprise un jour"},
	{"e6", "E", "Prendre la parole devant toute la classe"},
	{"c1", "C", "Ranger et classer des papiers importants"},
	{"c2", "C", "Tenir les comptes d’un budget"},
	{"c3", "C", "Suivre une procédure précise, étape par étape"},
	{"c4", "C", "Remplir un tableau avec soin"},
	{"c5", "C", "Repérer les fautes dans un texte"},
	{"c6", "C", "Préparer un planning à la minute près"},
}

// Parts are the statements as the form shows them: PerType parts of six,
// one statement of each type per part, the types in a different order in
// each part, so that neither the order nor the grouping gives a type away.
func Parts() [PerType][6]Statement {
	var out [PerType][6]Statement
	for p := range PerType {
		for k := range 6 {
			t := (k + 5*p) % 6 // p-th rotation, backwards, of R I A S E C
			out[p][k] = Statements[t*PerType+p]
		}
	}
	return out
}

// Answer is what someone said of a statement. The values are those of the
// addresses: 2 j'aime, 1 ça m'est égal, 0 je n'aime pas.
type Answer int8

// The answers; Unanswered counts as Neutral.
const (
	Unanswered Answer = -1
	Dislike    Answer = 0
	Neutral    Answer = 1
	Like       Answer = 2
)

// Answers are the answers to Statements, in their order.
type Answers [len(Statements)]Answer

// ParseAnswers reads the answers from an address's parameters: one per
// statement, named by its ID, valued 2, 1 or 0; a statement without a
// parameter, or with an empty one, is unanswered. Other parameters are
// left to the caller. The error is a failure.Invalid, said to the reader in French.
func ParseAnswers(q url.Values) (Answers, error) {
	var a Answers
	for i, s := range Statements {
		v := q.Get(s.ID)
		switch v {
		case "":
			a[i] = Unanswered
		case "0", "1", "2":
			a[i] = Answer(v[0] - '0')
		default:
			return a, failure.Invalidf("La réponse à « " + s.Text + " » (paramètre " + s.ID + ") doit valoir 2 (j’aime), 1 (ça m’est égal) ou 0 (je n’aime pas).")
		}
	}
	return a, nil
}

// Values are the answers as parameters, unanswered statements left out:
// the inverse of ParseAnswers.
func (a Answers) Values() url.Values {
	q := url.Values{}
	for i, s := range Statements {
		if a[i] != Unanswered {
			q.Set(s.ID, string(rune('0'+a[i])))
		}
	}
	return q
}

// Of is the answer to the statement id, Unanswered for an unknown id.
func (a Answers) Of(id string) Answer {
	if i := slices.IndexFunc(Statements[:], func(s Statement) bool { return s.ID == id }); i >= 0 {
		return a[i]
	}
	return Unanswered
}

// Answered counts the answered statements.
func (a Answers) Answered() int {
	n := 0
	for _, v := range a {
		if v != Unanswered {
			n++
		}
	}
	return n
}

// Score is one type's result: the sum of its answers (2 j'aime, 1 ça m'est
// égal or unanswered, 0 je n'aime pas), out of 2 × PerType, and how many
// of them were j'aime.
type Score struct {
	Type
	Points int
	Likes  int
}

// MaxPoints is a type's score when every one of its statements is liked.
const MaxPoints = 2 * PerType

// Scores are the six types' scores in Holland's order.
func (a Answers) Scores() [6]Score {
	var out [6]Score
	for t := range Types {
		out[t].Type = Types[t]
	}
	for i, s := range Statements {
		sc := &out[index(s.Letter)]
		switch a[i] {
		case Like:
			sc.Points += 2
			sc.Likes++
		case Neutral, Unanswered:
			sc.Points++
		}
	}
	return out
}

// Profile is the profile the answers suggest: the types with at least one
// j'aime, by score, the highest first, at most three; equal scores keep
// Holland's order. It is empty when nothing was liked: no profile can be
// read from dislikes and indifference alone.
func (a Answers) Profile() string {
	scores := a.Scores()
	var liked []Score
	for _, s := range scores {
		if s.Likes > 0 {
			liked = append(liked, s)
		}
	}
	slices.SortStableFunc(liked, func(x, y Score) int { return y.Points - x.Points })
	p := ""
	for _, s := range liked[:min(len(liked), MaxProfile)] {
		p += s.Letter
	}
	return p
}
