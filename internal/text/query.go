package text

import (
	"strings"
	"unicode/utf8"
)

// MaxQuery bounds what is read of a typed query.
const MaxQuery = 200

// aliases expand what students type for a métier, abbreviations and
// synonyms, into the words offers and fiches use: the one place both
// searches read them from. Keys are folded words or their stems; values
// are words, stemmed when read.
var aliases = map[string][]string{
	"dev":           {"developpeur"},
	"codeur":        {"developpeur"},
	"programmeur":   {"developpeur"},
	"informaticien": {"informatique", "numerique"},
	"geek":          {"informatique", "numerique"},
	"hacker":        {"cybersecurite"},
	"hackeur":       {"cybersecurite"},
	"cyber":         {"cybersecurite"},
	"ide":           {"infirmier"},
	"prof":          {"professeur"},
	"instit":        {"professeur"},
	"instituteur":   {"professeur"},
	"maitresse":     {"professeur"},
	"mecano":        {"mecanicien"},
	"garagiste":     {"mecanicien"},
	"cuistot":       {"cuisinier"},
	"routier":       {"conducteur"},
	"camionneur":    {"conducteur"},
	"chauffeur":     {"conducteur"},
	"paysagiste":    {"jardinier"},
	"backend":       {"back"},
	"frontend":      {"front"},
	"fullstack":     {"full"},
	"sysadmin":      {"administrateur"},
	"admin":         {"administrateur"},
	"cto":           {"directeur"},
	"pm":            {"product"},
	"rh":            {"ressource"},
	"compta":        {"comptable"},
	"commercial":    {"vendeur"},
	// the words of everyday speech for work
	"bosser": {"travailler"},
	"bosse":  {"travaille"},
	"boulot": {"metier", "travail"},
	"taf":    {"metier", "travail"},
	"gosse":  {"enfant"},
	"gamin":  {"enfant"},
	"mome":   {"enfant"},
	"bouffe": {"cuisine"},
}

// Query is a typed query made safe: each word is a group of stems, any of
// which matches; the last word also matches as a prefix, since it may be
// still being typed.
type Query struct {
	Words [][]string
	// Typed is each word as typed, folded, before its stem: typo
	// tolerance is measured on what was typed.
	Typed []string
	// Prefix is the stem of the last word as typed, for prefix matching.
	Prefix string
}

// Parse reads what a person typed. Anything is accepted: invalid UTF-8,
// FTS5 syntax and SQL are only text, folded to letters and digits.
func Parse(typed string) Query {
	typed = strings.ToValidUTF8(typed, " ")
	if utf8.RuneCountInString(typed) > MaxQuery {
		typed = string([]rune(typed)[:MaxQuery])
	}
	var q Query
	fields := strings.Fields(Fold(typed))
	for i, w := range fields {
		if isStop(w) && len(fields) > 1 {
			continue
		}
		group := []string{Stem(w)}
		expand, ok := aliases[w]
		if !ok {
			expand = aliases[group[0]] // "informaticiennes" as "informaticien"
		}
		for _, a := range expand {
			if a = Stem(a); a != group[0] {
				group = append(group, a)
			}
		}
		q.Words = append(q.Words, group)
		q.Typed = append(q.Typed, w)
		if i == len(fields)-1 && len(w) >= 2 {
			q.Prefix = Stem(w)
			if !strings.HasSuffix(typed, " ") {
				q.Prefix = w // still being typed: match what is there
			}
		}
	}
	return q
}

// Empty reports whether there is nothing to search for.
func (q Query) Empty() bool { return len(q.Words) == 0 }

// String is the query as understood, for messages and titles.
func (q Query) String() string {
	var ws []string
	for _, g := range q.Words {
		ws = append(ws, g[0])
	}
	return strings.Join(ws, " ")
}
