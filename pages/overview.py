"""Overview: the story in four numbers and one timeline.

Headline figures come from the curated tables by id, each with its source and date. Chart: events_timeline, every
dated event, filterable by country and category (both kept in the URL).
"""

import streamlit as st

from catalog import load
from charts.sources import source_markdown
from ui.chart_block import chart_block, chart_filters
from ui.frame import start_page

start_page()

# (dataset, key column, row id, short label, how the number is written, what it means)
HEADLINES = [
    ("border_crossings", "figure_id", "kz-2022-10-04-entered-200k", "Into Kazakhstan", "{value:,.0f}",
     "border crossings by Russians into Kazakhstan from 21 September to 4 October 2022, after the mobilization"),
    ("entry_bans", "ban_id", "ru-bars-kz-scholars", "Scholars barred", "{qualifier} {count}",
     "Kazakh scholars barred from entering Russia, reported in May 2025"),
    ("remittances", "figure_id", "nbk-kaz-13-fold", "Money transfers", "{value:g}-fold",
     "rise in transfers from Russia to Kazakhstan on the same period a year earlier, reported by Kazakhstan's "
     "central bank in October 2022"),
    ("us_visas", "figure_id", "tkm-overstay-b1b2-fy2023", "US overstays", "{value:.2f}%",
     "of Turkmen business and tourist (B-1/B-2) visitors overstayed their US visas in fiscal year 2023"),
]

sources = load("sources")

st.title("Borderlines")
st.markdown(
    "Border politics between Russia, Kazakhstan and the rest of Central Asia: tit-for-tat entry bans, extraditions "
    "of dissidents, the exodus after Russia's mobilization of 21 September 2022, changing entry rules, remittances, "
    "migrant workers, and US entry restrictions and visa overstays. Every number here links to where it was "
    "published."
)

for column, (dataset, key, row_id, label, written, meaning) in zip(st.columns(len(HEADLINES)), HEADLINES,
                                                                   strict=True):
    table = load(dataset).set_index(key)
    with column:
        if row_id not in table.index:  # a hand edit removed the row: say so rather than fail the page
            st.metric(label, "—", border=True)
            st.caption(f"{meaning}: this figure is no longer in the {dataset} data.")
            continue
        row = table.loc[row_id]
        st.metric(label, written.format(**row.to_dict()), border=True)
        st.caption(f"{meaning}. {source_markdown([row['source_id']], sources)}")

st.subheader("Timeline")
chart_block("events_timeline", chart_filters("events_timeline"))
st.page_link("pages/data.py", label="All data and sources", icon=":material/table:")
