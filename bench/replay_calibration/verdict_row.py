"""One row of docs/REPLAY.md's verdict table from `paxray scan --json` on stdin.

argv: the incident's name, the cause table's replay column as JSON ({cause: model}).
"""
import json
import sys

name = sys.argv[1].rstrip("/")
models = json.loads(sys.argv[2])
scan = json.load(sys.stdin)
if not scan["findings"]:
    print("| {} | none ({}) | | | | | |".format(name, scan["outcome"]))
    sys.exit()
f = scan["findings"][0]
r = f.get("replay") or {}
status = r.get("status", "")
cells = [name, f["cause"], models.get(f["cause"], ""), status]
if status in ("confirmed", "fitted", "contributing", "not_reproduced") and r.get("observed_start"):
    cells += ["{:.1f}".format(r["observed_s"]), "{:.1f}".format(r["predicted_length_s"]), "{:+.1f}".format(r["start_shift_s"])]
else:
    cells += ["", "", ""]
print("| " + " | ".join(cells) + " |")
