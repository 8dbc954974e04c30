# Vocation. `make run` serves the site on http://localhost:8080; `make test` runs every test.
GO      ?= go
BIN     := bin/vocation
CONTENT ?= content
DB      ?= data/vocation.db
ADDR    ?= 127.0.0.1:8080

.PHONY: run test build import check dev generate communes lint e2e-deps icons fuzz bench-pages bench-search bench-fiche-search load security lighthouse clean cluster-test bench-overload

# A few thousand generated demo offers (source demo) come with the site;
# the pages say they are demonstration data.
DEMO_OFFERS ?= 3000

run: build
	$(BIN) import --content $(CONTENT) --db $(DB)
	$(BIN) offers generate -n $(DEMO_OFFERS) --seed 1 --content $(CONTENT) > data/demo-offres.jsonl
	$(BIN) offers import --db $(DB) --replace-source demo data/demo-offres.jsonl
	$(BIN) serve --content $(CONTENT) --db $(DB) --addr $(ADDR)

# Unit, integration, browser (Chromium), accessibility (axe-core) and HTML
# (Nu checker) tests, plus the fuzz targets' seed corpora.
test: lint e2e-deps static/js/htmx.min.js
	$(GO) test -race -count=1 -timeout 40m ./...

# axe-core and vnu-jar, pinned in internal/e2e/package-lock.json.
e2e-deps:
	@test -d internal/e2e/node_modules/axe-core -a -d internal/e2e/node_modules/vnu-jar || npm ci --prefix internal/e2e --no-audit --no-fund

# Each target runs a number of inputs, about 20 s of fuzzing each on a
# 2-core machine; FUZZSCALE multiplies them. Not a duration: with
# -fuzztime 20s, Go 1.26's fuzz coordinator can race its own deadline and
# fail with "context deadline exceeded" and no failing input
# (go.dev/issue/75804, fixed in Go 1.27); it did in a .ci/run. Shrinking a
# new interesting input is bounded the same way: 60 s each by default.
FUZZSCALE ?= 1
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $$((300000 * $(FUZZSCALE)))x -fuzzminimizetime 2000x ./internal/fiche
	$(GO) test -run '^$$' -fuzz '^FuzzMarkdown$$' -fuzztime $$((120000 * $(FUZZSCALE)))x -fuzzminimizetime 2000x ./internal/fiche
	$(GO) test -run '^$$' -fuzz '^FuzzRequest$$' -fuzztime $$((60000 * $(FUZZSCALE)))x -fuzzminimizetime 2000x ./internal/server
	$(GO) test -run '^$$' -fuzz '^FuzzQuery$$' -fuzztime $$((500000 * $(FUZZSCALE)))x -fuzzminimizetime 2000x ./internal/offerindex
	$(GO) test -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime $$((250000 * $(FUZZSCALE)))x -fuzzminimizetime 2000x ./internal/fichesearch

# The fiche search over 1,000 synthetic fiches at 8 clients: latency
# percentiles of the full page and of the suggestions (docs/performance.md).
bench-fiche-search:
	$(GO) test -run '^$$' -bench '^BenchmarkFicheSearch$$' -benchtime 20000x -count 3 ./internal/server

build: static/js/htmx.min.js
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/vocation

# htmx, pinned in static/package-lock.json, embedded with the other assets.
static/js/htmx.min.js: static/package-lock.json
	npm ci --prefix static --no-audit --no-fund --silent
	cp static/node_modules/htmx.org/dist/htmx.min.js $@

# The icon sprite: only the Lucide icons web/icons.go names, from
# lucide-static pinned in static/package-lock.json. The result (about 2 KB
# compressed) is committed, so that go build and go test work without npm.
icons:
	npm ci --prefix static --no-audit --no-fund --silent
	$(GO) run ./scripts/icons static/node_modules/lucide-static/icons static/img/icons.svg

# The official commune names France Travail's offers are shown with, from
# Etalab's decoupage-administratif, pinned in scripts/communes/package-lock.json.
# The result (about 300 KB) is committed, so that go build, go vet and go test
# work on a fresh clone without npm; run this to follow a newer dataset.
communes:
	npm ci --prefix scripts/communes --no-audit --no-fund --silent
	$(GO) run ./scripts/communes scripts/communes/node_modules/@etalab/decoupage-administratif/data/communes.json internal/offer/communes.tsv.gz

import: build
	$(BIN) import --content $(CONTENT) --db $(DB)

check:
	$(GO) run ./cmd/vocation check --content $(CONTENT)

dev: build
	$(BIN) serve --dev --content $(CONTENT) --db $(DB) --addr $(ADDR)

generate:
	$(GO) tool templ generate

# Generated templ code must match its sources: regenerate and fail if
# anything changed (what `git diff --exit-code` shows on a clean clone).
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	@before=$$(cat $$(find web -name '*_templ.go' | sort) | sha256sum); \
	$(GO) tool templ generate >/dev/null; \
	after=$$(cat $$(find web -name '*_templ.go' | sort) | sha256sum); \
	if [ "$$before" != "$$after" ]; then echo "generated templ code was stale: run make generate and commit"; exit 1; fi
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$CI" ]; then git diff --exit-code -- '*_templ.go'; fi
	$(GO) tool templ fmt -fail web

bench-pages: build
	./scripts/bench-pages.sh

bench-search: build
	./scripts/bench-search.sh

load: build
	./scripts/load.sh

# nginx (scripts/deploy) in front of three replicas under wrk, while one is
# killed, one stopped and all re-import: no request may fail. Needs nginx
# and wrk; 127.0.0.1 only, about a minute.
cluster-test: build
	./scripts/cluster-test.sh

# The offer search mix at 256 connections, with and without the search line.
bench-overload: build
	./scripts/bench-overload.sh

security: build
	./scripts/security.sh

lighthouse: build
	./scripts/lighthouse.sh

clean:
	rm -rf bin data
