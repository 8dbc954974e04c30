package server

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vocation/internal/failure"
	"vocation/internal/offer"
	"vocation/internal/offerindex"
	"vocation/internal/text"
	"vocation/web"
)

// offerParams are the parameters of /offres, validated.
type offerParams struct {
	q, lieu, metier, tri string
	// rome is a ROME code: the offers of a métier no fiche covers yet,
	// linked from the fiche search.
	rome     string
	contrats []string
	// typedContracts are the words of q taken as contract filters.
	typedContracts []string
	// hintContracts are contract words typed among other words: kept as
	// words, the filter is offered as a link. hintQ is q without them.
	hintContracts []string
	hintWords     []string
	hintQ         string
	// typedPlace is the words of q taken as the place; telQuel turns off
	// taking words of q as a contract or a place.
	typedPlace  string
	telQuel     bool
	rayon       int
	teletravail int
	experience  int
	salaireMin  int
	page        int
}

const perPage = 20

func pageCount(total int) int { return min((total+perPage-1)/perPage, maxPage) }

// maxPage bounds how deep a search may page: past it, refine the offerindex.
const maxPage = 100

func intParam(v url.Values, name, label string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, ok := typedNumber(s)
	if !ok || n < lo || n > hi {
		return 0, failure.InvalidParam(name, fmt.Sprintf("%s : « %s » n’est pas un nombre entre %s et %s.", label, printable(s), web.Number(lo), web.Number(hi)))
	}
	return n, nil
}

// typedNumber reads a whole number as people type it in a form: "35000",
// "35 000", "35.000 €", "35k".
func typedNumber(s string) (int, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '€' {
			return -1
		}
		return r
	}, strings.ToLower(s))
	if k, ok := strings.CutSuffix(s, "k"); ok {
		f, err := strconv.ParseFloat(strings.Replace(k, ",", ".", 1), 64)
		if err != nil || f < 0 || f > 1e6 {
			return 0, false
		}
		return int(math.Round(f * 1000)), true
	}
	if thousands.MatchString(s) {
		s = strings.NewReplacer(".", "", ",", "").Replace(s)
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

var thousands = regexp.MustCompile(`^\d{1,3}([.,]\d{3})+$`)

// contractWords are words people type in the search box for a type of
// contract: the contract filter answers them, where an offer's text may
// not say the word.
var contractWords = map[string]string{
	"cdi": "cdi", "cdd": "cdd", "stage": "stage", "stages": "stage", "stagiaire": "stage",
	"alternance": "alternance", "alternant": "alternance", "alternante": "alternance", "apprentissage": "alternance",
	"apprenti": "alternance", "apprentie": "alternance", "interim": "interim", "interimaire": "interim", "freelance": "freelance",
}

// takeContractWords makes a query of nothing but contract words the
// contract filter. Among other words a contract word stays a word
// ("apprentissage automatique" is machine learning), and the filter is
// offered as a link.
func (p *offerParams) takeContractWords() {
	var kept, typed, contracts []string
	for _, f := range strings.Fields(p.q) {
		c, ok := contractWords[text.Fold(f)]
		if !ok {
			kept = append(kept, f)
			continue
		}
		typed = append(typed, f)
		if !slices.Contains(contracts, c) {
			contracts = append(contracts, c)
		}
	}
	switch {
	case len(typed) == 0:
	case len(kept) == 0:
		p.typedContracts, p.q = typed, ""
		for _, c := range contracts {
			if !slices.Contains(p.contrats, c) {
				p.contrats = append(p.contrats, c)
			}
		}
	default:
		p.hintContracts, p.hintWords, p.hintQ = contracts, typed, strings.Join(kept, " ")
	}
}

// takePlace takes the words of q that no offer has but that name a place
// the index knows, a city, a postcode or a département, as the place:
// students type "boulangère rennes" in one box. The longest such run of
// words wins.
func (p *offerParams) takePlace(ix *offerindex.Index) {
	fields := strings.Fields(p.q)
	unknown := func(w string) bool {
		return slices.ContainsFunc(strings.Fields(text.Fold(w)), func(f string) bool { return !ix.Knows(f) })
	}
	for n := min(3, len(fields)-1); n >= 1; n-- {
		for i := 0; i+n <= len(fields); i++ {
			run := fields[i : i+n]
			var f offerindex.Filters
			if !slices.ContainsFunc(run, unknown) || !ix.FindPlace(strings.Join(run, " "), &f) {
				continue
			}
			p.typedPlace, p.lieu = strings.Join(run, " "), strings.Join(run, " ")
			p.q = strings.Join(slices.Concat(fields[:i], fields[i+n:]), " ")
			return
		}
	}
}

func parseOfferParams(v url.Values, idx *catalog) (offerParams, error) {
	p := offerParams{q: cleanQuery(v.Get("q")), lieu: cleanQuery(v.Get("lieu")), tri: v.Get("tri"), metier: v.Get("metier"), telQuel: v.Get("tel_quel") == "1"}
	if utf8.RuneCountInString(p.lieu) > 100 {
		p.lieu = string([]rune(p.lieu)[:100])
	}
	var err error
	if p.rayon, err = intParam(v, "rayon", "Rayon", 0, 0, 200); err != nil {
		return p, err
	}
	if p.teletravail, err = intParam(v, "teletravail", "Télétravail", 0, 0, 5); err != nil {
		return p, err
	}
	if p.experience, err = intParam(v, "experience", "Expérience", -1, 0, 50); err != nil {
		return p, err
	}
	if p.salaireMin, err = intParam(v, "salaire_min", "Salaire minimum", 0, 0, 500000); err != nil {
		return p, err
	}
	if p.page, err = intParam(v, "page", "Page", 1, 1, maxPage); err != nil {
		return p, err
	}
	for _, c := range v["contrat"] {
		c = text.Fold(c) // CDI, Intérim
		if !slices.Contains(offer.Contracts, c) {
			return p, failure.InvalidParam("contrat", "Contrat : « "+printable(c)+" » n’existe pas. Contrats possibles : "+strings.Join(offer.Contracts, ", ")+".")
		}
		if !slices.Contains(p.contrats, c) {
			p.contrats = append(p.contrats, c)
		}
	}
	switch p.tri {
	case "", "pertinence", "date", "salaire", "distance":
	default:
		return p, failure.InvalidParam("tri", "Tri : « "+printable(p.tri)+" » n’existe pas. Tris possibles : pertinence, date, salaire, distance.")
	}
	if p.rome = strings.ToUpper(strings.TrimSpace(v.Get("rome"))); p.rome != "" && !romeCode(p.rome) {
		return p, failure.InvalidParam("rome", "Code ROME : « "+printable(p.rome)+" » n’est pas un code ROME (une lettre et quatre chiffres, comme A1425).")
	}
	if p.metier != "" && !idx.published(p.metier, false) {
		return p, failure.InvalidParam("metier", "Métier : aucune fiche « "+printable(p.metier)+" ».")
	}
	if !p.telQuel {
		p.takeContractWords()
	}
	return p, nil
}

// values writes p back as a query string: the address of this offerindex.
func (p offerParams) values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", p.q)
	set("lieu", p.lieu)
	if p.rayon > 0 {
		set("rayon", strconv.Itoa(p.rayon))
	}
	for _, c := range p.contrats {
		v.Add("contrat", c)
	}
	if p.teletravail > 0 {
		set("teletravail", strconv.Itoa(p.teletravail))
	}
	if p.experience >= 0 {
		set("experience", strconv.Itoa(p.experience))
	}
	if p.salaireMin > 0 {
		set("salaire_min", strconv.Itoa(p.salaireMin))
	}
	set("metier", p.metier)
	set("rome", p.rome)
	if p.tri != "" && p.tri != "pertinence" {
		set("tri", p.tri)
	}
	if p.page > 1 {
		set("page", strconv.Itoa(p.page))
	}
	if p.telQuel {
		set("tel_quel", "1")
	}
	return v
}

// filtered reports whether any filter narrows the offerindex.
func (p offerParams) filtered() bool {
	return len(p.contrats) > 0 || p.lieu != "" || p.teletravail > 0 || p.experience >= 0 || p.salaireMin > 0 || p.metier != "" || p.rome != ""
}

// romeCode reports whether code is written as a ROME code: a capital
// letter A-N and four digits.
func romeCode(code string) bool {
	if len(code) != 5 || code[0] < 'A' || code[0] > 'N' {
		return false
	}
	for i := 1; i < 5; i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

func (p offerParams) url(change func(*offerParams)) string {
	c := p
	c.contrats = slices.Clone(p.contrats)
	c.page = 1
	change(&c)
	if enc := c.values().Encode(); enc != "" {
		return "/offres?" + enc
	}
	return "/offres"
}

func toggle(list []string, v string) []string {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return append(list, v)
}

func toggleInt(cur, v, off int) int {
	if cur == v {
		return off
	}
	return v
}

func toggleString(cur, v string) string {
	if cur == v {
		return ""
	}
	return v
}
