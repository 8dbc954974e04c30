#!/usr/bin/env bash
# cluster-test: nginx with the shipped configuration (scripts/deploy) in
# front of three `vocation serve` replicas, each with its own database
# built from the same content and the same offer snapshot, as on three
# machines. wrk replays scripts/cluster/mix.txt through nginx while one
# replica is killed (SIGKILL) and restarted (KILLS times, 1 by default),
# another stopped (SIGTERM) and restarted, and content and offers are
# imported again on every replica.
# Fails on any socket error, timeout or status the mix did not expect.
# 127.0.0.1 only; every step is bounded and everything started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-20000}
PAUSE=${PAUSE:-3} # seconds of load between the steps
CONNS=${CONNS:-16}
KILLS=${KILLS:-1} # SIGKILLs of replica 1, each followed by a restart
OUT=${OUT:-bench/cluster}
command -v nginx >/dev/null && command -v wrk >/dev/null && command -v ss >/dev/null || { echo "cluster-test needs nginx, wrk and ss" >&2; exit 1; }
# nginx's port, the replicas taking the next three: four free ones, or
# another process's server would answer for a replica.
taken() { ss -Hltn | awk '{print $4}' | grep -qE ":($1|$(($1 + 1))|$(($1 + 2))|$(($1 + 3)))$"; }
if [ -z "${PORT:-}" ]; then
	for _ in $(seq 20); do PORT=$((18000 + RANDOM % 900)); taken $PORT || break; done
fi
taken "$PORT" && { echo "port $PORT or one of the next three is taken" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
make -s static/js/htmx.min.js
CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
bin="$OUT/vocation"
"$bin" offers generate -n "$N" --seed 1 --content content > "$OUT/offers.jsonl" 2>/dev/null

declare -A pids
nginx_started=
wrk=
cleanup() {
	[ -z "$wrk" ] || kill -INT "$wrk" 2>/dev/null || true
	[ -z "$nginx_started" ] || nginx -p "$OUT" -c "$OUT/nginx.conf" -s stop 2>/dev/null || true
	for r in "${!pids[@]}"; do kill "${pids[$r]}" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT
log() { echo "$(date -u +%T) $*"; }
# import content and the offer snapshot into replica r's database, as a
# deployment does on each machine.
import() { # r
	"$bin" import --content content --db "$OUT/r$1.db" >/dev/null
	"$bin" offers import --db "$OUT/r$1.db" --replace-source demo "$OUT/offers.jsonl" >/dev/null
}
start() { # r
	"$bin" serve --content content --db "$OUT/r$1.db" --addr "127.0.0.1:$((PORT + $1))" --drain 2s --log-level warn 2>>"$OUT/r$1.log" &
	pids[$1]=$!
}
ready() { # r: until /readyz says 200, at most 30 s
	for _ in $(seq 150); do
		kill -0 "${pids[$1]}" 2>/dev/null || { echo "replica $1 exited: $(tail -1 "$OUT/r$1.log")" >&2; exit 1; }
		curl -sf -o /dev/null "http://127.0.0.1:$((PORT + $1))/readyz" && return
		sleep 0.2
	done
	echo "replica $1 not ready" >&2; exit 1
}
for r in 1 2 3; do import $r; start $r; done
for r in 1 2 3; do ready $r; done

# The shipped site configuration, its ports moved to this run's, inside a
# main configuration that keeps every file in $OUT.
sed -e "s/127\.0\.0\.1:8081/127.0.0.1:$((PORT + 1))/; s/127\.0\.0\.1:8082/127.0.0.1:$((PORT + 2))/; s/127\.0\.0\.1:8083/127.0.0.1:$((PORT + 3))/" \
	-e "s/listen 80;/listen 127.0.0.1:$PORT;/; /listen \[::\]:80;/d" scripts/deploy/vocation.nginx.conf > "$OUT/vocation.conf"
cat > "$OUT/nginx.conf" <<NGINX
daemon on;
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 1024; }
http {
	log_format upstream '\$status \$upstream_status \$request_time "\$request_uri" \$upstream_addr \$upstream_response_length \$body_bytes_sent';
	access_log $OUT/nginx-access.log upstream;
	client_body_temp_path $OUT/tmp-body;
	proxy_temp_path $OUT/tmp-proxy;
	fastcgi_temp_path $OUT/tmp-fastcgi;
	uwsgi_temp_path $OUT/tmp-uwsgi;
	scgi_temp_path $OUT/tmp-scgi;
	include $OUT/vocation.conf;
}
NGINX
[ "$(id -u)" = 0 ] && sed -i "1i user $(id -un);" "$OUT/nginx.conf"
nginx -p "$OUT" -c "$OUT/nginx.conf" -t -q
nginx -p "$OUT" -c "$OUT/nginx.conf"
nginx_started=1
base="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -sf -o /dev/null "$base/readyz" && break; sleep 0.1; done

# The mix, and the static files the home page links under their hashed names
# (an icon's #fragment stays in the browser: the file is requested once).
{ grep -v '^#' scripts/cluster/mix.txt; curl -s "$base/" | grep -o '"/static/[^"#]*' | tr -d '"' | sort -u | sed 's/^/200 /'; } > "$OUT/mix.txt"
log "$(grep -c . "$OUT/mix.txt") requests in the mix; wrk with $CONNS connections through nginx on :$PORT until the last step is done"
# wrk stops and reports on SIGINT, which timeout passes on; 10 min at most.
MIX="$OUT/mix.txt" timeout -s INT 600 wrk -t"$CONNS" -c"$CONNS" -d600s --timeout 10s -s scripts/cluster/check.lua "$base" > "$OUT/wrk.txt" &
wrk=$!
started=$(date +%s)

for k in $(seq "$KILLS"); do
	sleep "$PAUSE"
	log "SIGKILL replica 1 ($k of $KILLS)"; kill -KILL "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
	[ "$KILLS" -gt 1 ] || sleep "$PAUSE"
	log "restart replica 1"; start 1; ready 1
done
sleep "$PAUSE"
log "SIGTERM replica 2"; kill -TERM "${pids[2]}"; wait "${pids[2]}" 2>/dev/null || true
log "replica 2 stopped; restart it"; start 2; ready 2
sleep "$PAUSE"
for r in 1 2 3; do log "import content and offers again on replica $r"; import $r; done
sleep "$PAUSE"
log "stop wrk after $(( $(date +%s) - started )) s of load"
kill -INT $wrk
wait $wrk || true
wrk=
nginx -p "$OUT" -c "$OUT/nginx.conf" -s quit; nginx_started=
for r in 1 2 3; do kill -TERM "${pids[$r]}"; done
wait 2>/dev/null || true
pids=()

w="$OUT/wrk.txt"
get() { awk -v k="$1" '$1==k {print $2}' "$w"; }
retried=$(awk '$2 ~ /,/' "$OUT/nginx-access.log" | wc -l)
echo
echo "| requests | req/s | p50 | p99 | max | statuses | retried by nginx on another replica | unexpected | socket errors | timeouts |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf "| %s | %s | %.1f ms | %.1f ms | %.0f ms | %s | %s | %s | %s | %s |\n" "$(get requests)" "$(get rps)" \
	"$(echo "$(get p50_us) / 1000" | bc -l)" "$(echo "$(get p99_us) / 1000" | bc -l)" "$(echo "$(get max_us) / 1000" | bc -l)" \
	"$(awk '$1=="status" {printf "%s%s: %s", sep, $2, $3; sep=", "}' "$w")" "$retried" "$(get unexpected_total)" "$(get socket_errors)" "$(get timeouts)"
grep '^unexpected ' "$w" | sort -rn -k2 | head -20 || true
grep -h 'level=ERROR' "$OUT"/r*.log | head -5 || true
# An answer cut off by the SIGKILL: nginx had begun passing it on and could
# not send the request to another replica.
grep -h 'while reading upstream' "$OUT/nginx-error.log" | head -5 || true
if [ "$(get unexpected_total)" != 0 ] || [ "$(get socket_errors)" != 0 ] || [ "$(get timeouts)" != 0 ] || [ -z "$(get requests)" ]; then
	echo "cluster-test: FAILED" >&2
	exit 1
fi
echo "cluster-test: passed"
