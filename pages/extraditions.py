"""Extraditions: Russians (and others) held, returned or stranded, mostly by Kazakhstan, since 2022.

Tables: extraditions. Filters (status, holding country) live in the URL.
"""

import streamlit as st

from catalog import country_names, load
from charts.extraditions import STATUS_LABELS, case_steps, cases_by_status
from ui.chart_block import chart_block
from ui.frame import start_page
from ui.sources import source_plain
from ui.url_state import url_multichoice

start_page()

cases = load("extraditions")
sources = load("sources")
names = country_names()

st.title("Extraditions")
st.markdown(
    "Kazakhstan said in September 2022 that it would not hand over Russians fleeing the draft unless they were wanted "
    "on criminal charges. Since then it has returned some, among them a former presidential guard and anti-war "
    "activists with asylum claims pending. Each row is one case as reported; where two sources disagree, both rows "
    "are kept."
)

statuses = url_multichoice("Status", [key for key in STATUS_LABELS if key in set(cases["status"])], "status",
                           format_func=STATUS_LABELS.get)
holders = url_multichoice("Held by", sorted(cases["from_country"].unique()), "held_by",
                          format_func=lambda iso3: names.get(iso3, iso3))
shown = cases[cases["status"].isin(statuses) & cases["from_country"].isin(holders)]
if shown.empty:
    st.info("No cases match these filters.")
    st.stop()

table = shown
source_text = source_plain(shown["source_id"], sources)
chart_block(cases_by_status(shown, source_text), table, sources=sources,
            alt_text=f"Bar chart of {len(shown)} cases by status, coloured by asylum status.",
            file_stem="borderlines-extraditions-status")
chart_block(case_steps(shown, source_text), table, sources=sources,
            alt_text="Timeline of the dated steps of each case that has reported dates.",
            file_stem="borderlines-extraditions-steps")
