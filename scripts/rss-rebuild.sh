#!/usr/bin/env bash
# rss-rebuild: the server's resident memory while an import's offer index is
# built. Starts `vocation serve` on DB (a copy: the import writes to it),
# waits for its first index, imports FEED (a few offers), and samples VmRSS
# every 200 ms until the new index is built: prints the idle RSS, the peak
# during the rebuild and the build's duration. 127.0.0.1 only; every step
# bounded in time. SERVE_FLAGS are added to serve's own, e.g.
# SERVE_FLAGS="--offers-rebuild in-place".
#   BIN=bench/vocation DB=bench/bench.db FEED=one.jsonl scripts/rss-rebuild.sh
set -euo pipefail
: "${BIN:?the vocation binary}" "${DB:?a database with offers}" "${FEED:?a small offers feed}"
PORT=${PORT:-$((18000 + RANDOM % 1000))}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$DB" "$work/db"
unset GOMEMLIMIT # the server sizes its own memory, as by default
# shellcheck disable=SC2086 # SERVE_FLAGS are words
"$BIN" serve --db "$work/db" --addr "127.0.0.1:$PORT" ${SERVE_FLAGS:-} 2>"$work/log" &
pid=$!
# An import of a few offers updates the index; more build it again.
built() { [ "$(grep -acE 'offer index (built|updated)' "$work/log")" -ge "$1" ]; }
# peak_until N: the highest VmRSS sampled every 200 ms until the Nth index
# is built (300 s at most).
peak_until() {
	local peak=0 rss
	for _ in $(seq 1500); do
		rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
		[ "$rss" -gt "$peak" ] && peak=$rss
		built "$1" && break
		sleep 0.2
	done
	built "$1" || { echo "index $1 not built within 300 s" >&2; exit 1; }
	echo "$peak"
}
first=$(peak_until 1)
sleep 2
idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
timeout 300 "$BIN" offers import --db "$work/db" "$FEED" >/dev/null
curl -s -o /dev/null "http://127.0.0.1:$PORT/offres" || true # the server notices the import on a request
peak=$(peak_until 2)
build=$(grep -aE 'offer index (built|updated)' "$work/log" | tail -1 | grep -oE '(built|updated)|duration=[^ ]*' | tr '\n' ' ')
hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status) # the kernel's own peak, between the samples too
echo "peak during the first build ${first} KB, idle ${idle} KB, peak during rebuild ${peak} KB, peak of the process ${hwm} KB, rebuild $build"
