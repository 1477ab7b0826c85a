"""Extraditions: Russians (and others) held, returned or stranded, mostly by Kazakhstan, since 2022.

Tables: extraditions. Filters (status, holding country) live in the URL.
"""

import streamlit as st

from catalog import load
from charts.registry import CHARTS
from ui.chart_block import chart_block, published_chart, tables_for
from ui.frame import start_page
from ui.url_state import url_filters

start_page()

sources = load("sources")

st.title("Extraditions")
st.markdown(
    "Kazakhstan said in September 2022 that it would not hand over Russians fleeing the draft unless they were wanted "
    "on criminal charges. Since then it has returned some, among them a former presidential guard and anti-war "
    "activists with asylum claims pending. Each row is one case as reported; where two sources disagree, both rows "
    "are kept."
)

by_status, steps = CHARTS["extradition_status"], CHARTS["extradition_steps"]
tables = tables_for(by_status)
chosen = url_filters(by_status.filters, tables)  # both charts share these filters
if by_status.rows(tables, chosen).empty:
    st.info("No cases match these filters.")
    st.stop()

chart_block(published_chart(by_status, chosen), sources=sources)
chart_block(published_chart(steps, chosen), sources=sources)
