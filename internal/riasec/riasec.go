// Package riasec is Holland's six interest types (RIASEC) as the site
// explains them, the quiz that suggests a profile from likes and dislikes,
// and how close a fiche's letters are to a profile. It knows no fiche and
// no page: the server hands it letters and gets back scores.
package riasec

import (
	"strings"

	"vocation/internal/failure"
)

// Type is one of the six interest types.
type Type struct {
	Letter      string
	Name        string
	Description string // for a 16-year-old, in French
}

// Types are the six types in Holland's order, the order ties fall back to.
var Types = [6]Type{
	{"R", "Réaliste", "Tu aimes le concret : travailler avec tes mains, des outils, des machines, des plantes ou des animaux. " +
		"Ce qui te plaît, c’est de voir le résultat : un objet réparé, un mur monté, un plat servi. Souvent dehors, souvent en mouvement."},
	{"I", "Investigateur", "Tu aimes comprendre comment les choses marchent. Observer, chercher, poser des questions, " +
		"résoudre un problème difficile : sciences, santé, informatique, enquêtes."},
	{"A", "Artiste", "Tu aimes créer et t’exprimer : dessin, musique, écriture, image, mode, design. " +
		"Tu préfères inventer ta façon de faire plutôt que suivre un modèle."},
	{"S", "Social", "Tu aimes être avec les autres pour les aider, les soigner, leur apprendre quelque chose ou les écouter. " +
		"Ce qui compte pour toi : être utile aux gens."},
	{"E", "Entreprenant", "Tu aimes convaincre, décider, lancer des projets et entraîner les autres avec toi. " +
		"Vendre, négocier, diriger une équipe ne te fait pas peur."},
	{"C", "Conventionnel", "Tu aimes quand les choses sont claires et bien organisées : des règles, des chiffres, des méthodes. " +
		"On peut compter sur toi pour un travail précis et sans erreur."},
}

// index is a letter's position in Types, or -1.
func index(letter string) int {
	return strings.Index("RIASEC", letter)
}

// Lookup is the type of a letter; ok is false for anything else.
func Lookup(letter string) (Type, bool) {
	if len(letter) != 1 {
		return Type{}, false
	}
	if i := index(letter); i >= 0 {
		return Types[i], true
	}
	return Type{}, false
}

// MaxProfile is how many letters a profile has at most.
const MaxProfile = 3

// ParseProfile reads a profile as a counselor writes it: one to three
// different letters, dominant first ("SIA"); lowercase is accepted. The
// error is a sentence for the reader, in French.
func ParseProfile(s string) (string, error) {
	p := strings.ToUpper(s)
	if p == "" || len(p) > MaxProfile {
		return "", failure.Invalidf("Un profil RIASEC s’écrit avec 1 à 3 lettres parmi R, I, A, S, E et C, la dominante en premier (par exemple SIA).")
	}
	for i := range len(p) {
		if index(p[i:i+1]) < 0 {
			return "", failure.Invalidf("Un profil RIASEC ne prend que les lettres R, I, A, S, E et C, la dominante en premier (par exemple SIA).")
		}
		if strings.IndexByte(p[:i], p[i]) >= 0 {
			return "", failure.Invalidf("Chaque lettre ne compte qu’une fois dans un profil RIASEC (par exemple SIA, pas SSA).")
		}
	}
	return p, nil
}

// Closeness says how close a fiche's letters are to a profile: each letter
// they share scores the product of its weights, 3, 2 and 1 by its
// position in the profile and 3, 2 and 1 by its position in the fiche's
// letters, and the products are summed. A fiche whose letters are the
// profile's in the same order scores the most: 14 for three letters
// (3×3 + 2×2 + 1×1). 0 means nothing in common.
func Closeness(profile string, letters []string) int {
	score := 0
	for fi, l := range letters[:min(len(letters), MaxProfile)] {
		if pi := strings.Index(profile, l); pi >= 0 && len(l) == 1 && pi < MaxProfile {
			score += (MaxProfile - pi) * (MaxProfile - fi)
		}
	}
	return score
}

// MaxCloseness is the best score a fiche can have against profile.
func MaxCloseness(profile string) int {
	score := 0
	for i := range min(len(profile), MaxProfile) {
		score += (MaxProfile - i) * (MaxProfile - i)
	}
	return score
}

// Less orders two fiches of equal closeness by the order of their
// letters: the one whose dominant letter comes earlier in the profile
// comes first, then by the second letter, then the third; a letter the
// profile lacks comes after all of them. It reports whether a goes
// strictly before b; when neither does, the caller's order stands.
func Less(profile string, a, b []string) bool {
	for i := range MaxProfile {
		pa, pb := rank(profile, a, i), rank(profile, b, i)
		if pa != pb {
			return pa < pb
		}
	}
	return false
}

func rank(profile string, letters []string, i int) int {
	if i >= len(letters) {
		return MaxProfile + 1
	}
	if p := strings.Index(profile, letters[i]); p >= 0 && len(letters[i]) == 1 {
		return p
	}
	return MaxProfile
}
