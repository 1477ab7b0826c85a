"""Borderlines: the router. Page config, the page list with stable URL paths, the language switch, and the
presenter-mode frame that every page shares.

Each URL path is its page file's name: Streamlit's legacy pages/ mode (ui/legacy_pages.py) finds pages by file
name, so a fresh server's first deep link only reaches the right page when the two agree.
"""

from pathlib import Path

import streamlit as st

from ui.preload import start_loading_plotly

start_loading_plotly()  # first, so the browser loads plotly.js while this run imports pandas and reads the data
# The imports below wait for it on purpose (ruff's E402 is off for this file, pyproject.toml).
from catalog import DataFileError
from catalog.store import look_once_per_run
from i18n import _
from ui.language import language_switch, speak_the_readers_language
from ui.legacy_pages import routed
from ui.presenter import presenter_frame
from ui.screen import watch_the_width
from ui.style import house_style

look_once_per_run()  # the data files are looked at once in a run, not at every chart (catalog.store)
# A local file: a material-icon favicon would be fetched from a font CDN, and the app must work offline.
st.set_page_config(page_title="Borderlines", page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
                   layout="wide")

speak_the_readers_language()
PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), icon=":material/home:", url_path="overview", default=True),
    st.Page("pages/exodus.py", title=_("The 2022 exodus"), icon=":material/directions_walk:", url_path="exodus"),
    st.Page("pages/entry_bans.py", title=_("Entry bans"), icon=":material/block:", url_path="entry_bans"),
    st.Page("pages/extraditions.py", title=_("Extraditions"), icon=":material/gavel:", url_path="extraditions"),
    st.Page("pages/entry_rules.py", title=_("Entry rules"), icon=":material/event_available:", url_path="entry_rules"),
    st.Page("pages/money.py", title=_("Money and migrants"), icon=":material/payments:", url_path="money"),
    st.Page("pages/us_restrictions.py", title=_("US restrictions"), icon=":material/flight_land:",
            url_path="us_restrictions"),
    st.Page("pages/briefing.py", title=_("Briefing"), icon=":material/co_present:", url_path="briefing"),
    st.Page("pages/data.py", title=_("Data & sources"), icon=":material/table:", url_path="data"),
    st.Page("pages/editor.py", title=_("Editor"), icon=":material/edit_note:", url_path="editor"),
]

page = st.navigation(PAGES)
house_style()
switch_at_the_top = st.sidebar.container()  # the language switch heads the sidebar, above presenter mode's toggle
if not presenter_frame(PAGES, page):  # a presenter finds the switch in the corner menu, with the sidebar hidden
    language_switch(switch_at_the_top)
    watch_the_width()
try:
    with routed():
        page.run()
except DataFileError:
    # The notice at the top of the page (ui.frame) already names the dataset; a traceback would help no reader.
    st.info(_("Part of this page cannot be drawn until that dataset is fixed."), icon=":material/construction:")
