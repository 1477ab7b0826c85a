"""A frozen copy of the published data, for a briefing that must not change under the presenter's feet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from catalog.store import last_changed, load_catalog


@dataclass(frozen=True)
class Snapshot:
    """Every dataset as readers see it (a file that fails its check by its last good version), the catalog's
    version, and when its newest file last changed."""

    tables: dict[str, pd.DataFrame]
    version: str
    as_of: datetime | None


def take_snapshot() -> Snapshot:
    catalog = load_catalog()
    changed = [last_changed(state.path) for state in catalog.states.values()]
    return Snapshot({name: state.table for name, state in catalog.states.items() if state.usable}, catalog.version,
                    max(filter(None, changed), default=None))
