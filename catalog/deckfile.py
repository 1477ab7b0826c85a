"""The briefing decks staff edit, one per language: data/briefing.md in English, data/briefing.ru.md in Russian
(briefing.LANG.md for any other). Where they live and how they are read (UTF-8, with or without the BOM a Windows
editor writes). Parsing and checking them against the charts is deck.slides' work."""

from __future__ import annotations

from pathlib import Path

from catalog.store import data_dir
from i18n import ENGLISH, LANGUAGES, _, language


def deck_path() -> Path:
    """The deck in the language being spoken, beside the data it draws on; the English deck when that language has
    none."""
    if language() != ENGLISH:
        own = data_dir() / f"briefing.{language()}.md"
        if own.exists():
            return own
    return data_dir() / "briefing.md"


def deck_paths() -> list[Path]:
    """Every language's deck that staff have written, English first (what a check of all of data/ checks)."""
    english = data_dir() / "briefing.md"
    return [english] + [path for code in LANGUAGES if code != ENGLISH
                        if (path := data_dir() / f"briefing.{code}.md").exists()]


def read_deck(path: Path | None = None) -> tuple[str | None, str]:
    """The deck's text, or None and why it cannot be read, in words for staff."""
    try:
        return (path or deck_path()).read_text(encoding="utf-8-sig"), ""
    except FileNotFoundError:
        return None, _("the file does not exist")
    except UnicodeDecodeError:
        return None, _("save the deck as UTF-8 text")
    except OSError:  # a folder where the deck should be, or a file this server may not read
        return None, _("the file cannot be read (is it a folder, or not readable by this server?)")
