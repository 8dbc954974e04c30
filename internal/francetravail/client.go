package francetravail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const (
	// DefaultAPIURL is the API base; /offres/search is appended.
	DefaultAPIURL = "https://api.francetravail.io/partenaire/offresdemploi/v2"
	// DefaultTokenURL is the token endpoint, realm included.
	DefaultTokenURL = "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire"

	pageSize = 150  // offers a call returns at most
	maxReach = 3150 // offers a query reaches through range (0-3149)
)

// Departements are the values of the departement criterion a large query
// is split by: metropolitan France, Corsica's two, and overseas.
var Departements = func() []string {
	var out []string
	for n := 1; n <= 95; n++ {
		switch n {
		case 20:
			out = append(out, "2A", "2B")
		default:
			out = append(out, fmt.Sprintf("%02d", n))
		}
	}
	return append(out, "971", "972", "973", "974", "976")
}()

// ContractTypes are the values of typeContrat a département still too
// large is split by: those offer.ReadFranceTravail knows.
var ContractTypes = []string{"CDI", "CDD", "MIS", "SAI", "LIB", "FRA", "REP", "CCE", "DIN", "DDI", "TTI"}

// ErrAuth says the API refused the credentials: no retry can help.
var ErrAuth = errors.New("the France Travail API refused the credentials")

// Client fetches offers. Its zero value is not usable: see New.
type Client struct {
	search string
	http   *http.Client
	log    *slog.Logger
	// Retries is the number of retries a whole run may spend on 429 and
	// 5xx answers and failed connections; Backoff the first wait, doubled at each retry of the
	// same call and capped at a minute, unless the answer has a
	// Retry-After.
	Retries int
	Backoff time.Duration
	// Calls counts the search calls made, for the run's summary.
	Calls int
}

// New returns a client authenticated with OAuth2 client credentials; the
// token is fetched once and reused until it expires. base carries the
// timeouts of both the token and the search calls.
func New(apiURL, tokenURL, clientID, clientSecret string, base *http.Client, log *slog.Logger) *Client {
	cc := clientcredentials.Config{
		ClientID:     clientID,
		ClientSecret: clientSecret,
		TokenURL:     tokenURL,
		Scopes:       []string{"api_offresdemploiv2", "o2dsoffre"},
		// The token endpoint takes the credentials in the form body.
		AuthStyle: oauth2.AuthStyleInParams,
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, base)
	hc := &http.Client{Transport: &oauth2.Transport{Source: cc.TokenSource(ctx), Base: base.Transport}, Timeout: base.Timeout}
	return &Client{search: strings.TrimSuffix(apiURL, "/") + "/offres/search", http: hc, log: log, Retries: 20, Backoff: time.Second}
}

// Page reads the body of one page and says how many offers it holds.
type Page func(body []byte) (int, error)

// Fetch calls page with the body of every page of the offers of one ROME
// code, splitting the query as needed so that the code is fetched whole.
// It returns how many offers the API said the code has.
func (c *Client) Fetch(ctx context.Context, rome string, page Page) (int, error) {
	q := url.Values{"codeROME": {rome}, "sort": {"1"}}
	return c.fetch(ctx, q, 0, page)
}

// splits are the criteria a query too large for range is divided by, in
// order.
var splits = []struct {
	param  string
	values []string
}{{"departement", Departements}, {"typeContrat", ContractTypes}}

func (c *Client) fetch(ctx context.Context, q url.Values, level int, page Page) (int, error) {
	body, total, err := c.call(ctx, q, 0, pageSize-1)
	if err != nil || total == 0 {
		return 0, err
	}
	if total > maxReach {
		if level == len(splits) {
			return 0, fmt.Errorf("%s: %d offers, more than the %d a query reaches, even split by %s and %s",
				q.Encode(), total, maxReach, splits[0].param, splits[1].param)
		}
		sum := 0
		for _, v := range splits[level].values {
			part := url.Values{}
			for k, vs := range q {
				part[k] = vs
			}
			part.Set(splits[level].param, v)
			n, err := c.fetch(ctx, part, level+1, page)
			if err != nil {
				return 0, err
			}
			sum += n
		}
		if sum != total {
			// Offers come and go while a run pages; a few apart is that,
			// many say the split misses some.
			c.log.Warn("the parts of a split query do not add up", slog.String("query", q.Encode()), slog.Int("total", total), slog.Int("parts", sum))
		}
		return total, nil
	}
	n, err := page(body)
	if err != nil || total < 0 {
		return n, err // a 200 without Content-Range: this page is all
	}
	for first := pageSize; first < total; first += pageSize {
		body, _, err := c.call(ctx, q, first, min(first+pageSize, total)-1)
		if err != nil {
			return 0, err
		}
		if body == nil {
			break // the last offers expired while we paged
		}
		if _, err := page(body); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// call makes one search call for the offers first to last, retrying 429
// and 5xx answers within the run's budget. It returns the body, nil when
// nothing matches, and the total the API reports.
func (c *Client) call(ctx context.Context, q url.Values, first, last int) ([]byte, int, error) {
	u := c.search + "?" + q.Encode() + "&range=" + strconv.Itoa(first) + "-" + strconv.Itoa(last)
	wait := c.Backoff
	for {
		body, total, retryAfter, err := c.once(ctx, u)
		var rt *retryable
		if !errors.As(err, &rt) {
			return body, total, err
		}
		if c.Retries <= 0 {
			return nil, 0, fmt.Errorf("%w; no retry left in this run", err)
		}
		c.Retries--
		d := wait
		if retryAfter >= 0 {
			d = retryAfter // the API knows best when it can answer
		}
		c.log.Warn("France Travail asks to retry", slog.String("why", rt.why), slog.Duration("wait", d))
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, 0, ctx.Err()
		case <-t.C:
		}
		wait = min(wait*2, time.Minute)
	}
}

type retryable struct{ why string }

func (r *retryable) Error() string { return "France Travail: " + r.why }

func (c *Client) once(ctx context.Context, u string) (body []byte, total int, retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, 0, err
	}
	req.Header.Set("Accept", "application/json")
	c.Calls++
	resp, err := c.http.Do(req)
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response.StatusCode >= 500 {
			return nil, 0, 0, &retryable{"token: " + re.Response.Status}
		}
		if errors.As(err, &re) {
			return nil, 0, 0, fmt.Errorf("%w: token endpoint answered %s", ErrAuth, re.Response.Status)
		}
		if ctx.Err() != nil {
			return nil, 0, 0, ctx.Err()
		}
		// A connection reset or a timeout: worth a retry, like a 503.
		return nil, 0, -1, &retryable{err.Error()}
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("search: read the answer: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusNoContent:
		return nil, 0, 0, nil
	case resp.StatusCode == http.StatusOK:
		// Every result is in this page; a Content-Range, if any, says how many.
		if _, _, t, ok := contentRange(resp.Header.Get("Content-Range")); ok {
			return body, t, 0, nil
		}
		return body, -1, 0, nil
	case resp.StatusCode == http.StatusPartialContent:
		_, _, t, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok {
			return nil, 0, 0, fmt.Errorf("search: 206 without a readable Content-Range (%q)", resp.Header.Get("Content-Range"))
		}
		return body, t, 0, nil
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, 0, 0, fmt.Errorf("%w: search answered %s", ErrAuth, resp.Status)
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		after := time.Duration(-1)
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
			after = min(time.Duration(s)*time.Second, time.Minute)
		}
		return nil, 0, after, &retryable{resp.Status}
	default:
		return nil, 0, 0, fmt.Errorf("search %s: %s: %.200s", u, resp.Status, body)
	}
}

// contentRange reads "offres 0-149/353".
func contentRange(h string) (first, last, total int, ok bool) {
	_, r, found := strings.Cut(strings.TrimSpace(h), " ")
	if !found {
		return 0, 0, 0, false
	}
	span, t, found := strings.Cut(r, "/")
	if !found {
		return 0, 0, 0, false
	}
	a, b, found := strings.Cut(span, "-")
	if !found {
		return 0, 0, 0, false
	}
	var err1, err2, err3 error
	first, err1 = strconv.Atoi(a)
	last, err2 = strconv.Atoi(b)
	total, err3 = strconv.Atoi(t)
	return first, last, total, err1 == nil && err2 == nil && err3 == nil && first <= last && last < total
}
