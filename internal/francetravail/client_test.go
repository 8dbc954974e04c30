package francetravail_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"vocation/internal/francetravail"
	"vocation/internal/francetravail/fttest"
)

func newClient(api *fttest.API, secret string) *francetravail.Client {
	c := francetravail.New(api.APIURL(), api.TokenURL(), "id", secret, &http.Client{Timeout: 10 * time.Second}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	c.Backoff = time.Millisecond
	return c
}

// fetchAll returns the ids fetched for rome.
func fetchAll(c *francetravail.Client, rome string) ([]string, int, error) {
	var ids []string
	total, err := c.Fetch(context.Background(), rome, func(body []byte) (int, error) {
		var page struct{ Resultats []struct{ ID string } }
		if err := json.Unmarshal(body, &page); err != nil {
			return 0, err
		}
		for _, o := range page.Resultats {
			ids = append(ids, o.ID)
		}
		return len(page.Resultats), nil
	})
	return ids, total, err
}

func offers(rome, dept string, n int) []fttest.Offer {
	var out []fttest.Offer
	for i := range n {
		out = append(out, fttest.NewOffer(rome, dept, "CDI", i))
	}
	return out
}

// TestRetriesWithinABudget: 429 and 503 answers and dropped connections
// are retried, each call its turn, until the run's budget is spent.
func TestRetriesWithinABudget(t *testing.T) {
	api := fttest.New("id", "secret")
	defer api.Close()
	api.Offers = offers("A1101", "75", 200)
	c := newClient(api, "secret")
	api.Busy.Store(3)
	ids, total, err := fetchAll(c, "A1101")
	if err != nil || total != 200 || len(ids) != 200 {
		t.Fatalf("with 3 busy answers: %d of %d, %v", len(ids), total, err)
	}
	if c.Retries != 17 {
		t.Errorf("%d retries left, want 17 of 20", c.Retries)
	}
	api.Drop.Store(2)
	if ids, _, err := fetchAll(c, "A1101"); err != nil || len(ids) != 200 {
		t.Fatalf("with 2 dropped connections: %d, %v", len(ids), err)
	}
	// net/http itself retries a GET once when a reused connection drops,
	// so the second drop may or may not be the first's retry.
	if c.Retries != 15 && c.Retries != 16 {
		t.Errorf("%d retries left, want 15 or 16 of 17", c.Retries)
	}
	c.Retries = 2
	api.Busy.Store(3)
	if _, _, err := fetchAll(c, "A1101"); err == nil || !strings.Contains(err.Error(), "no retry left") {
		t.Errorf("with 3 busy answers and 2 retries: %v, want no retry left", err)
	}
}

// TestSplitsByContractTypeWhenADepartementIsTooLarge: a département
// alone past the 3,150 a query reaches is split again, by contract type.
func TestSplitsByContractTypeWhenADepartementIsTooLarge(t *testing.T) {
	api := fttest.New("id", "secret")
	defer api.Close()
	for i := range 3300 {
		api.Offers = append(api.Offers, fttest.NewOffer("M1805", "75", []string{"CDI", "CDD", "MIS"}[i%3], i))
	}
	ids, total, err := fetchAll(newClient(api, "secret"), "M1805")
	if err != nil || total != 3300 || len(ids) != 3300 {
		t.Fatalf("%d of %d fetched, %v; want 3300", len(ids), total, err)
	}
}

func TestRefusedCredentialsAreNotRetried(t *testing.T) {
	api := fttest.New("id", "secret")
	defer api.Close()
	api.Offers = offers("A1101", "75", 10)
	c := newClient(api, "wrong")
	if _, _, err := fetchAll(c, "A1101"); err == nil || !strings.Contains(err.Error(), "refused the credentials") {
		t.Errorf("err = %v", err)
	}
	if api.TokenCalls.Load() != 1 || c.Retries != 20 {
		t.Errorf("%d token calls, %d retries left: a refusal is final", api.TokenCalls.Load(), c.Retries)
	}
}
