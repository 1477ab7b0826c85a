"""The 2022 exodus: Russians crossing into Kazakhstan, Georgia, Finland and Mongolia after the mobilization of
21 September 2022, as officials counted them. Every figure counts border crossings, not people.

Tables: border_crossings, places. The map's date lives in the URL (?on=2022-10-04).
"""

import pandas as pd
import streamlit as st

from catalog import country_names, load
from catalog.boundaries import CRIMEA_NOTE, country_outlines
from charts.exodus import exodus_arcs, since_mobilization_on, totals_since_mobilization
from charts.maps import arc_map
from charts.registry import CHARTS
from ui.chart_block import chart_block, published_chart
from ui.frame import start_page
from ui.screen import map_palette, map_zoom
from ui.sources import escape_markdown, source_markdown
from ui.url_state import url_choice

start_page()

CAPITALS = {"KAZ": "astana", "GEO": "tbilisi", "FIN": "helsinki", "MNG": "ulaanbaatar"}

crossings = load("border_crossings")
places = load("places")
sources = load("sources")
names = country_names()

st.title("The 2022 exodus")
st.markdown(
    "After Russia announced a \"partial\" mobilization on 21 September 2022, queues formed at every land border. "
    "Officials in the neighbouring countries gave running counts. These are **border crossings, not people**: "
    "someone who entered twice is counted twice, and many moved on."
)

st.subheader("Counted since the mobilization")
dates = sorted(totals_since_mobilization(crossings)["period_end"].dt.strftime("%Y-%m-%d").unique(), reverse=True)
on = url_choice("Figures stated by", dates, "on", format_func=lambda day: pd.Timestamp(day).strftime("%d %B %Y"))
latest = since_mobilization_on(crossings, pd.Timestamp(on))
arcs = exodus_arcs(latest, places, CAPITALS, names)
border_places = places[places["kind"].isin(["city", "crossing"])]
st.pydeck_chart(arc_map(arcs, country_outlines(), centre=(60, 50), zoom=map_zoom(2.2), points=border_places,
                         palette=map_palette()), height=460)
st.caption("Arcs join Moscow to each capital to show direction, not routes; their width grows with the square root "
           "of the count, so their area compares the figures. Small dots: border cities that received many arrivals "
           f"and the Upper Lars crossing into Georgia, each from a cited source. {CRIMEA_NOTE}")
st.markdown("\n".join(f"- {escape_markdown(label)}" for label in arcs["label"]))
st.caption(source_markdown(latest["source_id"], sources))
missing = sorted(set(CAPITALS) - set(latest["destination_country"]))
if missing:
    st.caption("No count since 21 September had been stated by then for: "
               + ", ".join(names[iso3] for iso3 in missing) + ".")

st.subheader("Every dated statement")
statements = CHARTS["exodus_statements"]
chart_block(published_chart(statements), sources=sources)

st.subheader("Who stayed")
stayed = crossings[crossings["measure"].isin(["remained", "citizenship_applications", "id_numbers_issued",
                                              "permits_issued"])]
st.markdown("Estimates of people still in the country, applications for citizenship, and documents issued to "
            "arrivals (ID numbers, permits).")
st.dataframe(stayed[["destination_country", "measure", "period_start", "period_end", "value", "approximate",
                     "qualifier", "counts", "stated_by", "notes"]], hide_index=True, width="stretch",
             column_config={"period_start": st.column_config.DateColumn(format="YYYY-MM-DD"),
                            "period_end": st.column_config.DateColumn(format="YYYY-MM-DD")})
