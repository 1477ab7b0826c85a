"""Who may edit: a password from Streamlit secrets or the environment, or the one-time link `make run` prints.

The editor is never open without a secret. Secrets are compared in constant time, and repeated failures make the
next attempt wait longer, for every session of the server (a new browser tab does not reset the count).
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections import deque
from collections.abc import Callable

import streamlit as st

PASSWORD_SECRET = "editor_password"
PASSWORD_VARIABLE = "BORDERLINES_EDITOR_PASSWORD"
TOKEN_VARIABLE = "BORDERLINES_EDITOR_TOKEN"  # set by `make run` (ui/serve.py) when no password is configured


def configured_password() -> str | None:
    try:
        secret = st.secrets.get(PASSWORD_SECRET)
    except FileNotFoundError:  # no secrets.toml at all
        secret = None
    return secret or os.environ.get(PASSWORD_VARIABLE) or None


def matches(given: str, expected: str | None) -> bool:
    """Constant-time comparison, so the time taken says nothing about how much of a guess was right."""
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Throttle:
    """After `free` failures within `window` seconds, each further attempt must wait twice as long as the last."""

    def __init__(self, free: int = 3, window: float = 900, longest: float = 300,
                 clock: Callable[[], float] = time.monotonic):
        self.free, self.window, self.longest, self.clock = free, window, longest, clock
        self.failures: deque[float] = deque()
        self.lock = threading.Lock()

    def _recent(self) -> int:
        while self.failures and self.clock() - self.failures[0] > self.window:
            self.failures.popleft()
        return len(self.failures)

    def wait_left(self) -> float:
        """Seconds before the next attempt will be looked at (0: now)."""
        with self.lock:
            excess = self._recent() - self.free
            if excess < 0:
                return 0.0
            delay = min(2.0 ** excess, self.longest)
            return max(0.0, self.failures[-1] + delay - self.clock())

    def failed(self) -> None:
        with self.lock:
            self.failures.append(self.clock())

    def reset(self) -> None:
        with self.lock:
            self.failures.clear()


FAILED_LOGINS = Throttle()


def signed_in_editor() -> str | None:
    """The signed-in editor's name, or None after drawing the sign-in form (or the reason editing is off)."""
    if st.session_state.get("editor"):
        return st.session_state["editor"]
    password, token = configured_password(), os.environ.get(TOKEN_VARIABLE)
    if not password and not token:
        st.error(f"Editing is switched off: no editor password is set. Set `{PASSWORD_SECRET}` in "
                 f".streamlit/secrets.toml or the environment variable {PASSWORD_VARIABLE}, or start the app with "
                 "`make run`, which prints a one-time sign-in link.", icon=":material/lock:")
        return None
    link_token = st.query_params.get("token")
    if link_token is not None:
        del st.query_params["token"]  # never leave a secret in the address bar or the history
        if matches(link_token, token):
            st.session_state["token_accepted"] = True
        else:
            FAILED_LOGINS.failed()
            st.error("This sign-in link is not valid: a link works only while the server that printed it runs.",
                     icon=":material/lock:")
    if st.session_state.get("token_accepted"):
        st.caption("Signed in by the link `make run` printed; give your name to go on.")
    with st.form("sign-in"):
        name = st.text_input("Your name", help="Goes into the public changelog with every change you publish.")
        given = "" if st.session_state.get("token_accepted") else st.text_input("Editor password", type="password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return None
    wait = FAILED_LOGINS.wait_left()
    if wait > 0:
        st.error(f"Too many failed sign-ins. Try again in {wait:.0f} seconds.", icon=":material/timer:")
        return None
    if not (st.session_state.get("token_accepted") or matches(given, password)):
        FAILED_LOGINS.failed()
        st.error("That password is not right.", icon=":material/lock:")
        return None
    if not name.strip():
        st.error("Give your name: it goes into the changelog with every change you publish.")
        return None
    st.session_state["editor"] = name.strip()
    st.rerun()
