"""Running the app as the README does and driving it in Debian's Chromium, for the browser tests.

Playwright cannot download its own browser here, so it drives Debian's Chromium (bench/chromium.py says which,
with what flags). A missing browser is a failure, never a skip: `make test` installs it.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from bench.server import free_port, wait_until_healthy

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@contextmanager
def running_app(repo: Path, env: dict[str, str] | None = None):
    """`make run` on a free port, yielding the base URL once the server answers its health check."""
    port = free_port()
    with open(ARTIFACTS / f"server-{port}.log", "w") as log:
        yield from _serve(repo, port, log, env)


def _serve(repo: Path, port: int, log, env: dict[str, str] | None):
    server = subprocess.Popen(["make", "--no-print-directory", "run", f"PORT={port}"], cwd=repo, stdout=log,
                              stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        # The first `make run` on a fresh clone installs requirements.
        wait_until_healthy(base, server, timeout=300, log=log.name)
        yield base
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def is_own_host(url: str, base: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.netloc == urlparse(base).netloc


def wait_for_streamlit(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=90_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')", timeout=90_000)
