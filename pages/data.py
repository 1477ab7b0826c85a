"""Data & sources: every dataset behind Borderlines, what it holds, where it comes from, and a download of each.

Reads every table through the catalog; the chosen dataset lives in the URL (?dataset=NAME) so a link reopens it.
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from catalog import DATASETS, load_catalog
from catalog.export import safe_csv
from catalog.history import changelog
from catalog.store import data_dir, last_changed
from charts.spec import for_readers
from ui.frame import start_page
from ui.url_state import url_choice

start_page()


@st.cache_data(show_spinner=False)
def changed_on(path: str, digest: str) -> str:
    """Last change of a file; cached on its content digest, so an edit is seen on the next rerun."""
    when = last_changed(Path(path))
    return when.strftime("%d %b %Y") if when else "unknown"


def published_on(date: object, precision: object) -> str:
    """A publication date at its precision: 2022-10-04, 2022-10 or 2022."""
    if date is None or pd.isna(date):
        return ""
    return pd.Timestamp(date).strftime({"month": "%Y-%m", "year": "%Y"}.get(precision, "%Y-%m-%d"))


def source_table(sources: pd.DataFrame) -> None:
    shown = sources.assign(published=[published_on(date, precision) for date, precision in
                                      zip(sources["date_published"], sources["date_published_precision"],
                                          strict=True)])
    st.dataframe(
        shown[["source_id", "publisher", "title", "url", "published", "language", "notes"]],
        hide_index=True, width="stretch",
        column_config={
            "source_id": st.column_config.TextColumn("Source id"),
            "url": st.column_config.LinkColumn("Address"),
            "published": st.column_config.TextColumn("Published"),
        },
    )


def with_sentences(table: pd.DataFrame, dataset) -> pd.DataFrame:
    """A dataset whose sources' sentences are kept in another file (events, in event_quotes) shown with them."""
    quotes = catalog.states[dataset.quoted_in].table if dataset.quoted_in else None
    if quotes is None or quotes.empty:
        return table
    return table.merge(for_readers(quotes)[[dataset.key, "quote"]], on=dataset.key, how="left")


catalog = load_catalog()
sources = catalog.states["sources"].table

st.title("Data & sources")
st.markdown(
    "Every number in Borderlines comes from a published source listed below, with its address, and every row "
    "carries the source's own sentence that states it (`quote`, in the source's language). Nothing is estimated or "
    "filled in by us; an estimate or forecast is one the source gave, and says so (`kind`). Where sources "
    "disagree, both figures are kept and the notes say so; where two reports give the same figure, both rows stay "
    "and one names the other (`same_as`), so no chart counts it twice. Qualifiers are the sources' own words "
    "(\"around 70\"), a range keeps both ends, and a date is given only as precisely as the source gives it. "
    "Border figures count **crossings, not people**: one person who crosses twice is counted twice."
)

if catalog.problems:
    failed = [state.dataset.title for state in catalog.states.values() if not state.ok]
    st.error(f"{len(failed)} dataset(s) failed their check: {', '.join(failed)}. Readers see each one's last good "
             "version until it is fixed. The problems are listed below.", icon=":material/error:")
    st.dataframe(pd.DataFrame([vars(problem) for problem in catalog.problems]), hide_index=True, width="stretch")


def status(state) -> str:
    if state.ok:
        return "OK"
    if state.served:
        return f"failed its check; showing the version of {state.served.kept_at:%d %b %Y %H:%M} UTC"
    return "failed its check; not shown"


summary = pd.DataFrame([{
    "Dataset": state.dataset.title,
    "File": f"data/{state.dataset.filename}",
    "Rows": len(state.table),
    "Sources": state.table["source_id"].nunique() if "source_id" in state.table and name != "sources" else None,
    "Last changed": changed_on(str(state.path), state.digest),
    "Status": status(state),
} for name, state in catalog.states.items()])
st.subheader("Datasets")
st.dataframe(summary, hide_index=True, width="stretch")

name = url_choice("Dataset", list(DATASETS), "dataset", format_func=lambda key: DATASETS[key].title)
state = catalog.states[name]
dataset = state.dataset

st.subheader(dataset.title)
st.markdown(dataset.description)
rows_col, sources_col, changed_col = st.columns(3)
rows_col.metric("Rows", f"{len(state.table):,}")
used_sources = sources[sources["source_id"].isin(state.table["source_id"])] if "source_id" in state.table else \
    sources.iloc[0:0]
sources_col.metric("Sources", len(used_sources) if name != "sources" else "—")
changed_col.metric("Last changed", changed_on(str(state.path), state.digest))

if not state.ok:
    st.warning(f"{dataset.filename} failed its check; see the problems above. {status(state).capitalize()}.")
if state.usable:
    readers_table = for_readers(state.table)
    st.dataframe(with_sentences(readers_table, dataset), hide_index=True, width="stretch")
    st.download_button(f"Download {dataset.filename}", safe_csv(readers_table), file_name=dataset.filename,
                       mime="text/csv", icon=":material/download:")

with st.expander("What each column means"):
    st.dataframe(pd.DataFrame([{"Column": spec.name, "Rules": spec.rule_summary(), "Meaning": spec.description}
                               for spec in dataset.columns if not spec.staff_only]), hide_index=True, width="stretch")

if name != "sources" and len(used_sources):
    st.markdown(f"**Sources of {dataset.title.lower()}**")
    source_table(used_sources)

st.subheader("All sources")
source_table(sources)

st.subheader("Changelog")
changes = changelog(data_dir())
if changes.empty:
    st.caption("No dataset has been published from the editor yet. Every publish and rollback will be listed here: "
               "when, which dataset, who, why, and how many rows were added, changed and removed.")
else:
    st.dataframe(changes, hide_index=True, width="stretch", column_config={
        "when": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
        "dataset": "Dataset", "action": "Action", "editor": "Editor", "note": "Note",
        "rows_added": st.column_config.NumberColumn("Added"),
        "rows_changed": st.column_config.NumberColumn("Changed"),
        "rows_removed": st.column_config.NumberColumn("Removed"),
        "version": st.column_config.TextColumn("Version kept in data/history"),
    })
    st.download_button("Download the changelog (CSV)", safe_csv(changes), file_name="changelog.csv", mime="text/csv",
                       icon=":material/download:")
