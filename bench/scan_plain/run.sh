#!/usr/bin/env bash
# Benchmark: paxray on plain (uncompressed) logs, the way most gathered logs
# arrive, against `rg -c` and `grep -c` in the same run (issue 19's targets:
# full diagnosis within 3x `rg -c`, `--no-replay -q` within 2x).
#
#   bench/scan_plain/run.sh [SIZE] [ROUNDS]   SIZE default 600M, ROUNDS 20
#
# The corpus: paxray-gen, three nodes, 128 MB rotations, nothing compressed.
# Before timing, paxray's record count must equal ripgrep's count of record
# starts. Timing is interleaved (bench/interleave.py). With valgrind present,
# callgrind then counts the hot loop's instructions per record on the
# corpus's largest file, one thread. Results are appended to
# bench/results/<date>-<host>-scan_plain.txt.
set -euo pipefail
source "$(dirname "$0")/../common.sh"
size="${1:-600M}"
rounds="${2:-20}"
corpus="build/bench/plain-$(tr 'A-Z' 'a-z' <<<"$size")"
need_tools rg grep python3 /usr/bin/time
generate_once "$corpus" --nodes 3 --size "$size" --rotate 128M --zst 0 --seed 42
# Gathered logs are at rest: paxray maps only files not written in the last
# minute (a live log may be truncated under the scan), so age them.
find "$corpus" -type f -exec touch -d '-10 minutes' {} +
cat $(find "$corpus" -type f) >/dev/null  # warm the page cache

json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$paxray" scan -q --no-replay --json "$json" "$corpus" || [ $? -le 2 ]
records=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['input']['records'])" "$json")
rg_records=$(rg -c --no-filename '^\[[0-9]{4}-' "$corpus" | awk '{s+=$1} END {print s}')
if [ "$records" != "$rg_records" ]; then
  echo "MISMATCH: paxray records $records, rg record starts $rg_records" >&2
  exit 1
fi
bytes=$(du -sb --exclude=.complete "$corpus" | cut -f1)
rss_kb=$( { /usr/bin/time -v "$paxray" scan "$corpus" --json /dev/null >/dev/null || true; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')

mkdir -p bench/results
results="bench/results/$(date +%Y-%m-%d)-$(hostname -s)-scan_plain.txt"
{
  echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD): $((bytes / 1000000)) MB plain, $records records (rg agrees), $rounds interleaved rounds"
  bench/interleave.py "$rounds" "rg -c ret=-4038 $corpus" "grep -c -r ret=-4038 $corpus" \
    "$paxray scan $corpus --json /dev/null" "$paxray scan $corpus --no-replay -q"
  echo "peak RSS, full diagnosis: $((rss_kb / 1024)) MiB"
  if command -v valgrind >/dev/null; then
    big=$(find "$corpus" -type f -name 'observer.log*' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)
    one=$(mktemp -d)
    ln -s "$(realpath "$big")" "$one/observer.log"
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$paxray" scan -q --no-replay --threads 1 "$one" >/dev/null 2>&1 || true
    instr=$(awk '/^summary:/ {print $2}' "$out")
    n=$(rg -c '^\[[0-9]{4}-' "$big")
    echo "callgrind, $(basename "$big") ($n records), one thread: $instr instructions, $((instr / n)) per record"
    rm -rf "$one" "$out"
  fi
  echo
} | tee -a "$results"
