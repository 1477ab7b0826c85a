"""Money and migrants: what Central Asians working in Russia send home, and how many go.

Tables: remittances, migrant_workers. The recipient filter lives in the URL (?to=UZB,TJK).
"""

import streamlit as st

from catalog import country_names, load
from charts.money import full_years_from_russia, transfers_by_year, work_entries
from ui.chart_block import chart_block
from ui.frame import start_page
from ui.sources import source_plain
from ui.url_state import url_multichoice

start_page()

remittances = load("remittances")
migrants = load("migrant_workers")
sources = load("sources")
names = country_names()

st.title("Money and migrants")
st.markdown(
    "Millions of Uzbeks, Tajiks and Kyrgyz work in Russia, and the money they send home is a large part of their "
    "countries' economies. After 2022 the flows jumped. The figures come from different bodies that count "
    "differently: the Bank of Russia published money-transfer-system totals by country until 2021; from 2022 the "
    "recipients' central banks report their own. The two series are drawn apart and never joined."
)

years = full_years_from_russia(remittances)
recipients = url_multichoice("Receiving country", sorted(years["to_country"].unique()), "to",
                             format_func=lambda iso3: names.get(iso3, iso3))
shown = years[years["to_country"].isin(recipients)]
chart_block(
    transfers_by_year(shown, names, source_plain(shown["source_id"], sources)),
    shown,
    sources=sources,
    alt_text="Line chart of money sent from Russia each year to Central Asian countries, with the Bank of Russia "
             "and recipient central bank series drawn separately.",
    file_stem="borderlines-transfers-by-year",
)
with st.expander("Every remittance figure, including part-year, share-of-GDP and all-sender figures"):
    st.dataframe(remittances, hide_index=True, width="stretch")

st.subheader("Migrant workers")
entries = migrants[migrants["measure"] == "work_entries"]
chart_block(
    work_entries(entries, names, source_plain(entries["source_id"], sources)),
    entries,
    sources=sources,
    alt_text="Grouped bars of entries to Russia for work by country, for each reporting period.",
    file_stem="borderlines-work-entries",
)
with st.expander("Every migrant-worker figure: patents, registered stocks, citizenship, expulsions"):
    st.dataframe(migrants, hide_index=True, width="stretch")
