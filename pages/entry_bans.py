"""Entry bans: "an eye for an eye". Russia and Kazakhstan barring each other's citizens, in 2025.

Tables: entry_bans. Filters (direction, occupation, search) live in the URL; charts, table and download all show
exactly the filtered rows.
"""

import streamlit as st

from catalog import country_names, load
from catalog.boundaries import CRIMEA_NOTE, country_outlines
from charts.bans import ban_arcs
from charts.maps import arc_map
from charts.registry import CHARTS
from ui.chart_block import chart_block, published_chart, tables_for
from ui.frame import start_page
from ui.screen import map_palette, map_zoom
from ui.sources import escape_markdown
from ui.url_state import url_filters

start_page()

sources = load("sources")
names = country_names()

st.title("Entry bans")
st.markdown(
    "In spring 2025 Russia and Kazakhstan began barring each other's citizens: Kazakhstan turned away a Russian "
    "historian and blacklisted Duma deputies; Russia declared a Kazakh journalist and an activist \"undesirable\" "
    "and, according to Radio Azattyk, barred around 70 Kazakh scholars. Each row below is a person or group as "
    "reported, with its source."
)

timeline, by_occupation = CHARTS["bans_timeline"], CHARTS["bans_by_occupation"]
tables = tables_for(timeline)
chosen = url_filters(timeline.filters, tables)  # both charts share these filters
shown = timeline.rows(tables, chosen)
if shown.empty:
    st.info("No bans match these filters.")
    st.stop()

chart_block(published_chart(timeline, chosen), sources=sources)
chart_block(published_chart(by_occupation, chosen), sources=sources)

st.subheader("Who bars whom")
places = load("places")
capitals = places[places["kind"] == "capital"].set_index("country")
arcs = ban_arcs(shown, capitals, names)
st.pydeck_chart(arc_map(arcs, country_outlines(), centre=(55, 52), zoom=map_zoom(2.6), palette=map_palette()),
                height=380)
st.caption("Each arc runs from the banning country's capital to the barred people's country; wider arcs, more people "
           f"barred. {CRIMEA_NOTE}")
st.markdown("\n".join(f"- {escape_markdown(label)}" for label in arcs["label"]))
