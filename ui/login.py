"""Who may edit: a password from Streamlit secrets or the environment, or a one-time sign-in link (`make run` and
`make cluster` print one when no password is set; `make sign-in-link` prints another).

The editor is never open without a secret. Secrets are compared in constant time. Repeated failures make the next
attempt from the same client wait longer, counted per client and per kind of secret across every replica: a new
browser tab or another replica does not reset the count, and nobody's guesses can lock other editors out. A link
works once, for a day, on every replica; when a password is set, links are off.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from i18n import N_, _, ngettext
from ui import shared_state
from ui.url_state import url_param

PASSWORD_SECRET = "editor_password"
PASSWORD_VARIABLE = "BORDERLINES_EDITOR_PASSWORD"
BEHIND_PROXY_VARIABLE = "BORDERLINES_BEHIND_PROXY"  # set where only a proxy of ours reaches the app (deploy/)
LINK_LIFETIME = 24 * 3600
LOG = logging.getLogger(__name__)


class SignInUnavailable(Exception):
    """Signing in cannot work on this server, for a reason its staff can fix (the message says how)."""


def configured_password() -> str | None:
    """The editor password from Streamlit's secrets or the environment (None when neither sets one)."""
    try:
        secret = st.secrets.get(PASSWORD_SECRET)
    except StreamlitSecretNotFoundError as error:
        if "No secrets found" in str(error):
            secret = None
        else:  # a secrets file that is not TOML: say so rather than run as if there were no password
            raise SignInUnavailable(_("{error}. Fix the file or remove it.").format(error=error)) from error
    if secret is not None and not isinstance(secret, str):
        raise SignInUnavailable(_('`{secret}` in the secrets file is a {kind}, not text: write it in quotes, '
                                  '{secret} = "..."').format(secret=PASSWORD_SECRET, kind=type(secret).__name__))
    return secret or os.environ.get(PASSWORD_VARIABLE) or None


def client_address() -> str:
    """Who is signing in, as far as the server can tell: the connection's address, or, for a connection from a
    proxy of ours (on this machine, or wherever BORDERLINES_BEHIND_PROXY says only the proxy reaches the app), the
    address the proxy appended to X-Forwarded-For. A client's own X-Forwarded-For is never trusted on its own."""
    direct = st.context.ip_address
    direct = direct if isinstance(direct, str) else None  # a test's stand-in runtime answers with a placeholder
    if direct is None or os.environ.get(BEHIND_PROXY_VARIABLE):
        forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
        return forwarded or direct or "this machine"
    return direct


def matches(given: str, expected: str | None) -> bool:
    """Constant-time comparison, so the time taken says nothing about how much of a guess was right."""
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Throttle:
    """After `free` failures within `window` seconds, each further attempt must wait twice as long as the last.

    The failures are counted in the state every replica shares (ui/shared_state.py), so an attacker whose guesses
    are spread over several replicas waits as long as one whose guesses all reach one server.
    """

    def __init__(self, free: int = 3, window: float = 900, longest: float = 300,
                 clock: Callable[[], float] | None = None, scope: str = "editor"):
        self.free, self.window, self.longest, self.scope = free, window, longest, scope
        self.clock = clock or time.time  # looked up now, so a test can stop this module's clock

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


def failed_guesses(credential: str) -> Throttle:
    """The failures of this client with one kind of secret ("password" or "link")."""
    return Throttle(scope=f"{credential}:{client_address()}")


LINK_ANSWERS = {"used": N_("This sign-in link has been used already: a link works once. Ask for a new one "
                           "(`make sign-in-link` on the server)."),
                "expired": N_("This sign-in link has expired: a link works for a day. Ask for a new one "
                              "(`make sign-in-link` on the server)."),
                "unknown": N_("This sign-in link is not valid. Ask for a new one (`make sign-in-link` on the "
                              "server).")}


def too_many_failures(wait: float) -> str:
    """How long the next attempt must wait, in whole seconds. English has always said "seconds" whatever the count;
    Russian takes the form its count needs (1 секунду, 2 секунды, 5 секунд)."""
    seconds = f"{wait:.0f}"
    return ngettext("Too many failed sign-ins. Try again in {seconds} second.",
                    "Too many failed sign-ins. Try again in {seconds} seconds.", int(seconds)).format(seconds=seconds)


def signed_in_editor() -> str | None:
    """The signed-in editor's name, or None after drawing the sign-in form (or the reason editing is off)."""
    if st.session_state.get("editor"):
        return st.session_state["editor"]
    try:
        return sign_in_form()
    except shared_state.SharedStateError as error:  # without the count of failures, no guess is looked at
        LOG.error("Sign-in is unavailable: %s", error)
        st.error(_("Sign-in is unavailable: this server cannot reach the state its replicas share. The server's "
                   "log says why."), icon=":material/lock:")
    except SignInUnavailable as error:
        st.error(_("Sign-in is unavailable: {reason}").format(reason=error), icon=":material/lock:")
    return None


def sign_in_form() -> str | None:
    password = configured_password()
    link_token = url_param("token", str, None, _("the sign-in form"))
    st.query_params.pop("token", None)  # out of the address bar at once; the link itself works only once
    if link_token is not None:
        if password:
            st.info(_("Sign-in links are off on this server: an editor password is set."), icon=":material/lock:")
        else:
            accept_link(link_token)
    if not password and not st.session_state.get("token_accepted"):
        st.error(_("Editing is switched off: no editor password is set. Set `{secret}` in .streamlit/secrets.toml "
                   "or the environment variable {variable}, or open a sign-in link (`make run` prints one; "
                   "`make sign-in-link` prints another).").format(secret=PASSWORD_SECRET, variable=PASSWORD_VARIABLE),
                 icon=":material/lock:")
        return None
    if st.session_state.get("token_accepted"):
        st.caption(_("Signed in by the link the server printed; give your name to go on."))
    with st.form("sign-in"):
        name = st.text_input(_("Your name"), help=_("Goes into the public changelog with every change you publish."))
        given = "" if st.session_state.get("token_accepted") else st.text_input(_("Editor password"),
                                                                                type="password")
        submitted = st.form_submit_button(_("Sign in"), type="primary")
    if not submitted:
        return None
    guesses = failed_guesses("password")
    wait = guesses.wait_left()
    if wait > 0:
        st.error(too_many_failures(wait), icon=":material/timer:")
        return None
    if not (st.session_state.get("token_accepted") or matches(given, password)):
        guesses.failed()
        st.error(_("That password is not right."), icon=":material/lock:")
        return None
    if not name.strip():
        st.error(_("Give your name: it goes into the changelog with every change you publish."))
        return None
    st.session_state["editor"] = name.strip()
    st.rerun()


def accept_link(token: str) -> None:
    """A sign-in link opened: accepted once; a guess counts against this client like a wrong password."""
    guesses = failed_guesses("link")
    wait = guesses.wait_left()
    if wait > 0:
        st.error(too_many_failures(wait), icon=":material/timer:")
        return
    answer = shared_state.redeem_link(token)
    if answer == "ok":
        st.session_state["token_accepted"] = True
        return
    if answer == "unknown":
        guesses.failed()
    st.error(_(LINK_ANSWERS[answer]), icon=":material/lock:")
