"""What the reader's screen is like, as the browser tells the server: too narrow for the page layout, or dark."""

from __future__ import annotations

import streamlit as st

from charts.text import PAGE_WIDTH
from ui.style import out_of_sight

NARROW_KEY = "reader-narrow-column"
WATCHER_KEY = "reader-width"
# The browser's last report, kept for a year: the watcher's script runs seconds after a page first shows, so without
# it a returning reader's first run drew the wrong layout and the charts changed under their eyes once it had run.
NARROW_COOKIE = "borderlines-narrow-column"

# Tells the server when the page's column, the width every chart is drawn at, becomes narrower or wider than the
# page layout is fitted for, and only then: a wide column, which is what the server assumes, costs no rerun. It is
# the column that counts, not the window: between about 770 and 1160 px the sidebar is open beside it and a laptop's
# or a tablet's window leaves charts 440 to 700 px wide. The sidebar slides open or shut over a few frames, so a
# width is reported once it has held for a moment. The layout this run drew its charts in is written on the
# watcher's element, for a browser test to wait for.
NARROW_JS = """
export default function({ data, setStateValue, parentElement }) {
  const host = parentElement.host ?? parentElement;
  host.dataset.layout = data.layout;
  const column = host.closest('[data-testid="stVerticalBlock"]');
  if (!column) return;
  let narrow = data.narrow;
  let timer;
  const report = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = column.clientWidth < data.below;
      if (now !== narrow) {
        narrow = now;
        document.cookie = `${data.cookie}=${now ? 1 : 0}; path=/; max-age=31536000; SameSite=Lax`;
        setStateValue("narrow", now);
      }
    }, 150);
  };
  report();
  const watcher = new ResizeObserver(report);
  watcher.observe(column);
  return () => { clearTimeout(timer); watcher.disconnect(); };
}
"""
width_watcher = st.components.v2.component("borderlines.narrow_column", js=NARROW_JS)


def remember_the_column() -> None:
    """The browser's report, kept before the run it starts: the router reads it to choose the charts' layout."""
    st.session_state[NARROW_KEY] = bool(st.session_state[WATCHER_KEY].narrow)


def watch_the_width() -> None:
    """Run by the router before every page: learn whether the page's column is too narrow for the page layout,
    for browsers that do not say they are phones (a desktop window squeezed to one side, a laptop with the sidebar
    open, a tablet)."""
    out_of_sight(WATCHER_KEY)
    width_watcher(key=WATCHER_KEY, data={"narrow": narrow_column(), "below": PAGE_WIDTH, "cookie": NARROW_COOKIE,
                                         "layout": "phone" if on_a_narrow_screen() else "page"},
                  on_narrow_change=remember_the_column)


def narrow_column() -> bool:
    """What the browser last said of the column: in this session, or on the reader's last visit."""
    return st.session_state.get(NARROW_KEY, st.context.cookies.get(NARROW_COOKIE) == "1")


def on_a_narrow_screen() -> bool:
    """Phones say so in their user agent ("Mobile"); other narrow columns are reported by watch_the_width."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "") or narrow_column()


def in_the_dark() -> bool:
    """The reader's theme (their choice in the app menu, or their system's). Streamlit learns it from the browser
    and may report the old one for the first run after a change; the next rerun has it right."""
    return st.context.theme.type == "dark"
