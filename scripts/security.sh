#!/usr/bin/env bash
# security: sqlmap on every page that takes a parameter (query string and
# path), then wapiti on the whole site, both against `vocation serve` on
# 127.0.0.1 only and bounded in time. Their exit codes say nothing about
# findings, so this script reads their reports and fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-bench/security}
PORT=18280
BASE="http://127.0.0.1:$PORT"

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need sqlmap sqlmap
need wapiti wapiti
need curl curl

rm -rf "$OUT" && mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
"$OUT/vocation" import --content content --db "$OUT/sec.db" >/dev/null
# As in production, where TLS ends at a proxy in front: --hsts.
"$OUT/vocation" serve --hsts --db "$OUT/sec.db" --addr 127.0.0.1:$PORT 2>"$OUT/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

failed=0
# Query parameters, then path segments (marked with * for sqlmap).
targets=(
	"$BASE/metiers?q=developpeur&niveau=bac%2B2&secteur=numerique"
	"$BASE/metiers/developpeur-back-end*"
	"$BASE/secteurs/numerique*"
	"$BASE/a-propos*"
	"$BASE/pages/a-propos*"
	"$BASE/offres?q=developpeur&lieu=Lyon&rayon=20&contrat=cdi&teletravail=1&experience=2&salaire_min=30000&tri=date&page=1"
	"$BASE/offres/demo-exemples/exemple-0000001*"
)
for url in "${targets[@]}"; do
	name=$(echo "$url" | sed 's|.*:[0-9]*/||; s|[^a-zA-Z0-9]|_|g')
	timeout 600 sqlmap -u "$url" --batch --level=2 --risk=1 --flush-session --disable-coloring \
		--output-dir="$OUT/sqlmap" --timeout=10 --retries=1 > "$OUT/sqlmap-$name.txt" 2>&1 || true
	if grep -Eiq "is vulnerable|appears to be injectable|sqlmap identified the following injection" "$OUT/sqlmap-$name.txt"; then
		echo "sqlmap FINDING on $url:"; grep -Ei "parameter|type:|payload:" "$OUT/sqlmap-$name.txt" | head -20
		failed=1
	elif grep -q "do not appear to be injectable\|does not seem to be injectable" "$OUT/sqlmap-$name.txt"; then
		echo "sqlmap: no injection on $url ($(grep -c 'testing' "$OUT/sqlmap-$name.txt") tests)"
	else
		echo "sqlmap did not finish on $url:"; tail -5 "$OUT/sqlmap-$name.txt"
		failed=1
	fi
done

# Every module that stays on this machine: the default set without ssrf
# (it asks an outside server for its results), plus crlf, methods, backup
# and htaccess.
modules=blindsql,cookieflags,csp,exec,file,http_headers,permanentxss,redirect,sql,xss,crlf,methods,backup,htaccess
# The offer search links every facet value to a new search: bound the
# crawl (sqlmap has already attacked every /offres parameter).
timeout 900 wapiti -u "$BASE/" --scope folder -m "$modules" --flush-session -d 3 --max-links-per-page 40 --max-files-per-dir 60 \
	--max-scan-time 400 --max-attack-time 60 -f json -o "$OUT/wapiti.json" \
	> "$OUT/wapiti.txt" 2>&1 || true
if [ ! -s "$OUT/wapiti.json" ]; then
	echo "wapiti wrote no report:"; tail -20 "$OUT/wapiti.txt"
	failed=1
else
	python3 - "$OUT/wapiti.json" <<'PY' || failed=1
import json, sys
r = json.load(open(sys.argv[1]))
findings = 0
for section in ("vulnerabilities", "anomalies"):
    for name, items in r.get(section, {}).items():
        for it in items:
            findings += 1
            print(f"wapiti FINDING ({section}) {name}: {it.get('info')} at {it.get('path')} {it.get('http_request', '')[:120]!r}")
for name, items in r.get("additionals", {}).items():
    for it in items:
        print(f"wapiti note (additional) {name}: {it.get('info')}")
crawled = len(r.get("infos", {}).get("crawled_pages", [])) if isinstance(r.get("infos"), dict) else "?"
print(f"wapiti: {findings} findings")
sys.exit(1 if findings else 0)
PY
fi
if [ "$failed" != 0 ]; then echo "FAIL"; exit 1; fi
echo "PASS: sqlmap and wapiti found nothing"
