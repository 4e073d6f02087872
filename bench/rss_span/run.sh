#!/usr/bin/env bash
# Benchmark: peak memory against the hours of logs read (issue 19's "peak RSS
# under 512 MB at any input size").
#
#   bench/rss_span/run.sh [SIZE ...]   default: 400M 2200M (about 4 and 24 hours)
#
# Each corpus: paxray-gen, three nodes, light traffic (a line every 50 ms)
# so that the periodic election and PALF dumps, which grow with time, not
# with traffic, are most of the events.
# Peak RSS (/usr/bin/time) of the full diagnosis, as it runs and with
# --keep-dumps (every dump kept as an event, as before dump folding), and the
# events each keeps. Results are appended to
# bench/results/<date>-<host>-rss_span.txt.
set -euo pipefail
source "$(dirname "$0")/../common.sh"
need_tools python3 /usr/bin/time
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(400M 2200M)

peak_mib() {
  { /usr/bin/time -v "$@" >/dev/null || true; } 2>&1 | awk -F': ' '/Maximum resident/ {printf "%d", $2 / 1024}'
}

mkdir -p bench/results
results="bench/results/$(date +%Y-%m-%d)-$(hostname -s)-rss_span.txt"
for size in "${sizes[@]}"; do
  corpus="build/bench/span-$(tr 'A-Z' 'a-z' <<<"$size")"
  generate_once "$corpus" --nodes 3 --size "$size" --gap-us 50000 --rotate 256M --zst 0 --seed 5
  find "$corpus" -type f -exec touch -d '-10 minutes' {} +
  json=$(mktemp)
  "$paxray" scan -q --json "$json" "$corpus" || [ $? -le 2 ]
  read -r span events folded < <(python3 -c '
import datetime, json, sys
d = json.load(open(sys.argv[1]))["input"]
t = lambda s: datetime.datetime.fromisoformat(s)
print(round((t(d["last"]) - t(d["first"])).total_seconds() / 3600, 1), sum(d["events_by_kind"].values()), d["dumps_folded"])' "$json")
  rm -f "$json"
  bytes=$(du -sb --exclude=.complete "$corpus" | cut -f1)
  {
    echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD): $((bytes / 1000000)) MB plain, ${span} h of 3 nodes' logs, $events events read"
    echo "  folded (default): $((events - folded)) events kept, peak RSS $(peak_mib "$paxray" scan -q "$corpus" --json /dev/null) MiB"
    echo "  --keep-dumps:     $events events kept, peak RSS $(peak_mib "$paxray" scan -q --keep-dumps "$corpus" --json /dev/null) MiB"
  } | tee -a "$results"
done
