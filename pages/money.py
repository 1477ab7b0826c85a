"""Money and migrants: what Central Asians working in Russia send home, and how many go.

Tables: remittances, migrant_workers. The recipient filter lives in the URL (?to=UZB,TJK).
"""

import streamlit as st

from catalog import load
from charts.registry import CHARTS
from ui.chart_block import chart_block, published_chart, tables_for
from ui.frame import start_page
from ui.url_state import url_filters

start_page()

remittances = load("remittances")
migrants = load("migrant_workers")
sources = load("sources")

st.title("Money and migrants")
st.markdown(
    "Millions of Uzbeks, Tajiks and Kyrgyz work in Russia, and the money they send home is a large part of their "
    "countries' economies. After 2022 the flows jumped. The figures come from different bodies that count "
    "differently: the Bank of Russia published money-transfer-system totals by country until 2021; from 2022 the "
    "recipients' central banks report their own. The two series are drawn apart and never joined."
)

transfers = CHARTS["transfers_by_year"]
tables = tables_for(transfers)
chart_block(published_chart(transfers, url_filters(transfers.filters, tables)), sources=sources)

st.subheader("Remittances as a share of GDP")
shares = CHARTS["remittances_share_of_gdp"]
chart_block(published_chart(shares), sources=sources)
st.caption("Figures whose source gives no year are left off the chart; they are in the table below.")
with st.expander("Every remittance figure, including part-year, share-of-GDP and all-sender figures"):
    st.dataframe(remittances, hide_index=True, width="stretch")

st.subheader("Migrant workers")
work_entries = CHARTS["work_entries"]
chart_block(published_chart(work_entries), sources=sources)
with st.expander("Every migrant-worker figure: patents, registered stocks, citizenship, expulsions"):
    st.dataframe(migrants, hide_index=True, width="stretch")
