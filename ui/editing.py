"""The editor's views: a file's problems, what an edit changes, what deserves a second look, and the history.

Everything here shows staff text through st.dataframe or escaped Markdown, never as HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from catalog.diff import Anomaly, TableDiff
from catalog.history import Version
from catalog.problems import Problem

CHANGED_CELL = "background-color: rgba(230, 159, 0, 0.35)"  # Okabe-Ito orange, readable in light and dark themes


def show_problems(problems: list[Problem], what: str) -> None:
    """Every problem with its row (as a spreadsheet numbers it), column, value and rule."""
    files = len({problem.file for problem in problems})
    st.error(f"{what} has {len(problems)} problem{'s' * (len(problems) != 1)}"
             f"{f' in {files} files' if files > 1 else ''}. Nothing can be published until they are fixed.",
             icon=":material/error:")
    st.dataframe(pd.DataFrame([{"File": problem.file, "Row": problem.row, "Column": problem.column,
                                "Value": problem.value, "Rule": problem.rule} for problem in problems]),
                 hide_index=True, width="stretch")


def show_diff(diff: TableDiff, key: str) -> None:
    """Rows added, changed (changed cells marked and written "before → after") and removed."""
    st.markdown(f"**{diff.summary()}.**")
    if not diff.added.empty:
        st.markdown("Added")
        st.dataframe(diff.added, hide_index=True, width="stretch", key=f"{key}-added")
    if diff.changes:
        st.markdown("Changed (marked cells read *before → after*)")
        marked = pd.DataFrame("", index=diff.changed_rows.index, columns=diff.changed_rows.columns)
        row_of = {row_key: position for position, row_key in enumerate(diff.changed_rows[diff.key])}
        for change in diff.changes:
            marked.iat[row_of[change.key], marked.columns.get_loc(change.column)] = CHANGED_CELL
        st.dataframe(diff.changed_rows.style.apply(lambda _: marked, axis=None), hide_index=True, width="stretch",
                     key=f"{key}-changed")
    if not diff.removed.empty:
        st.markdown("Removed")
        st.dataframe(diff.removed, hide_index=True, width="stretch", key=f"{key}-removed")


def show_anomalies(found: list[Anomaly]) -> None:
    st.warning(f"Take a second look at {len(found)} thing{'s' * (len(found) != 1)} before publishing: they are "
               "allowed, but unusual.", icon=":material/visibility:")
    st.dataframe(pd.DataFrame([{"Row": anomaly.key, "Column": anomaly.column, "Value": anomaly.value,
                                "Why": anomaly.reason} for anomaly in found]), hide_index=True, width="stretch")


def history_table(versions: list[Version], changes: pd.DataFrame, current_digest: str) -> pd.DataFrame:
    """One row per kept version, newest first, with the changelog line that made it (if an editor did)."""
    by_version = changes.set_index("version") if not changes.empty else pd.DataFrame()
    rows = []
    for version in versions:
        logged = by_version.loc[version.id] if version.id in by_version.index else None
        rows.append({
            "Kept (UTC)": version.kept_at.strftime("%Y-%m-%d %H:%M:%S"),
            "Version": version.id,
            "Published now": "yes" if version.matches(current_digest) else "",
            "By": logged["editor"] if logged is not None else "(outside the editor)",
            "Note": logged["note"] if logged is not None else "",
        })
    return pd.DataFrame(rows)
