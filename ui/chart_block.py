"""The one way a page shows a chart: a registry chart, built from the published tables for the reader's choices,
theme and screen, with its Chart and Table tabs, notes, source line, a CSV of exactly the rows shown, a PNG export
named after it (plotly's camera button), its text alternative, and Embed and Cite (the edition's address). A page
names the chart; this loads the rest."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from catalog import load, load_catalog, translated
from catalog.boundaries import boundaries_path, country_outlines, outlines_problem
from catalog.export import dates_as_written, safe_csv
from catalog.store import display_name
from charts.palette import DARK, LIGHT, PALETTES
from charts.registry import CHARTS
from charts.sources import source_markdown
from charts.spec import Chart, ChartSpec, Chosen, Look
from charts.text import escape_markdown
from charts.theme import plotly_locale
from i18n import _, language, ngettext, speaking
from ui.embed import embed_and_cite
from ui.presenter import presenting, screen
from ui.screen import in_the_dark, on_a_narrow_screen
from ui.url_state import url_filters

# What a page puts around a chart on a presenter's screen: the tabs above it and the padding of the page.
ROOM_AROUND_A_PAGE_CHART = 110


def published_tables(spec: ChartSpec) -> dict[str, pd.DataFrame]:
    """The published tables a registry chart reads, their text in the language being spoken (translations.csv)."""
    return translated({name: load(name) for name in spec.reads}, language())


def chart_filters(name: str) -> dict[str, str | list[str]]:
    """The widgets for a chart's filters, each bound to its URL parameter; returns the values chosen. Charts that
    share filters share these values."""
    return url_filters(CHARTS[name].filters, filter_options(name, load_catalog().version, language()))


@st.cache_resource(max_entries=256, show_spinner=False)
def filter_options(name: str, version: str, language: str) -> dict[str, dict[str, str]]:
    """Each of a chart's choice filters' options (value to label), worked out once per data version and language
    rather than from the tables on every run. Never written to: every session shares them."""
    spec = CHARTS[name]
    with speaking(language):
        tables = published_tables(spec)
        return {item.param: item.options(tables) for item in spec.filters if item.kind != "text"}


def reader_look(room_for_text: int = ROOM_AROUND_A_PAGE_CHART, on_a_slide: bool = False) -> Look:
    """How this reader's screen shows charts: their theme, a phone's layout on a narrow screen, or presenter mode
    sized to leave `room_for_text` pixels of the screen for what surrounds the chart; in the reader's language."""
    palette = DARK if in_the_dark() else LIGHT
    if presenting():
        return Look(palette, presenter_height=max(320, screen()["height"] - room_for_text), on_a_slide=on_a_slide,
                    language=language())
    return Look(palette, phone=on_a_narrow_screen(), language=language())


def chart_block(name: str, chosen: Chosen | None = None) -> bool:
    """Draw a registry chart (or table) with everything that goes with it; when the reader's filters leave it no
    rows, say so instead and return False."""
    spec = CHARTS[name]
    chart = published_chart(name, chosen, reader_look())
    if chart.rows.empty:
        st.info(_(spec.no_rows))
        return False
    if spec.is_table:
        show_table(chart)
    else:
        chart_tab, table_tab = st.tabs([_("Chart"), _("Table")])
        with chart_tab:
            show_figure(chart, outlines_problem() if spec.is_map else "")
            if chart.notes:
                st.caption(escape_markdown(chart.notes))
            if chart.in_words:
                st.markdown("\n".join(f"- {escape_markdown(words)}" for words in chart.in_words))
        with table_tab:
            show_table(chart)
    show_sources(chart)
    # The CSV is made when the reader clicks, not on every rerun of the page. The click does not rerun the page:
    # a rerun replaces the button's file, and the browser, still fetching the old one, would get nothing.
    rows = len(chart.rows)
    st.download_button(ngettext("Download this {count} row (CSV)", "Download these {count} rows (CSV)",
                                rows).format(count=rows), lambda: safe_csv(chart.rows),
                       file_name=f"{chart.file_stem}.csv", mime="text/csv", icon=":material/download:",
                       key=f"download-{chart.file_stem}", on_click="ignore")
    embed_and_cite(spec, chart)
    return True


def show_table(chart: Chart) -> None:
    tabled(chart.serial, _chart=chart)


@st.cache_resource(max_entries=1024, show_spinner=False)
def tabled(serial: int, _chart: Chart) -> None:
    """The chart's rows as a grid, made once per chart: a later run sends the same element again (Streamlit replays
    what a cached function sent) instead of writing the rows out as Arrow for every reader."""
    st.dataframe(dates_as_written(_chart.rows), hide_index=True, width="stretch")


def show_sources(chart: Chart) -> None:
    """A source line under the chart, or a list to open when there are many."""
    used = len(chart.sources)
    if not used:
        return
    if used <= Chart.MOST_IN_A_LINE:
        st.caption(chart.source_line)
    else:
        with st.expander(_("Sources ({count})").format(count=used)):
            st.markdown(chart.source_line)


def cited_markdown(source_ids: Iterable[str]) -> str:
    """The source line for some source ids (a headline figure's, a rule's), written once per data version and
    language rather than on every run of the page."""
    return _cited_markdown(tuple(source_ids), load_catalog().version, language())


@st.cache_data(max_entries=1024, show_spinner=False)
def _cited_markdown(source_ids: tuple[str, ...], version: str, language: str) -> str:
    with speaking(language):
        return source_markdown(list(source_ids), load("sources"))


def without_outlines(why: str) -> None:
    """The notice that the maps have no country outlines, and why (in the reader's language)."""
    st.warning(_("Maps are drawn without country outlines: {file} cannot be used ({why}).").format(
        file=escape_markdown(display_name(boundaries_path())), why=why), icon=":material/map:")


def show_figure(chart: Chart, outlines_missing: str = "") -> None:
    """The figure alone. A plotly chart's camera button saves a PNG named after it, its source burned in; in
    presenter mode it keeps its own presenter template, which Streamlit's chart theme would set back to reading
    size. A map drawn without country outlines says so above it (`outlines_missing`: why, in the reader's
    language)."""
    if chart.is_map:
        if outlines_missing:
            without_outlines(outlines_missing)
        mapped(chart.serial, _chart=chart)
        return
    plotted(chart.serial, presenting(), language(), _chart=chart)


@st.cache_resource(max_entries=64, show_spinner=False)  # a map's element holds its outlines: fewer are kept
def mapped(serial: int, _chart: Chart) -> None:
    """A map sent once per chart and replayed on later runs, like a figure (plotted)."""
    st.pydeck_chart(_chart.figure, height=_chart.height, key=f"chart-{_chart.file_stem}", alt=_chart.announced)


@st.cache_resource(max_entries=1024, show_spinner=False)
def plotted(serial: int, presenter: bool, reader_language: str, _chart: Chart) -> None:
    """A plotly figure sent once per chart, presenter mode and language: a later run sends the same element again
    (Streamlit replays what a cached function sent). Writing a figure out, a full copy of it and then its JSON, took
    2 to 23 ms a chart on every run."""
    st.plotly_chart(_chart.figure, key=f"chart-{_chart.file_stem}", alt=_chart.announced,
                    theme=None if presenter else "streamlit", config={
                        "displaylogo": False,
                        "toImageButtonOptions": {"format": "png", "filename": _chart.file_stem, "scale": 2},
                        **plotly_locale(reader_language)})


def published_chart(name: str, chosen: Chosen | None, look: Look) -> Chart:
    """A registry chart built from the published tables, built once per data version, filter choice and look (its
    language too: the chart's words are drawn into it).

    Building a figure is most of a page's rerun; readers who click through the same views share one. The figure
    is never changed after it is built.
    """
    frozen = tuple(sorted((param, tuple(value) if isinstance(value, list) else value)
                          for param, value in (chosen or {}).items()))
    return _built(name, frozen, load_catalog().version, look.palette.name, look.phone, look.presenter_height,
                  look.on_a_slide, look.language)


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(name: str, chosen: tuple, version: str, palette: str, phone: bool, presenter_height: int | None,
           on_a_slide: bool, language: str) -> Chart:
    spec = CHARTS[name]
    with speaking(language):
        tables = published_tables(spec)
    return spec.build(tables,
                      {param: list(value) if isinstance(value, tuple) else value for param, value in chosen},
                      Look(PALETTES[palette], phone, presenter_height, on_a_slide, language),
                      country_outlines() if spec.is_map else None)
