package offer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"vocation/internal/problem"
)

// ErrMalformed stops the reading of a file that cannot be read as its
// format, past a problem already reported: the offers after it are lost.
var ErrMalformed = errors.New("the file cannot be read as offers")

// Tally counts what reading a file found.
type Tally struct {
	Offers  int // offers read, valid or not
	Invalid int // offers left out for a problem
}

// maxLine bounds one JSON Lines record: a description of a few thousand
// words is a few dozen KB.
const maxLine = 1 << 20

// DecodeJSONL reads Vocation's native format: one JSON object a line.
// Unknown fields are ignored. Offers come back only when the whole file
// is valid.
func DecodeJSONL(path string, r io.Reader, probs *problem.List) []Offer {
	before := len(*probs)
	var out []Offer
	ReadJSONL(path, r, probs, func(o *Offer) error {
		out = append(out, *o)
		return nil
	})
	if len(*probs) > before {
		return nil
	}
	return out
}

// ReadJSONL streams a JSON Lines file: fn gets each valid offer as it is
// read, problems go to probs, and the caller decides what a file with
// problems means. An error from fn stops the reading.
func ReadJSONL(path string, r io.Reader, probs *problem.List, fn func(*Offer) error) error {
	return ReadLines(path, r, probs, func(line int, b []byte) error {
		if o, ok := DecodeLine(path, line, b, probs); ok {
			return fn(&o)
		}
		return nil
	})
}

// ReadLines calls fn with each non-blank line of a JSON Lines file and its
// number. The bytes are only valid during the call. A line too long to
// read is reported and ends the reading with ErrMalformed. A line that is
// not JSON is left to fn: it is one broken offer, not a broken file.
func ReadLines(path string, r io.Reader, probs *problem.List, fn func(line int, b []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := fn(line, b); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		probs.Errorf(path, line+1, "ligne", "illisible : %v (une ligne fait au plus %d octets)", err, maxLine)
		return ErrMalformed
	}
	return nil
}

// DecodeLine reads and validates one line of a JSON Lines file.
func DecodeLine(path string, line int, b []byte, probs *problem.List) (Offer, bool) {
	if !utf8.Valid(b) {
		probs.Errorf(path, line, "ligne", "n'est pas du texte UTF-8 valide")
		return Offer{}, false
	}
	var n native
	if err := json.Unmarshal(b, &n); err != nil {
		probs.Errorf(path, line, "ligne", "n'est pas un objet JSON : %v", jsonError(err))
		return Offer{}, false
	}
	o, ok := fromNative(&n, path, line, probs)
	return o, ok && validate(&o, path, probs)
}

// native is a line of the native format with each field as JSON gives
// it, to be read and checked by fields. A struct, not a map: decoding
// into a map made a string and an entry of every key of every offer, a
// fifth of a million-offer import. encoding/json matches a struct's keys
// without regard to case, so "Title" now reads as title, where the map
// ignored it.
type native struct {
	ID              json.RawMessage `json:"id"`
	Source          json.RawMessage `json:"source"`
	Title           json.RawMessage `json:"title"`
	Company         json.RawMessage `json:"company"`
	Description     json.RawMessage `json:"description"`
	Contract        json.RawMessage `json:"contract"`
	City            json.RawMessage `json:"city"`
	Postcode        json.RawMessage `json:"postcode"`
	RemoteDays      json.RawMessage `json:"remote_days"`
	SalaryUnit      json.RawMessage `json:"salary_unit"`
	SalaryMin       json.RawMessage `json:"salary_min"`
	SalaryMax       json.RawMessage `json:"salary_max"`
	SalaryMonths    json.RawMessage `json:"salary_months"`
	ExperienceYears json.RawMessage `json:"experience_years"`
	URL             json.RawMessage `json:"url"`
	Rome            json.RawMessage `json:"rome"`
	Skills          json.RawMessage `json:"skills"`
	Lat             json.RawMessage `json:"lat"`
	Lon             json.RawMessage `json:"lon"`
	Published       json.RawMessage `json:"published"`
	Expires         json.RawMessage `json:"expires"`
}

// get is the field named key as given, and whether the line has it.
func (n *native) get(key string) (json.RawMessage, bool) {
	var raw json.RawMessage
	switch key {
	case "id":
		raw = n.ID
	case "source":
		raw = n.Source
	case "title":
		raw = n.Title
	case "company":
		raw = n.Company
	case "description":
		raw = n.Description
	case "contract":
		raw = n.Contract
	case "city":
		raw = n.City
	case "postcode":
		raw = n.Postcode
	case "remote_days":
		raw = n.RemoteDays
	case "salary_unit":
		raw = n.SalaryUnit
	case "salary_min":
		raw = n.SalaryMin
	case "salary_max":
		raw = n.SalaryMax
	case "salary_months":
		raw = n.SalaryMonths
	case "experience_years":
		raw = n.ExperienceYears
	case "url":
		raw = n.URL
	case "rome":
		raw = n.Rome
	case "skills":
		raw = n.Skills
	case "lat":
		raw = n.Lat
	case "lon":
		raw = n.Lon
	case "published":
		raw = n.Published
	case "expires":
		raw = n.Expires
	default:
		panic("offer: no native field " + key)
	}
	return raw, raw != nil
}

func (n *native) raw(key string) json.RawMessage {
	raw, _ := n.get(key)
	return raw
}

// fields reads typed values out of a JSON object, recording type errors.
type fields struct {
	m     *native
	path  string
	line  int
	probs *problem.List
	ok    bool
}

func (f *fields) str(key string) string {
	raw, ok := f.m.get(key)
	if !ok || string(raw) == "null" {
		return ""
	}
	// The line was checked as JSON already: a string without escapes is
	// its text between the quotes, without decoding it a second time.
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && !bytes.ContainsRune(raw[1:len(raw)-1], '\\') {
		return strings.TrimSpace(string(raw[1 : len(raw)-1]))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		f.fail(key, "attendu : un texte, trouvé %s", short(raw))
		return ""
	}
	return strings.TrimSpace(s)
}

func (f *fields) integer(key string) int {
	raw, ok := f.m.get(key)
	if !ok || string(raw) == "null" {
		return -1
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil || v != math.Trunc(v) || math.Abs(v) > 1e9 {
		f.fail(key, "attendu : un nombre entier, trouvé %s", short(raw))
		return -1
	}
	return int(v)
}

// cents reads an amount in euros with at most two decimals, as cents.
func (f *fields) cents(key string) int {
	v, ok := f.float(key)
	if !ok {
		return -1
	}
	c := math.Round(v * 100)
	if math.Abs(v*100-c) > 1e-6 || math.Abs(c) > 1e9 {
		f.fail(key, "attendu : un montant en euros avec au plus 2 décimales, trouvé %s", short(f.m.raw(key)))
		return -1
	}
	return int(c)
}

func (f *fields) float(key string) (float64, bool) {
	raw, ok := f.m.get(key)
	if !ok || string(raw) == "null" {
		return 0, false
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil {
		f.fail(key, "attendu : un nombre, trouvé %s", short(raw))
		return 0, false
	}
	return v, true
}

func (f *fields) strings(key string) []string {
	raw, ok := f.m.get(key)
	if !ok || string(raw) == "null" {
		return nil
	}
	var v []string
	if err := json.Unmarshal(raw, &v); err != nil {
		f.fail(key, "attendu : une liste de textes, trouvé %s", short(raw))
		return nil
	}
	return v
}

func (f *fields) fail(key, format string, args ...any) {
	f.probs.Errorf(f.path, f.line, key, format, args...)
	f.ok = false
}

func fromNative(m *native, path string, line int, probs *problem.List) (Offer, bool) {
	f := &fields{m: m, path: path, line: line, probs: probs, ok: true}
	o := Offer{
		Line:            line,
		ID:              f.str("id"),
		Source:          f.str("source"),
		Title:           f.str("title"),
		Company:         f.str("company"),
		Description:     f.str("description"),
		Contract:        f.str("contract"),
		City:            f.str("city"),
		Postcode:        f.str("postcode"),
		RemoteDays:      f.integer("remote_days"),
		SalaryUnit:      f.str("salary_unit"),
		ExperienceYears: f.integer("experience_years"),
		URL:             f.str("url"),
		Rome:            f.str("rome"),
		Skills:          f.strings("skills"),
	}
	if o.Source == "" {
		o.Source = "local"
	}
	if o.SalaryUnit == "hour" {
		o.SalaryMin, o.SalaryMax = max(f.cents("salary_min"), 0), max(f.cents("salary_max"), 0)
	} else {
		o.SalaryMin, o.SalaryMax = max(f.integer("salary_min"), 0), max(f.integer("salary_max"), 0)
	}
	o.SalaryMonths, _ = f.float("salary_months")
	lat, hasLat := f.float("lat")
	lon, hasLon := f.float("lon")
	if hasLat != hasLon {
		f.fail("lat", "indiquez lat et lon ensemble, ou aucun des deux")
	}
	o.Lat, o.Lon, o.HasGeo = lat, lon, hasLat && hasLon
	if s := f.str("published"); s != "" {
		t, ok := parseTime(s)
		if !ok {
			f.fail("published", "%q n'est pas une date (2025-03-14) ni une date-heure RFC 3339", s)
		}
		o.Published = t
	} else if _, ok := m.get("published"); ok {
		f.fail("published", "ne doit pas être vide")
	}
	if s := f.str("expires"); s != "" {
		t, ok := parseTime(s)
		if !ok {
			f.fail("expires", "%q n'est pas une date (2025-03-14) ni une date-heure RFC 3339", s)
		}
		o.Expires = t
	}
	return o, f.ok
}

func short(raw json.RawMessage) string {
	s := string(raw)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (octet %d)", se, se.Offset)
	}
	return err.Error()
}
