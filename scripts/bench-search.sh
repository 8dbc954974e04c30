#!/usr/bin/env bash
# bench-search: 1,000,000 generated offers imported, then a fixed mix of 200
# realistic searches (scripts/searchmix) replayed against `vocation serve`
# at 1 and at 8 concurrent clients, each full response (results, facets,
# count) timed by wrk; then the same searches as SQL LIKE queries
# (scripts/likebench) on the same database, for comparison. 127.0.0.1
# only, every step bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000000}
DURATION=${DURATION:-20s}
OUT=${OUT:-bench/search}
PORT=18480
# The server as configured by default: no GOMEMLIMIT, so it sets its own
# soft memory limit from the live heap after each index build.
unset GOMEMLIMIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
make -s static/js/htmx.min.js
CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
go build -o "$OUT/likebench" ./scripts/likebench
go run ./scripts/searchmix > "$OUT/mix.txt"
# The common word: the same 200 searches, all for "développeur".
go run ./scripts/searchmix -word développeur > "$OUT/common.txt"

feed="$OUT/offers-$N.jsonl"
[ -s "$feed" ] || "$OUT/vocation" offers generate -n "$N" --seed 1 > "$feed"
# REUSE=1 keeps the database of the previous run (and its import figures).
if [ "${REUSE:-0}" != 1 ] || [ ! -s "$OUT/bench.db" ]; then
	rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
	"$OUT/vocation" import --content content --db "$OUT/bench.db" >/dev/null
	/usr/bin/time -f "%e %M" -o "$OUT/import.time" "$OUT/vocation" offers import --db "$OUT/bench.db" "$feed" > "$OUT/import.txt"
fi
read -r import_s import_kb < "$OUT/import.time"
db_bytes=$(stat -c %s "$OUT/bench.db")

"$OUT/vocation" serve --db "$OUT/bench.db" --addr 127.0.0.1:$PORT 2>"$OUT/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "offer index built" "$OUT/server.log" 2>/dev/null && break; sleep 1; done
build=$(grep -o 'msg="offer index built".*duration=[^ ]*' "$OUT/server.log" | sed 's/.*duration=//')
rss_idle=$(ps -o rss= -p $pid)

cat > "$OUT/mix.lua" <<'LUA'
local urls = {}
for line in io.lines(os.getenv("MIX")) do urls[#urls + 1] = line end
local i = 0
function init(args) i = math.random(#urls) end
function request()
	i = i % #urls + 1
	return wrk.format("GET", urls[i])
end
LUA
curl -sf "http://127.0.0.1:$PORT/offres?q=developpeur" >/dev/null # the index is ready
run() { # clients threads [mix]
	MIX="$OUT/${3:-mix}.txt" timeout 120 wrk -t"$2" -c"$1" -d"$DURATION" --latency -s "$OUT/mix.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-$1${3:-}.txt"
	rss=$(ps -o rss= -p $pid)
	awk -v c="$1" -v rss="$rss" '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="90%" {p90=$2} $1=="99%" {p99=$2}
		/Non-2xx/ {bad=$NF} /Socket errors/ {se=$0}
		END {printf "| %s | %s | %s | %s | %s | %d MB | %s |\n", c, rps, p50, p90, p99, rss/1024, (bad=="" && se=="") ? "none" : bad " " se}' "$OUT/wrk-$1${3:-}.txt"
}
rows1=$(run 1 1)
rows8=$(run 8 2)
common_total=$(curl -s "http://127.0.0.1:$PORT/offres?q=d%C3%A9veloppeur" | grep -o '<title>[^<]*' | grep -o '([^)]*)' | tr -cd '0-9') # the title writes 166 783
rows8common=$(run 8 2 common)
# Each search of both mixes alone, the slowest five (curl, second of two tries).
slowest=$(cat "$OUT/mix.txt" "$OUT/common.txt" | while read -r u; do
	curl -s -o /dev/null "http://127.0.0.1:$PORT$u"
	curl -s -o /dev/null -w "%{time_total} $u\n" "http://127.0.0.1:$PORT$u"
done | sort -rn | head -5 | awk '{printf "- %.1f ms `%s`\n", $1 * 1000, $2}')
rss_peak=$(ps -o rss= -p $pid)
# The kernel's high-water mark: the most the server held at any moment,
# its first index build included.
rss_hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
like=$(timeout 300 "$OUT/likebench" -db "$OUT/bench.db" -mix "$OUT/mix.txt" -budget "${LIKE_BUDGET:-120s}")
{
	echo "Search benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $N offers"
	echo
	echo "| import | database | import peak RSS | index build | server RSS idle | server RSS peak, any moment |"
	echo "|---|---|---|---|---|---|"
	echo "| ${import_s} s | $((db_bytes / 1024 / 1024)) MB | $((import_kb / 1024)) MB | $build | $((rss_idle / 1024)) MB | $((rss_hwm / 1024)) MB |"
	echo
	echo "200 searches (scripts/searchmix), replayed in a loop for $DURATION, each a full page: results, facets and count."
	echo
	echo "| clients | req/s | p50 | p90 | p99 | server RSS after | errors |"
	echo "|---|---|---|---|---|---|---|"
	echo "$rows1"
	echo "$rows8"
	echo
	echo "The same 200 searches, every one for \"développeur\" ($common_total offers for the word alone):"
	echo
	echo "| clients | req/s | p50 | p90 | p99 | server RSS after | errors |"
	echo "|---|---|---|---|---|---|---|"
	echo "$rows8common"
	echo
	echo "The slowest searches of both mixes, each alone:"
	echo
	echo "$slowest"
	echo
	echo "$like" | awk '{printf "SQL LIKE on the same database, 1 client (results page and contract counts only): %d searches in the budget, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", $2, $3/1000, $4/1000, $5/1000}'
} | tee "$OUT/results.md"
