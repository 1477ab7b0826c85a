"""`make run`: serve the app, printing a one-time editor sign-in link when no editor password is configured.

Like Jupyter's token: the link works only while this server runs, so the editor is never open without a secret.
"""

from __future__ import annotations

import os
import secrets
import sys
import tomllib
from pathlib import Path

from ui.login import PASSWORD_SECRET, PASSWORD_VARIABLE, TOKEN_VARIABLE

REPO = Path(__file__).resolve().parent.parent
SECRETS_FILES = (REPO / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


def password_configured() -> bool:
    if os.environ.get(PASSWORD_VARIABLE):
        return True
    for path in SECRETS_FILES:
        if path.is_file() and tomllib.loads(path.read_text(encoding="utf-8")).get(PASSWORD_SECRET):
            return True
    return False


def print_sign_in_link(port: int | str, valid: str = "while this server runs") -> None:
    """Without an editor password, make up a sign-in token (unless one is set already) for this process and the
    ones it starts, and print the link that carries it."""
    if not password_configured():
        token = os.environ.setdefault(TOKEN_VARIABLE, secrets.token_urlsafe(24))
        print(f"\n  Editor sign-in link (valid {valid}):\n  http://localhost:{port}/editor?token={token}\n",
              flush=True)


def main(port: str) -> None:
    print_sign_in_link(port)
    os.chdir(REPO)
    os.execv(sys.executable, [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", port,
                              "--server.headless", "true"])


if __name__ == "__main__":
    main(sys.argv[1])
