#!/usr/bin/env python3
"""Fleet: extracts made on Dask workers, merged centrally, give one scan's result.

Usage: fleet_dask_test.py PAXRAY SOURCE_DIR
Exit 77 (skipped) when Dask distributed (Debian python3-distributed) is missing.
"""
import json
import os
import subprocess
import sys
import tempfile

PAXRAY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
try:
    import distributed  # noqa: F401
except ImportError:
    print("skip: python3-distributed is not installed (scripts/install-deps installs it)")
    sys.exit(77)

failures = 0
for incident in ("lease-loss-4x", "majority-down-4x"):
    root = os.path.join(SOURCE, "samples", "incidents", incident)
    parts = sorted(os.listdir(root))
    with tempfile.TemporaryDirectory(prefix="paxray-fleet-") as tmp:
        raw = os.path.join(tmp, "raw.json")
        fleet = os.path.join(tmp, "fleet.json")
        r1 = subprocess.run([PAXRAY, "scan", *[os.path.join(root, p) for p in parts], "--json", raw, "-q"])
        cmd = [sys.executable, os.path.join(SOURCE, "scripts", "fleet-dask.py"), "--paxray", PAXRAY,
               "--out", os.path.join(tmp, "extracts")]
        for p in parts:
            cmd += ["--node", f"{p}={os.path.join(root, p)}"]
        r2 = subprocess.run(cmd + ["--", "--json", fleet, "-q"], capture_output=True, text=True)
        print(r2.stderr.strip())
        ok = r1.returncode == r2.returncode
        if ok:
            a, b = json.load(open(raw)), json.load(open(fleet))
            a.pop("command")
            b.pop("command")
            ok = a == b
            differ = [k for k in a if a.get(k) != b.get(k)]
        else:
            differ = f"exit {r1.returncode} vs {r2.returncode}"
        print(("ok   " if ok else "FAIL ") + f"{incident}: {len(parts)} Dask workers + central scan == one scan "
              f"(exit {r1.returncode}; differing: {differ})")
        failures += not ok
sys.exit(1 if failures else 0)
