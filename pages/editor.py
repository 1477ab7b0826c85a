"""Editor: newsroom staff replace or edit a dataset, read every problem, see the diff, publish, or roll back.

Behind a sign-in (ui/login.py). Checks, publishing and history are the data layer's (catalog.publish,
catalog.history); this page only gathers the edit and shows what it would do. ?dataset=NAME&task=upload|edit|history
"""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from catalog import DATASETS, load_catalog
from catalog import history as kept
from catalog.csvfile import read_table
from catalog.diff import anomalies, diff_tables
from catalog.publish import (
    Draft,
    PublishConflict,
    PublishRefused,
    canonical_csv,
    draft,
    publish,
    published_table,
    rollback,
)
from catalog.store import data_dir, digest
from ui.editing import history_table, show_anomalies, show_diff, show_problems
from ui.frame import start_page
from ui.login import signed_in_editor
from ui.url_state import url_choice

start_page()

TASKS = {"upload": "Replace with a file", "edit": "Edit rows", "history": "History and rollback"}
MAX_UPLOAD_MB = st.get_option("server.maxUploadSize")

st.title("Editor")
editor = signed_in_editor()
if editor is None:
    st.stop()

directory = data_dir()
name = url_choice("Dataset", list(DATASETS), "dataset", format_func=lambda key: DATASETS[key].title)
dataset = DATASETS[name]
state = load_catalog().states[name]
published = (directory / dataset.filename).read_bytes() if (directory / dataset.filename).exists() else None

# The version this editor started from: publishing refuses if someone else published after it (no lost update).
base_key = f"base-{name}"
if base_key not in st.session_state:
    st.session_state[base_key] = published
base = st.session_state[base_key]

st.caption(f"Signed in as {editor}. Every publish names you in the public changelog.")
if not state.ok:
    show_problems(state.problems, f"The published {dataset.filename}")
    st.caption(f"Readers see its version of {state.served.kept_at:%d %b %Y %H:%M} UTC." if state.served
               else "Readers see nothing from it: no earlier version passes its check.")
if base != published:
    st.warning("This dataset was published again since you opened it; publishing now would be refused.",
               icon=":material/sync_problem:")
    if st.button("Start again from the published version"):
        del st.session_state[base_key]
        st.rerun()

task = url_choice("What to do", list(TASKS), "task", format_func=TASKS.get)


def review(candidate: Draft) -> None:
    """Problems, or the diff, the anomalies and the publish form."""
    if candidate.problems:
        show_problems(candidate.problems, "This file")
        return
    before = published_table(name, base) if base is not None else None
    if before is None:
        before = state.table if state.usable else candidate.table.iloc[0:0]
    diff = diff_tables(dataset, before, candidate.table)
    if diff.empty:
        st.info("This is the same as the published version: nothing to publish.")
        return
    st.subheader("What would change")
    show_diff(diff, "draft")
    flagged = anomalies(dataset, before, candidate.table, diff, datetime.now(UTC).date())
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
                publish_and_report(lambda: publish(directory, name, candidate.content, editor=editor, note=note,
                                                   base=base))


def publish_and_report(action) -> None:
    try:
        entry = action()
    except PublishConflict as conflict:
        st.error("Not published: someone else published this dataset after you opened it. Their change is below; "
                 "start again from the published version and redo yours.", icon=":material/sync_problem:")
        if conflict.between is not None:
            show_diff(conflict.between, "between")
        return
    except PublishRefused as refused:
        show_problems(refused.problems, "This file")
        return
    st.session_state[base_key] = (directory / dataset.filename).read_bytes()
    done = "Rolled back" if entry.action == "rollback" else "Published"
    st.success(f"{done} {dataset.filename}: {entry.rows_added} added, {entry.rows_changed} changed, "
               f"{entry.rows_removed} removed. Readers see it on their next click.", icon=":material/check_circle:")
    st.page_link("pages/data.py", label="See it on Data & sources, with the changelog", icon=":material/table:",
                 query_params={"dataset": name})


def text_cells(content: bytes | None) -> pd.DataFrame:
    kinds = {spec.name: spec.kind for spec in dataset.columns}
    cells = read_table(content or b"", dataset.filename, dataset.column_names, kinds).cells
    return cells.reset_index(drop=True).astype("string")


if task == "upload":
    st.markdown(f"Upload a replacement for **{dataset.filename}**, as Excel or a text editor saves it (UTF-8 or "
                f"Windows-1251, commas or semicolons). It is checked with the same rules as `make check-data`; "
                f"the limit is {MAX_UPLOAD_MB} MB.")
    uploaded = st.file_uploader("Replacement CSV", type=["csv", "txt"], key=f"upload-{name}")
    if uploaded is not None:
        if uploaded.size > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(f"{uploaded.name} is {uploaded.size / 1024 / 1024:.1f} MB; the limit is {MAX_UPLOAD_MB} MB. "
                     "Is it the right file?")
        else:
            review(draft(name, uploaded.getvalue(), uploaded.name, directory))
elif task == "edit":
    st.markdown("Change cells, add rows at the bottom, or select rows and delete them. Dates are YYYY-MM-DD; "
                "the data dictionary on the Data & sources page gives every column's rules.")
    cells = text_cells(base)
    edited = st.data_editor(cells, num_rows="dynamic", hide_index=True, width="stretch",
                            key=f"rows-{name}-{digest(base or b'')[:12]}")
    if not edited.reset_index(drop=True).equals(cells):
        review(draft(name, canonical_csv(edited), f"{dataset.filename} (edited here)", directory))
else:
    versions = kept.versions(directory, name)
    changes = kept.changelog(directory)
    table = history_table(versions, changes[changes["dataset"] == name], digest(published or b""))
    st.dataframe(table, hide_index=True, width="stretch")
    labels = {row["Version"]: f"{row['Kept (UTC)']} UTC, {row['By']}{': ' + row['Note'] if row['Note'] else ''}"
              for _, row in table.iterrows()}
    earlier = [version.id for version in versions if not version.matches(digest(published or b""))]
    if not earlier:
        st.info("There is no earlier version to roll back to.")
    else:
        chosen = kept.find_version(directory, name, st.selectbox("Roll back to", earlier, format_func=labels.get))
        target = published_table(name, chosen.content())
        if target is None:
            st.error("That version no longer passes the check (a source or country it names may have gone).")
        else:
            current = state.table if state.usable else target.iloc[0:0]
            st.subheader("What the rollback would change")
            show_diff(diff_tables(dataset, current, target), "rollback")
            with st.form("rollback"):
                note = st.text_area("Why roll back? (public)", max_chars=500)
                if st.form_submit_button("Roll back", type="primary", icon=":material/history:"):
                    if not note.strip():
                        st.error("Write a note: readers see it in the changelog.")
                    else:
                        publish_and_report(lambda: rollback(directory, name, chosen.id, editor=editor, note=note,
                                                            base=base))
