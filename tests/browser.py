"""Running the app as the README does and driving it in Debian's Chromium, for the browser tests.

Playwright cannot download its own browser here, so it drives Debian's Chromium (bench/chromium.py says which,
with what flags). A missing browser is a failure, never a skip: `make test` installs it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from bench.cluster import replicas_in, started_cluster, stop_group
from bench.server import free_port, free_port_run, wait_until_healthy

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


def sign_in_path_in(printed: str) -> str:
    """The path of the sign-in link a server printed."""
    return re.search(r"http://localhost:\d+(/editor\?token=\S+)", printed)[1]


@dataclass
class RunningCluster:
    """`make cluster` as the tests run it: HAProxy's address, the launcher's log, its process group, and the
    environment it runs in."""

    base: str
    log: Path
    process: subprocess.Popen
    environment: dict[str, str]

    def replicas(self) -> dict[str, tuple[str, int]]:
        return replicas_in(self.log.read_text())

    def sign_in_path(self) -> str:
        """The path of the one-time sign-in link the cluster printed when it started."""
        return sign_in_path_in(self.log.read_text())

    def new_sign_in_path(self) -> str:
        """Another one-time link, as an operator gets one with `make sign-in-link` while the cluster runs."""
        printed = subprocess.run(["make", "--no-print-directory", "sign-in-link", f"PORT={urlparse(self.base).port}"],
                                 cwd=Path(__file__).resolve().parent.parent, env=self.environment,
                                 capture_output=True, text=True, check=True, timeout=120).stdout
        return sign_in_path_in(printed)

    def stop(self, sign: int = signal.SIGINT) -> None:
        """As Ctrl-C in its terminal: the signal to the whole process group."""
        stop_group(self.process, sign)


@contextmanager
def running_cluster(repo: Path, replicas: int, env: dict[str, str | None], args: str = ""):
    """`make cluster` with `replicas` replicas on free ports, yielded once it says it is ready; stopped after.
    `env` adds to the tests' environment; a None in it takes a variable out."""
    port = free_port_run(replicas + 1)
    environment = {name: value for name, value in {**os.environ, **env}.items() if value is not None}
    log = ARTIFACTS / f"cluster-{port}.log"
    command = ["make", "--no-print-directory", "-C", str(repo), "cluster", f"PORT={port}", f"REPLICAS={replicas}",
               f"CLUSTER_ARGS={args}"]
    with started_cluster(command, log, environment) as process:  # the first run installs what it needs
        yield RunningCluster(f"http://127.0.0.1:{port}", log, process, environment)


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_script: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA findings on the page as it is, one line per element."""
    page.add_script_tag(content=axe_script)
    found = page.evaluate("""async tags => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.flatMap(rule => rule.nodes.map(node =>
            `${rule.id}: ${node.target.join(' ')}: ${node.failureSummary.replace(/\\s+/g, ' ')}`));
    }""", WCAG_AA)
    return found
