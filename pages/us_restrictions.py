"""US restrictions: visa refusals, Turkmenistan's overstays, the June 2025 proclamation and the 2026 visa bonds.

Tables: us_visas, events, entry_rules. The map's year lives in the URL (?year=2023).
"""

import streamlit as st

from catalog import country_names, load
from catalog.boundaries import CRIMEA_NOTE, country_outlines
from charts.maps import choropleth_map
from charts.registry import CHARTS
from ui.chart_block import chart_block, published_chart
from ui.frame import start_page
from ui.screen import map_palette, map_zoom
from ui.sources import source_markdown
from ui.url_state import url_choice

start_page()

visas = load("us_visas")
sources = load("sources")
names = country_names()

st.title("US restrictions")
st.markdown(
    "The United States refuses around half of Central Asians' tourist and business visa applications. In June 2025 "
    "Proclamation 10949 partially suspended entry for citizens of Turkmenistan, citing overstay rates; from January "
    "2026, citizens of Turkmenistan, Kyrgyzstan and Tajikistan may have to post a bond of up to $15,000 for a visa."
)

refusals = CHARTS["us_visa_refusals"]
chart_block(published_chart(refusals), sources=sources)

st.subheader("Refusal rates on the map")
rates = visas[visas["measure"] == "b_visa_refusal_rate"]
years = sorted(rates["period_start"].dt.year.astype(str).unique(), reverse=True)
year = url_choice("Year", years, "year")
chosen = rates[rates["period_start"].dt.year == int(year)]
values = dict(zip(chosen["country"], chosen["value"], strict=True))
labels = {iso3: f"{names[iso3]}: {value:.2f}% of B-visa applications refused in {year}"
          for iso3, value in values.items()}
palette = map_palette()
st.pydeck_chart(choropleth_map(values, labels, country_outlines(), centre=(64, 43), zoom=map_zoom(3), palette=palette),
                height=420)
st.caption(f"{palette.most_in_words}: refused more often "
           f"(from {min(values.values()):.2f}% to {max(values.values()):.2f}% in {year}). "
           f"{CRIMEA_NOTE} {source_markdown(chosen['source_id'], sources)}")

st.subheader("Turkmenistan's overstays")
overstays = visas[(visas["country"] == "TKM") & visas["measure"].str.startswith("overstay")].drop_duplicates(
    "measure")
OVERSTAY_KINDS = {"overstay_rate_b1_b2": ("B-1/B-2 overstays", "business and tourist visitors"),
                  "overstay_rate_f_m_j": ("F, M, J overstays", "student and exchange visitors")}
for column, row in zip(st.columns(len(overstays)), overstays.itertuples(), strict=True):
    label, who = OVERSTAY_KINDS[row.measure]
    column.metric(label, f"{row.value:.2f}%", border=True)
    column.caption(f"of Turkmen {who} stayed past their visas in US fiscal year 2023 (1 Oct 2022 to 30 Sep 2023), "
                   f"the figure the proclamation cited. {source_markdown([row.source_id], sources)}")

st.subheader("Restrictions in force")
us_rules = load("entry_rules")
us_rules = us_rules[us_rules["country"] == "USA"]
st.dataframe(us_rules[["applies_to", "rule_kind", "effective_date", "end_date", "summary", "source_id"]],
             hide_index=True, width="stretch",
             column_config={"effective_date": st.column_config.DateColumn(format="YYYY-MM-DD"),
                            "end_date": st.column_config.DateColumn(format="YYYY-MM-DD")})
