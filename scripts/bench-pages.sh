#!/usr/bin/env bash
# bench-pages: the same bounded wrk load (random fiche URLs, with and without
# gzip) against Vocation, a bare Go server holding the same bytes in memory
# (the Go ceiling) and nginx serving them from disk with gzip_static (the
# machine's ceiling), in one run. 127.0.0.1 only; every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
ONLY=${ONLY:-.}          # a regexp: bench only the fiches whose slug matches
CONNS=${CONNS:-64}
OUT=${OUT:-bench/out}
VPORT=18080 GPORT=18081 NPORT=18082 HPORT=18083

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light
need curl curl

rm -rf "$OUT" && mkdir -p "$OUT/pages/metiers"
OUT=$(cd "$OUT" && pwd)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
CGO_ENABLED=0 go build -trimpath -o "$OUT/ceiling" ./scripts/ceiling
"$OUT/vocation" import --content content --db "$OUT/bench.db" >/dev/null
"$OUT/vocation" serve --db "$OUT/bench.db" --addr 127.0.0.1:$VPORT 2>"$OUT/vocation.log" & pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$VPORT/healthz" >/dev/null && break; sleep 0.1; done

# Dump every fiche page as Vocation serves it.
slugs=$(curl -sf "http://127.0.0.1:$VPORT/metiers" | grep -o 'href="/metiers/[a-z0-9-]*"' | sed 's|href="/metiers/||; s|"||' | sort -u | grep -E "$ONLY")
: > "$OUT/paths.txt"
for s in $slugs; do
	curl -sf "http://127.0.0.1:$VPORT/metiers/$s" -o "$OUT/pages/metiers/$s" -D "$OUT/pages/metiers/$s.headers"
	curl -sf -H "Accept-Encoding: gzip" "http://127.0.0.1:$VPORT/metiers/$s" -o "$OUT/pages/metiers/$s.gz" -D "$OUT/pages/metiers/$s.gz.headers"
	echo "/metiers/$s" >> "$OUT/paths.txt"
done
n=$(wc -l < "$OUT/paths.txt")
avg=$(for s in $slugs; do cat "$OUT/pages/metiers/$s"; done | wc -c)
avggz=$(for s in $slugs; do cat "$OUT/pages/metiers/$s.gz"; done | wc -c)
echo "dumped $n fiche pages"

"$OUT/ceiling" -dir "$OUT/pages" -addr 127.0.0.1:$GPORT 2>"$OUT/ceiling.log" & pids+=($!)
"$OUT/ceiling" -dir "$OUT/pages" -addr 127.0.0.1:$HPORT -replay-headers 2>"$OUT/ceiling-headers.log" & pids+=($!)
cat > "$OUT/nginx.conf" <<NGINX
worker_processes auto;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	default_type text/html;
	gzip_static on;
	server {
		listen 127.0.0.1:$NPORT;
		root $OUT/pages;
	}
}
NGINX
nginx -c "$OUT/nginx.conf"
sleep 0.5

cat > "$OUT/random.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function()
	return wrk.format("GET", paths[math.random(#paths)])
end
LUA

run() { # name port encoding
	local hdr=()
	[ "$3" = gzip ] && hdr=(-H "Accept-Encoding: gzip")
	PATHS="$OUT/paths.txt" timeout 60 wrk -t2 -c"$CONNS" -d"$DURATION" --latency "${hdr[@]}" -s "$OUT/random.lua" "http://127.0.0.1:$2" > "$OUT/wrk-$1-$3.txt"
	local rps p50 p99 errs
	rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1-$3.txt")
	p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-$1-$3.txt")
	p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-$1-$3.txt")
	errs=$(grep -E 'Socket errors|Non-2xx' "$OUT/wrk-$1-$3.txt" | tr '\n' ' ' || true)
	echo "$1 $3 $rps $p50 $p99 ${errs:-none}" >> "$OUT/results.txt"
}
: > "$OUT/results.txt"
for enc in identity gzip; do
	run vocation $VPORT $enc
	run go-ceiling $GPORT $enc
	run go-ceiling-same-headers $HPORT $enc
	run nginx $NPORT $enc
done

{
	echo "Page benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c$CONNS -d$DURATION --latency, $n random fiche URLs (average $((avg / n)) bytes, $((avggz / n)) gzipped)"
	echo
	echo "| server | encoding | req/s | p50 | p99 | ratio to Go ceiling | errors |"
	echo "|---|---|---|---|---|---|---|"
	while read -r name enc rps p50 p99 errs; do
		ceil=$(awk -v e="$enc" '$1=="go-ceiling" && $2==e {print $3}' "$OUT/results.txt")
		ratio=$(awk -v a="$rps" -v b="$ceil" 'BEGIN {printf "%.2f", a / b}')
		echo "| $name | $enc | $rps | $p50 | $p99 | ${ratio}x | $errs |"
	done < "$OUT/results.txt"
} | tee "$OUT/results.md"
