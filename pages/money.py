"""Money and migrants: what Central Asians working in Russia send home, and how many go.

Charts: transfers_by_year (its recipients live in the URL, ?to=UZB,TJK), remittances_share_of_gdp,
remittance_figures, work_entries, work_arrivals, migrant_worker_figures.
"""

import streamlit as st

from ui.chart_block import chart_block, chart_filters
from ui.frame import start_page

start_page()

st.title("Money and migrants")
st.markdown(
    "Millions of Uzbeks, Tajiks and Kyrgyz work in Russia, and the money they send home is a large part of their "
    "countries' economies. After 2022 the flows jumped. The figures come from different bodies that count "
    "differently: the Bank of Russia published money-transfer-system totals by country until 2021; from 2022 the "
    "recipients' central banks report their own. The two series are drawn apart and never joined. Hollow dots are "
    "estimates and forecasts the sources give, never joined to the counted figures."
)

chart_block("transfers_by_year", chart_filters("transfers_by_year"))

st.subheader("Remittances as a share of GDP")
chart_block("remittances_share_of_gdp")
with st.expander("Every remittance figure, including part-year, share-of-GDP and all-sender figures"):
    chart_block("remittance_figures")

st.subheader("Migrant workers")
chart_block("work_entries")
st.markdown("The Interior Ministry counts something else: the people who came to work, not their crossings.")
chart_block("work_arrivals")
with st.expander("Every migrant-worker figure: patents, registered stocks, citizenship, expulsions"):
    chart_block("migrant_worker_figures")
