"""`make serve-edition`: the edition folder served by nginx (Debian's package; the make target installs it when
missing) with the rules in press/nginx/edition.conf, on 127.0.0.1, until stopped: on the port of the edition's
address when that address is on this machine (edition.toml's http://localhost:8080/), so the app's Embed and Cite
codes reach it, else on a free port.

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
from urllib.parse import urlsplit

from press.config import edition_config

RULES = Path(__file__).resolve().parent / "nginx" / "edition.conf"
ON_THIS_MACHINE = ("localhost", "127.0.0.1")


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx is not installed: `make serve-edition` installs Debian's package")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Whether nginx could listen on this port of 127.0.0.1 (nothing else listens there)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does: a closed connection's port is free
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


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


def port_of(address: str) -> int:
    """The port of an edition address on this machine served over plain HTTP (http://localhost:8080/ gives 8080);
    0, a free port, for any other address (a public one is served by its own web server)."""
    parts = urlsplit(address)
    return (parts.port or 0) if parts.scheme == "http" and parts.hostname in ON_THIS_MACHINE else 0


def serve_forever(port: int | None = None) -> int:
    """Serve the edition until stopped: on `port`, or (None) where the edition's address says when it is on this
    machine, else on a free port."""
    config = edition_config()
    folder = config.folder
    if not (folder / "latest").exists():
        print(f"No edition in {folder}: run `make edition` first.")
        return 1
    port = port_of(config.address) if port is None else port
    if port and not port_is_free(port):  # what answers there is not this nginx
        print(f"Port {port} is taken.\nEDITION_PORT=... chooses another port (Embed and Cite codes point at "
              f"{config.address}).")
        return 1
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C: nginx is stopped with it
    with served_edition(folder, port) as base:
        try:  # a stop that comes as soon as the line is out stops it as cleanly as one an hour later
            print(f"Serving {folder} with nginx at {base} (latest: {base}latest/). Embed and Cite codes point at "
                  f"{config.address}. Ctrl-C stops it.", flush=True)
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
    return 0
