"""The app's own CSS, for what Streamlit's theme options cannot set; the same in every theme, since it is written
relative to the theme's own colours.

- Captions: Streamlit draws them at 60% opacity, which leaves grey text at 4.4:1 on white and links in captions at
  2.8:1, under the 4.5:1 that WCAG AA asks. Here a caption is the theme's ink mixed with a share of the background
  (charts.palette.CAPTION_INK_SHARE, checked against both themes in tests/test_palette.py) and its links keep the
  theme's link colour.
- Focus: the buttons over a table or map (search, fullscreen, add row) and a map itself showed no change when the
  keyboard reached them; they get a ring in the text's own colour (WCAG 2.4.7, tests/test_accessibility.py).

Our own constant stylesheet: nothing from a CSV or a URL goes into it.
"""

from __future__ import annotations

import streamlit as st

from charts.palette import CAPTION_INK_SHARE

HOUSE_CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{
  opacity: 1;
  color: color-mix(in srgb, currentColor {CAPTION_INK_SHARE:.0%}, transparent);
}}
[data-testid="stElementToolbar"]:focus-within {{ opacity: 1; }}
[data-testid="stBaseButton-elementToolbar"]:focus-visible {{
  outline: 2px solid currentColor;
  outline-offset: -3px;
}}
[data-testid="stDeckGlJsonChart"]:focus-within,
[data-testid="stDataFrame"]:focus-within {{
  outline: 2px solid currentColor;
  outline-offset: 1px;
}}
</style>
"""


def house_style() -> None:
    """Run by the router before every page."""
    st.html(HOUSE_CSS)


def out_of_sight(key: str) -> None:
    """Hide what is drawn with `key`: a script's mount point, which readers have no use for. A keyed container sits
    in a layout wrapper of its own, which would still take a gap in the column, so the wrapper goes too."""
    st.html(f'<style>.st-key-{key}, [data-testid="stLayoutWrapper"]:has(> .st-key-{key}) '
            "{ display: none !important; }</style>")
