"""`make cluster`: the app on several replicas behind HAProxy, on one port, as deploy/ runs it on real servers.

Starts REPLICAS copies of the app (`streamlit run app.py` on loopback ports PORT+1, PORT+2, ...) and, once each
answers its health check, HAProxy in front of them on PORT with deploy/haproxy.cfg, its server lines pointed at those
ports. Every replica gets the same cookie secret (as Streamlit asks of replicas) and the same shared-state folder
(ui/shared_state.py), which holds the one-time sign-in links, so the printed link works on any replica. A replica
that stops is started again after --restart-delay seconds; HAProxy sends sessions elsewhere meanwhile and takes it
back once its health check passes. Ctrl-C stops them all; SIGTERM to the launcher alone stops HAProxy first, then
the replicas.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ui.serve import REPO, print_sign_in_link
from ui.shared_state import STATE_VARIABLE, state_dir

HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"
HEALTH = "/_stcore/health"
SERVER_LINE = re.compile(r"^(?P<indent>\s*)server\s+\S+\s+\S+\s+cookie\s+\S+\s*$")
BIND_LINE = re.compile(r"^(?P<indent>\s*)bind\s+\S+\s*$")


def replica_name(number: int) -> str:
    return f"app{number}"


def haproxy_config(template: str, port: int, replica_ports: list[int]) -> str:
    """deploy/haproxy.cfg with its one bind line on `port` and its server lines, one per replica, on loopback."""
    lines, servers_done = [], False
    for line in template.splitlines():
        if bind := BIND_LINE.match(line):
            lines.append(f"{bind['indent']}bind :{port}")
        elif server := SERVER_LINE.match(line):
            if not servers_done:
                lines += [f"{server['indent']}server {replica_name(number)} 127.0.0.1:{replica_port} "
                          f"cookie {replica_name(number)}"
                          for number, replica_port in enumerate(replica_ports, start=1)]
                servers_done = True
        else:
            lines.append(line)
    if not servers_done:
        raise ValueError("the HAProxy config has no 'server NAME ADDRESS cookie NAME' line to replace")
    return "\n".join(lines) + "\n"


def replica_command(port: int) -> list[str]:
    """The command `make run` ends in, on a loopback port: only HAProxy is reached from outside."""
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true"]


def is_healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + HEALTH, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("", port))
        except OSError:
            return False
        return True


def say(line: str) -> None:
    print(line, flush=True)


def relay(stream, name: str) -> None:
    """Print a child's output line by line, each line marked with the child's name."""
    for line in stream:
        print(f"[{name}] {line.rstrip()}", flush=True)


@dataclass
class Replica:
    number: int
    port: int
    process: subprocess.Popen | None = None
    restart_at: float | None = None
    started_at: float = 0.0
    quick_failures: int = 0

    @property
    def name(self) -> str:
        return replica_name(self.number)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    port: int
    replicas: list[Replica]
    haproxy: str
    restart_delay: float
    environment: dict[str, str]
    haproxy_process: subprocess.Popen | None = None
    haproxy_errors: Path | None = None
    stopping: threading.Event = field(default_factory=threading.Event)

    def spawn(self, command: list[str], name: str, errors=subprocess.STDOUT) -> subprocess.Popen:
        """A child with its output relayed under its name. It stays in the launcher's process group, so Ctrl-C (or
        a signal to the group) reaches every child at once even if the launcher itself has been killed."""
        process = subprocess.Popen(command, cwd=REPO, env=self.environment, stdout=subprocess.PIPE, stderr=errors,
                                   text=True)
        threading.Thread(target=relay, args=(process.stdout, name), daemon=True).start()
        return process

    def start_replica(self, replica: Replica) -> None:
        replica.process = self.spawn(replica_command(replica.port), replica.name)
        replica.started_at, replica.restart_at = time.monotonic(), None
        say(f"  replica {replica.name}: {replica.base} (pid {replica.process.pid})")

    def wait_for_replicas(self, timeout: float = 300) -> bool:
        """Whether every replica answered its health check before the launcher was stopped."""
        deadline = time.monotonic() + timeout
        waiting = list(self.replicas)
        while waiting and not self.stopping.is_set():
            for replica in list(waiting):
                if replica.process.poll() is not None:
                    raise SystemExit(f"replica {replica.name} stopped while starting (exit code "
                                     f"{replica.process.returncode}); its output is above")
                if is_healthy(replica.base):
                    waiting.remove(replica)
            if time.monotonic() > deadline:
                raise SystemExit(f"replicas {', '.join(r.name for r in waiting)} did not start in {timeout:.0f} s")
            time.sleep(0.3)
        return not waiting

    def wait_for_haproxy(self, timeout: float = 30) -> bool:
        """Whether HAProxy answered with a replica's health before the launcher was stopped."""
        deadline = time.monotonic() + timeout
        while not self.stopping.is_set():
            self.check_haproxy()
            if is_healthy(f"http://127.0.0.1:{self.port}"):
                return True
            if time.monotonic() > deadline:
                raise SystemExit(f"HAProxy did not answer on port {self.port} in {timeout:.0f} s")
            time.sleep(0.2)
        return False

    def start_haproxy(self, folder: Path) -> None:
        config = folder / "haproxy.cfg"
        config.write_text(haproxy_config(HAPROXY_CONFIG.read_text(encoding="utf-8"), self.port,
                                         [replica.port for replica in self.replicas]), encoding="utf-8")
        checked = subprocess.run([self.haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True,
                                 check=False)
        if checked.returncode != 0:
            raise SystemExit(f"HAProxy refuses {config}:\n{checked.stdout}{checked.stderr}")
        # In the foreground (-db). Its log (to stdout, see deploy/haproxy.cfg) repeats every warning it also writes to
        # stderr, so stderr is kept in a file, to be shown only if HAProxy stops.
        self.haproxy_errors = folder / "haproxy.stderr"
        with open(self.haproxy_errors, "w") as errors:
            self.haproxy_process = self.spawn([self.haproxy, "-db", "-f", str(config)], "haproxy", errors)

    def check_haproxy(self) -> None:
        if self.haproxy_process.poll() is not None:
            raise SystemExit(f"HAProxy stopped (exit code {self.haproxy_process.returncode}):\n"
                             + self.haproxy_errors.read_text(encoding="utf-8", errors="replace")[-2000:])

    def supervise(self) -> None:
        """Until stopped: start a replica that stopped again (sooner or later), and give up if HAProxy stops."""
        while not self.stopping.wait(0.5):
            self.check_haproxy()
            for replica in self.replicas:
                self.look_after(replica)

    def look_after(self, replica: Replica) -> None:
        now = time.monotonic()
        if replica.restart_at is None and replica.process.poll() is not None:
            # A replica that keeps dying soon after starting is given longer each time, up to ten minutes.
            replica.quick_failures = replica.quick_failures + 1 if now - replica.started_at < 60 else 1
            wait = min(self.restart_delay * 2 ** (replica.quick_failures - 1), 600)
            replica.restart_at = now + wait
            say(f"  replica {replica.name} stopped (exit code {replica.process.returncode}); starting it again in "
                f"{wait:.0f} s. Meanwhile HAProxy sends its sessions to the other replicas.")
        if replica.restart_at is not None and now >= replica.restart_at:
            self.start_replica(replica)

    def stop(self) -> None:
        """HAProxy first (no new requests), then every replica; what has not stopped in 15 s is killed."""
        self.stopping.set()
        children = [self.haproxy_process] + [replica.process for replica in self.replicas]
        for process in [child for child in children if child is not None and child.poll() is None]:
            process.terminate()
        deadline = time.monotonic() + 15
        for process in [child for child in children if child is not None]:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        say("  Stopped HAProxy and every replica.")


def cluster_environment() -> dict[str, str]:
    """What every replica shares: the cookie secret and the folder of shared state (which holds the sign-in links),
    made absolute so that it does not depend on a replica's working directory."""
    environment = dict(os.environ)
    environment.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    environment[STATE_VARIABLE] = str(state_dir().resolve())
    return environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.cluster", description=__doc__)
    parser.add_argument("--port", type=int, default=8501, help="HAProxy's port; replicas take the next ports")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--restart-delay", type=float, default=2.0,
                        help="seconds before a replica that stopped is started again")
    parser.add_argument("--haproxy", default=shutil.which("haproxy") or "/usr/sbin/haproxy")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be 1 or more")
    if not Path(args.haproxy).is_file():
        parser.error(f"no HAProxy at {args.haproxy}: `make cluster` installs Debian's")
    ports = [args.port + number for number in range(args.replicas + 1)]
    taken = [port for port in ports if not port_is_free(port)]
    if taken:
        parser.error(f"port{'s' * (len(taken) > 1)} {', '.join(map(str, taken))} already in use: HAProxy takes "
                     f"PORT and the replicas the {args.replicas} after it; choose another PORT")

    print_sign_in_link(args.port, "on every replica")
    replicas = [Replica(number, args.port + number) for number in range(1, args.replicas + 1)]
    cluster = Cluster(args.port, replicas, args.haproxy, args.restart_delay, cluster_environment())
    for sign in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sign, lambda *_: cluster.stopping.set())
    say(f"  Starting {args.replicas} replica{'s' * (args.replicas > 1)} of Borderlines; shared state in "
        f"{cluster.environment[STATE_VARIABLE]}")
    try:
        for replica in replicas:
            cluster.start_replica(replica)
        if cluster.wait_for_replicas():
            with tempfile.TemporaryDirectory(prefix="borderlines-haproxy-") as folder:
                cluster.start_haproxy(Path(folder))
                if cluster.wait_for_haproxy():
                    say(f"  Ready: http://localhost:{args.port} (HAProxy in front of {args.replicas} replica"
                        f"{'s' * (args.replicas > 1)}). Ctrl-C stops them all.")
                cluster.supervise()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
