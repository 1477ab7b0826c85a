"""Readers at once through HAProxy: the crowd of bench/readers.py against `make cluster` with 1, 2 or 3 replicas.

Also how the tests start a cluster and read what its launcher (ui/cluster.py) says: the replicas' addresses and
process ids, and when it is ready.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

from bench.readers import ReadersResult, crowd
from bench.server import REPO, free_port_run

REPLICA_LINE = re.compile(r"replica (app\d+): (http://127\.0\.0\.1:\d+) \(pid (\d+)\)")
READY = "Ready: http"


def replicas_in(log: str) -> dict[str, tuple[str, int]]:
    """Each replica's address and process id, as the launcher's output last gave them (a restart prints anew)."""
    return {name: (address, int(pid)) for name, address, pid in REPLICA_LINE.findall(log)}


@contextmanager
def started_cluster(command: list[str], log_path: Path, env: dict[str, str] | None = None, timeout: float = 300):
    """Run a cluster launcher in a process group of its own, logging to `log_path`; yields its process once it says
    it is ready, and stops the whole group (as Ctrl-C does) afterwards."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while READY not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the cluster did not start; see {log_path}:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield process
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen, sign: int = signal.SIGINT) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sign)
        process.wait(timeout=60)


def readers_through_haproxy(replicas: int, sessions: int, seconds: float) -> ReadersResult:
    """Start the app on `replicas` replicas behind HAProxy as `make cluster` does, warm each replica with one page,
    then let `sessions` readers at HAProxy for `seconds`. Memory is the launcher's, every replica's and HAProxy's."""
    port = free_port_run(replicas + 1)
    command = [sys.executable, "-m", "ui.cluster", "--port", str(port), "--replicas", str(replicas)]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "cluster.log"
        with started_cluster(command, log) as launcher:
            warm = [address for address, _ in replicas_in(log.read_text()).values()]
            return asyncio.run(crowd(f"http://127.0.0.1:{port}", psutil.Process(launcher.pid), sessions, seconds,
                                     warm))
