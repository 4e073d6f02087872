#!/usr/bin/env python3
"""Interleaved timing of commands on a shared, noisy machine.

    bench/interleave.py ROUNDS CMD [CMD ...]

Each round runs every command once (order reversed every other round, so no
command always follows the same one), after two warm-up runs each. Prints
each command's median wall time, its ratio to the first command, and the
quartiles. hyperfine runs one command's runs back to back, and this
machine's speed drifts by 10 % within minutes: interleaving spreads the drift
over all commands alike. A command that exits non-zero stops the run.
"""
import shlex
import statistics
import subprocess
import sys
import time


def run(cmd):
    start = time.perf_counter()
    subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds, cmds = int(sys.argv[1]), sys.argv[2:]
    times = {c: [] for c in cmds}
    for c in cmds:
        run(c), run(c)
    for r in range(rounds):
        for c in cmds if r % 2 == 0 else cmds[::-1]:
            times[c].append(run(c))
    base = statistics.median(times[cmds[0]])
    for c in cmds:
        med = statistics.median(times[c])
        q1, _, q3 = statistics.quantiles(times[c], n=4)
        print(f"{med:8.1f} ms  x{med / base:5.2f}  q1 {q1:.1f}  q3 {q3:.1f}  {c}")


if __name__ == "__main__":
    main()
