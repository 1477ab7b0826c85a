"""Entry bans: "an eye for an eye". Russia and Kazakhstan barring each other's citizens, in 2025.

Tables: entry_bans. Filters (direction, occupation, search) live in the URL; charts, table and download all show
exactly the filtered rows.
"""

import streamlit as st

from catalog import country_names, load
from catalog.boundaries import CRIMEA_NOTE, country_outlines
from charts.bans import OCCUPATION_LABELS, ban_arcs, bans_by_occupation, bans_timeline, with_direction
from charts.maps import arc_map
from ui.chart_block import chart_block
from ui.frame import start_page
from ui.sources import escape_markdown, source_plain
from ui.url_state import url_choice, url_multichoice, url_text

start_page()

bans = load("entry_bans")
sources = load("sources")
names = country_names()

st.title("Entry bans")
st.markdown(
    "In spring 2025 Russia and Kazakhstan began barring each other's citizens: Kazakhstan turned away a Russian "
    "historian and blacklisted Duma deputies; Russia declared a Kazakh journalist and an activist \"undesirable\" "
    "and, according to Radio Azattyk, barred around 70 Kazakh scholars. Each row below is a person or group as "
    "reported, with its source."
)

directions = ["all", *sorted({f"{b}>{n}" for b, n in zip(bans["banning_country"], bans["nationality"], strict=True)})]
direction = url_choice("Direction", directions, "direction",
                       format_func=lambda key: "Both directions" if key == "all" else
                       f"{names[key.split('>')[0]]} bars {names[key.split('>')[1]]} citizens")
occupations = url_multichoice("Occupation", [job for job in OCCUPATION_LABELS if job in set(bans["occupation"])],
                              "occupation", format_func=OCCUPATION_LABELS.get)
search = url_text("Search names and context", "q", placeholder="e.g. Duma, historian")

shown = bans[bans["occupation"].isin(occupations)]
if direction != "all":
    banning, nationality = direction.split(">")
    shown = shown[(shown["banning_country"] == banning) & (shown["nationality"] == nationality)]
if search:
    text = shown["person_or_group"].str.cat(shown["reason_or_context"].fillna(""), sep=" ")
    shown = shown[text.str.contains(search, case=False, regex=False)]

if shown.empty:
    st.info("No bans match these filters.")
    st.stop()

table = with_direction(shown, names)
source_text = source_plain(shown["source_id"], sources)
chart_block(bans_timeline(shown, names, source_text), table, sources=sources,
            alt_text=f"Dot chart of {len(shown)} entry bans by the date each was reported, one row per direction.",
            file_stem="borderlines-entry-bans-timeline")
chart_block(bans_by_occupation(shown, names, source_text), table, sources=sources,
            alt_text="Bar chart of people barred by occupation, for each direction.",
            file_stem="borderlines-entry-bans-by-occupation")

st.subheader("Who bars whom")
places = load("places")
capitals = places[places["kind"] == "capital"].set_index("country")
arcs = ban_arcs(shown, capitals, names)
st.pydeck_chart(arc_map(arcs, country_outlines(), centre=(55, 52), zoom=2.6), height=380)
st.caption("Each arc runs from the banning country's capital to the barred people's country; wider arcs, more people "
           f"barred. {CRIMEA_NOTE}")
st.markdown("\n".join(f"- {escape_markdown(label)}" for label in arcs["label"]))
