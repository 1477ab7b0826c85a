"""What every replica of the app shares: the slide each briefing room is showing, the failed sign-ins, and the
one-time sign-in links.

Streamlit keeps a session in the memory of the process that holds its websocket, so anything another session needs
(a presenter's notes window opened on a phone that lands on another replica, an attacker's next guess that lands on
another replica) cannot live there. It lives in one SQLite file instead, which SQLite locks itself: every replica on
the machine, or on any server that mounts the folder, opens the same file, and no service runs for it.

The folder is BORDERLINES_STATE_DIR, by default `.state/` beside the code. Not data/: that is the newsroom's
published record (committed, copied, served read-only if need be), while this is short-lived and changes with every
slide. The file is kept in SQLite's default rollback-journal mode, which, unlike WAL, also works on a network
filesystem with working locks (NFSv4), for replicas on several servers.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATE_VARIABLE = "BORDERLINES_STATE_DIR"
STATE_FILE = "shared.sqlite3"
REPO_DIR = Path(__file__).resolve().parent.parent
ROOMS_KEPT = 7 * 24 * 3600  # a room nobody has moved for a week is forgotten
SCHEMA = """
CREATE TABLE IF NOT EXISTS room_slides (room TEXT PRIMARY KEY, slide INTEGER NOT NULL, changed REAL NOT NULL);
CREATE TABLE IF NOT EXISTS failed_sign_ins (scope TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failed_sign_ins_by_time ON failed_sign_ins (scope, at);
CREATE TABLE IF NOT EXISTS sign_in_links (digest TEXT PRIMARY KEY, expires REAL NOT NULL, used REAL);
"""


class SharedStateError(Exception):
    """The shared state folder cannot be used (missing, not writable, not a folder, a broken file)."""


def state_dir() -> Path:
    return Path(os.environ.get(STATE_VARIABLE, REPO_DIR / ".state"))


@contextmanager
def transaction(write: bool = False) -> Iterator[sqlite3.Connection]:
    """One transaction on the shared file; a writer waits (up to 10 s) for another replica's writer to finish."""
    path = state_dir() / STATE_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise SharedStateError(f"{path.parent}: {error}") from error
    try:
        connection.executescript(SCHEMA)
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        yield connection
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise SharedStateError(f"{path}: {error}") from error
    finally:
        connection.close()


def show_room_slide(room: str, slide: int) -> None:
    """Record the slide a briefing room is showing, for its notes windows on any replica."""
    now = time.time()
    with transaction(write=True) as db:
        db.execute("INSERT INTO room_slides VALUES (?, ?, ?) ON CONFLICT (room) DO UPDATE "
                   "SET slide = excluded.slide, changed = excluded.changed", (room, slide, now))
        db.execute("DELETE FROM room_slides WHERE changed < ?", (now - ROOMS_KEPT,))


def room_slide(room: str) -> int | None:
    """The slide the room is showing, or None if no replica has heard of the room."""
    with transaction() as db:
        found = db.execute("SELECT slide FROM room_slides WHERE room = ?", (room,)).fetchone()
    return found[0] if found else None


def record_failure(scope: str, at: float, forget_before: float) -> None:
    """Count a failed sign-in at `at` (seconds since the epoch), and forget those before `forget_before`."""
    with transaction(write=True) as db:
        db.execute("INSERT INTO failed_sign_ins VALUES (?, ?)", (scope, at))
        db.execute("DELETE FROM failed_sign_ins WHERE scope = ? AND at < ?", (scope, forget_before))


def failures_since(scope: str, since: float) -> list[float]:
    """When each failed sign-in since `since` happened, oldest first, on whichever replica it was."""
    with transaction() as db:
        return [at for (at,) in db.execute("SELECT at FROM failed_sign_ins WHERE scope = ? AND at >= ? ORDER BY at",
                                           (scope, since))]


def forget_failures(scope: str | None = None) -> None:
    """Forget the failed sign-ins of one scope, or of every scope."""
    with transaction(write=True) as db:
        if scope is None:
            db.execute("DELETE FROM failed_sign_ins")
        else:
            db.execute("DELETE FROM failed_sign_ins WHERE scope = ?", (scope,))


def digest_of(token: str) -> str:
    """Links are kept as digests: the file alone lets nobody in."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_link(lifetime: float) -> str:
    """A new one-time sign-in token, good for `lifetime` seconds on every replica; expired links are forgotten."""
    token = secrets.token_urlsafe(24)
    now = time.time()
    with transaction(write=True) as db:
        db.execute("DELETE FROM sign_in_links WHERE expires < ?", (now,))
        db.execute("INSERT INTO sign_in_links VALUES (?, ?, NULL)", (digest_of(token), now + lifetime))
    return token


def redeem_link(token: str) -> str:
    """Use a sign-in link: "ok" the first time, "used" after that, "expired", or "unknown". Checking and marking
    happen in one transaction, so two replicas cannot both accept one link."""
    now = time.time()
    with transaction(write=True) as db:
        found = db.execute("SELECT expires, used FROM sign_in_links WHERE digest = ?", (digest_of(token),)).fetchone()
        if found is None:
            return "unknown"
        expires, used = found
        if used is not None:
            return "used"
        if expires < now:
            return "expired"
        db.execute("UPDATE sign_in_links SET used = ? WHERE digest = ?", (now, digest_of(token)))
    return "ok"
