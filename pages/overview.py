"""Overview: what Borderlines is about and where its numbers come from."""

import streamlit as st

from catalog import load_catalog
from ui.frame import start_page

start_page()

st.title("Borderlines")
st.markdown(
    "Border politics between Russia, Kazakhstan and the rest of Central Asia: tit-for-tat entry bans, extraditions "
    "of dissidents, the exodus after Russia's mobilization of 21 September 2022, changing entry rules, remittances, "
    "migrant workers, and US entry restrictions and visa overstays."
)
catalog = load_catalog()
rows = sum(len(state.table) for state in catalog.states.values())
sources = len(catalog.states["sources"].table)
st.markdown(
    f"Every figure here traces to a published source: **{rows:,} rows** from **{sources} sources**, "
    "each listed with its address on the data page."
)
st.page_link("pages/data.py", label="Browse the data and its sources", icon=":material/table:")
