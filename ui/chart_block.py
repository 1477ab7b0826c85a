"""Every chart on every page comes with the same things: sources, a table, a CSV of exactly the rows shown,
a PNG export named after the chart, and a one-sentence text alternative."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from catalog import load, load_catalog
from catalog.export import safe_csv
from charts.registry import CHARTS, Chart, ChartSpec
from charts.text import for_a_phone
from charts.theme import for_the_dark
from ui.presenter import presented, presenting
from ui.screen import in_the_dark, on_a_narrow_screen
from ui.sources import source_markdown

# What a page puts around a chart on a presenter's screen: the tabs above it and the padding of the page.
ROOM_AROUND_A_PAGE_CHART = 110


def chart_block(chart: Chart, *, sources: pd.DataFrame) -> None:
    """Draw a chart with its source line, and a table tab and download of the rows it shows."""
    if presenting():
        chart = presented(chart, ROOM_AROUND_A_PAGE_CHART)
    rows = chart.rows
    chart_tab, table_tab = st.tabs(["Chart", "Table"])
    with chart_tab:
        draw(chart)
    with table_tab:
        st.dataframe(rows, hide_index=True, width="stretch", column_config={
            column: st.column_config.DateColumn(format="YYYY-MM-DD")
            for column in rows.columns if pd.api.types.is_datetime64_any_dtype(rows[column])})
    if "source_id" in rows:
        used = rows["source_id"].nunique()
        if used <= 3:
            st.caption(source_markdown(rows["source_id"], sources))
        else:
            with st.expander(f"Sources ({used})"):
                st.markdown(source_markdown(rows["source_id"], sources, one_per_line=True))
    # The CSV is made when the reader clicks, not on every rerun of the page.
    st.download_button(f"Download these {len(rows)} rows (CSV)", lambda: safe_csv(rows),
                       file_name=f"{chart.file_stem}.csv", mime="text/csv", icon=":material/download:",
                       key=f"download-{chart.file_stem}")


def draw(chart: Chart) -> None:
    """The figure alone, its camera button saving a PNG named after the chart. In presenter mode the figure keeps
    its own presenter template: Streamlit's chart theme would set its type back to reading size."""
    figure = for_a_phone(chart.figure) if on_a_narrow_screen() and not presenting() else chart.figure
    if in_the_dark():
        figure = for_the_dark(figure)
    st.plotly_chart(figure, key=f"chart-{chart.file_stem}", alt=chart.alt_text,
                    theme=None if presenting() else "streamlit", config={
        "displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": chart.file_stem, "scale": 2}})


def tables_for(spec: ChartSpec) -> dict[str, pd.DataFrame]:
    """The published tables a registry chart reads."""
    return {name: load(name) for name in spec.datasets}


def published_chart(spec: ChartSpec, chosen: dict[str, str | list[str]] | None = None) -> Chart:
    """A registry chart built from the published tables, built once per data version and filter choice.

    Building a figure is most of a page's rerun; readers who click through the same views share one. The figure
    is never changed after it is built (presenter mode styles a copy).
    """
    frozen = tuple(sorted((param, tuple(value) if isinstance(value, list) else value)
                          for param, value in (chosen or {}).items()))
    return _built(spec.name, frozen, load_catalog().version)


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(name: str, chosen: tuple, version: str) -> Chart:
    spec = CHARTS[name]
    return spec.build(tables_for(spec), {param: list(value) if isinstance(value, tuple) else value
                                         for param, value in chosen})
