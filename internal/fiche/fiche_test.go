package fiche

import (
	"strings"
	"testing"

	"vocation/internal/problem"
)

// valid is a fiche every case starts from; line numbers below count from
// its first line ("---" is line 1, "title" line 2).
const valid = `---
title: Développeur·euse back-end
summary: Conçoit la partie invisible des sites et applications.
sector: numerique
access: [bac+2, bac+5]
updated: 2025-03-14
aliases: [dev back, développeuse back-end]
rome: [M1805]
riasec: [I, C]
sources:
  - id: onisep
    publisher: Onisep
    date: 2024-05
salaries:
  - level: debutant
    min: 2000
    max: 2500
    unit: month
    source: onisep
trainings:
  - level: bac+2
    title: BTS SIO option SLAM
    kind: public
    cost: gratuit (2024)
related: [developpeur-front-end]
---
## Le métier

Texte.
`

func parse(t *testing.T, src string) (*Fiche, problem.List) {
	t.Helper()
	var probs problem.List
	f := Parse("content/metiers/dev.md", "dev", []byte(src), &probs)
	return f, probs
}

func TestParseValid(t *testing.T) {
	f, probs := parse(t, valid)
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %v", probs)
	}
	if f.Title != "Développeur·euse back-end" || f.Sector != "numerique" || len(f.Access) != 2 || f.Updated.Format("2006-01-02") != "2025-03-14" {
		t.Errorf("fields not read: %+v", f)
	}
	s := f.Salaries[0]
	if s.Min != 2000 || s.Max != 2500 || s.Unit != "month" || s.Region != "france" || s.Status != "salarie" || s.Source != "onisep" {
		t.Errorf("salary defaults or values wrong: %+v", s)
	}
	if f.BodyLine != 27 || !strings.HasPrefix(string(f.Body), "## Le métier") {
		t.Errorf("body starts at line %d with %q", f.BodyLine, f.Body[:10])
	}
}

func TestParseProblems(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(valid, old) {
			panic("test case does not apply: " + old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	tests := []struct {
		name string
		src  string
		want string // "line: field: " prefix after the path
		msg  string // part of the message
	}{
		{"unknown key", replace("rome: [M1805]", "romes: [M1805]"), "8: romes :", "clé inconnue (vouliez-vous dire rome ?)"},
		{"missing title", replace("title: Développeur·euse back-end\n", ""), "2: title :", "clé obligatoire absente"},
		{"empty title", replace("title: Développeur·euse back-end", "title: \"\""), "2: title :", "ne doit pas être vide"},
		{"long title", replace("title: Développeur·euse back-end", "title: "+strings.Repeat("a", 121)), "2: title :", "120 au plus"},
		{"short summary", replace("summary: Conçoit la partie invisible des sites et applications.", "summary: Trop court"), "3: summary :", "au moins 20"},
		{"number as title", replace("title: Développeur·euse back-end", "title: 1984"), "2: title :", "mettez-le entre guillemets"},
		{"bad level", replace("access: [bac+2, bac+5]", "access: [bac+2, bac+4]"), "5: access[1] :", `"bac+4" n'est pas une valeur possible`},
		{"access not a list", replace("access: [bac+2, bac+5]", "access: bac+2"), "5: access :", "attendu : une liste"},
		{"empty access", replace("access: [bac+2, bac+5]", "access: []"), "5: access :", "au moins un niveau"},
		{"bad date", replace("updated: 2025-03-14", "updated: 14/03/2025"), "6: updated :", "écrivez AAAA-MM-JJ"},
		{"impossible date", replace("updated: 2025-03-14", "updated: 2025-02-30"), "6: updated :", "n'est pas une date"},
		{"bad rome", replace("rome: [M1805]", "rome: [m1805]"), "8: rome[0] :", "code ROME"},
		{"bad riasec letter", replace("riasec: [I, C]", "riasec: [I, X]"), "9: riasec[1] :", `"X" n'est pas une valeur possible`},
		{"too many riasec", replace("riasec: [I, C]", "riasec: [I, C, R, S]"), "9: riasec :", "1 à 3"},
		{"duplicate alias", replace("aliases: [dev back, développeuse back-end]", "aliases: [dev back, Dev Back]"), "7: aliases[1] :", "figure deux fois"},
		{"source without publisher", replace("    publisher: Onisep\n", ""), "11: sources[0].publisher :", "clé obligatoire absente"},
		{"bad source date", replace("date: 2024-05", "date: 2024-13"), "13: sources[0].date :", "n'est pas une date"},
		{"bad source url", replace("date: 2024-05", "url: javascript:alert(1)"), "13: sources[0].url :", "n'est pas une adresse http(s)"},
		{"unknown source id", replace("source: onisep", "source: onisepp"), "19: salaries[0].source :", `id de source inconnu "onisepp"`},
		{"implausible year", replace("unit: month", "unit: year"), "16: salaries[0].min :", "2000 par an est invraisemblable ; vouliez-vous dire unit: month ?"},
		{"implausible month", replace("    min: 2000\n    max: 2500\n    unit: month", "    min: 50000\n    max: 60000\n    unit: month"), "16: salaries[0].min :", "50000 par mois est invraisemblable ; vouliez-vous dire unit: year ?"},
		{"implausible without suggestion", replace("min: 2000", "min: 20"), "16: salaries[0].min :", "20 par mois est invraisemblable (attendu : de 800 à 40000)"},
		{"implausible day", replace("    min: 2000\n    max: 2500\n    unit: month", "    min: 450\n    max: 650\n    unit: month"), "16: salaries[0].min :", "vouliez-vous dire unit: day ?"},
		{"min above max", replace("max: 2500", "max: 1900"), "17: salaries[0].max :", "inférieur à min 2000"},
		{"amount with spaces", replace("min: 2000", "min: 2 000"), "16: salaries[0].min :", "sans espace"},
		{"zero amount", replace("min: 2000", "min: 0"), "16: salaries[0].min :", "supérieur à 0"},
		{"bad salary level", replace("level: debutant", "level: junior"), "15: salaries[0].level :", `"junior" n'est pas une valeur possible ; valeurs : debutant`},
		{"bad unit", replace("unit: month", "unit: week"), "18: salaries[0].unit :", `"week" n'est pas une valeur possible ; valeurs : year, month, day`},
		{"bad region", replace("    source: onisep\ntrainings", "    source: onisep\n    region: lyon\ntrainings"), "20: salaries[0].region :", "valeurs : france, paris, province, belgique"},
		{"missing unit", replace("    unit: month\n", ""), "15: salaries[0].unit :", "clé obligatoire absente"},
		{"open ended with max", replace("    source: onisep\ntrainings", "    source: onisep\n    open_ended: true\ntrainings"), "17: salaries[0].max :", "max égal à min"},
		{"training kind", replace("kind: public", "kind: publique"), "23: trainings[0].kind :", "valeurs : public, private"},
		{"training cost without year", replace("cost: gratuit (2024)", "cost: gratuit"), "24: trainings[0].cost :", "indiquez l'année"},
		{"training missing title", replace("    title: BTS SIO option SLAM\n", ""), "21: trainings[0].title :", "clé obligatoire absente"},
		{"apprenticeship not bool", replace("kind: public", "apprenticeship: oui"), "23: trainings[0].apprenticeship :", "attendu : true ou false"},
		{"related not slug", replace("related: [developpeur-front-end]", "related: [Développeur Front]"), "25: related[0] :", "n'est pas un slug"},
		{"previous slug is own", replace("related: [developpeur-front-end]", "previous_slugs: [dev]"), "25: previous_slugs :", "slug actuel"},
		{"draft not bool", replace("related: [developpeur-front-end]", "draft: peut-être"), "25: draft :", "attendu : true ou false"},
		{"yaml syntax", replace("sector: numerique", "sector: [numerique"), "4: yaml :", "crochet [ ouvert ici"},
		{"duplicate key", replace("sector: numerique", "sector: numerique\nsector: sante"), "5: sector :", "clé présente deux fois"},
		{"no front matter", "## Le métier\n", "1: en-tête :", "doit commencer par"},
		{"unclosed front matter", "---\ntitle: x\n", "1: en-tête :", "non fermé"},
		{"empty file", "", "1: fichier :", "est vide"},
		{"empty front matter", "---\n---\nbody\n", "1: en-tête :", "est vide"},
		{"invalid utf-8", replace("## Le métier", "## Le m\xe9tier"), "27: fichier :", "pas du texte UTF-8"},
		{"huge file", valid + strings.Repeat("x", MaxFileSize), "1: fichier :", "au plus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, probs := parse(t, tt.src)
			prefix := "content/metiers/dev.md:" + tt.want
			found := false
			for _, p := range probs {
				if strings.HasPrefix(p.String(), prefix) && strings.Contains(p.Message, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a problem %q ... %q, got:\n%v", prefix, tt.msg, lines(probs))
			}
			if f != nil {
				t.Errorf("an invalid fiche was returned")
			}
		})
	}
}

func TestEveryProblemReported(t *testing.T) {
	src := strings.NewReplacer("sector: numerique", "sector: 12", "unit: month", "unit: year", "kind: public", "kind: x").Replace(valid)
	_, probs := parse(t, src)
	for _, want := range []string{":4: sector :", ":16: salaries[0].min :", ":17: salaries[0].max :", ":23: trainings[0].kind :"} {
		if !strings.Contains(lines(probs), want) {
			t.Errorf("missing %s in\n%s", want, lines(probs))
		}
	}
}

func TestAnnual(t *testing.T) {
	for _, tt := range []struct {
		amount int
		unit   string
		want   int
	}{{2000, "month", 24000}, {450, "day", 98100}, {40000, "year", 40000}} {
		if got := Annual(tt.amount, tt.unit); got != tt.want {
			t.Errorf("Annual(%d, %s) = %d, want %d", tt.amount, tt.unit, got, tt.want)
		}
	}
}

func TestParseSectors(t *testing.T) {
	var probs problem.List
	src := "- key: numerique\n  label: Numérique\n  description: Logiciels.\n- key: numerique\n  label: Autre\n  description: x\n- key: Santé\n  labl: x\n"
	got := ParseSectors("content/secteurs.yaml", []byte(src), &probs)
	if len(got) != 1 || got[0].Key != "numerique" {
		t.Errorf("sectors = %+v", got)
	}
	want := []string{
		"content/secteurs.yaml:4: [1].key : \"numerique\" est déjà la clé d'un autre secteur",
		"content/secteurs.yaml:7: [2].key : \"Santé\" n'est pas un slug",
		"content/secteurs.yaml:8: [2].labl : clé inconnue (vouliez-vous dire label ?)",
		"content/secteurs.yaml:7: [2].label : clé obligatoire absente",
	}
	for _, w := range want {
		if !strings.Contains(lines(probs), w) {
			t.Errorf("missing %q in\n%s", w, lines(probs))
		}
	}
}

func TestParsePage(t *testing.T) {
	var probs problem.List
	if p := ParsePage("content/pages/a-propos.md", "a-propos", []byte("---\ntitle: À propos\n---\nTexte\n"), &probs); p == nil || p.Title != "À propos" {
		t.Fatalf("page not read: %+v %v", p, probs)
	}
	if p := ParsePage("content/pages/x.md", "x", []byte("---\ntitel: x\n---\n"), &probs); p != nil {
		t.Errorf("page with unknown key accepted")
	}
	if !strings.Contains(lines(probs), "content/pages/x.md:2: titel : clé inconnue") {
		t.Errorf("got %s", lines(probs))
	}
}

func lines(probs problem.List) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func TestSourceAccessedAndVideos(t *testing.T) {
	src := strings.Replace(valid, "related: [developpeur-front-end]\n", `related: [developpeur-front-end]
videos:
  - title: Une journée de développeuse
    url: https://www.example.org/video/1
    publisher: Onisep TV
    duration: 4 min
`, 1)
	src = strings.Replace(src, "    date: 2024-05\n", "    accessed: 2026-12-02\n", 1)
	f, probs := parse(t, src)
	if len(probs) != 0 {
		t.Fatalf("unexpected problems:\n%s", lines(probs))
	}
	if got := f.Sources[0]; got.Accessed != "2026-12-02" || got.Date != "" {
		t.Errorf("source = %+v", got)
	}
	if f.Tools != nil {
		t.Errorf("tools = %v without the key", f.Tools)
	}
	want := Video{Title: "Une journée de développeuse", URL: "https://www.example.org/video/1", Publisher: "Onisep TV", Duration: "4 min"}
	if len(f.Videos) != 1 || f.Videos[0] != want {
		t.Errorf("videos = %+v", f.Videos)
	}
}

func TestTools(t *testing.T) {
	f, probs := parse(t, strings.Replace(valid, "riasec: [I, C]", "riasec: [I, C]\ntools: [Python, PostgreSQL, Git]", 1))
	if len(probs) != 0 {
		t.Fatalf("unexpected problems:\n%s", lines(probs))
	}
	if strings.Join(f.Tools, ",") != "Python,PostgreSQL,Git" {
		t.Errorf("tools = %v", f.Tools)
	}
	_, probs = parse(t, strings.Replace(valid, "riasec: [I, C]", "riasec: [I, C]\ntools: [Git, git]", 1))
	if !strings.Contains(lines(probs), "content/metiers/dev.md:10: tools[1] : \"git\" figure deux fois") {
		t.Errorf("duplicate tool: %s", lines(probs))
	}
}

func TestSalaryLevelUnspecified(t *testing.T) {
	f, probs := parse(t, strings.Replace(valid, "level: debutant", "level: non-precise", 1))
	if len(probs) != 0 {
		t.Fatalf("unexpected problems:\n%s", lines(probs))
	}
	if f.Salaries[0].Level != "non-precise" {
		t.Errorf("level = %q", f.Salaries[0].Level)
	}
}

func TestNewKeyProblems(t *testing.T) {
	videos := func(item string) string {
		return strings.Replace(valid, "related: [developpeur-front-end]\n", "related: [developpeur-front-end]\nvideos:\n"+item, 1)
	}
	tests := []struct {
		name, src, want string
		warning         bool
	}{
		{"accessed is a day", strings.Replace(valid, "date: 2024-05", "accessed: 2026-12", 1), "13: sources[0].accessed", false},
		{"accessed impossible", strings.Replace(valid, "date: 2024-05", "accessed: 2026-02-30", 1), "13: sources[0].accessed", false},
		{"video without title", videos("  - url: https://www.example.org/v\n"), "27: videos[0].title", false},
		{"video without url", videos("  - title: Une vidéo\n"), "27: videos[0].url", false},
		{"video url not http", videos("  - title: Une vidéo\n    url: javascript:alert(1)\n"), "28: videos[0].url", false},
		{"video unknown key", videos("  - title: Une vidéo\n    url: https://www.example.org/v\n    embed: true\n"), "29: videos[0].embed", false},
		{"source without date", strings.Replace(valid, "    date: 2024-05\n", "", 1), "11: sources[0]", true},
		{"band without source", strings.Replace(valid, "    source: onisep\ntrainings", "trainings", 1), "15: salaries[0].source", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, probs := parse(t, tt.src)
			prefix := "content/metiers/dev.md:" + tt.want
			var found *problem.Problem
			for i, p := range probs {
				// The field ends where the message starts: sources[0] is
				// not sources[0].id.
				if rest, ok := strings.CutPrefix(p.String(), prefix); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, " :")) {
					found = &probs[i]
				}
			}
			if found == nil {
				t.Fatalf("want a problem %q, got:\n%s", prefix, lines(probs))
			}
			if found.Warning != tt.warning {
				t.Errorf("warning = %v, want %v: %s", found.Warning, tt.warning, found)
			}
			if tt.warning != (f != nil) {
				t.Errorf("fiche returned = %v; a warning keeps the fiche, an error drops it", f != nil)
			}
		})
	}
}

// TestMessagesInFrench checks whole lines as an editor reads them: in
// French, with the keys named as the contract names them.
func TestMessagesInFrench(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"implausible amount", strings.Replace(valid, "unit: month", "unit: year", 1),
			"content/metiers/dev.md:16: salaries[0].min : 2000 par an est invraisemblable ; vouliez-vous dire unit: month ?"},
		{"unknown key", strings.Replace(valid, "rome: [M1805]", "romes: [M1805]", 1),
			"content/metiers/dev.md:8: romes : clé inconnue (vouliez-vous dire rome ?) ; clés connues : title, summary, sector, access, updated, aliases, rome, riasec, interests, qualities, tools, salaries, trainings, related, sources, videos, previous_slugs, draft"},
		{"warning", strings.Replace(valid, "    date: 2024-05\n", "", 1),
			"content/metiers/dev.md:11: sources[0] : avertissement : source sans date"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := parse(t, tt.src)
			if !strings.Contains(lines(probs), tt.want) {
				t.Errorf("want %q in\n%s", tt.want, lines(probs))
			}
		})
	}
}

// TestYAMLErrorLine: a YAML error is reported where the problem starts,
// not where the parser gave up (for an unclosed quote, the end of the
// front matter).
func TestYAMLErrorLine(t *testing.T) {
	for _, tt := range []struct{ name, old, new, want string }{
		{"unclosed double quote", "summary: Conçoit", `summary: "Conçoit`, "content/metiers/dev.md:3: yaml : "},
		{"unclosed single quote", "summary: Conçoit", `summary: 'Conçoit`, "content/metiers/dev.md:3: yaml : "},
		{"unclosed bracket", "sector: numerique", "sector: [numerique", "content/metiers/dev.md:4: yaml : "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := parse(t, strings.Replace(valid, tt.old, tt.new, 1))
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), tt.want) {
				t.Errorf("want one problem starting %q, got\n%s", tt.want, lines(probs))
			}
		})
	}
}
