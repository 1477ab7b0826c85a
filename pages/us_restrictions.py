"""US restrictions: visa refusals, Turkmenistan's overstays, the June 2025 proclamation and the 2026 visa bonds.

Charts: us_visa_refusals, us_refusal_map (its year lives in the URL, ?year=2023), us_rules_in_force; and
Turkmenistan's overstay rates as figures.
"""

import streamlit as st

from catalog import load
from charts.sources import source_markdown
from charts.us_visas import overstay_rates
from ui.chart_block import chart_block, chart_filters
from ui.frame import start_page

start_page()

st.title("US restrictions")
st.markdown(
    "The United States refuses around half of Central Asians' tourist and business visa applications. In June 2025 "
    "Proclamation 10949 partially suspended entry for citizens of Turkmenistan, citing overstay rates; from January "
    "2026, citizens of Turkmenistan, Kyrgyzstan and Tajikistan may have to post a bond of up to $15,000 for a visa."
)

chart_block("us_visa_refusals")

st.subheader("Refusal rates on the map")
chart_block("us_refusal_map", chart_filters("us_refusal_map"))

st.subheader("Turkmenistan's overstays")
OVERSTAY_KINDS = {"overstay_rate_b1_b2": ("B-1/B-2 overstays", "business and tourist visitors"),
                  "overstay_rate_f_m_j": ("F, M, J overstays", "student and exchange visitors")}
overstays, sources = overstay_rates(load("us_visas")), load("sources")
for column, row in zip(st.columns(len(overstays)), overstays.itertuples(), strict=True):
    label, who = OVERSTAY_KINDS[row.measure]
    column.metric(label, f"{row.value:.2f}%", border=True)
    column.caption(f"of Turkmen {who} stayed past their visas in US fiscal year 2023 (1 Oct 2022 to 30 Sep 2023), "
                   f"the figure the proclamation cited. {source_markdown([row.source_id], sources)}")

st.subheader("Restrictions in force")
chart_block("us_rules_in_force")
