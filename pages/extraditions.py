"""Extraditions: Russians (and others) held, returned or stranded, mostly by Kazakhstan, since 2022.

Charts: extradition_status, extradition_steps. They share their filters (status, holding country), which live in
the URL.
"""

import streamlit as st

from ui.chart_block import chart_block, chart_filters
from ui.frame import start_page

start_page()

st.title("Extraditions")
st.markdown(
    "Kazakhstan said in September 2022 that it would not hand over Russians fleeing the draft unless they were wanted "
    "on criminal charges. Since then it has returned some, among them a former presidential guard and anti-war "
    "activists with asylum claims pending. Each row is one case as reported; where two sources disagree, both rows "
    "are kept."
)

chosen = chart_filters("extradition_status")
if chart_block("extradition_status", chosen):
    chart_block("extradition_steps", chosen)
