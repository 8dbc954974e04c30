// Package fttest is a fake of France Travail's "Offres d'emploi v2" API
// and its token endpoint, for tests: the limits and answers the real one
// documents (package francetravail), and ways to make it fail.
package fttest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Offer is one offer the fake serves: where it is, and its fields in the
// API's shape.
type Offer struct {
	Rome, Departement, Contract string
	JSON                        map[string]any
}

// NewOffer makes a valid offer of the API numbered n.
func NewOffer(rome, departement, contract string, n int) Offer {
	id := fmt.Sprintf("%s%s%s%06d", rome, departement, contract, n)
	postcode := departement + "000"
	switch {
	case departement == "2A" || departement == "2B":
		postcode = "20000"
	case len(departement) == 3:
		postcode = departement + "00"
	}
	return Offer{Rome: rome, Departement: departement, Contract: contract, JSON: map[string]any{
		"id":           id,
		"intitule":     "Offre " + id,
		"description":  "Une offre de test pour " + rome + ".",
		"dateCreation": "2026-11-20T10:00:00.000Z",
		"lieuTravail":  map[string]any{"libelle": departement + " - Ville", "codePostal": postcode},
		"entreprise":   map[string]any{"nom": "Entreprise"},
		"typeContrat":  contract,
		"romeCode":     rome,
		"origineOffre": map[string]any{"urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/" + id},
	}}
}

// API is the fake. Set its fields before the first call.
type API struct {
	*httptest.Server
	ClientID, ClientSecret string
	Offers                 []Offer
	// Busy answers the next Busy search calls 429, then 503, in turn.
	Busy atomic.Int32
	// Drop closes the connection of the next Drop search calls without
	// an answer, as a network failure would.
	Drop atomic.Int32
	// Malformed makes the search call with this number (from 1) answer a
	// body that is not JSON.
	Malformed int32
	// TokenCalls and SearchCalls count what was asked.
	TokenCalls, SearchCalls atomic.Int32

	mu     sync.Mutex
	tokens map[string]bool
}

// New starts a fake with the given credentials; Close stops it.
func New(clientID, clientSecret string) *API {
	a := &API{ClientID: clientID, ClientSecret: clientSecret, tokens: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /token", a.token)
	mux.HandleFunc("GET /v2/offres/search", a.search)
	a.Server = httptest.NewServer(mux)
	return a
}

// APIURL and TokenURL are what vocation offers fetch is pointed at.
func (a *API) APIURL() string   { return a.URL + "/v2" }
func (a *API) TokenURL() string { return a.URL + "/token?realm=/partenaire" }

func (a *API) token(w http.ResponseWriter, r *http.Request) {
	a.TokenCalls.Add(1)
	if r.URL.Query().Get("realm") != "/partenaire" || r.FormValue("grant_type") != "client_credentials" ||
		r.FormValue("client_id") != a.ClientID || r.FormValue("client_secret") != a.ClientSecret {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client","error_description":"Client authentication failed"}`)
		return
	}
	a.mu.Lock()
	tok := fmt.Sprintf("token-%d", len(a.tokens)+1)
	a.tokens[tok] = true
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":%q,"scope":"api_offresdemploiv2 o2dsoffre","token_type":"Bearer","expires_in":1499}`, tok)
}

func (a *API) search(w http.ResponseWriter, r *http.Request) {
	n := a.SearchCalls.Add(1)
	a.mu.Lock()
	ok := a.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	a.mu.Unlock()
	if !ok {
		http.Error(w, `{"message":"invalid token"}`, http.StatusUnauthorized)
		return
	}
	if a.Drop.Add(-1) >= 0 {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	if b := a.Busy.Add(-1); b >= 0 {
		if b%2 == 0 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
		} else {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
		}
		return
	}
	q := r.URL.Query()
	first, last, ok := parseRange(q.Get("range"))
	if !ok {
		http.Error(w, `{"message":"range invalide"}`, http.StatusBadRequest)
		return
	}
	var match []map[string]any
	for _, o := range a.Offers {
		if (q.Get("codeROME") == "" || slices.Contains(strings.Split(q.Get("codeROME"), ","), o.Rome)) &&
			(q.Get("departement") == "" || q.Get("departement") == o.Departement) &&
			(q.Get("typeContrat") == "" || q.Get("typeContrat") == o.Contract) {
			match = append(match, o.JSON)
		}
	}
	if len(match) == 0 || first >= len(match) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	last = min(last, len(match)-1)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Range", fmt.Sprintf("offres %d-%d/%d", first, last, len(match)))
	if first == 0 && last == len(match)-1 {
		w.WriteHeader(http.StatusOK)
	} else {
		w.WriteHeader(http.StatusPartialContent)
	}
	if n == a.Malformed {
		fmt.Fprint(w, `{"resultats": [{"id": "broken"`)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"resultats": match[first : last+1]})
}

// parseRange checks range against the documented limits: at most 150
// offers, the first at most 3000, the last at most 3149.
func parseRange(s string) (first, last int, ok bool) {
	if s == "" {
		return 0, 149, true
	}
	a, b, found := strings.Cut(s, "-")
	f, err1 := strconv.Atoi(a)
	l, err2 := strconv.Atoi(b)
	if !found || err1 != nil || err2 != nil || f < 0 || l < f || l-f >= 150 || f > 3000 || l > 3149 {
		return 0, 0, false
	}
	return f, l, true
}
