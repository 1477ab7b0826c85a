"""Borderlines in more than one language: the languages it speaks, the one being spoken, and its words in it.

Words are gettext messages, written in English in the code and translated in `.po` catalogs under i18n/locales/
(one catalog per top-level package, so that each part of the code keeps its own words: `make translations` finds
new ones, a translator edits the `.po` file, `make` compiles it). Code marks a message with `_()` where it is shown,
or with `N_()` where it is defined before anyone speaks (a constant, a registry entry) and `_()` is applied when it
is shown. The language being spoken is a context variable, set by the page for a reader's session, by the edition
for each of its languages and by a test: chart builders stay pure functions of their tables, and every thread (each
Streamlit session runs in its own) speaks its own language.

Adding a language is adding it to LANGUAGES and its catalogs; no code changes.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
# Each language by its code, named in itself (how a reader looks for it in a switch).
LANGUAGES = {"en": "English", "ru": "Русский"}
ENGLISH = "en"
# One gettext domain per top-level package, and one for the page scripts (app.py speaks through ui's).
DOMAINS = ("catalog", "charts", "deck", "pages", "press", "rules", "ui")

speaking_now: ContextVar[str] = ContextVar("language", default=ENGLISH)


def language() -> str:
    """The language being spoken: its code."""
    return speaking_now.get()


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Everything inside speaks `code` (one of LANGUAGES; anything else speaks English)."""
    token = speaking_now.set(code if code in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        speaking_now.reset(token)


def speak(code: str) -> None:
    """From here on this thread speaks `code`: for a Streamlit script run, which is one thread's whole life."""
    speaking_now.set(code if code in LANGUAGES else ENGLISH)


def language_of(locale: object) -> str | None:
    """The language of a browser locale or an address parameter ("ru-RU", "ru_KZ", "RU") if we speak it."""
    if not isinstance(locale, str):
        return None
    code = locale.replace("_", "-").split("-", 1)[0].strip().lower()
    return code if code in LANGUAGES else None


@cache
def translations(code: str) -> gettext.NullTranslations:
    """Every domain's catalog for a language, merged (English is the code's own words)."""
    merged: gettext.NullTranslations = gettext.NullTranslations()
    if code == ENGLISH:
        return merged
    for domain in DOMAINS:
        catalog = gettext.translation(domain, LOCALES, [code], fallback=True)
        catalog.add_fallback(merged)
        merged = catalog
    return merged


def _(message: str) -> str:
    """`message` in the language being spoken."""
    return translations(language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` (Russian has three: 1 человек, 2 человека, 5 человек)."""
    return translations(language()).ngettext(singular, plural, count)


def in_english(table: str) -> str:
    """Where a table translated for a reader keeps its English beside it (catalog.translated): a search typed in
    English, as in a link shared from an English page, still finds its rows."""
    return f"{table}@{ENGLISH}"


def N_(message: str) -> str:
    """Marks a message for translation where it is defined; `_()` translates it where it is shown."""
    return message
