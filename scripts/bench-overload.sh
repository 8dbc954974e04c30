#!/usr/bin/env bash
# bench-overload: the offer search mix (scripts/searchmix) at 256
# connections for 20 s (wrk, 10 s timeout) against `vocation serve` with
# N generated offers (200,000 by default: the machine is shared), once
# with no search line (--search-slots 0) and once as configured by
# default; meanwhile 2 more connections read fiche pages and a static file,
# which must not wait behind the searches. Then the same mix at 8
# connections, the figure the overload throughput is compared with.
# 3xx are expected: some searches of the mix are redirected. SKIP_BEFORE=1,
# SKIP_EIGHT=1, SERVE_FLAGS="--search-wait 1s" and SERVE_GOMEMLIMIT=400MiB
# for other trials.
# 127.0.0.1 only, every step bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-200000}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-256}
OUT=${OUT:-bench/overload}
PORT=${PORT:-$((18000 + RANDOM % 900))}
# The server sizes its own memory unless SERVE_GOMEMLIMIT gives the Go
# runtime's limit instead (e.g. 400MiB: more room, fewer collections).
if [ -n "${SERVE_GOMEMLIMIT:-}" ]; then export GOMEMLIMIT=$SERVE_GOMEMLIMIT; else unset GOMEMLIMIT; fi

mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
make -s static/js/htmx.min.js
CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
go run ./scripts/searchmix > "$OUT/mix.txt"
feed="$OUT/offers-$N.jsonl"
[ -s "$feed" ] || "$OUT/vocation" offers generate -n "$N" --seed 1 --content content > "$feed"
if [ "${REUSE:-0}" != 1 ] || [ ! -s "$OUT/bench.db" ]; then
	rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
	"$OUT/vocation" import --content content --db "$OUT/bench.db" >/dev/null
	"$OUT/vocation" offers import --db "$OUT/bench.db" "$feed" >/dev/null
fi

pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null || true' EXIT
start() { # extra serve flags...
	"$OUT/vocation" serve --content content --db "$OUT/bench.db" --addr 127.0.0.1:$PORT --log-level warn "$@" 2>"$OUT/server.log" &
	pid=$!
	for _ in $(seq 600); do
		kill -0 "$pid" 2>/dev/null || { echo "the server exited: $(tail -1 "$OUT/server.log")" >&2; exit 1; }
		curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && return
		sleep 0.2
	done
	echo "the server did not become ready" >&2; exit 1
}
# Stop the server, keeping the kernel's high-water mark of its resident
# memory: the most it held at any moment.
peaks=
stop() {
	peaks="$peaks $(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' /proc/$pid/status),"
	kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
# wrk's output as one table row: label, then the figures.
row() { # label file
	awk -v label="$1" '$1=="status" {n[$2]=$3; if ($2 >= 400) bad += $3}
		$1=="p50_us" {p50=$2} $1=="p99_us" {p99=$2} $1=="max_us" {mx=$2} $1=="timeouts" {to=$2}
		$1=="socket_errors" {se=$2} $1=="requests" {req=$2} $1=="rps" {rps=$2}
		END {printf "| %s | %s | %.1f ms | %.1f ms | %.0f ms | %d | %d | %d (%.1f %%) |\n", label, rps, p50/1000, p99/1000, mx/1000, to, se, bad, req ? 100*bad/req : 0}' "$2"
}
load() { # label conns file-suffix
	: > "$OUT/pages.txt"
	for f in content/metiers/*.md; do echo "/metiers/$(basename "$f" .md)" >> "$OUT/pages.txt"; done
	curl -s "http://127.0.0.1:$PORT/" | grep -o '/static/css/[^"]*' | head -1 >> "$OUT/pages.txt"
	MIX="$OUT/pages.txt" timeout 60 wrk -t1 -c2 -d"$DURATION" --timeout 10s -s scripts/overload.lua "http://127.0.0.1:$PORT" > "$OUT/pages-$3.txt" &
	local pages=$!
	MIX="$OUT/mix.txt" timeout 60 wrk -t2 -c"$2" -d"$DURATION" --timeout 10s -s scripts/overload.lua "http://127.0.0.1:$PORT" > "$OUT/search-$3.txt"
	wait $pages
	row "$1, searches" "$OUT/search-$3.txt"
	row "$1, fiche pages and CSS beside" "$OUT/pages-$3.txt"
}
{
	echo "Overload, $(date -u +%Y-%m-%d), $(nproc) cores, $N offers, wrk $DURATION, 10 s timeout"
	echo
	echo "| run | req/s | p50 | p99 | max | timeouts | socket errors | 4xx-5xx |"
	echo "|---|---|---|---|---|---|---|---|"
	if [ "${SKIP_BEFORE:-0}" != 1 ]; then
		start --search-slots 0
		load "$CONNS connections, no line (--search-slots 0)" "$CONNS" before
		stop
	fi
	start ${SERVE_FLAGS:-}
	load "$CONNS connections, line${SERVE_FLAGS:+ $SERVE_FLAGS}" "$CONNS" after
	[ "${SKIP_EIGHT:-0}" = 1 ] || load "8 connections, line${SERVE_FLAGS:+ $SERVE_FLAGS}" 8 eight
	stop
	echo
	echo "Server RSS peak of each server started, at any moment:${peaks%,}"
} | tee "$OUT/results.md"
