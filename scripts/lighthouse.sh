#!/usr/bin/env bash
# lighthouse: Lighthouse 12.8.2 (npm; 13 needs a newer Node) in Debian's
# Chromium on the home page, a fiche and /offres, desktop and mobile, against
# `vocation serve` on 127.0.0.1, with the content and the demo offers of
# `make run`. Prints the four category scores.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-bench/lighthouse}
PORT=18380
BASE="http://127.0.0.1:$PORT"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
[ -x "$OUT/node_modules/.bin/lighthouse" ] || npm install --prefix "$OUT" --no-audit --no-fund --silent lighthouse@12.8.2 >/dev/null
CGO_ENABLED=0 go build -trimpath -o "$OUT/vocation" ./cmd/vocation
"$OUT/vocation" import --content content --db "$OUT/lh.db" >/dev/null
"$OUT/vocation" offers generate -n 3000 --seed 1 --content content > "$OUT/demo.jsonl"
"$OUT/vocation" offers import --db "$OUT/lh.db" --replace-source demo "$OUT/demo.jsonl" >/dev/null
"$OUT/vocation" serve --public-url "$BASE" --db "$OUT/lh.db" --addr 127.0.0.1:$PORT 2>"$OUT/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
: > "$OUT/scores.txt"
for page in / /metiers/developpeur-back-end /offres; do
	for form in desktop mobile; do
		name=$(echo "$page" | tr '/' '_')-$form
		preset=()
		[ "$form" = desktop ] && preset=(--preset=desktop)
		timeout 300 "$OUT/node_modules/.bin/lighthouse" "$BASE$page" "${preset[@]}" --quiet \
			--chrome-flags="$flags --user-data-dir=$(mktemp -d)" \
			--output=json --output-path="$OUT/report$name.json" >/dev/null 2>"$OUT/lighthouse$name.log"
		python3 - "$OUT/report$name.json" "$page" "$form" >> "$OUT/scores.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
s = {k: round(c[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")}
below = []
for key, cat in c.items():
    for ref in cat["auditRefs"]:
        a = r["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < 1:
            below.append(f'{key}:{ref["id"]}={a["score"]}')
print(sys.argv[2], sys.argv[3], s["performance"], s["accessibility"], s["best-practices"], s["seo"], " ".join(below) or "-")
PY
	done
done
{
	echo "Lighthouse 12.8.2, $(date -u +%Y-%m-%d), Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), 127.0.0.1"
	echo
	echo "| page | form factor | performance | accessibility | best practices | SEO | audits below 1 |"
	echo "|---|---|---|---|---|---|---|"
	while read -r page form perf a11y bp seo rest; do
		echo "| $page | $form | $perf | $a11y | $bp | $seo | $rest |"
	done < "$OUT/scores.txt"
} | tee "$OUT/lighthouse.md"
