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
from catalog.problems import Problem, said
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
from i18n import ENGLISH, N_, _, language, ngettext
from i18n.formats import date_at, number
from ui.edition_build import edition_progress, rebuild_edition

CHANGED_CELL = f"background-color: {LIGHT.changed_cell}"  # the same in the dark theme, where it reads as well


def show_problems(problems: list[Problem], what: str) -> None:
    """Every problem with its row (as a spreadsheet numbers it), column, value and rule (in the language being
    spoken, as far as the rule's words are translated)."""
    files, count = len({problem.file for problem in problems}), len(problems)
    if files > 1:
        told = ngettext("{what} has {count} problem in {files} files. Nothing can be published until they are fixed.",
                        "{what} has {count} problems in {files} files. Nothing can be published until they are "
                        "fixed.", count)
    else:
        told = ngettext("{what} has {count} problem. Nothing can be published until they are fixed.",
                        "{what} has {count} problems. Nothing can be published until they are fixed.", count)
    st.error(told.format(what=what, count=count, files=files), icon=":material/error:")
    st.dataframe(pd.DataFrame([{_("File"): problem.file, _("Row"): problem.row, _("Column"): problem.column,
                                _("Value"): problem.value, _("Rule"): said(problem.rule)} for problem in problems]),
                 hide_index=True, width="stretch")


def show_diff(diff: TableDiff, key: str) -> None:
    """Rows added, changed (changed cells marked and written "before → after") and removed."""
    st.markdown(f"**{diff.summary()}.**")
    if not diff.added.empty:
        st.markdown(_("Added"))
        st.dataframe(diff.added, hide_index=True, width="stretch", key=f"{key}-added")
    if diff.changes:
        st.markdown(_("Changed (marked cells read *before → after*)"))
        marked = pd.DataFrame("", index=diff.changed_rows.index, columns=diff.changed_rows.columns)
        row_of = {row_key: position for position, row_key in enumerate(diff.changed_rows[diff.key])}
        for change in diff.changes:
            marked.iat[row_of[change.key], marked.columns.get_loc(change.column)] = CHANGED_CELL
        st.dataframe(diff.changed_rows.style.apply(lambda _: marked, axis=None), hide_index=True, width="stretch",
                     key=f"{key}-changed")
    if not diff.removed.empty:
        st.markdown(_("Removed"))
        st.dataframe(diff.removed, hide_index=True, width="stretch", key=f"{key}-removed")


def show_anomalies(found: list[Anomaly]) -> None:
    st.warning(ngettext("Take a second look at {count} thing before publishing: they are allowed, but unusual.",
                        "Take a second look at {count} things before publishing: they are allowed, but unusual.",
                        len(found)).format(count=len(found)), icon=":material/visibility:")
    st.dataframe(pd.DataFrame([{_("Row"): anomaly.key, _("Column"): anomaly.column, _("Value"): anomaly.value,
                                _("Why"): anomaly.reason} for anomaly in found]), hide_index=True, width="stretch")


def history_table(versions: list[Version], changes: pd.DataFrame, current_digest: str) -> pd.DataFrame:
    """One row per kept version, newest first, with the changelog line that made it (if an editor did); its
    columns are named in the language being spoken."""
    by_version = changes.set_index("version") if not changes.empty else pd.DataFrame()
    rows = []
    for version in versions:
        logged = by_version.loc[version.id] if version.id in by_version.index else None
        rows.append({
            _("Kept (UTC)"): version.kept_at.strftime("%Y-%m-%d %H:%M:%S"),
            _("Version"): version.id,
            _("Published now"): _("yes") if version.matches(current_digest) else "",
            _("By"): logged["editor"] if logged is not None else _("(outside the editor)"),
            _("Note"): logged["note"] if logged is not None else "",
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
            show_problems(self.state.problems, _("The published {filename}").format(filename=self.dataset.filename))
            served = self.state.served
            st.caption(_("Readers see its version of {when} UTC.").format(
                when=f"{date_at(served.kept_at)} {served.kept_at:%H:%M}") if served
                else _("Readers see nothing from it: no earlier version passes its check."))
        if self.base != self.published():
            st.warning(_("This dataset was published again since you opened it; publishing now would be refused."),
                       icon=":material/sync_problem:")
            if st.button(_("Start again from the published version")):
                self.start_again()
                st.rerun()

    def upload(self) -> None:
        limit = st.get_option("server.maxUploadSize")
        st.markdown(_("Upload a replacement for **{filename}**, as Excel or a text editor saves it (UTF-8 or "
                      "Windows-1251, commas or semicolons). It is checked with the same rules as `make check-data`; "
                      "the limit is {limit} MB.").format(filename=self.dataset.filename, limit=limit))
        uploaded = st.file_uploader(_("Replacement CSV"), type=["csv", "txt"], key=f"upload-{self.name}")
        if uploaded is None:
            return
        if uploaded.size > limit * 1024 * 1024:
            megabytes = uploaded.size / 1024 / 1024
            size = f"{megabytes:.1f}" if language() == ENGLISH else number(megabytes, 1)
            st.error(_("{name} is {size} MB; the limit is {limit} MB. Is it the right file?").format(
                name=uploaded.name, size=size, limit=limit))
            return
        self.review(draft(self.name, uploaded.getvalue(), uploaded.name, self.directory))

    def edit_rows(self) -> None:
        st.markdown(_("Change cells, add rows at the bottom, or select rows and delete them. Dates are YYYY-MM-DD; "
                      "the data dictionary on the Data & sources page gives every column's rules."))
        parsed = read_table(self.base or b"", self.dataset.filename, self.dataset)
        cells = parsed.cells.reset_index(drop=True).astype("string")
        edited = st.data_editor(cells, num_rows="dynamic", hide_index=True, width="stretch",
                                key=f"rows-{self.name}-{digest(self.base or b'')[:12]}")
        if not edited.reset_index(drop=True).equals(cells):
            self.review(draft(self.name, canonical_csv(edited),
                              _("{filename} (edited here)").format(filename=self.dataset.filename), self.directory))

    def review(self, candidate: Draft) -> None:
        """Problems, or the diff, the anomalies and the publish form."""
        if candidate.problems:
            show_problems(candidate.problems, _("This file"))
            return
        before = published_table(self.name, self.base) if self.base is not None else None
        if before is None:
            before = self.state.table if self.state.usable else candidate.table.iloc[0:0]
        diff = diff_tables(self.dataset, before, candidate.table)
        if diff.empty:
            st.info(_("This is the same as the published version: nothing to publish."))
            return
        st.subheader(_("What would change"))
        show_diff(diff, "draft")
        flagged = anomalies(self.dataset, before, candidate.table, diff, datetime.now(UTC).date())
        if flagged:
            show_anomalies(flagged)
        with st.form("publish"):
            note = st.text_area(_("Change note (public: what changed and why)"), max_chars=500)
            looked = st.checkbox(_("I have checked the flagged rows")) if flagged else True
            if st.form_submit_button(_("Publish"), type="primary", icon=":material/publish:"):
                if not note.strip():
                    st.error(_("Write a change note: readers see it in the changelog."))
                elif not looked:
                    st.error(_("Tick the box once you have checked the flagged rows."))
                else:
                    self.report(lambda: publish(self.directory, self.name, candidate.content, editor=self.editor,
                                                note=note, base=self.base))

    def history_and_rollback(self) -> None:
        versions = history.versions(self.directory, self.name)
        changes = history.changelog(self.directory)
        current = digest(self.published() or b"")
        table = history_table(versions, changes[changes["dataset"] == self.name], current)
        st.dataframe(table, hide_index=True, width="stretch")
        kept, version, by, note = _("Kept (UTC)"), _("Version"), _("By"), _("Note")
        labels = {row[version]: f"{row[kept]} UTC, {row[by]}{': ' + row[note] if row[note] else ''}"
                  for _index, row in table.iterrows()}
        earlier = [version.id for version in versions if not version.matches(current)]
        if not earlier:
            st.info(_("There is no earlier version to roll back to."))
            return
        chosen = history.find_version(self.directory, self.name,
                                      st.selectbox(_("Roll back to"), earlier, format_func=labels.get))
        target = published_table(self.name, chosen.content())
        if target is None:
            st.error(_("That version no longer passes the check (a source or country it names may have gone)."))
            return
        st.subheader(_("What the rollback would change"))
        show_diff(diff_tables(self.dataset, self.state.table if self.state.usable else target.iloc[0:0], target),
                  "rollback")
        with st.form("rollback"):
            note = st.text_area(_("Why roll back? (public)"), max_chars=500)
            if st.form_submit_button(_("Roll back"), type="primary", icon=":material/history:"):
                if not note.strip():
                    st.error(_("Write a note: readers see it in the changelog."))
                else:
                    self.report(lambda: rollback(self.directory, self.name, chosen.id, editor=self.editor,
                                                 note=note, base=self.base))

    def report(self, action: Callable[[], ChangeEntry]) -> None:
        """Publish (or roll back) and say what happened, or why not."""
        try:
            entry = action()
        except PublishConflict as conflict:
            st.error(_("Not published: someone else published this dataset after you opened it. Their change is "
                       "below; start again from the published version and redo yours."),
                     icon=":material/sync_problem:")
            if conflict.between is not None:
                show_diff(conflict.between, "between")
            return
        except PublishRefused as refused:
            show_problems(refused.problems, _("This file"))
            return
        except PublishFailed as failed:  # a full disk, a read-only data folder: nothing was published
            st.error(str(failed), icon=":material/error:")
            return
        st.session_state[f"base-{self.name}"] = self.published()
        done = _("Rolled back {filename}: {added} added, {changed} changed, {removed} removed. Readers see it on "
                 "their next click.") if entry.action == "rollback" else \
            _("Published {filename}: {added} added, {changed} changed, {removed} removed. Readers see it on their "
              "next click.")
        st.success(done.format(filename=self.dataset.filename, added=entry.rows_added, changed=entry.rows_changed,
                               removed=entry.rows_removed), icon=":material/check_circle:")
        st.page_link("pages/data.py", label=_("See it on Data & sources, with the changelog"),
                     icon=":material/table:", query_params={"dataset": self.name})
        if rebuild_edition():  # the static edition follows the new version, in the background
            edition_progress()


TASKS: dict[str, tuple[str, Callable[[EditSession], None]]] = {
    "upload": (N_("Replace with a file"), EditSession.upload),
    "edit": (N_("Edit rows"), EditSession.edit_rows),
    "history": (N_("History and rollback"), EditSession.history_and_rollback),
}


def task_label(key: str) -> str:
    """A task as the editor's menu names it, in the language being spoken."""
    return _(TASKS[key][0])


def dataset_title(name: str) -> str:
    return _(DATASETS[name].title)
