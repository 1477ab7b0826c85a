"""`make run`: serve the app, printing a one-time editor sign-in link when no editor password is configured; and
`make sign-in-link`, which prints another for a server already running.

A link works once, for a day, on every replica that shares the state folder (ui/shared_state.py), so the editor is
never open without a secret, and a link left in a browser's history opens nothing.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from ui.login import LINK_LIFETIME, PASSWORD_SECRET, PASSWORD_VARIABLE
from ui.shared_state import SharedStateError, issue_link

REPO = Path(__file__).resolve().parent.parent
SECRETS_FILES = (REPO / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


def password_configured() -> bool:
    """Whether an editor password is set. A secrets file that cannot be read counts as set, and is reported here,
    so the server's log says what the editor page says: editing is off until the file is fixed."""
    if os.environ.get(PASSWORD_VARIABLE):
        return True
    for path in SECRETS_FILES:
        if not path.is_file():
            continue
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
            print(f"\n  {path} cannot be read as TOML ({error}): editing stays off until it is fixed or removed.\n",
                  file=sys.stderr, flush=True)
            return True
        if values.get(PASSWORD_SECRET):
            return True
    return False


def print_sign_in_link(port: int | str, where: str = "on this server") -> None:
    """Without an editor password, print a new one-time sign-in link."""
    if password_configured():
        return
    try:
        token = issue_link(LINK_LIFETIME)
    except SharedStateError as error:
        print(f"\n  No sign-in link: the shared state cannot be written ({error}).\n", file=sys.stderr, flush=True)
        return
    print(f"\n  Editor sign-in link (works once, for a day, {where}):\n  http://localhost:{port}/editor?token={token}\n",
          flush=True)


def main(argv: list[str]) -> None:
    if argv[0] == "--link":  # make sign-in-link: another link for the server already running on this port
        print_sign_in_link(argv[1])
        return
    port = argv[0]
    print_sign_in_link(port)
    os.chdir(REPO)
    os.execv(sys.executable, [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", port,
                              "--server.headless", "true"])


if __name__ == "__main__":
    main(sys.argv[1:])
