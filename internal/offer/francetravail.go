package offer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"vocation/internal/problem"
	"vocation/internal/salary"
)

// ftOffer is the part of an offer of France Travail's "Offres d'emploi v2"
// search API that Vocation reads.
type ftOffer struct {
	ID           string `json:"id"`
	Intitule     string `json:"intitule"`
	Description  string `json:"description"`
	DateCreation string `json:"dateCreation"`
	LieuTravail  struct {
		Libelle    string   `json:"libelle"`
		CodePostal string   `json:"codePostal"`
		Commune    string   `json:"commune"` // INSEE code
		Latitude   *float64 `json:"latitude"`
		Longitude  *float64 `json:"longitude"`
	} `json:"lieuTravail"`
	Entreprise struct {
		Nom string `json:"nom"`
	} `json:"entreprise"`
	TypeContrat       string `json:"typeContrat"`
	NatureContrat     string `json:"natureContrat"`
	Alternance        bool   `json:"alternance"`
	ExperienceExige   string `json:"experienceExige"`
	ExperienceLibelle string `json:"experienceLibelle"`
	Salaire           struct {
		Libelle string `json:"libelle"`
	} `json:"salaire"`
	RomeCode     string                     `json:"romeCode"`
	Competences  []struct{ Libelle string } `json:"competences"`
	OrigineOffre struct {
		URLOrigine string `json:"urlOrigine"`
	} `json:"origineOffre"`
}

// ftContracts maps France Travail's contract types, all those its API
// uses, to Vocation's. A franchise, taking over a business and a
// commercial profession (often paid on commission) are ways to run one's
// own business, not the missions "freelance" means: they are autre.
var ftContracts = map[string]string{
	"CDI": "cdi", "DIN": "cdi", // CDI intérimaire
	"CDD": "cdd", "SAI": "cdd", "DDI": "cdd", // saisonnier, CDD d'insertion
	"MIS": "interim", "TTI": "interim", // mission intérimaire, contrat de travail temporaire d'insertion
	"LIB": "freelance",                             // profession libérale
	"FRA": "autre", "REP": "autre", "CCE": "autre", // franchise, reprise d'entreprise, profession commerciale
}

// DecodeFranceTravail reads the JSON body of France Travail's offers
// search ({"resultats": [...]}). Each offer's problems are reported at
// the line where it starts. Offers come back only when all are valid.
func DecodeFranceTravail(path string, r io.Reader, probs *problem.List) []Offer {
	before := len(*probs)
	var out []Offer
	ReadFranceTravail(path, r, probs, func(o *Offer) error {
		out = append(out, *o)
		return nil
	})
	if len(*probs) > before {
		return nil
	}
	return out
}

// ReadFranceTravail streams the offers of a France Travail search body to
// fn, valid ones only; an invalid offer is reported at the line where it
// starts, counted, and reading goes on. A body that is not JSON of that
// shape is reported and stops the reading with ErrMalformed: what follows
// a syntax error cannot be told apart. An error from fn stops it too.
func ReadFranceTravail(path string, r io.Reader, probs *problem.List, fn func(*Offer) error) (Tally, error) {
	var t Tally
	src, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		probs.Errorf(path, 1, "fichier", "impossible à lire : %v", err)
		return t, ErrMalformed
	}
	lineAt := func(offset int64) int { return 1 + bytes.Count(src[:offset], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(src))
	if err := expectResultats(dec); err != nil {
		probs.Errorf(path, lineAt(dec.InputOffset()), "resultats", "%v", err)
		return t, ErrMalformed
	}
	for dec.More() {
		// The offset before Decode is the end of the previous value; the
		// next offer starts after the comma and the spaces that follow.
		start := dec.InputOffset()
		for start < int64(len(src)) && strings.ContainsRune(" \t\r\n,", rune(src[start])) {
			start++
		}
		line := lineAt(start)
		t.Offers++
		var ft ftOffer
		if err := dec.Decode(&ft); err != nil {
			probs.Errorf(path, line, "resultats", "offre illisible : %v", jsonError(err))
			var typeErr *json.UnmarshalTypeError
			if !errors.As(err, &typeErr) {
				return t, ErrMalformed
			}
			// A value of the wrong type: the decoder read the whole offer,
			// and the next one starts where it ended.
			t.Invalid++
			continue
		}
		o, ok := fromFranceTravail(ft, path, line, probs)
		if !ok || !validate(&o, path, probs) {
			t.Invalid++
			continue
		}
		if err := fn(&o); err != nil {
			return t, err
		}
	}
	return t, nil
}

// expectResultats moves the decoder to the first element of "resultats".
func expectResultats(dec *json.Decoder) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("attendu : un objet JSON avec une liste \"resultats\"")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if t == "resultats" {
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return fmt.Errorf("\"resultats\" doit être une liste")
			}
			return nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return fmt.Errorf("pas de liste \"resultats\"")
}

func fromFranceTravail(ft ftOffer, path string, line int, probs *problem.List) (Offer, bool) {
	o := Offer{
		Source:          "francetravail",
		ID:              strings.TrimSpace(ft.ID),
		Title:           strings.TrimSpace(ft.Intitule),
		Description:     strings.TrimSpace(ft.Description),
		Company:         strings.TrimSpace(ft.Entreprise.Nom),
		City:            ftCity(ft.LieuTravail.Libelle, ft.LieuTravail.Commune),
		Postcode:        strings.TrimSpace(ft.LieuTravail.CodePostal),
		RemoteDays:      -1,
		ExperienceYears: ftExperience(ft.ExperienceExige, ft.ExperienceLibelle),
		URL:             strings.TrimSpace(ft.OrigineOffre.URLOrigine),
		Rome:            strings.TrimSpace(ft.RomeCode),
		Line:            line,
	}
	if ft.LieuTravail.Latitude != nil && ft.LieuTravail.Longitude != nil {
		o.Lat, o.Lon, o.HasGeo = *ft.LieuTravail.Latitude, *ft.LieuTravail.Longitude, true
	}
	for _, c := range ft.Competences {
		if s := strings.TrimSpace(c.Libelle); s != "" {
			o.Skills = append(o.Skills, s)
		}
	}
	nature := strings.ToLower(ft.NatureContrat)
	switch {
	case ft.Alternance || strings.Contains(nature, "apprentissage") || strings.Contains(nature, "professionnalisation"):
		o.Contract = "alternance"
	case ftContracts[ft.TypeContrat] != "":
		o.Contract = ftContracts[ft.TypeContrat]
	default:
		probs.Errorf(path, line, "typeContrat", "%q n'est pas un type de contrat que Vocation connaît (%s)", ft.TypeContrat, "CDI, CDD, MIS, SAI, LIB, ...")
		return o, false
	}
	if t, ok := parseTime(strings.TrimSpace(ft.DateCreation)); ok {
		o.Published = t
	} else {
		probs.Errorf(path, line, "dateCreation", "%q n'est ni une date ni une date-heure RFC 3339", ft.DateCreation)
		return o, false
	}
	o.SalaryMin, o.SalaryMax, o.SalaryUnit, o.SalaryMonths = ParseSalaire(ft.Salaire.Libelle)
	if o.SalaryUnit != "" && (salary.Check(o.SalaryMin, o.SalaryUnit) != "" || salary.Check(o.SalaryMax, o.SalaryUnit) != "") {
		// A label that reads but makes no sense ("Mensuel de 10 Euros")
		// is one the contract says to leave out, not a broken feed.
		o.SalaryMin, o.SalaryMax, o.SalaryUnit, o.SalaryMonths = 0, 0, "", 0
	}
	if o.SalaryMonths < minSalaryMonths || o.SalaryMonths > maxSalaryMonths {
		o.SalaryMonths = 0 // "sur 1 mois" is a label to leave out, not a year
	}
	return o, true
}

var experienceRe = regexp.MustCompile(`(?i)(\d+)\s*(an|mois)`)

// ftExperience reads "2 An(s)" or "6 Mois" as whole years, rounding up: a
// minimum of six months is not "no experience".
func ftExperience(exige, libelle string) int {
	if exige == "D" {
		return 0
	}
	m := experienceRe.FindStringSubmatch(libelle)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	if strings.EqualFold(m[2], "mois") {
		return int(math.Ceil(float64(n) / 12))
	}
	return n
}

var (
	salaireRe = regexp.MustCompile(`(?i)^\s*(annuel|mensuel|horaire)\s+de\s+([\d\s.,]+?)\s*euros(?:\s+à\s+([\d\s.,]+?)\s*euros)?`)
	monthsRe  = regexp.MustCompile(`(?i)\bsur\s+(\d+(?:[.,]\d+)?)\s*mois\b`)
)

// ParseSalaire reads France Travail's salary label, such as "Mensuel de
// 1900.00 Euros à 2100.00 Euros sur 13 mois", "Annuel de 45000 Euros" or
// "Horaire de 11.65 Euros", whose amounts come back in cents. months is
// the "sur 13 mois" of a monthly wage, else 0. Anything else gives no
// salary.
func ParseSalaire(libelle string) (lo, hi int, unit string, months float64) {
	m := salaireRe.FindStringSubmatch(libelle)
	if m == nil {
		return 0, 0, "", 0
	}
	a, ok := amount(m[2])
	if !ok {
		return 0, 0, "", 0
	}
	b := a
	if m[3] != "" {
		if b, ok = amount(m[3]); !ok {
			return 0, 0, "", 0
		}
	}
	switch strings.ToLower(m[1]) {
	case "annuel":
		unit = "year"
	case "mensuel":
		unit = "month"
	default:
		unit, a, b = "hour", a*100, b*100
	}
	if mm := monthsRe.FindStringSubmatch(libelle); mm != nil && unit == "month" {
		months, _ = amount(mm[1])
	}
	return int(math.Round(a)), int(math.Round(b)), unit, months
}

func amount(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), " ", ""), ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v > 0
}
