#!/usr/bin/env bash
# load: 60 s of wrk -t2 -c256 over a mix of fiche, list and 404 URLs against
# `vocation serve` on 127.0.0.1. Fails on any socket error or any status
# other than 2xx, 3xx and 404. Bounded: wrk stops by itself, timeout backs it.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60s}
CONNS=${CONNS:-256}
OUT=${OUT:-bench/load}
PORT=18180

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
rm -rf "$OUT" && mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
"$OUT/vocation" import --content content --db "$OUT/load.db" >/dev/null
"$OUT/vocation" serve --db "$OUT/load.db" --addr 127.0.0.1:$PORT 2>"$OUT/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

: > "$OUT/urls.txt"
for f in content/metiers/*.md; do s=$(basename "$f" .md); for _ in 1 2 3 4; do echo "/metiers/$s" >> "$OUT/urls.txt"; done; done
for u in /metiers /metiers?niveau=bac%2B2 /metiers?niveau=bac%2B5 /metiers?secteur=numerique /metiers?q=developpeur /metiers?q=dev%20back / /secteurs /secteurs/numerique /a-propos; do
	for _ in 1 2; do echo "$u" >> "$OUT/urls.txt"; done
done
for i in $(seq 1 12); do echo "/metiers/inconnu-$i" >> "$OUT/urls.txt"; echo "/nulle-part-$i" >> "$OUT/urls.txt"; done

cat > "$OUT/mix.lua" <<'LUA'
local urls = {}
for line in io.lines(os.getenv("URLS")) do urls[#urls + 1] = line end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} ; math.randomseed(os.time() + math.random(1000)) end
function request() return wrk.format("GET", urls[math.random(#urls)], {["Accept-Encoding"] = "gzip"}) end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
	local total = {}
	for _, t in ipairs(threads) do
		for status, n in pairs(t:get("counts")) do total[status] = (total[status] or 0) + n end
	end
	for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
	io.write(string.format("p50_us %d\np90_us %d\np99_us %d\nmax_us %d\n",
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
	local e = summary.errors
	io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
	io.write(string.format("requests %d\n", summary.requests))
end
LUA

URLS="$OUT/urls.txt" timeout 120 wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$OUT/mix.lua" "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"

rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
errors=$(awk '/^socket_errors/ {print $2}' "$OUT/wrk.txt")
bad=$(awk '$1=="status" && !($2 ~ /^[23]/ || $2 == 404) {s += $3} END {print s + 0}' "$OUT/wrk.txt")
{
	echo "Load test, $(date -u +%Y-%m-%d), $(nproc) cores: wrk -t2 -c$CONNS -d$DURATION over $(wc -l < "$OUT/urls.txt") URLs (fiches 53 %, lists and pages 22 %, 404 25 %), gzip accepted"
	echo
	echo "| requests | req/s | p50 | p90 | p99 | max | socket errors | statuses |"
	echo "|---|---|---|---|---|---|---|---|"
	awk -v rps="$rps" '
		$1=="requests" {r=$2} $1=="p50_us" {p50=$2} $1=="p90_us" {p90=$2} $1=="p99_us" {p99=$2} $1=="max_us" {mx=$2} $1=="socket_errors" {e=$2}
		$1=="status" {st = st sprintf("%s: %s ", $2, $3)}
		END {printf "| %d | %s | %.2f ms | %.2f ms | %.2f ms | %.1f ms | %d | %s|\n", r, rps, p50/1000, p90/1000, p99/1000, mx/1000, e, st}' "$OUT/wrk.txt"
} | tee "$OUT/load.md"
if [ "$errors" != 0 ] || [ "$bad" != 0 ]; then
	echo "FAIL: $errors socket errors, $bad responses outside 2xx/3xx/404" >&2
	exit 1
fi
echo "PASS: no socket error, every status 2xx, 3xx or 404"
