package text

import "strings"

// Slug is s folded into an address segment: "Aider les autres !" and
// "aider les AUTRES" both give "aider-les-autres", so that texts that fold
// alike share one address. It is empty when s has no letter or digit.
func Slug(s string) string { return strings.Join(strings.Fields(Fold(s)), "-") }
