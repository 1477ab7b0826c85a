"""Where the edition is published, set once by staff in edition.toml (an environment variable overrides each
setting for one run), and where it is built."""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from i18n import ENGLISH, LANGUAGES

REPO_DIR = Path(__file__).resolve().parent.parent
CONFIG_FILE = REPO_DIR / "edition.toml"


@dataclass(frozen=True)
class EditionConfig:
    address: str  # the public address of the edition's folder, ending in /
    publisher: str
    app_address: str  # the live app, or "" for none
    folder: Path  # where `make edition` builds it
    languages: tuple[str, ...] = (ENGLISH,)  # the languages its pages are written in: English, then each in ru/...

    def url(self, path: str) -> str:
        """A public address inside the edition ("v/VERSION/embed/NAME/")."""
        return self.address + path.lstrip("/")


def with_slash(address: str) -> str:
    return address if not address or address.endswith("/") else address + "/"


def languages_of(setting: object) -> tuple[str, ...]:
    """English, then every other language named ("en,ru" or a list), that the app speaks."""
    named = setting.split(",") if isinstance(setting, str) else list(setting or [])
    codes = [str(code).strip().lower() for code in named]
    return (ENGLISH, *(code for code in LANGUAGES if code != ENGLISH and code in codes))


# Each setting's environment variable, which overrides edition.toml for one run.
VARIABLES = ("BORDERLINES_EDITION_URL", "BORDERLINES_APP_URL", "BORDERLINES_EDITION_DIR",
             "BORDERLINES_EDITION_LANGUAGES")


def edition_config() -> EditionConfig:
    """The settings as edition.toml and the environment give them now. Every chart on every page asks, so the
    file is read again only when it or the environment has changed."""
    try:
        stamp = CONFIG_FILE.stat().st_mtime_ns
    except OSError:
        stamp = None
    return config_as(stamp, tuple(os.environ.get(variable) for variable in VARIABLES))


@functools.lru_cache(maxsize=8)
def config_as(stamp: int | None, overrides: tuple[str | None, ...]) -> EditionConfig:
    """The settings with edition.toml as changed at `stamp` (None: there is no file) and these overrides."""
    address, app_address, folder, languages = overrides
    settings = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8")).get("edition", {}) \
        if stamp is not None and CONFIG_FILE.exists() else {}
    return EditionConfig(
        address=with_slash(address if address is not None else settings.get("address", "")),
        publisher=settings.get("publisher", "Borderlines"),
        app_address=with_slash(app_address if app_address is not None else settings.get("app_address", "")),
        folder=Path(folder if folder is not None else REPO_DIR / "edition"),
        languages=languages_of(languages if languages is not None else settings.get("languages", "")),
    )
