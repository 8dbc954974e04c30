package text

import (
	"strings"
	"unicode/utf8"
)

// MaxQuery bounds what is read of a typed query.
const MaxQuery = 200

// aliases expand what students type for a métier into the words offers
// use. Keys and values are stems.
var aliases = map[string][]string{
	"dev":        {"developpeur"},
	"ide":        {"infirmier"},
	"backend":    {"back"},
	"frontend":   {"front"},
	"fullstack":  {"full"},
	"sysadmin":   {"administrateur"},
	"admin":      {"administrateur"},
	"cto":        {"directeur"},
	"pm":         {"product"},
	"rh":         {"ressource"},
	"compta":     {"comptable"},
	"commercial": {"vendeur"},
}

// Query is a typed query made safe: each word is a group of stems, any of
// which matches; the last word also matches as a prefix, since it may be
// still being typed.
type Query struct {
	Words [][]string
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
		if stop[w] && len(fields) > 1 {
			continue
		}
		group := []string{Stem(w)}
		for _, a := range aliases[w] {
			if a != group[0] {
				group = append(group, a)
			}
		}
		q.Words = append(q.Words, group)
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
