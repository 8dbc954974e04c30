// Package config turns flags and environment variables into one typed
// Config. Flags win over the environment, which wins over defaults.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Config is everything the binary can be told.
type Config struct {
	Command   string
	Content   string
	DB        string
	Addr      string
	Dev       bool
	HSTS      bool
	PublicURL string
	// offers import and offers generate
	Feeds         []string
	ReplaceSource string
	Count         int
	Seed          uint64
	LogLevel      slog.Level
	LogFormat     string
	// offers fetch: the API and the ROME codes to fetch (none: those of
	// the published fiches). The credentials come from the environment
	// only, never from flags, which other users can read in ps.
	Rome                       []string
	APIURL, TokenURL           string
	FTClientID, FTClientSecret string
	// backup: the copy to write, and whether it may replace a file.
	To    string
	Force bool
	// serve: where /metrics is served; empty for nowhere.
	MetricsAddr string
	// MemoryLimit: serve keeps its heap near what it needs (see
	// memorySizer in cmd/vocation) unless GOMEMLIMIT sets the Go
	// runtime's own limit.
	MemoryLimit bool
	// serve: how many offer searches run at once, how long the others
	// wait in line before a 503, and how long a stopping server keeps
	// serving while /readyz says 503.
	SearchSlots int
	SearchWait  time.Duration
	Drain       time.Duration
	// OffersRebuild is how serve builds the offer index again after an
	// import: "beside" the old one, which keeps answering (memory peaks
	// at two indexes), or "in-place", the old one let go first (offer
	// searches answer 503 while it builds; memory stays at one).
	OffersRebuild string
}

// Commands lists the subcommands and what each does.
var Commands = map[string]string{
	"check":           "validate the content tree and print every problem",
	"import":          "validate, render and store the content in one transaction",
	"serve":           "serve the site",
	"offers import":   "upsert offer feeds (JSON Lines or France Travail JSON) into the database",
	"offers generate": "write synthetic demo offers as JSON Lines on standard output",
	"offers fetch":    "fetch France Travail's offers of some ROME codes and import them as one snapshot",
	"backup":          "copy the database consistently, even while serve runs",
}

// Usage is the help text.
const Usage = `usage: vocation <command> [flags]

commands:
  check   --content DIR                    validate the content, print every problem
  import  --content DIR --db FILE          validate, render and store the content
  serve   --content DIR --db FILE --addr HOST:PORT [--dev] [--hsts] [--public-url URL]
          [--search-slots N] [--search-wait D] [--drain D] [--metrics-addr HOST:PORT]
          [--offers-rebuild beside|in-place]
                                           serve the site; --dev re-imports on every save,
                                           --hsts when it is reached over HTTPS; N offer searches
                                           at once (default: the cores), the others wait in line
                                           up to D (800ms) then get a 503; on SIGTERM, /readyz
                                           says 503 for --drain D before the server stops;
                                           /metrics (Prometheus) only on --metrics-addr;
                                           an import of a few offers updates the offer index; a
                                           larger one builds it again beside the old one (searches
                                           go on, memory doubles) or in place (searches answer 503
                                           meanwhile, memory stays at one)
  offers import --db FILE [--replace-source SOURCE] FEED...
                                           upsert offers by (source, id); --replace-source
                                           expires that source's offers absent from the feeds
  offers generate -n N --seed S [--content DIR]
                                           N synthetic offers (source demo), JSON Lines: titles
                                           from DIR/rome, codes of DIR/metiers (built-in list without)
  offers fetch --db FILE [--rome CODES] [--api-url URL] [--token-url URL]
                                           fetch France Travail's offers of CODES (comma-separated;
                                           default: those of the published fiches), import them as
                                           one snapshot; credentials from FRANCETRAVAIL_CLIENT_ID
                                           and FRANCETRAVAIL_CLIENT_SECRET
  backup --db FILE --to FILE [--force]     consistent copy of the database, even while serve runs

environment: VOCATION_CONTENT, VOCATION_DB, VOCATION_ADDR, VOCATION_DEV, VOCATION_HSTS, VOCATION_PUBLIC_URL,
             VOCATION_LOG_LEVEL (debug, info, warn, error), VOCATION_LOG_FORMAT (text, json),
             VOCATION_SEARCH_SLOTS, VOCATION_SEARCH_WAIT, VOCATION_DRAIN, VOCATION_OFFERS_REBUILD,
             VOCATION_METRICS_ADDR (serve --metrics-addr HOST:PORT, /metrics, off by default),
             FRANCETRAVAIL_CLIENT_ID, FRANCETRAVAIL_CLIENT_SECRET (offers fetch);
             GOMEMLIMIT replaces serve's own memory limit (what the offer index keeps live + 48 MiB)
`

// ErrUsage is returned for a missing or unknown command, or -h.
var ErrUsage = errors.New("usage")

// Load reads args (without the program name) and the environment.
func Load(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	if len(args) >= 2 && args[0] == "offers" {
		args = append([]string{"offers " + args[1]}, args[2:]...)
	}
	if len(args) == 0 || Commands[args[0]] == "" {
		return Config{}, ErrUsage
	}
	cfg := Config{
		Command:        args[0],
		Content:        or(getenv("VOCATION_CONTENT"), "./content"),
		DB:             or(getenv("VOCATION_DB"), "./data/vocation.db"),
		Addr:           or(getenv("VOCATION_ADDR"), "127.0.0.1:8080"),
		PublicURL:      getenv("VOCATION_PUBLIC_URL"),
		LogFormat:      or(getenv("VOCATION_LOG_FORMAT"), "text"),
		MemoryLimit:    getenv("GOMEMLIMIT") == "",
		MetricsAddr:    getenv("VOCATION_METRICS_ADDR"),
		FTClientID:     getenv("FRANCETRAVAIL_CLIENT_ID"),
		FTClientSecret: getenv("FRANCETRAVAIL_CLIENT_SECRET"),
		SearchSlots:    runtime.GOMAXPROCS(0),
		SearchWait:     800 * time.Millisecond,
		OffersRebuild:  or(getenv("VOCATION_OFFERS_REBUILD"), "beside"),
	}
	if v := getenv("VOCATION_SEARCH_SLOTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return Config{}, fmt.Errorf("VOCATION_SEARCH_SLOTS: %q is not a number", v)
		}
		cfg.SearchSlots = n
	}
	for name, dst := range map[string]*time.Duration{"VOCATION_SEARCH_WAIT": &cfg.SearchWait, "VOCATION_DRAIN": &cfg.Drain} {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				return Config{}, fmt.Errorf("%s: %q is not a duration such as 500ms", name, v)
			}
			*dst = d
		}
	}
	for name, dst := range map[string]*bool{"VOCATION_DEV": &cfg.Dev, "VOCATION_HSTS": &cfg.HSTS} {
		if v := getenv(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return Config{}, fmt.Errorf("%s: %q is not true or false", name, v)
			}
			*dst = b
		}
	}
	level := or(getenv("VOCATION_LOG_LEVEL"), "info")
	fs := flag.NewFlagSet("vocation "+cfg.Command, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if cfg.Command == "check" || cfg.Command == "import" || cfg.Command == "serve" || cfg.Command == "offers generate" {
		fs.StringVar(&cfg.Content, "content", cfg.Content, "content directory")
	}
	if cfg.Command != "check" && cfg.Command != "offers generate" {
		fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite database file")
	}
	if cfg.Command == "offers import" {
		fs.StringVar(&cfg.ReplaceSource, "replace-source", "", "expire this source's offers that the feeds no longer have")
	}
	if cfg.Command == "offers generate" {
		fs.IntVar(&cfg.Count, "n", 1000, "how many offers")
		fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed: the same seed gives the same offers")
	}
	if cfg.Command == "serve" {
		fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on")
		fs.BoolVar(&cfg.Dev, "dev", cfg.Dev, "editor preview: re-import on save, show drafts and errors")
		fs.BoolVar(&cfg.HSTS, "hsts", cfg.HSTS, "the site is reached over HTTPS: send Strict-Transport-Security")
		fs.StringVar(&cfg.PublicURL, "public-url", cfg.PublicURL, "the site's public address, e.g. https://vocation.example, for canonical links, feeds and the sitemap (default http://ADDR)")
		fs.IntVar(&cfg.SearchSlots, "search-slots", cfg.SearchSlots, "offer searches run at once, the others wait in line; 0 for no line")
		fs.DurationVar(&cfg.SearchWait, "search-wait", cfg.SearchWait, "how long a search waits in line before a 503")
		fs.DurationVar(&cfg.Drain, "drain", cfg.Drain, "on SIGTERM, how long /readyz says 503 while requests are still served")
		fs.StringVar(&cfg.OffersRebuild, "offers-rebuild", cfg.OffersRebuild, "when an import is too large to update the offer index, build it again beside the old one (searches go on) or in-place (less memory, searches answer 503 meanwhile)")
	}
	// ops: offers fetch, backup, metrics
	var rome string
	if cfg.Command == "offers fetch" {
		fs.StringVar(&rome, "rome", "", "ROME codes to fetch, comma-separated (default: those of the published fiches)")
		fs.StringVar(&cfg.APIURL, "api-url", "https://api.francetravail.io/partenaire/offresdemploi/v2", "the API base, to which /offres/search is appended")
		fs.StringVar(&cfg.TokenURL, "token-url", "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire", "the OAuth2 token endpoint, realm included")
	}
	if cfg.Command == "backup" {
		fs.StringVar(&cfg.To, "to", "", "the copy to write")
		fs.BoolVar(&cfg.Force, "force", false, "replace --to if it exists")
	}
	if cfg.Command == "serve" {
		fs.StringVar(&cfg.MetricsAddr, "metrics-addr", cfg.MetricsAddr, "serve /metrics (Prometheus) on this separate address, e.g. 127.0.0.1:9090")
	}
	fs.StringVar(&level, "log-level", level, "debug, info, warn or error")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return Config{}, ErrUsage
		}
		return Config{}, err
	}
	for _, c := range strings.Split(rome, ",") {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
			cfg.Rome = append(cfg.Rome, c)
		}
	}
	if cfg.Command == "offers import" {
		cfg.Feeds = fs.Args()
		if len(cfg.Feeds) == 0 {
			return Config{}, errors.New("offers import: name at least one feed file")
		}
	} else if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return Config{}, fmt.Errorf("log level: %q is not debug, info, warn or error", level)
	}
	if cfg.Command == "serve" && cfg.PublicURL == "" {
		cfg.PublicURL = addrURL(cfg.Addr)
	}
	return cfg, cfg.Validate()
}

// Validate checks values that flags cannot type.
func (c Config) Validate() error {
	if strings.TrimSpace(c.Content) == "" {
		return errors.New("--content must not be empty")
	}
	if c.Command == "offers generate" && (c.Count < 0 || c.Count > 10_000_000) {
		return fmt.Errorf("-n %d: expected 0 to 10000000 offers", c.Count)
	}
	if c.Command != "check" && c.Command != "offers generate" && strings.TrimSpace(c.DB) == "" {
		return errors.New("--db must not be empty")
	}
	if c.Command == "serve" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("--addr %q: expected HOST:PORT, e.g. 127.0.0.1:8080", c.Addr)
		}
	}
	if c.OffersRebuild != "beside" && c.OffersRebuild != "in-place" {
		return fmt.Errorf("--offers-rebuild: %q is neither beside nor in-place", c.OffersRebuild)
	}
	if c.SearchSlots < 0 || c.SearchWait < 0 || c.Drain < 0 {
		return errors.New("--search-slots, --search-wait and --drain must not be negative")
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return fmt.Errorf("--public-url %q: expected an origin such as https://vocation.example", c.PublicURL)
		}
	}
	for _, r := range c.Rome {
		if !romeCode.MatchString(r) {
			return fmt.Errorf("--rome: %q is not a ROME code such as M1805", r)
		}
	}
	if c.Command == "backup" && strings.TrimSpace(c.To) == "" {
		return errors.New("backup: --to FILE is required")
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return fmt.Errorf("--metrics-addr %q: expected HOST:PORT, e.g. 127.0.0.1:9090", c.MetricsAddr)
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("VOCATION_LOG_FORMAT: %q is not text or json", c.LogFormat)
	}
	return nil
}

// addrURL is the public URL a server at addr has when none is given, so
// that canonical links, feeds and the sitemap are absolute under `make run`:
// http://localhost:8080 for 0.0.0.0:8080, :8080 or [::]:8080. An address
// that is not HOST:PORT gives "", for Validate to report.
func addrURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

var romeCode = regexp.MustCompile(`^[A-N][0-9]{4}$`)

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
