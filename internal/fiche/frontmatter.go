package fiche

import (
	"bytes"
	"unicode/utf8"

	"vocation/internal/problem"
)

// MaxFileSize bounds one content file: a fiche is a few dozen KB, and a
// multi-megabyte file is a mistake (a pasted binary, a log) not content.
const MaxFileSize = 1 << 20

// splitFrontMatter separates the YAML between the opening and closing ---
// lines from the Markdown body. bodyLine is the file line the body starts on.
func splitFrontMatter(path string, src []byte, probs *problem.List) (fm, body []byte, bodyLine int, ok bool) {
	if len(src) > MaxFileSize {
		probs.Errorf(path, 1, "fichier", "fait %d octets ; un fichier de contenu en fait %d au plus", len(src), MaxFileSize)
		return nil, nil, 0, false
	}
	if line, bad := invalidUTF8Line(src); bad {
		probs.Errorf(path, line, "fichier", "n'est pas du texte UTF-8 valide ; enregistrez-le en UTF-8")
		return nil, nil, 0, false
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if len(bytes.TrimSpace(src)) == 0 {
		probs.Errorf(path, 1, "fichier", "est vide ; une fiche commence par un en-tête entre deux lignes ---")
		return nil, nil, 0, false
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	if string(bytes.TrimRight(lines[0], " \t\n")) != "---" {
		probs.Errorf(path, 1, "en-tête", "absent : le fichier doit commencer par une ligne qui ne contient que ---")
		return nil, nil, 0, false
	}
	for i := 1; i < len(lines); i++ {
		if string(bytes.TrimRight(lines[i], " \t\n")) == "---" {
			return bytes.Join(lines[1:i], nil), bytes.Join(lines[i+1:], nil), i + 2, true
		}
	}
	probs.Errorf(path, 1, "en-tête", "non fermé : ajoutez une ligne qui ne contient que --- après la dernière clé")
	return nil, nil, 0, false
}

func invalidUTF8Line(src []byte) (int, bool) {
	if utf8.Valid(src) {
		return 0, false
	}
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return line, true
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line, true
}
