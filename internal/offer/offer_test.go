package offer

import (
	"strings"
	"testing"
	"time"

	"vocation/internal/problem"
)

const goodLine = `{"id":"a1","title":"Développeur / Développeuse back-end H/F","company":"Acme","description":"Rejoignez l'équipe.","contract":"cdi","city":"Lyon","postcode":"69003","lat":45.76,"lon":4.85,"remote_days":2,"salary_min":40000,"salary_max":48000,"salary_unit":"year","experience_years":2,"published":"2026-11-01","expires":"2026-12-31","url":"https://acme.example/jobs/1","rome":"M1805","skills":["Go","SQL"],"extra":"ignored"}`

func TestDecodeJSONL(t *testing.T) {
	var probs problem.List
	offers := DecodeJSONL("content/offres/a.jsonl", strings.NewReader(goodLine+"\n\n"+strings.Replace(goodLine, `"a1"`, `"a2"`, 1)+"\n"), &probs)
	if len(probs) != 0 || len(offers) != 2 {
		t.Fatalf("offers %d, problems %v", len(offers), probs)
	}
	o := offers[0]
	want := Offer{Source: "local", ID: "a1", Title: "Développeur / Développeuse back-end H/F", Company: "Acme", Description: "Rejoignez l'équipe.",
		Contract: "cdi", City: "Lyon", Postcode: "69003", Lat: 45.76, Lon: 4.85, HasGeo: true, RemoteDays: 2, SalaryMin: 40000, SalaryMax: 48000,
		SalaryUnit: "year", ExperienceYears: 2, Published: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Expires: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
		URL: "https://acme.example/jobs/1", Rome: "M1805", Skills: []string{"Go", "SQL"}, Line: 1}
	if o.Title != want.Title || o.Published != want.Published || o.Expires != want.Expires || o.Lat != want.Lat || o.Line != 1 || offers[1].Line != 3 || o.Departement() != "69" {
		t.Errorf("got %+v", o)
	}
	if lo, hi := o.SalaryYear(); lo != 40000 || hi != 48000 {
		t.Errorf("salary per year %d-%d", lo, hi)
	}
}

// A monthly salary paid over 13 months is 13 months a year.
func TestSalaryMonths(t *testing.T) {
	line := strings.Replace(goodLine, `"salary_min":40000,"salary_max":48000,"salary_unit":"year"`, `"salary_min":2000,"salary_max":2500,"salary_unit":"month","salary_months":13.5`, 1)
	var probs problem.List
	offers := DecodeJSONL("a.jsonl", strings.NewReader(line+"\n"), &probs)
	if len(offers) != 1 || len(probs) != 0 {
		t.Fatalf("%v %v", offers, probs)
	}
	if lo, hi := offers[0].SalaryYear(); lo != 27000 || hi != 33750 {
		t.Errorf("13.5 months of 2000-2500: %d-%d a year", lo, hi)
	}
	offers[0].SalaryMonths = 0
	if lo, hi := offers[0].SalaryYear(); lo != 24000 || hi != 30000 {
		t.Errorf("months not given: %d-%d a year, want 12 months", lo, hi)
	}
}

func TestDecodeJSONLProblems(t *testing.T) {
	set := func(old, new string) string { return strings.Replace(goodLine, old, new, 1) }
	tests := []struct {
		name, line, want string
	}{
		{"not json", `{"id": "x"`, "2: ligne : n'est pas un objet JSON"},
		{"missing title", set(`"title":"Développeur / Développeuse back-end H/F",`, ""), "2: title : obligatoire"},
		{"bad contract", set(`"contract":"cdi"`, `"contract":"CDI"`), `2: contract : "CDI" n'est pas une valeur possible ; valeurs : cdi, cdd, alternance, stage, freelance, interim`},
		{"bad postcode", set(`"69003"`, `"6900"`), `2: postcode : "6900" n'est pas un code postal français`},
		{"remote too many", set(`"remote_days":2`, `"remote_days":6`), "2: remote_days : 6 n'est pas un nombre de jours par semaine de 0 à 5"},
		{"remote as text", set(`"remote_days":2`, `"remote_days":"2"`), `2: remote_days : attendu : un nombre entier, trouvé "2"`},
		{"salary unit", set(`"salary_unit":"year"`, `"salary_unit":"week"`), `2: salary_unit : "week" n'est pas une valeur possible ; valeurs : year, month, day, hour`},
		{"hourly with a third decimal", set(`"salary_min":40000,"salary_max":48000,"salary_unit":"year"`, `"salary_min":11.655,"salary_unit":"hour"`), "2: salary_min : attendu : un montant en euros avec au plus 2 décimales, trouvé 11.655"},
		{"yearly with decimals", set(`"salary_min":40000`, `"salary_min":40000.5`), "2: salary_min : attendu : un nombre entier, trouvé 40000.5"},
		{"implausible hourly", set(`"salary_min":40000,"salary_max":48000,"salary_unit":"year"`, `"salary_min":1.5,"salary_unit":"hour"`), "2: salary_min : 1.50 de l'heure est invraisemblable"},
		{"implausible salary", set(`"salary_unit":"year"`, `"salary_unit":"month"`), "2: salary_max : 48000 par mois est invraisemblable ; vouliez-vous dire unit: year ?"},
		{"min above max", set(`"salary_min":40000`, `"salary_min":50000`), "2: salary_max : 48000 est inférieur à salary_min 50000"},
		{"months of a yearly salary", set(`"salary_unit":"year"`, `"salary_unit":"year","salary_months":13`), "2: salary_months : seulement pour un salaire mensuel"},
		{"months out of range", set(`"salary_min":40000,"salary_max":48000,"salary_unit":"year"`, `"salary_min":2000,"salary_unit":"month","salary_months":24`), "2: salary_months : 24 n'est pas un nombre de mois de 12 à 16"},
		{"months as text", set(`"salary_unit":"year"`, `"salary_unit":"month","salary_months":"13"`), `2: salary_months : attendu : un nombre, trouvé "13"`},
		{"bad date", set(`"2026-11-01"`, `"01/11/2026"`), `2: published : "01/11/2026" n'est pas une date`},
		{"missing published", set(`"published":"2026-11-01",`, ""), "2: published : obligatoire"},
		{"bad url", set(`"https://acme.example/jobs/1"`, `"javascript:alert(1)"`), "2: url : "},
		{"bad rome", set(`"M1805"`, `"M18"`), `2: rome : "M18" n'est pas un code ROME`},
		{"lat without lon", set(`,"lon":4.85`, ""), "2: lat : indiquez lat et lon ensemble"},
		{"skills not list", set(`["Go","SQL"]`, `"Go"`), "2: skills : attendu : une liste de textes"},
		{"invalid utf-8", "{\"id\":\"\xff\"}", "2: ligne : n'est pas du texte UTF-8 valide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs problem.List
			offers := DecodeJSONL("o.jsonl", strings.NewReader(goodLine+"\n"+tt.line+"\n"), &probs)
			if offers != nil {
				t.Error("a file with an invalid line returned offers")
			}
			if !strings.Contains(probs.String(), "o.jsonl:"+tt.want) {
				t.Errorf("want %q in\n%s", tt.want, probs)
			}
		})
	}
}

const ftBody = `{
  "resultats": [
    {
      "id": "184XKLM",
      "intitule": "Développeur back-end Java (H/F)",
      "description": "Au sein d'une équipe agile...",
      "dateCreation": "2026-11-10T08:15:32.000Z",
      "lieuTravail": {"libelle": "69 - Lyon 3e Arrondissement", "latitude": 45.76, "longitude": 4.85, "codePostal": "69003"},
      "entreprise": {"nom": "ACME"},
      "typeContrat": "CDI",
      "experienceExige": "E",
      "experienceLibelle": "2 An(s)",
      "salaire": {"libelle": "Mensuel de 1900.00 Euros à 2100.00 Euros sur 12 mois"},
      "romeCode": "M1805",
      "competences": [{"code": "1", "libelle": "Java"}, {"libelle": "SQL"}],
      "origineOffre": {"urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/184XKLM"}
    },
    {
      "id": "184XKLN",
      "intitule": "Apprenti développeur web",
      "description": "Alternance de deux ans.",
      "dateCreation": "2026-11-12T10:00:00Z",
      "lieuTravail": {"libelle": "75 - Paris 15e Arrondissement"},
      "typeContrat": "CDD",
      "alternance": true,
      "experienceExige": "S",
      "experienceLibelle": "6 Mois",
      "salaire": {"libelle": "Horaire de 11.65 Euros"}
    }
  ],
  "filtresPossibles": []
}`

func TestDecodeFranceTravail(t *testing.T) {
	var probs problem.List
	offers := DecodeFranceTravail("ft.json", strings.NewReader(ftBody), &probs)
	if len(probs) != 0 || len(offers) != 2 {
		t.Fatalf("offers %d, problems %v", len(offers), probs)
	}
	a, b := offers[0], offers[1]
	if a.Source != "francetravail" || a.ID != "184XKLM" || a.City != "Lyon 3e" || a.Postcode != "69003" || !a.HasGeo ||
		a.Contract != "cdi" || a.ExperienceYears != 2 || a.SalaryMin != 1900 || a.SalaryMax != 2100 || a.SalaryUnit != "month" || a.SalaryMonths != 12 ||
		a.Rome != "M1805" || strings.Join(a.Skills, ",") != "Java,SQL" || a.Company != "ACME" || a.Line != 3 ||
		a.URL != "https://candidat.francetravail.fr/offres/recherche/detail/184XKLM" {
		t.Errorf("first offer %+v", a)
	}
	if b.Contract != "alternance" || b.ExperienceYears != 1 || b.SalaryUnit != "hour" || b.SalaryMin != 1165 || b.Line != 18 || b.HasGeo {
		t.Errorf("second offer %+v", b)
	}
}

func TestDecodeFranceTravailProblems(t *testing.T) {
	for body, want := range map[string]string{
		`[]`:               "ft.json:1: resultats : attendu : un objet JSON",
		`{"resultats": 3}`: "ft.json:1: resultats : \"resultats\" doit être une liste",
		`{"total": 1}`:     "ft.json:1: resultats : pas de liste \"resultats\"",
		strings.Replace(ftBody, `"typeContrat": "CDI"`, `"typeContrat": "XYZ"`, 1): `ft.json:3: typeContrat : "XYZ" n'est pas un type de contrat`,
		strings.Replace(ftBody, `"2026-11-12T10:00:00Z"`, `"hier"`, 1):             `ft.json:18: dateCreation : "hier" n'est ni une date`,
		strings.Replace(ftBody, `"intitule": "Apprenti développeur web",`, "", 1):  "ft.json:18: title : obligatoire",
	} {
		var probs problem.List
		if offers := DecodeFranceTravail("ft.json", strings.NewReader(body), &probs); offers != nil {
			t.Errorf("offers returned for %q", body[:20])
		}
		if !strings.Contains(probs.String(), want) {
			t.Errorf("want %q in %s", want, probs)
		}
	}
}

func TestParseSalaire(t *testing.T) {
	for label, want := range map[string][4]any{
		"Mensuel de 1900.00 Euros à 2100.00 Euros sur 12 mois": {1900, 2100, "month", 12.0},
		"Annuel de 45000.00 Euros à 55000.00 Euros":            {45000, 55000, "year", 0.0},
		"Annuel de 40 000 Euros":                               {40000, 40000, "year", 0.0},
		"Mensuel de 2000,50 Euros sur 13 mois":                 {2001, 2001, "month", 13.0},
		"Mensuel de 2200.00 Euros sur 13.5 mois":               {2200, 2200, "month", 13.5},
		"Horaire de 11.65 Euros":                               {1165, 1165, "hour", 0.0},
		"Horaire de 11.65 Euros sur 12 mois":                   {1165, 1165, "hour", 0.0},
		"Horaire de 11,88 Euros à 12.5 Euros":                  {1188, 1250, "hour", 0.0},
		"Annuel de 30000 Euros sur 12 mois":                    {30000, 30000, "year", 0.0},
		"Selon profil":                                         {0, 0, "", 0.0},
		"":                                                     {0, 0, "", 0.0},
	} {
		lo, hi, unit, months := ParseSalaire(label)
		if lo != want[0] || hi != want[1] || unit != want[2] || months != want[3] {
			t.Errorf("%q: %d %d %q, want %v", label, lo, hi, unit, want)
		}
	}
}

func TestDepartement(t *testing.T) {
	for pc, want := range map[string]string{"75015": "75", "01000": "01", "20000": "2A", "20200": "2B", "97400": "974", "1234": ""} {
		if got := Departement(pc); got != want {
			t.Errorf("%s: %q, want %q", pc, got, want)
		}
	}
}

// An hourly wage keeps its cents: amounts are stored in cents.
func TestHourlySalary(t *testing.T) {
	line := strings.Replace(goodLine, `"salary_min":40000,"salary_max":48000,"salary_unit":"year"`, `"salary_min":11.65,"salary_max":12,"salary_unit":"hour"`, 1)
	var probs problem.List
	offers := DecodeJSONL("a.jsonl", strings.NewReader(line+"\n"), &probs)
	if len(offers) != 1 || len(probs) != 0 {
		t.Fatalf("%v %v", offers, probs)
	}
	o := offers[0]
	if o.SalaryMin != 1165 || o.SalaryMax != 1200 || o.SalaryUnit != "hour" {
		t.Errorf("got %d-%d %s", o.SalaryMin, o.SalaryMax, o.SalaryUnit)
	}
	if lo, hi := o.SalaryYear(); lo != 21203 || hi != 21840 {
		t.Errorf("per year %d-%d", lo, hi)
	}
}

// Strings are read as JSON says, escapes or not, and trimmed.
func TestDecodeJSONLStrings(t *testing.T) {
	for raw, want := range map[string]string{
		`"  Cuisinier  "`:                "Cuisinier",
		`"Chef \"étoilé\""`:              `Chef "étoilé"`,
		`"Pâtissier\nconfiseur"`:         "Pâtissier\nconfiseur",
		`"Aide-soignant\u00e9e \\ nuit"`: `Aide-soignantée \ nuit`,
		`"\ud83c\udf5e Boulanger"`:       "🍞 Boulanger",
	} {
		var probs problem.List
		offers := DecodeJSONL("a.jsonl", strings.NewReader(strings.Replace(goodLine, `"Développeur / Développeuse back-end H/F"`, raw, 1)), &probs)
		if len(offers) != 1 || offers[0].Title != want {
			t.Errorf("%s: got %+v %v, want %q", raw, offers, probs, want)
		}
	}
}
