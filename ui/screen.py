"""What the reader's screen is like, as the browser tells the server: a phone, a dark theme."""

from __future__ import annotations

import streamlit as st

from charts.maps import DARK_MAP, LIGHT_MAP, MapPalette


def on_a_phone() -> bool:
    """Phones say so in their user agent ("Mobile"); their charts get titles broken into lines that fit."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def in_the_dark() -> bool:
    """The reader's theme (their choice in the app menu, or their system's). Streamlit learns it from the browser
    and may report the old one for the first run after a change; the next rerun has it right."""
    return st.context.theme.type == "dark"


def map_palette() -> MapPalette:
    return DARK_MAP if in_the_dark() else LIGHT_MAP
