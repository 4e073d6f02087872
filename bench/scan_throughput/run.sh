#!/usr/bin/env bash
# Benchmark: `paxray scan` end to end vs `rg -z -c 'ret=-4038'` on the same
# generated OceanBase 4.x corpus (warm page cache), in one hyperfine run.
#
#   bench/scan_throughput/run.sh [SIZE]      SIZE default 4G (paxray-gen units)
#
# Before timing it checks that paxray counts the same records as ripgrep counts
# record-start lines. Prints medians, MB/s, lines/s, peak RSS, and the ratio.
# Results are appended to bench/results/<date>-<host>.txt.
set -euo pipefail
source "$(dirname "$0")/../common.sh"
size="${1:-4G}"
corpus="build/bench/corpus-$(tr 'A-Z' 'a-z' <<<"$size")"
need_tools hyperfine rg zstd /usr/bin/time
generate_once "$corpus" --size "$size" --rotate 256M --zst 1 --seed 42

bytes=$(find "$corpus" -type f ! -name .complete -exec zstd -dcf {} + | wc -c)
disk=$(du -sb --exclude=.complete "$corpus" | cut -f1)
cat $(find "$corpus" -type f) >/dev/null  # warm the page cache

# Correctness before timing: record counts must agree with ripgrep's.
json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$paxray" scan -q --json "$json" "$corpus"
records=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['input']; print(d['records']+d['filtered_records']+d['unparsed_lines']-d['unparsed_by_reason'].get('orphan_continuation',0))" "$json")
lines=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['input']['lines'])" "$json")
rg_records=$(rg -z -c --no-filename '^\[[0-9]{4}-' "$corpus" | awk '{s+=$1} END {print s}')
rg_4038=$(rg -z -c --no-filename 'ret=-4038' "$corpus" | awk '{s+=$1} END {print s}')
if [ "$records" != "$rg_records" ]; then
  echo "MISMATCH: paxray records $records, rg record starts $rg_records" >&2
  exit 1
fi
echo "check ok: $records records (rg agrees), $lines lines, $rg_4038 lines with ret=-4038"

hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json build/bench/hyperfine.json \
  "$paxray scan -q $corpus" "rg -z -c ret=-4038 $corpus"

rss_kb=$( { /usr/bin/time -v "$paxray" scan -q "$corpus" >/dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
mkdir -p bench/results
results="bench/results/$(date +%Y-%m-%d)-$(hostname -s)-scan_throughput.txt"
python3 - "$bytes" "$disk" "$lines" "$rss_kb" <<'PY' | tee -a "$results"
import json, sys, statistics
b, disk, lines, rss = (int(x) for x in sys.argv[1:5])
res = json.load(open("build/bench/hyperfine.json"))["results"]
px, rg = (statistics.median(r["times"]) for r in res)
print(f"corpus: {b/1e9:.2f} GB decompressed ({disk/1e9:.2f} GB on disk), {lines:,} lines")
print(f"paxray scan: median {px:.3f} s  {b/px/1e9:.2f} GB/s  {lines/px/1e6:.1f} M lines/s  peak RSS {rss/1024:.0f} MiB")
print(f"rg -z -c   : median {rg:.3f} s  {b/rg/1e9:.2f} GB/s")
print(f"ratio paxray/rg: {px/rg:.2f}")
print()
PY
echo "appended to $results"
