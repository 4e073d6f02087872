#!/usr/bin/env bash
# Renders the HTML report of every bundled sample incident, and of a hostile
# sample built here, in headless Chromium (Debian's package):
#   - the report's own script runs under its Content-Security-Policy
#     (data-paxray-js="on" in the rendered DOM), and nothing from the input does
#     (no data-pwned attribute, no "PWNED" title, no CSP refusal, no script error);
#   - a linked brush view (#zoom=FROM-TO) re-scales the timeline;
#   - every report stays under 2 MB; one screenshot is kept for people to look at.
# Usage: report_in_chromium.sh PAXRAY SOURCE_DIR OUT_DIR   (exit 77: no chromium)
set -euo pipefail
paxray="$1"
src="$2"
out="$3"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium is not installed (scripts/install-deps installs it): skipping"
  exit 77
fi
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A hostile incident: log text and a directory name that try to inject markup.
evil="$work/hostile/node<img src=x onerror=document.title='PWNED'>"
mkdir -p "$evil"
ls_line() {  # time level body
  printf '[2024-03-05 10:00:%s] %-5s [ELECT] operator() (election_proposer.cpp:249) [28513][T1001_Occam][T1001][Y0-0000000000000000-0-0] [lt=9] %s\n' "$1" "$2" "$3"
}
{
  printf '[2024-03-05 10:00:00.000000] INFO  New syslog file info: [address: "10.0.0.9:2882", tz GMT offset: 08:00]\n'
  ls_line 01.000000 INFO '[LogPhase::ELECT_LEADER]decentralized voting, leader takeover success(ret=0, *this={ls_id:{id:1001}, addr:"10.0.0.9:2882", role:Leader, note:"</svg><script>document.documentElement.setAttribute('"'"'data-pwned'"'"','"'"'1'"'"')</script>"})'
  ls_line 05.000000 WDIAG '[LogPhase::RENEW_LEASE]leader lease expired, leader revoked(ret=0, *this={ls_id:{id:1001}, addr:"10.0.0.9:2882", role:Follower, x:"<img src=x onerror=\"document.documentElement.setAttribute('"'"'data-pwned'"'"','"'"'2'"'"')\">", y:"line separator: '$'\u2028'' and '$'\u2029''"})'
  for i in 1 2 3; do
    printf '[2024-03-05 10:00:0%s.500000] WDIAG [SQL.EXE] f (a.cpp:1) [7][T1001_L0_G0][T1001][Y0-0000000000000000-0-0] [lt=1][errcode=-4038] <script>alert(%s)</script>(ret=-4038, dst_addr="10.0.0.8:2882")\n' "$((5 + i))" "$i"
  done
  printf '[2024-03-05 10:00:30.000000] INFO  [PALF] f (a.cpp:1) [7][T1001_X][T1001][Y0-0000000000000000-0-0] [lt=1] end\n'
} > "$evil/election.log"
printf '\xff\xfe binary <script>alert(3)</script>\n' > "$work/hostile/notes<b>.txt"

fail=0
check_report() {  # name dir
  local name="$1" dir="$2" html="$work/$1.html" dom="$work/$1.dom" log="$work/$1.log"
  local rc=0
  "$paxray" scan -q "$dir" --html "$html" || rc=$?
  if [ "$rc" -gt 2 ]; then echo "FAIL $name: paxray exited $rc"; fail=1; return; fi
  local size
  size=$(stat -c %s "$html")
  if [ "$size" -ge 2000000 ]; then echo "FAIL $name: report is $size bytes (limit 2 MB)"; fail=1; fi
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/profile-$name" \
    --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom "file://$html" >"$dom" 2>"$log" || true
  if ! grep -q 'data-paxray-js="on"' "$dom"; then
    echo "FAIL $name: the report's own script did not run (CSP hash out of date?)"; fail=1
  fi
  # An injected handler would set the attribute on <html> or change the title;
  # the escaped text itself (which contains these words) is fine.
  if grep -qE '<html[^>]*data-pwned' "$dom" || grep -q '<title>[^<]*PWNED' "$dom"; then
    echo "FAIL $name: input executed in the page"; fail=1
  fi
  if grep -E 'CONSOLE|Uncaught|Refused to' "$log" | grep -v -E 'dbus|DevTools' >/dev/null; then
    echo "FAIL $name: console errors:"; grep -E 'CONSOLE|Uncaught|Refused to' "$log" | head -5; fail=1
  fi
  echo "ok $name ($size bytes)"
}

for dir in "$src"/samples/incidents/*/; do
  check_report "$(basename "$dir")" "$dir"
done
for dir in "$src"/samples/etcd/*/; do  # real etcd logs: JSON lines and quotes in every evidence cell
  check_report "etcd-$(basename "$dir")" "$dir"
done
check_report hostile "$work/hostile"
# The hostile report must still show the hostile text, escaped.
if ! grep -q '&lt;img src=x onerror=' "$work/hostile.html" || ! grep -q 'node&lt;img src=x' "$work/hostile.html"; then
  echo "FAIL hostile: the escaped evidence is missing"; fail=1
fi

# The brush's view, linked as #zoom=FROM-TO (microseconds): the main timeline
# re-scaled to 10:00:42 .. 10:00:50, ticks every second.
"$paxray" scan -q "$src/samples/incidents/lease-loss-4x" --html "$work/zoom.html" || true
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile-zoom" --virtual-time-budget=3000 \
  --dump-dom "file://$work/zoom.html#zoom=1709632842000000-1709632850000000" >"$work/zoom.dom" 2>/dev/null || true
main_svg=$(sed -n '/<svg id="timeline-svg"/,/<\/svg>/p' "$work/zoom.dom")
if ! grep -q '>10:00:43<' <<<"$main_svg" || grep -q '>10:00:10<' <<<"$main_svg"; then
  echo "FAIL zoom: the timeline was not re-scaled to the linked range"; fail=1
fi

"$paxray" scan -q "$src/samples/incidents/lease-loss-4x" --html "$out/lease-loss-4x.html" || true
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile-shot" --hide-scrollbars --window-size=1280,2200 \
  --screenshot="$out/lease-loss-4x.png" "file://$out/lease-loss-4x.html" >/dev/null 2>&1 || true
if [ ! -s "$out/lease-loss-4x.png" ]; then echo "FAIL: no screenshot"; fail=1; else echo "screenshot: $out/lease-loss-4x.png"; fi
exit $fail
