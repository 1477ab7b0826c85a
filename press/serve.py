"""`make serve-edition`: the edition folder served by nginx (Debian's package; the make target installs it when
missing) with the rules in press/nginx/edition.conf, on 127.0.0.1 and a port of its choosing, until stopped.

`served_edition` does the same for tests and benchmarks and stops nginx afterwards.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from press.config import edition_config

RULES = Path(__file__).resolve().parent / "nginx" / "edition.conf"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx is not installed: `make serve-edition` installs Debian's package")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_conf(root: Path, port: int, prefix: Path, workers: str = "auto") -> str:
    """A whole nginx.conf around the edition's rules: one server on 127.0.0.1:PORT whose root is the folder. Started
    as root, its workers run as the folder's owner, who can read what they built wherever it is."""
    user = f"user {pwd.getpwuid(root.stat().st_uid).pw_name};\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    keepalive_requests 10000;
    open_file_cache max=2000 inactive=30s;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root.resolve()};
        include {RULES};
    }}
}}
"""


@contextmanager
def served_edition(root: Path | None = None, port: int = 0) -> Iterator[str]:
    """nginx serving the edition folder; yields its base URL ("http://127.0.0.1:PORT/") once it answers."""
    root = root or edition_config().folder
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="borderlines-nginx-") as prefix:
        conf = Path(prefix) / "nginx.conf"
        conf.write_text(nginx_conf(root, port, Path(prefix)), encoding="utf-8")
        server = subprocess.Popen([nginx_binary(), "-p", prefix, "-c", str(conf), "-e", "stderr"],
                                  stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    urllib.request.urlopen(base, timeout=1).close()
                    break
                except urllib.error.HTTPError:
                    break  # it answered
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        server.kill()
                        raise RuntimeError(f"nginx did not start: {server.communicate()[1].decode()}") from None
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def serve_forever(port: int = 0) -> int:
    folder = edition_config().folder
    if not (folder / "latest").exists():
        print(f"No edition in {folder}: run `make edition` first.")
        return 1
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C: nginx is stopped with it
    with served_edition(folder, port) as base:
        print(f"Serving {folder} with nginx at {base} (latest: {base}latest/). Ctrl-C stops it.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
    return 0
