"""What an edit changes: rows added, removed and changed (cell by cell), and changes worth a second look.

Both sides are checked, typed tables of one dataset, matched on the dataset's key column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from catalog.datasets import Dataset
from catalog.export import dates_as_written

# Columns that describe how a figure was stated rather than which series it belongs to.
NOT_SERIES = {"qualifier", "date_precision", "source_id"}
FIGURE_COLUMNS = ("value", "count")
ORDER_COLUMNS = ("period_start", "date_reported", "date", "effective_date")
TENFOLD = 10


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """Cells as staff type them (a month-precise date as 2022-09), so that equal values compare equal whatever their
    dtype, and a diff shows what was written."""
    def cell(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            return format(value, ".15g")
        return str(value)

    return dates_as_written(table).map(cell).astype(str)


@dataclass
class CellChange:
    key: str
    column: str
    before: str
    after: str


@dataclass
class TableDiff:
    """Rows added and removed (as text) and every changed cell of the rows both sides share."""

    key: str
    added: pd.DataFrame
    removed: pd.DataFrame
    changed_rows: pd.DataFrame  # the rows after the edit, each changed cell written "before → after"
    changes: list[CellChange]

    @property
    def changed_keys(self) -> list[str]:
        return list(dict.fromkeys(change.key for change in self.changes))

    @property
    def empty(self) -> bool:
        return self.added.empty and self.removed.empty and not self.changes

    def summary(self) -> str:
        return (f"{len(self.added)} row{'s' * (len(self.added) != 1)} added, {len(self.changed_keys)} changed, "
                f"{len(self.removed)} removed")


def diff_tables(dataset: Dataset, before: pd.DataFrame, after: pd.DataFrame) -> TableDiff:
    key = dataset.key
    old = as_text(before[dataset.column_names]).set_index(key, drop=False)
    new = as_text(after[dataset.column_names]).set_index(key, drop=False)
    added = new.loc[[k for k in new.index if k not in old.index]]
    removed = old.loc[[k for k in old.index if k not in new.index]]
    shared = [k for k in new.index if k in old.index]
    changes = [CellChange(k, column, old.at[k, column], new.at[k, column])
               for k in shared for column in dataset.column_names if old.at[k, column] != new.at[k, column]]
    changed_rows = new.loc[list(dict.fromkeys(change.key for change in changes))].copy()
    for change in changes:
        changed_rows.at[change.key, change.column] = f"{change.before or '(empty)'} → {change.after or '(empty)'}"
    return TableDiff(key, added.reset_index(drop=True), removed.reset_index(drop=True),
                     changed_rows.reset_index(drop=True), changes)


@dataclass
class Anomaly:
    """Something in an edit that is allowed but unusual enough to ask the editor to look again."""

    key: str
    column: str
    value: str
    reason: str


def anomalies(dataset: Dataset, before: pd.DataFrame, after: pd.DataFrame, diff: TableDiff,
              today: date) -> list[Anomaly]:
    """Figures ten times larger or smaller than the one before, source ids not used before, dates in the future,
    among the rows the edit adds or changes."""
    touched = set(diff.added[diff.key]) | set(diff.changed_keys)
    rows = after[after[dataset.key].isin(touched)]
    found = figure_jumps(dataset, before, after, rows) + new_sources(dataset, before, after, rows)
    for spec in dataset.columns:
        if spec.kind == "date":
            future = rows[rows[spec.name] > pd.Timestamp(today)]
            found += [Anomaly(row[dataset.key], spec.name, f"{row[spec.name]:%Y-%m-%d}",
                              f"is after today ({today:%Y-%m-%d})") for _, row in future.iterrows()]
    return found


def figure_jumps(dataset: Dataset, before: pd.DataFrame, after: pd.DataFrame,
                        rows: pd.DataFrame) -> list[Anomaly]:
    names = dataset.column_names
    figure = next((column for column in FIGURE_COLUMNS if column in names), None)
    if figure is None:
        return []
    order = next((column for column in ORDER_COLUMNS if column in names), None)
    series = [spec.name for spec in dataset.columns
              if spec.kind in ("choice", "reference") and spec.name not in NOT_SERIES]
    old = before.set_index(dataset.key)[figure]
    found = []
    for _, row in rows.iterrows():
        value = row[figure]
        if pd.isna(value):
            continue
        key = row[dataset.key]
        if key in old.index and not pd.isna(old[key]) and is_tenfold(value, old[key]):
            found.append(Anomaly(key, figure, f"{value:,.15g}", f"was {old[key]:,.15g} before this edit"))
            continue
        if order is None or pd.isna(row[order]):
            continue
        in_series = (after[series].fillna("") == row[series].fillna("")).all(axis=1)
        same_series = after[in_series & (after[order] < row[order]) & after[figure].notna()]
        if not same_series.empty:
            previous = same_series.sort_values(order).iloc[-1]
            if is_tenfold(value, previous[figure]):
                found.append(Anomaly(key, figure, f"{value:,.15g}",
                                     f"the figure before it in the same series ({previous[dataset.key]}, "
                                     f"{previous[order]:%Y-%m-%d}) is {previous[figure]:,.15g}"))
    return found


def is_tenfold(value: float, reference: float) -> bool:
    if reference == 0:
        return value != 0
    ratio = value / reference
    return ratio > TENFOLD or ratio < 1 / TENFOLD


def new_sources(dataset: Dataset, before: pd.DataFrame, after: pd.DataFrame, rows: pd.DataFrame) -> list[Anomaly]:
    if dataset.name == "sources":
        known, column = set(before["source_id"]), "source_id"
    elif "source_id" in dataset.column_names:
        known, column = set(before["source_id"].dropna()), "source_id"
    else:
        return []
    return [Anomaly(row[dataset.key], column, row[column], "is a source id this dataset did not use before")
            for _, row in rows.iterrows() if not pd.isna(row[column]) and row[column] not in known]
