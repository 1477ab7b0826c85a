"""The briefing deck staff edit, data/briefing.md: where it lives and how it is read (UTF-8, with or without the
BOM a Windows editor writes). Parsing and checking it against the charts is deck.slides' work."""

from __future__ import annotations

from pathlib import Path

from catalog.store import data_dir


def deck_path() -> Path:
    """The deck staff edit, beside the data it draws on."""
    return data_dir() / "briefing.md"


def read_deck(path: Path | None = None) -> tuple[str | None, str]:
    """The deck's text, or None and why it cannot be read, in words for staff."""
    try:
        return (path or deck_path()).read_text(encoding="utf-8-sig"), ""
    except FileNotFoundError:
        return None, "the file does not exist"
    except UnicodeDecodeError:
        return None, "save the deck as UTF-8 text"
    except OSError:  # a folder where the deck should be, or a file this server may not read
        return None, "the file cannot be read (is it a folder, or not readable by this server?)"
