#!/usr/bin/env bash
# Benchmark: peak memory against the hours of logs and the retried requests
# read (issue 19's "peak RSS under 512 MB at any input size").
#
#   bench/rss_span/run.sh [SIZE ...]   default: 400M 2200M (about 4 and 24 hours)
#
# Each corpus: paxray-gen, three nodes, light traffic (a line every 50 ms)
# so that the periodic election and PALF dumps, which grow with time, not
# with traffic, are most of the events.
# Then a storm: one node's observer.log of 1,000,000 `-4038` retries, one
# every millisecond. Peak RSS (/usr/bin/time) of the full diagnosis, as it
# runs and with --no-fold (every event kept, as before folding), and the
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
print(round((t(d["last"]) - t(d["first"])).total_seconds() / 3600, 1), sum(d["events_by_kind"].values()), d["events_folded"])' "$json")
  rm -f "$json"
  bytes=$(du -sb --exclude=.complete "$corpus" | cut -f1)
  {
    echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD): $((bytes / 1000000)) MB plain, ${span} h of 3 nodes' logs, $events events read"
    echo "  folded (default): $((events - folded)) events kept, peak RSS $(peak_mib "$paxray" scan -q "$corpus" --json /dev/null) MiB"
    echo "  --no-fold:     $events events kept, peak RSS $(peak_mib "$paxray" scan -q --no-fold "$corpus" --json /dev/null) MiB"
  } | tee -a "$results"
done

storm=build/bench/storm-1m
if [ ! -f "$storm/.complete" ]; then
  mkdir -p "$storm/node1/log"
  python3 - "$storm/node1/log/observer.log" <<'PY'
import datetime, sys
t0 = datetime.datetime(2024, 3, 5, 10)
with open(sys.argv[1], "w") as f:
    f.write("[2024-03-05 10:00:00.000000] INFO  New syslog file info: [address: \"10.0.0.1:2882\", "
            "observer version: OceanBase_CE 4.2.1.1, tz GMT offset: 08:00]\n")
    for i in range(1_000_000):
        t = (t0 + datetime.timedelta(microseconds=1000 * i + 17)).strftime("%Y-%m-%d %H:%M:%S.%f")
        f.write(f"[{t}] WDIAG [SERVER] test_and_save_retry_state (ob_query_retry_ctrl.cpp:242) [88006][T1003_L0_G0][T1003]"
                f"[YB420A000001-00060D52B66D{i:04X}-0-0] [lt=24][errcode=-4038] partition change or not master or no "
                "response, reutrn it to packet queue to retry(client_ret=-4038, err=-4038, retry_type_=2)\n")
PY
  touch -d '-10 minutes' "$storm/node1/log/observer.log"
  touch "$storm/.complete"
fi
{
  echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD): $(($(du -sb --exclude=.complete "$storm" | cut -f1) / 1000000)) MB, 1,000,000 -4038 retries"
  echo "  folded (default): peak RSS $(peak_mib "$paxray" scan -q "$storm" --json /dev/null) MiB"
  echo "  --no-fold:        peak RSS $(peak_mib "$paxray" scan -q --no-fold "$storm" --json /dev/null) MiB"
} | tee -a "$results"
