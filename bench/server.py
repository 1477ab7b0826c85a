"""Starting a Streamlit app the way `make run` does, on a free port, for the benchmarks that need a server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from ui.cluster import port_is_free

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_run(count: int) -> int:
    """The first of `count` consecutive free ports (HAProxy's port and its replicas' after it, for `make cluster`)."""
    for _ in range(100):
        first = free_port()
        if first + count <= 65535 and all(port_is_free(first + offset) for offset in range(1, count)):
            return first
    raise RuntimeError(f"found no {count} consecutive free ports")


def serve_command(script: Path, port: int) -> list[str]:
    """The command `make run` runs, for any script (run from the repository, so its .streamlit/ config applies)."""
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
            "--server.headless", "true"]


@contextmanager
def running_server(script: Path, log_path: Path | None = None):
    """Yields (base URL, server process) once the server answers its health check; stops it afterwards."""
    port = free_port()
    with open(log_path or Path("/dev/null"), "w") as log:
        server = subprocess.Popen(serve_command(script, port), cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base, server)
            yield base, server
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a server under hundreds of sessions may not stop when asked
                server.kill()
                server.wait(timeout=30)


def wait_until_healthy(base: str, server: subprocess.Popen, timeout: float = 120, log: str | None = None) -> None:
    """Return once the server answers its health check; raise if it stops or takes longer than `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the app at {base} did not start" + (f"; see {log}" if log else ""))
        time.sleep(0.2)
