"""Data & sources: every dataset behind Borderlines, what it holds, where it comes from, and a download of each.

Reads every table through the catalog; the chosen dataset lives in the URL (?dataset=NAME) so a link reopens it.
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from catalog import DATASETS, load_catalog
from catalog.boundaries import outlines_problem
from catalog.export import dates_as_written, safe_csv
from catalog.history import changelog
from catalog.store import data_dir, last_changed
from charts.spec import for_readers
from i18n import ENGLISH, _, language, ngettext
from i18n.formats import date_at, number
from ui.chart_block import without_outlines
from ui.frame import start_page
from ui.url_state import url_choice

start_page()


@st.cache_data(show_spinner=False)
def last_change(path: str, digest: str):
    """Last change of a file; cached on its content digest, so an edit is seen on the next rerun."""
    return last_changed(Path(path))


def changed_on(path: str, digest: str) -> str:
    """The day of a file's last change, in the reader's language."""
    when = last_change(path, digest)
    return date_at(when) if when else _("unknown")


def sentence(text: str) -> str:
    """A status as a sentence of its own (English has always capitalised it whole)."""
    return text.capitalize() if language() == ENGLISH else text[:1].upper() + text[1:]


def source_table(sources: pd.DataFrame) -> None:
    st.dataframe(
        dates_as_written(sources)[["source_id", "publisher", "title", "url", "date_published", "language", "notes"]],
        hide_index=True, width="stretch",
        column_config={
            "source_id": st.column_config.TextColumn(_("Source id")),
            "url": st.column_config.LinkColumn(_("Address")),
            "date_published": st.column_config.TextColumn(_("Published")),
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

st.title(_("Data & sources"))
st.markdown(_(
    "Every number in Borderlines comes from a published source listed below, with its address, and every row "
    "carries the source's own sentence that states it (`quote`, in the source's language). Nothing is estimated or "
    "filled in by us; an estimate or forecast is one the source gave, and says so (`kind`). Where sources "
    "disagree, both figures are kept and the notes say so; where two reports give the same figure, both rows stay "
    "and one names the other (`same_as`), so no chart counts it twice. Qualifiers are the sources' own words "
    "(\"around 70\"), a range keeps both ends, and a date is given only as precisely as the source gives it. "
    "Border figures count **crossings, not people**: one person who crosses twice is counted twice."
))

if catalog.problems:
    failed = [_(state.dataset.title) for state in catalog.states.values() if not state.ok]
    st.error(ngettext("{count} dataset failed its check: {names}. Readers see its last good version until it is "
                      "fixed. The problems are listed below.",
                      "{count} dataset(s) failed their check: {names}. Readers see each one's last good version "
                      "until it is fixed. The problems are listed below.", len(failed)).format(
                 count=len(failed), names=", ".join(failed)), icon=":material/error:")
    st.dataframe(pd.DataFrame([vars(problem) for problem in catalog.problems]), hide_index=True, width="stretch")
if outlines_problem():
    without_outlines(outlines_problem())


def status(state) -> str:
    if state.ok:
        return _("OK")
    if state.served:
        kept_at = state.served.kept_at
        return _("failed its check; showing the version of {day} {time} UTC").format(day=date_at(kept_at),
                                                                                    time=f"{kept_at:%H:%M}")
    return _("failed its check; not shown")


summary = pd.DataFrame([{
    _("Dataset"): _(state.dataset.title),
    _("File"): f"data/{state.dataset.filename}",
    _("Rows"): len(state.table),
    # a dash, not an empty cell the grid would label "None" in every language, for the tables that cite nothing
    _("Sources"): str(state.table["source_id"].nunique()) if "source_id" in state.table and name != "sources"
    else "—",
    _("Last changed"): changed_on(str(state.path), state.digest),
    _("Status"): status(state),
} for name, state in catalog.states.items()])
st.subheader(_("Datasets"))
st.dataframe(summary, hide_index=True, width="stretch",  # the counts, text for the dash, align as the numbers do
             column_config={_("Sources"): st.column_config.TextColumn(alignment="right")})

name = url_choice(_("Dataset"), list(DATASETS), "dataset", format_func=lambda key: _(DATASETS[key].title))
state = catalog.states[name]
dataset = state.dataset

st.subheader(_(dataset.title))
st.markdown(_(dataset.description))
rows_col, sources_col, changed_col = st.columns(3)
rows_col.metric(_("Rows"), number(len(state.table)))
used_sources = sources[sources["source_id"].isin(state.table["source_id"])] if "source_id" in state.table else \
    sources.iloc[0:0]
sources_col.metric(_("Sources"), len(used_sources) if name != "sources" else "—")
changed_col.metric(_("Last changed"), changed_on(str(state.path), state.digest))

if not state.ok:
    st.warning(_("{file} failed its check; see the problems above. {status}.").format(
        file=dataset.filename, status=sentence(status(state))))
if state.usable:
    readers_table = for_readers(state.table)
    st.dataframe(dates_as_written(with_sentences(readers_table, dataset)), hide_index=True, width="stretch")
    st.download_button(_("Download {file}").format(file=dataset.filename), safe_csv(readers_table),
                       file_name=dataset.filename, mime="text/csv", icon=":material/download:", on_click="ignore")

with st.expander(_("What each column means")):
    st.dataframe(pd.DataFrame([{_("Column"): spec.name, _("Rules"): spec.rules_said(), _("Meaning"): spec.meaning()}
                               for spec in dataset.columns if not spec.staff_only]), hide_index=True, width="stretch")

if name != "sources" and len(used_sources):
    title = _(dataset.title)
    st.markdown(_("**Sources of {dataset}**").format(dataset=title.lower() if language() == ENGLISH else title))
    source_table(used_sources)

st.subheader(_("All sources"))
source_table(sources)

st.subheader(_("Changelog"))
changes = changelog(data_dir())
if changes.empty:
    st.caption(_("No dataset has been published from the editor yet. Every publish and rollback will be listed "
                 "here: when, which dataset, who, why, and how many rows were added, changed and removed."))
else:
    st.dataframe(changes, hide_index=True, width="stretch", column_config={
        "when": st.column_config.DatetimeColumn(_("When (UTC)"), format="YYYY-MM-DD HH:mm"),
        "dataset": _("Dataset"), "action": _("Action"), "editor": _("Editor"), "note": _("Note"),
        "rows_added": st.column_config.NumberColumn(_("Added")),
        "rows_changed": st.column_config.NumberColumn(_("Changed")),
        "rows_removed": st.column_config.NumberColumn(_("Removed")),
        "version": st.column_config.TextColumn(_("Version kept in data/history")),
    })
    st.download_button(_("Download the changelog (CSV)"), safe_csv(changes), file_name="changelog.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")
