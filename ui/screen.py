"""What the reader's screen is like, as the browser tells the server: narrow like a phone's, or dark."""

from __future__ import annotations

import streamlit as st

# Narrower than this (CSS pixels), a window gets the charts laid out for a phone.
NARROW = 640
NARROW_KEY = "reader-narrow-window"
WATCHER_KEY = "reader-width"

# Tells the server when the window becomes narrower or wider than NARROW, and only then: a wide window, which is
# what the server assumes, costs no rerun.
NARROW_JS = """
export default function({ data, setStateValue }) {
  let narrow = data.narrow;
  const report = () => {
    const now = window.innerWidth < data.below;
    if (now !== narrow) { narrow = now; setStateValue("narrow", now); }
  };
  report();
  window.addEventListener("resize", report);
  return () => window.removeEventListener("resize", report);
}
"""
width_watcher = st.components.v2.component("borderlines.narrow_window", js=NARROW_JS)


def watch_the_width() -> None:
    """Run by the router before every page: learn whether the window is narrow, for browsers that do not say
    they are phones (a desktop window squeezed to one side, a tablet)."""
    st.html(f"<style>.st-key-{WATCHER_KEY} {{ display: none !important; }}</style>")
    reported = width_watcher(key=WATCHER_KEY, data={"narrow": st.session_state.get(NARROW_KEY, False),
                                                    "below": NARROW}, on_narrow_change=lambda: None)
    st.session_state[NARROW_KEY] = bool(reported.narrow)


def on_a_narrow_screen() -> bool:
    """Phones say so in their user agent ("Mobile"); other narrow windows are reported by watch_the_width."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "") or st.session_state.get(NARROW_KEY, False)


def in_the_dark() -> bool:
    """The reader's theme (their choice in the app menu, or their system's). Streamlit learns it from the browser
    and may report the old one for the first run after a change; the next rerun has it right."""
    return st.context.theme.type == "dark"

