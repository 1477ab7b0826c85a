"""The 2022 exodus: Russians crossing into Kazakhstan, Georgia, Finland and Mongolia after the mobilization of
21 September 2022, as officials counted them. Every figure counts border crossings, not people.

Charts: exodus_map (its day lives in the URL, ?on=2022-10-04), exodus_statements, who_stayed, border_lengths,
border_facts.
"""

import streamlit as st

from ui.chart_block import chart_block, chart_filters
from ui.frame import start_page

start_page()

st.title("The 2022 exodus")
st.markdown(
    "After Russia announced a \"partial\" mobilization on 21 September 2022, queues formed at every land border. "
    "Officials in the neighbouring countries gave running counts. These are **border crossings, not people**: "
    "someone who entered twice is counted twice, and many moved on."
)

st.subheader("Counted since the mobilization")
chart_block("exodus_map", chart_filters("exodus_map"))

st.subheader("Every dated statement")
chart_block("exodus_statements")

st.subheader("Who stayed")
st.markdown("Counts at a date of people still in the country, or holding permits; people who moved on to third "
            "countries; applications for citizenship; and documents issued to arrivals (ID numbers, permits). A "
            "row marked `part_of` is part of another row's total, and one marked `same_as` is another report of a "
            "figure already listed.")
chart_block("who_stayed")

st.subheader("The border")
st.markdown("Kazakhstan and Russia share one of the world's longest land borders (\"the world's longest continuous "
            "border\", The Diplomat wrote; \"the second longest\", says another report), and the sources do not "
            "agree how long it is. Every length below is a source's own figure.")
chart_block("border_lengths")
with st.expander("Every figure about the border: lengths and crossing points"):
    chart_block("border_facts")
