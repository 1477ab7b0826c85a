"""Entry bans: "an eye for an eye". Russia and Kazakhstan barring each other's citizens, in 2025.

Charts: bans_timeline, bans_by_occupation, bans_map. They share their filters (direction, occupation, search),
which live in the URL; charts, tables and downloads all show exactly the filtered rows.
"""

import streamlit as st

from ui.chart_block import chart_block, chart_filters
from ui.frame import start_page

start_page()

st.title("Entry bans")
st.markdown(
    "In spring 2025 Russia and Kazakhstan began barring each other's citizens: Kazakhstan turned away a Russian "
    "historian and blacklisted Duma deputies; Russia declared a Kazakh journalist and an activist \"undesirable\" "
    "and, according to Radio Azattyk, barred around 70 Kazakh scholars. Each row below is a person or group as "
    "reported, with its source."
)

chosen = chart_filters("bans_timeline")
if chart_block("bans_timeline", chosen):
    chart_block("bans_by_occupation", chosen)
    st.subheader("Who bars whom")
    chart_block("bans_map", chosen)
