"""Overview: the story in four numbers and one timeline (its words in press/stories.py).

Headline figures come from the curated tables by id, each with its source and date. Chart: events_timeline, every
dated event, filterable by country and category (both kept in the URL).
"""

import streamlit as st

from catalog import load
from i18n import _
from press.stories import HEADLINE_DATASETS, headline_figures
from ui.frame import start_page
from ui.story import show_figures, tell

start_page()
tell("overview", headline_figures=lambda: show_figures(
    "overview", lambda: headline_figures({name: load(name) for name in HEADLINE_DATASETS})))
st.page_link("pages/data.py", label=_("All data and sources"), icon=":material/table:")
