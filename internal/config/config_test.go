package config

import (
	"errors"
	"io"
	"log/slog"
	"reflect"
	"runtime"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want Config
	}{
		{"defaults", []string{"serve"}, nil,
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", PublicURL: "http://127.0.0.1:8080", LogFormat: "text", MemoryLimit: true}},
		{"environment", []string{"serve"}, map[string]string{"VOCATION_DB": "/tmp/x.db", "VOCATION_ADDR": ":9000", "VOCATION_DEV": "true", "VOCATION_LOG_LEVEL": "debug", "VOCATION_LOG_FORMAT": "json"},
			Config{Command: "serve", Content: "./content", DB: "/tmp/x.db", Addr: ":9000", PublicURL: "http://localhost:9000", Dev: true, LogLevel: slog.LevelDebug, LogFormat: "json", MemoryLimit: true}},
		{"flags win over environment", []string{"serve", "--db", "a.db", "--addr", "127.0.0.1:1", "--dev=false", "--content", "c"}, map[string]string{"VOCATION_DB": "/tmp/x.db", "VOCATION_DEV": "1"},
			Config{Command: "serve", Content: "c", DB: "a.db", Addr: "127.0.0.1:1", PublicURL: "http://127.0.0.1:1", LogFormat: "text", MemoryLimit: true}},
		{"any address reads as localhost", []string{"serve", "--addr", "0.0.0.0:8080"}, nil,
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "0.0.0.0:8080", PublicURL: "http://localhost:8080", LogFormat: "text", MemoryLimit: true}},
		{"any IPv6 address reads as localhost", []string{"serve", "--addr", "[::]:8080"}, nil,
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "[::]:8080", PublicURL: "http://localhost:8080", LogFormat: "text", MemoryLimit: true}},
		{"an IPv6 host in brackets", []string{"serve", "--addr", "[::1]:8080"}, nil,
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "[::1]:8080", PublicURL: "http://[::1]:8080", LogFormat: "text", MemoryLimit: true}},
		{"https deployment", []string{"serve", "--hsts", "--public-url", "https://vocation.example"}, nil,
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", HSTS: true, PublicURL: "https://vocation.example", LogFormat: "text", MemoryLimit: true}},
		{"offers import", []string{"offers", "import", "--db", "v.db", "--replace-source", "francetravail", "a.json", "b.jsonl"}, nil,
			Config{Command: "offers import", Content: "./content", DB: "v.db", Addr: "127.0.0.1:8080", LogFormat: "text", MemoryLimit: true, ReplaceSource: "francetravail", Feeds: []string{"a.json", "b.jsonl"}}},
		{"offers generate", []string{"offers", "generate", "-n", "50", "--seed", "7"}, nil,
			Config{Command: "offers generate", Content: "./content", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", LogFormat: "text", MemoryLimit: true, Count: 50, Seed: 7}},
		{"offers generate --content", []string{"offers", "generate", "-n", "5", "--content", "c"}, nil,
			Config{Command: "offers generate", Content: "c", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", LogFormat: "text", MemoryLimit: true, Count: 5, Seed: 1}},
		{"the Go runtime's memory limit replaces serve's own", []string{"serve"}, map[string]string{"GOMEMLIMIT": "300MiB"},
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", PublicURL: "http://127.0.0.1:8080", LogFormat: "text"}},
		{"check takes only content", []string{"check", "--content", "x"}, nil,
			Config{Command: "check", Content: "x", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", LogFormat: "text", MemoryLimit: true}},
		{"offers fetch: credentials from the environment only", []string{"offers", "fetch", "--db", "v.db", "--rome", "m1805, J1506", "--api-url", "http://127.0.0.1:1/v2"},
			map[string]string{"FRANCETRAVAIL_CLIENT_ID": "id", "FRANCETRAVAIL_CLIENT_SECRET": "s"},
			Config{Command: "offers fetch", Content: "./content", DB: "v.db", Addr: "127.0.0.1:8080", LogFormat: "text", MemoryLimit: true,
				Rome: []string{"M1805", "J1506"}, APIURL: "http://127.0.0.1:1/v2", TokenURL: "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire",
				FTClientID: "id", FTClientSecret: "s"}},
		{"backup", []string{"backup", "--db", "v.db", "--to", "b.db", "--force"}, nil,
			Config{Command: "backup", Content: "./content", DB: "v.db", Addr: "127.0.0.1:8080", LogFormat: "text", MemoryLimit: true, To: "b.db", Force: true}},
		{"metrics", []string{"serve", "--metrics-addr", "127.0.0.1:9090"}, nil,
			Config{Command: "serve", Content: "./content", DB: "./data/vocation.db", Addr: "127.0.0.1:8080", PublicURL: "http://127.0.0.1:8080", LogFormat: "text", MemoryLimit: true, MetricsAddr: "127.0.0.1:9090"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Load(tt.args, env(tt.env), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.SearchSlots, tt.want.SearchWait = runtime.GOMAXPROCS(0), 800*time.Millisecond // TestSearchLine
			tt.want.OffersRebuild = "beside"                                                      // TestOffersRebuild
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		env   map[string]string
		usage bool
	}{
		{nil, nil, true},
		{[]string{"deploy"}, nil, true},
		{[]string{"serve", "-h"}, nil, true},
		{[]string{"check", "--db", "x"}, nil, false},
		{[]string{"serve", "--addr", "8080"}, nil, false},
		{[]string{"serve", "stray"}, nil, false},
		{[]string{"serve"}, map[string]string{"VOCATION_DEV": "peut-être"}, false},
		{[]string{"serve", "--log-level", "loud"}, nil, false},
		{[]string{"import", "--db", ""}, nil, false},
		{[]string{"serve"}, map[string]string{"VOCATION_LOG_FORMAT": "xml"}, false},
		{[]string{"serve", "--public-url", "vocation.example"}, nil, false},
		{[]string{"serve", "--public-url", "https://vocation.example/metiers"}, nil, false},
		{[]string{"serve"}, map[string]string{"VOCATION_HSTS": "oui"}, false},
		{[]string{"offers", "import", "--db", "x.db"}, nil, false},
		{[]string{"offers", "generate", "-n", "-3"}, nil, false},
		{[]string{"offers", "delete"}, nil, true},
		{[]string{"offers", "fetch", "--rome", "M1805,boulanger"}, nil, false},
		{[]string{"offers", "fetch", "--client-secret", "s"}, nil, false},
		{[]string{"backup", "--db", "v.db"}, nil, false},
		{[]string{"serve", "--metrics-addr", "9090"}, nil, false},
		{[]string{"import", "--metrics-addr", "127.0.0.1:9090"}, nil, false},
		{[]string{"serve", "--offers-rebuild", "inplace"}, nil, false},
		{[]string{"serve"}, map[string]string{"VOCATION_OFFERS_REBUILD": "drop"}, false},
	} {
		_, err := Load(tt.args, env(tt.env), io.Discard)
		if err == nil || errors.Is(err, ErrUsage) != tt.usage {
			t.Errorf("%v %v: err %v, usage %v", tt.args, tt.env, err, tt.usage)
		}
	}
}

// The search line is sized to the cores unless told otherwise, and a
// stopping server drains only when asked to.
func TestSearchLine(t *testing.T) {
	got, err := Load([]string{"serve", "--search-slots", "3", "--drain", "5s"}, env(map[string]string{"VOCATION_SEARCH_WAIT": "250ms", "VOCATION_SEARCH_SLOTS": "9"}), io.Discard)
	if err != nil || got.SearchSlots != 3 || got.SearchWait != 250*time.Millisecond || got.Drain != 5*time.Second {
		t.Errorf("flags and environment: %+v, %v", got, err)
	}
	for _, args := range [][]string{{"serve", "--search-slots", "-1"}, {"serve", "--drain", "soon"}} {
		if _, err := Load(args, env(nil), io.Discard); err == nil {
			t.Errorf("%q: accepted", args)
		}
	}
	if _, err := Load([]string{"serve"}, env(map[string]string{"VOCATION_SEARCH_WAIT": "1"}), io.Discard); err == nil {
		t.Error("VOCATION_SEARCH_WAIT=1: accepted")
	}
}

// The offer index is built beside the old one unless told otherwise.
func TestOffersRebuild(t *testing.T) {
	for _, tt := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"serve"}, nil, "beside"},
		{[]string{"serve", "--offers-rebuild", "in-place"}, nil, "in-place"},
		{[]string{"serve"}, map[string]string{"VOCATION_OFFERS_REBUILD": "in-place"}, "in-place"},
		{[]string{"serve", "--offers-rebuild", "beside"}, map[string]string{"VOCATION_OFFERS_REBUILD": "in-place"}, "beside"},
	} {
		got, err := Load(tt.args, env(tt.env), io.Discard)
		if err != nil || got.OffersRebuild != tt.want {
			t.Errorf("%v %v: %q, %v; want %q", tt.args, tt.env, got.OffersRebuild, err, tt.want)
		}
	}
}
