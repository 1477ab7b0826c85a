"""Every chart on every page comes with the same things: sources, a table, a CSV of exactly the rows shown,
a PNG export named after the chart, and a one-sentence text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from catalog.export import safe_csv
from ui.sources import source_markdown


def chart_block(figure: go.Figure, rows: pd.DataFrame, *, sources: pd.DataFrame, alt_text: str,
                file_stem: str) -> None:
    """Draw a figure with its source line, and a table tab and download of `rows` (the data the figure shows)."""
    chart_tab, table_tab = st.tabs(["Chart", "Table"])
    with chart_tab:
        st.plotly_chart(figure, key=f"chart-{file_stem}", alt=alt_text, config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
        })
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
    st.download_button(f"Download these {len(rows)} rows (CSV)", safe_csv(rows), file_name=f"{file_stem}.csv",
                       mime="text/csv", icon=":material/download:", key=f"download-{file_stem}")
