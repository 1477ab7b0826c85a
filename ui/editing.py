"""The editor's flow and views: a file's problems, what an edit changes, what deserves a second look, publishing,
and the history with rollback.

Checks, publishing and history belong to the data layer (catalog.publish, catalog.history); this module gathers an
edit and shows what it would do. Staff text is shown through st.dataframe or escaped Markdown, never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from catalog import DATASETS, Dataset, history
from catalog.csvfile import read_table
from catalog.diff import Anomaly, TableDiff, anomalies, diff_tables
from catalog.history import ChangeEntry, Version
from catalog.problems import Problem
from catalog.publish import (
    Draft,
    PublishConflict,
    PublishFailed,
    PublishRefused,
    canonical_csv,
    draft,
    publish,
    published_table,
    rollback,
)
from catalog.store import DatasetState, digest, published_content
from charts.palette import LIGHT
from ui.edition_build import edition_progress, rebuild_edition

CHANGED_CELL = f"background-color: {LIGHT.changed_cell}"  # the same in the dark theme, where it reads as well


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


@dataclass
class EditSession:
    """One signed-in editor working on one dataset, from the published version they opened (`base`)."""

    directory: Path
    dataset: Dataset
    editor: str
    state: DatasetState

    @property
    def name(self) -> str:
        return self.dataset.name

    def published(self) -> bytes | None:
        return published_content(self.name, self.directory)

    @property
    def base(self) -> bytes | None:
        """The published file as it was when this editor opened the dataset: publishing refuses if someone else
        published after it (no lost update)."""
        return st.session_state.setdefault(f"base-{self.name}", self.published())

    def start_again(self) -> None:
        st.session_state.pop(f"base-{self.name}", None)

    def show_status(self) -> None:
        """The published file's own problems, and a warning when it changed under this editor."""
        if not self.state.ok:
            show_problems(self.state.problems, f"The published {self.dataset.filename}")
            served = self.state.served
            st.caption(f"Readers see its version of {served.kept_at:%d %b %Y %H:%M} UTC." if served
                       else "Readers see nothing from it: no earlier version passes its check.")
        if self.base != self.published():
            st.warning("This dataset was published again since you opened it; publishing now would be refused.",
                       icon=":material/sync_problem:")
            if st.button("Start again from the published version"):
                self.start_again()
                st.rerun()

    def upload(self) -> None:
        limit = st.get_option("server.maxUploadSize")
        st.markdown(f"Upload a replacement for **{self.dataset.filename}**, as Excel or a text editor saves it "
                    "(UTF-8 or Windows-1251, commas or semicolons). It is checked with the same rules as "
                    f"`make check-data`; the limit is {limit} MB.")
        uploaded = st.file_uploader("Replacement CSV", type=["csv", "txt"], key=f"upload-{self.name}")
        if uploaded is None:
            return
        if uploaded.size > limit * 1024 * 1024:
            st.error(f"{uploaded.name} is {uploaded.size / 1024 / 1024:.1f} MB; the limit is {limit} MB. "
                     "Is it the right file?")
            return
        self.review(draft(self.name, uploaded.getvalue(), uploaded.name, self.directory))

    def edit_rows(self) -> None:
        st.markdown("Change cells, add rows at the bottom, or select rows and delete them. Dates are YYYY-MM-DD; "
                    "the data dictionary on the Data & sources page gives every column's rules.")
        parsed = read_table(self.base or b"", self.dataset.filename, self.dataset)
        cells = parsed.cells.reset_index(drop=True).astype("string")
        edited = st.data_editor(cells, num_rows="dynamic", hide_index=True, width="stretch",
                                key=f"rows-{self.name}-{digest(self.base or b'')[:12]}")
        if not edited.reset_index(drop=True).equals(cells):
            self.review(draft(self.name, canonical_csv(edited), f"{self.dataset.filename} (edited here)",
                              self.directory))

    def review(self, candidate: Draft) -> None:
        """Problems, or the diff, the anomalies and the publish form."""
        if candidate.problems:
            show_problems(candidate.problems, "This file")
            return
        before = published_table(self.name, self.base) if self.base is not None else None
        if before is None:
            before = self.state.table if self.state.usable else candidate.table.iloc[0:0]
        diff = diff_tables(self.dataset, before, candidate.table)
        if diff.empty:
            st.info("This is the same as the published version: nothing to publish.")
            return
        st.subheader("What would change")
        show_diff(diff, "draft")
        flagged = anomalies(self.dataset, before, candidate.table, diff, datetime.now(UTC).date())
        if flagged:
            show_anomalies(flagged)
        with st.form("publish"):
            note = st.text_area("Change note (public: what changed and why)", max_chars=500)
            looked = st.checkbox("I have checked the flagged rows") if flagged else True
            if st.form_submit_button("Publish", type="primary", icon=":material/publish:"):
                if not note.strip():
                    st.error("Write a change note: readers see it in the changelog.")
                elif not looked:
                    st.error("Tick the box once you have checked the flagged rows.")
                else:
                    self.report(lambda: publish(self.directory, self.name, candidate.content, editor=self.editor,
                                                note=note, base=self.base))

    def history_and_rollback(self) -> None:
        versions = history.versions(self.directory, self.name)
        changes = history.changelog(self.directory)
        current = digest(self.published() or b"")
        table = history_table(versions, changes[changes["dataset"] == self.name], current)
        st.dataframe(table, hide_index=True, width="stretch")
        labels = {row["Version"]: f"{row['Kept (UTC)']} UTC, {row['By']}{': ' + row['Note'] if row['Note'] else ''}"
                  for _, row in table.iterrows()}
        earlier = [version.id for version in versions if not version.matches(current)]
        if not earlier:
            st.info("There is no earlier version to roll back to.")
            return
        chosen = history.find_version(self.directory, self.name,
                                      st.selectbox("Roll back to", earlier, format_func=labels.get))
        target = published_table(self.name, chosen.content())
        if target is None:
            st.error("That version no longer passes the check (a source or country it names may have gone).")
            return
        st.subheader("What the rollback would change")
        show_diff(diff_tables(self.dataset, self.state.table if self.state.usable else target.iloc[0:0], target),
                  "rollback")
        with st.form("rollback"):
            note = st.text_area("Why roll back? (public)", max_chars=500)
            if st.form_submit_button("Roll back", type="primary", icon=":material/history:"):
                if not note.strip():
                    st.error("Write a note: readers see it in the changelog.")
                else:
                    self.report(lambda: rollback(self.directory, self.name, chosen.id, editor=self.editor,
                                                 note=note, base=self.base))

    def report(self, action: Callable[[], ChangeEntry]) -> None:
        """Publish (or roll back) and say what happened, or why not."""
        try:
            entry = action()
        except PublishConflict as conflict:
            st.error("Not published: someone else published this dataset after you opened it. Their change is "
                     "below; start again from the published version and redo yours.",
                     icon=":material/sync_problem:")
            if conflict.between is not None:
                show_diff(conflict.between, "between")
            return
        except PublishRefused as refused:
            show_problems(refused.problems, "This file")
            return
        except PublishFailed as failed:  # a full disk, a read-only data folder: nothing was published
            st.error(str(failed), icon=":material/error:")
            return
        st.session_state[f"base-{self.name}"] = self.published()
        done = "Rolled back" if entry.action == "rollback" else "Published"
        st.success(f"{done} {self.dataset.filename}: {entry.rows_added} added, {entry.rows_changed} changed, "
                   f"{entry.rows_removed} removed. Readers see it on their next click.",
                   icon=":material/check_circle:")
        st.page_link("pages/data.py", label="See it on Data & sources, with the changelog", icon=":material/table:",
                     query_params={"dataset": self.name})
        if rebuild_edition():  # the static edition follows the new version, in the background
            edition_progress()


TASKS: dict[str, tuple[str, Callable[[EditSession], None]]] = {
    "upload": ("Replace with a file", EditSession.upload),
    "edit": ("Edit rows", EditSession.edit_rows),
    "history": ("History and rollback", EditSession.history_and_rollback),
}


def dataset_title(name: str) -> str:
    return DATASETS[name].title
