"""Rebuilding the edition after a publish or a rollback: in a process of its own, so the editor's page never waits
for it, with its progress and any failure written to the edition's status file for the editor to see.

The status file (edition/.status.json) is written whole by rename, so a reader never sees half of it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from catalog import history
from press.build import REPO, Built, build_edition
from press.config import edition_config

STATUS_FILE = ".status.json"


@dataclass(frozen=True)
class BuildStatus:
    """What the last build is doing or did: `state` is "building", "done" or "failed"."""

    state: str
    step: str = ""
    done: int = 0
    total: int = 0
    version: str = ""
    message: str = ""
    started: str = ""
    finished: str = ""

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 0.0


def status_path(folder: Path | None = None) -> Path:
    return (folder or edition_config().folder) / STATUS_FILE


def read_status(folder: Path | None = None) -> BuildStatus | None:
    try:
        return BuildStatus(**json.loads(status_path(folder).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def write_status(status: BuildStatus, folder: Path | None = None) -> None:
    path = status_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    history.atomic_write(path, json.dumps(asdict(status)).encode("utf-8"))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def build_with_status(force: bool = False) -> Built | None:
    """Build, writing progress to the status file; a failure is written there too (and printed), never raised."""
    started = now()
    write_status(BuildStatus("building", "starting", started=started))
    try:
        built = build_edition(force=force, progress=lambda step, done, total: write_status(
            BuildStatus("building", step, done, total, started=started)))
    except Exception as error:  # whatever stops a build, the editor must be told what it was
        traceback.print_exc()
        write_status(BuildStatus("failed", message=f"{type(error).__name__}: {error}", started=started,
                                 finished=now()))
        return None
    write_status(BuildStatus("done", "done", 1, 1, built.version, started=started, finished=now()))
    return built


def rebuild_in_background() -> subprocess.Popen:
    """Start `python -m press build --status` for the data as published now, and return at once. Builds take
    turns (press.build.build_lock), so a second publish during a build is built after it."""
    folder = edition_config().folder
    folder.mkdir(parents=True, exist_ok=True)
    write_status(BuildStatus("building", "waiting to start", started=now()))
    log = open(folder / ".build.log", "ab")  # noqa: SIM115 (the child process keeps it open)
    return subprocess.Popen([sys.executable, "-m", "press", "build", "--status"], cwd=REPO, stdout=log,
                            stderr=subprocess.STDOUT, env=os.environ.copy(), start_new_session=True)
