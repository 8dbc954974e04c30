// Package problem is the vocabulary of content errors shown to editors:
// one line each, as path:line: field : problem, in French, the editors'
// language (the space before the colon is French typography).
package problem

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong in one content file. A warning is printed but
// does not block an import.
type Problem struct {
	Path    string
	Line    int
	Field   string
	Message string
	Warning bool
}

func (p Problem) String() string {
	field := p.Field
	if field == "" {
		field = "fichier"
	}
	prefix := ""
	if p.Warning {
		prefix = "avertissement : "
	}
	return fmt.Sprintf("%s:%d: %s : %s%s", p.Path, p.Line, field, prefix, p.Message)
}

// List collects the problems of a whole content tree.
type List []Problem

// Errorf records an error at path:line for field.
func (l *List) Errorf(path string, line int, field, format string, args ...any) {
	*l = append(*l, Problem{Path: path, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line for field.
func (l *List) Warnf(path string, line int, field, format string, args ...any) {
	*l = append(*l, Problem{Path: path, Line: line, Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
}

// HasErrors reports whether any problem is an error rather than a warning.
func (l List) HasErrors() bool {
	for _, p := range l {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Sort orders problems by file then line, so output reads like a compiler's.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Path != l[j].Path {
			return l[i].Path < l[j].Path
		}
		return l[i].Line < l[j].Line
	})
}

// String is one problem a line, as printed to editors.
func (l List) String() string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}
