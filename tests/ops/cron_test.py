#!/usr/bin/env python3
"""Cron mode (`paxray scan --state FILE`) as a nightly job sees it.

Usage: cron_test.py PAXRAY SOURCE_DIR

A log directory grows, rotates (rename, then compress) and is truncated
between runs. Checked: each finding is reported by exactly one run and every
finding of one scan over everything is among them; each byte is read once;
the Nagios line; a second concurrent run does not proceed; a run killed at
any moment leaves a state the next run can use; a damaged state is reported
and rebuilt; the crontab line of docs/CRON.md works as written.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PAXRAY, SOURCE = sys.argv[1], sys.argv[2]
INCIDENT = os.path.join(SOURCE, "samples", "incidents", "lease-loss-4x")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(args, **kw):
    return subprocess.run([PAXRAY] + args, capture_output=True, text=True, **kw)


def findings(json_path):
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    return [f"{x['cause']}|{x['system']}|{x['group']}" for x in doc["findings"]]


def nagios_bytes(line):
    m = re.search(r"new_bytes=(\d+)B", line)
    return int(m.group(1)) if m else -1


def full_text(log_dir, kind):
    """A node's whole `kind` log: rotations (decompressed, by name) then the active file."""
    parts = sorted(n for n in os.listdir(log_dir) if n.startswith(kind + ".") and n != kind)
    text = b""
    for name in parts:
        p = os.path.join(log_dir, name)
        data = subprocess.run(["zstd", "-dc", p], capture_output=True, check=True).stdout if name.endswith(".zst") \
            else open(p, "rb").read()
        text += data
    active = os.path.join(log_dir, kind)
    return text + (open(active, "rb").read() if os.path.exists(active) else b"")


def cut(text, fractions):
    """Splits `text` at line boundaries into pieces of roughly these fractions."""
    lines = text.splitlines(keepends=True)
    pieces, at = [], 0
    for i, frac in enumerate(fractions):
        n = len(lines) - at if i == len(fractions) - 1 else int(len(lines) * frac)
        pieces.append(b"".join(lines[at:at + n]))
        at += n
    return pieces


def write(path, data, mode="wb"):
    with open(path, mode) as f:
        f.write(data)


def growth_rotation_truncation(tmp):
    live = os.path.join(tmp, "live")
    whole = os.path.join(tmp, "whole")
    state = os.path.join(tmp, "state", "paxray.state")
    os.makedirs(os.path.dirname(state))
    written = 0  # every byte that ever reached a log file
    plan = {}
    for node in ("node1", "node2", "node3"):
        src = os.path.join(INCIDENT, node, "log")
        for kind in ("observer.log", "election.log", "rootservice.log"):
            text = full_text(src, kind)
            if not text:  # rootservice.log lives on one node only
                continue
            plan[(node, kind)] = cut(text, (0.4, 0.3, 0.3))
            os.makedirs(os.path.join(whole, node, "log"), exist_ok=True)
            write(os.path.join(whole, node, "log", kind), b"".join(plan[(node, kind)]))
        os.makedirs(os.path.join(live, node, "log"))

    def path(node, kind):
        return os.path.join(live, node, "log", kind)

    def cron_run(n):
        out = os.path.join(tmp, f"run{n}.json")
        r = run(["scan", live, "--state", state, "--json", out, "--nagios", "--no-replay"])
        check(r.returncode in (0, 1, 2), f"run {n} exits 0/1/2 (got {r.returncode}: {r.stderr.strip()[:200]})")
        line = r.stdout.strip()
        check(len(line.splitlines()) == 1 and line.startswith("PAXRAY "), f"run {n} prints one Nagios line: {line[:160]}")
        return findings(out), nagios_bytes(line)

    # Run 1: the first 40 % of every log.
    for (node, kind), pieces in plan.items():
        write(path(node, kind), pieces[0])
        written += len(pieces[0])
    f1, b1 = cron_run(1)
    # Between runs 1 and 2: observer.log grows; election.log is rotated
    # (renamed, then compressed, as logrotate does) and a new one starts;
    # rootservice.log is truncated and written again.
    for node in ("node1", "node2", "node3"):
        write(path(node, "observer.log"), plan[(node, "observer.log")][1], "ab")
        rotated = path(node, "election.log.20240305100100000")
        os.rename(path(node, "election.log"), rotated)
        subprocess.run(["zstd", "-q", "--rm", rotated], check=True)
        write(path(node, "election.log"), plan[(node, "election.log")][1])
        if (node, "rootservice.log") in plan:
            write(path(node, "rootservice.log"), plan[(node, "rootservice.log")][1])
        written += sum(len(plan[(node, k)][1]) for k in ("observer.log", "election.log", "rootservice.log")
                       if (node, k) in plan)
    # The last line of node1's observer.log is being written as run 2 starts.
    partial = b"[2024-03-05 10:01:30.000000] INFO  [ELECT] half a li"
    write(path("node1", "observer.log"), partial, "ab")
    f2, b2 = cron_run(2)
    # Run 3: the rest; the half line is finished first.
    rest_of_line = b"ne (x.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] done\n"
    write(path("node1", "observer.log"), rest_of_line, "ab")
    written += len(partial) + len(rest_of_line)
    for (node, kind), pieces in plan.items():
        write(path(node, kind), pieces[2], "ab")
        written += len(pieces[2])
    f3, b3 = cron_run(3)
    f4, b4 = cron_run(4)  # nothing changed

    reported = f1 + f2 + f3 + f4
    print(f"     runs reported {f1} | {f2} | {f3} | {f4}; bytes {b1} + {b2} + {b3} + {b4}, written {written}")
    check(len(reported) == len(set(reported)), "no finding is reported by two runs")
    one_scan = os.path.join(tmp, "whole.json")
    run(["scan", whole, "--json", one_scan, "--no-replay"])
    missing = set(findings(one_scan)) - set(reported)
    check(not missing, f"every finding of one scan over all the logs is reported by some run (missing {missing})")
    check(b1 + b2 + b3 + b4 == written, f"each byte read once ({b1 + b2 + b3 + b4} read, {written} written)")
    check(b4 == 0 and f4 == [], "a run with nothing new reads nothing and reports nothing")
    return live, state


def concurrency_and_kills(tmp, live, state):
    # A second run while the first holds the lock does not proceed.
    import fcntl
    with open(state + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = run(["scan", live, "--state", state, "--nagios"])
        check(r.returncode == 3 and "another paxray run" in r.stderr, "a second concurrent run refuses to start")
        check(r.stdout.startswith("PAXRAY UNKNOWN"), "and says so on the Nagios line")

    # Kill runs at many moments; every time the next run must find a usable
    # state (the one before or the one after), never a broken one.
    big = os.path.join(tmp, "big")
    shutil.copytree(os.path.join(INCIDENT), big)
    kstate = os.path.join(tmp, "kill", "paxray.state")
    os.makedirs(os.path.dirname(kstate))
    run(["scan", big, "--state", kstate, "--no-replay", "-q"])
    for i in range(30):
        with open(os.path.join(big, "node1", "log", "observer.log"), "ab") as f:
            f.write(b"[2024-03-05 10:%02d:00.000000] INFO  [ELECT] tick (x.cpp:1) [1][T1_X][T1][Y0-0-0-0] [lt=1] t\n" % (i + 2))
        p = subprocess.Popen([PAXRAY, "scan", big, "--state", kstate, "--no-replay", "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.001 * i)  # a run here takes about 20 ms
        p.send_signal(signal.SIGKILL)
        p.wait()
        r = run(["scan", big, "--state", kstate, "--no-replay", "-q"])
        if "rebuilt" in r.stderr or r.returncode not in (0, 1, 2):
            check(False, f"state usable after a kill at {i} ms (got {r.returncode}: {r.stderr.strip()[:200]})")
            break
    else:
        check(True, "the state is usable after kills at 0..29 ms into a run")
    leftovers = [n for n in os.listdir(os.path.dirname(kstate)) if ".tmp" in n]
    check(not leftovers, f"temp files of killed writes are cleaned by the next run ({leftovers})")

    # A damaged state falls back to the .bak; both damaged: rebuilt, said so.
    write(kstate, b'{"record":"paxray.state","version":1}\n{"record":"checkpoint",')
    r = run(["scan", big, "--state", kstate, "--no-replay", "-q"])
    check(r.returncode in (0, 1, 2) and ".bak" in r.stderr, "a cut state file falls back to the .bak")
    write(kstate, b"\x00garbage")
    write(kstate + ".bak", b"not json")
    r = run(["scan", big, "--state", kstate, "--no-replay", "-q"])
    check(r.returncode in (0, 1, 2) and "rebuilt" in r.stderr, "damaged state and .bak: reported and rebuilt")
    r = run(["scan", big, "--state", kstate, "--no-replay", "--nagios"])
    check(r.returncode == 0 and "no new findings" in r.stdout, "after the rebuild, the next run is quiet again")


def crontab_line(tmp):
    """The crontab line of docs/CRON.md, run by /bin/sh the way cron runs it."""
    doc = open(os.path.join(SOURCE, "docs", "CRON.md"), encoding="utf-8").read()
    m = re.search(r"^(\S+ \S+ \S+ \S+ \S+) (paxray scan .*)$", doc, re.M)
    check(m is not None, "docs/CRON.md has a crontab line")
    if not m:
        return
    logs = os.path.join(tmp, "var-log-oceanbase")
    shutil.copytree(os.path.join(INCIDENT), logs)
    command = m.group(2).replace("/var/log/oceanbase", logs).replace("/var/lib/paxray", os.path.join(tmp, "varlib"))
    os.makedirs(os.path.join(tmp, "varlib"))
    env = {"PATH": os.path.dirname(PAXRAY) + ":/usr/bin:/bin", "HOME": tmp, "SHELL": "/bin/sh"}
    r = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env=env)
    check(r.returncode == 2, f"crontab command exits 2 on the incident (got {r.returncode}: {r.stderr[:200]})")
    r = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env=env)
    check(r.returncode == 0, f"and 0 the next night with nothing new (got {r.returncode})")


def systemd_units(tmp):
    """The units of packaging/systemd: systemd's own checker, then ExecStart run by hand."""
    units = os.path.join(SOURCE, "packaging", "systemd")
    logs = os.path.join(tmp, "units-logs")
    shutil.copytree(os.path.join(INCIDENT), logs)
    state_dir = os.path.join(tmp, "units-state")
    os.makedirs(state_dir)
    here = os.path.join(tmp, "units")
    os.makedirs(here)
    exec_start = None
    for name in ("paxray-scan.service", "paxray-scan.timer"):
        text = open(os.path.join(units, name), encoding="utf-8").read()
        text = text.replace("/usr/bin/paxray", os.path.abspath(PAXRAY))
        text = text.replace("/var/log/oceanbase", logs).replace("/var/lib/paxray", state_dir)
        write(os.path.join(here, name), text.encode())
        m = re.search(r"^ExecStart=(.*)$", text, re.M)
        exec_start = m.group(1) if m else exec_start
    analyze = shutil.which("systemd-analyze")
    if analyze:
        r = subprocess.run([analyze, "verify", "--man=no", os.path.join(here, "paxray-scan.service"),
                            os.path.join(here, "paxray-scan.timer")], capture_output=True, text=True)
        complaints = [l for l in r.stderr.splitlines() if "paxray-scan" in l]
        check(r.returncode == 0 and not complaints, f"systemd-analyze verify accepts both units {complaints}")
    else:
        print("skip systemd-analyze not installed: units not verified")
    check(exec_start is not None, "the service has an ExecStart line")
    r = subprocess.run(["/bin/sh", "-c", exec_start], capture_output=True, text=True)
    check(r.returncode == 2 and r.stdout.startswith("PAXRAY CRITICAL"),
          f"ExecStart runs and reports the incident (exit {r.returncode}: {r.stdout.strip()[:120]})")
    check(os.path.exists(os.path.join(state_dir, "last-night.html")), "and writes its HTML report")


with tempfile.TemporaryDirectory(prefix="paxray-cron-") as tmp:
    live, state = growth_rotation_truncation(tmp)
    concurrency_and_kills(tmp, live, state)
    crontab_line(tmp)
    systemd_units(tmp)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
