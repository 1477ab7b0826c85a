"""Who may edit: a password from Streamlit secrets or the environment, or the one-time link `make run` (or
`make cluster`, for every replica) prints.

The editor is never open without a secret. Secrets are compared in constant time, and repeated failures make the
next attempt wait longer, for every session on every replica (a new browser tab, or a guess that reaches another
replica, does not reset the count).
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable

import streamlit as st

from ui import shared_state

PASSWORD_SECRET = "editor_password"
PASSWORD_VARIABLE = "BORDERLINES_EDITOR_PASSWORD"
TOKEN_VARIABLE = "BORDERLINES_EDITOR_TOKEN"  # set by `make run` and `make cluster` when no password is configured
LOG = logging.getLogger(__name__)


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
    """After `free` failures within `window` seconds, each further attempt must wait twice as long as the last.

    The failures are counted in the state every replica shares (ui/shared_state.py), so an attacker whose guesses
    are spread over several replicas waits as long as one whose guesses all reach one server.
    """

    def __init__(self, free: int = 3, window: float = 900, longest: float = 300,
                 clock: Callable[[], float] = time.time, scope: str = "editor"):
        self.free, self.window, self.longest, self.clock, self.scope = free, window, longest, clock, scope

    def wait_left(self) -> float:
        """Seconds before the next attempt will be looked at (0: now)."""
        now = self.clock()
        recent = shared_state.failures_since(self.scope, now - self.window)
        excess = len(recent) - self.free
        if excess < 0:
            return 0.0
        delay = min(2.0 ** excess, self.longest)
        return max(0.0, recent[-1] + delay - now)

    def failed(self) -> None:
        now = self.clock()
        shared_state.record_failure(self.scope, now, forget_before=now - self.window)

    def reset(self) -> None:
        shared_state.forget_failures(self.scope)


FAILED_LOGINS = Throttle()


def signed_in_editor() -> str | None:
    """The signed-in editor's name, or None after drawing the sign-in form (or the reason editing is off)."""
    if st.session_state.get("editor"):
        return st.session_state["editor"]
    try:
        return sign_in_form()
    except shared_state.SharedStateError as error:  # without the count of failures, no guess is looked at
        LOG.error("Sign-in is unavailable: %s", error)
        st.error("Sign-in is unavailable: this server cannot reach the state its replicas share. The server's log "
                 "says why.", icon=":material/lock:")
        return None


def sign_in_form() -> str | None:
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
            st.error("This sign-in link is not valid: a link works only while the server (or cluster) that printed "
                     "it runs.",
                     icon=":material/lock:")
    if st.session_state.get("token_accepted"):
        st.caption("Signed in by the link the server printed; give your name to go on.")
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
