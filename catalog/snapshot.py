"""A frozen copy of the published data and the briefing deck, for a briefing that must not change under the
presenter's feet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from catalog.boundaries import read_outlines
from catalog.deckfile import deck_path, read_deck
from catalog.store import last_changed, load_catalog
from deck.slides import Deck, checked_deck


@dataclass(frozen=True)
class Snapshot:
    """Every dataset as readers see it (a file that fails its check by its last good version), the country outlines,
    the catalog's version, when its newest file last changed, and the deck checked against those tables (with why
    it could not be read, when it could not); with no outlines, why the outlines file could not be drawn from (a
    message, said with `_`)."""

    tables: dict[str, pd.DataFrame]
    outlines: dict
    version: str
    as_of: datetime | None
    deck: Deck
    deck_problem: str = ""
    outlines_problem: str = ""


def take_snapshot() -> Snapshot:
    catalog = load_catalog()
    changed = [last_changed(state.path) for state in catalog.states.values()]
    tables = {name: state.table for name, state in catalog.states.items() if state.usable}
    text, unreadable = read_deck()
    deck = checked_deck(text, tables) if text is not None else Deck("Briefing", [])
    outlines, outlines_problem = read_outlines()
    return Snapshot(tables, outlines, catalog.version, max(filter(None, changed), default=None), deck,
                    f"{deck_path().name}: {unreadable}" if unreadable else "", outlines_problem)
