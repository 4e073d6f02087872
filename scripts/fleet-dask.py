#!/usr/bin/env python3
"""Run `paxray extract` where the logs are (Dask workers), then scan centrally.

    fleet-dask.py [--scheduler ADDR] --node WORKER=PATH ... --out DIR [-- SCAN OPTIONS...]

Each --node WORKER=PATH runs `paxray extract PATH` on that worker (its name
or address; with no --scheduler, a LocalCluster is started with one worker
per --node, WORKER being only a label). The task is pinned to the worker, so
raw logs never leave it; the zstd-compressed extract comes back as the
task's result. The extracts are written to DIR/WORKER.ndjson.zst, then
`paxray scan` runs on them with the options after `--`; its exit status is
this script's (docs/OUTPUT.md). See docs/CRON.md.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time


def extract_here(paxray, path):
    """Runs on a worker: returns the compressed extract and the worker's host name."""
    import socket
    with tempfile.TemporaryDirectory(prefix="paxray-extract-") as tmp:
        out = os.path.join(tmp, "node.ndjson.zst")
        r = subprocess.run([paxray, "extract", path, "-o", out, "-q"], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"paxray extract {path} on {socket.gethostname()} exited {r.returncode}: {r.stderr}")
        with open(out, "rb") as f:
            return f.read(), socket.gethostname()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: start a LocalCluster)")
    ap.add_argument("--node", action="append", required=True, metavar="WORKER=PATH")
    ap.add_argument("--out", required=True, help="directory for the extracts")
    ap.add_argument("--paxray", default="paxray", help="the paxray binary on the workers and here")
    ap.add_argument("scan_args", nargs="*", help="options for the central `paxray scan` (after --)")
    args = ap.parse_args()

    nodes = []
    for spec in args.node:
        worker, sep, path = spec.partition("=")
        if not sep or not worker or not path:
            ap.error(f"--node {spec}: expected WORKER=PATH")
        nodes.append((worker, path))

    from distributed import Client, LocalCluster
    started = time.monotonic()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=len(nodes), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        workers = client.scheduler_info()["workers"]  # address -> info (with "name")
        futures = []
        for i, (worker, path) in enumerate(nodes):
            if args.scheduler:
                target = [a for a, w in workers.items() if a == worker or str(w.get("name")) == worker]
                if not target:
                    sys.exit(f"fleet-dask: no worker named {worker} (workers: {sorted(workers)})")
            else:
                target = [sorted(workers)[i]]
            futures.append(client.submit(extract_here, args.paxray, path, workers=target,
                                         allow_other_workers=False, pure=False, key=f"paxray-extract-{worker}-{i}"))
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    extracted = time.monotonic()

    os.makedirs(args.out, exist_ok=True)
    paths = []
    for (worker, _), (data, host) in zip(nodes, results):
        p = os.path.join(args.out, f"{worker}.ndjson.zst")
        with open(p + ".tmp", "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(p + ".tmp", p)
        paths.append(p)
        print(f"fleet-dask: {worker} ({host}): {len(data)} bytes of extract", file=sys.stderr)
    r = subprocess.run([args.paxray, "scan"] + paths + args.scan_args)
    print(f"fleet-dask: extract {extracted - started:.2f} s (with cluster start), central scan "
          f"{time.monotonic() - extracted:.2f} s", file=sys.stderr)
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
