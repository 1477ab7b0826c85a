"""Text for figures: CSV text made safe for plotly (which renders a subset of HTML: <b>, <br>, <a href> in titles
and hovers), and the plain source line burned into every chart."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go


def plain(text: object) -> str:
    """Escape CSV text so that plotly shows it literally: a '<script>' or '<a href>' in a cell stays visible text."""
    return html.escape("" if text is None else str(text), quote=False)


def wrapped(text: object, width: int = 60) -> str:
    """Plain text broken into hover-sized lines."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or ""


def with_source(figure, source_text: str):
    """Burn the source line into the figure itself, so a PNG export still says where its numbers come from."""
    figure.add_annotation(name="source", text=wrapped(source_text, 70), xref="paper", yref="paper", x=0, y=0,
                          yshift=-72, xanchor="left", yanchor="top", showarrow=False, align="left",
                          font={"size": 11, "color": "#5F676E"})
    figure.update_layout(margin={"b": max(150, figure.layout.margin.b or 0)})  # room above a bottom legend
    return figure


def cited(source_ids, sources: pd.DataFrame) -> pd.DataFrame:
    """The source rows for some ids, in first-cited order, without repeats."""
    wanted = list(dict.fromkeys(source_id for source_id in source_ids if source_id))
    known = set(sources["source_id"])  # once, not once per cited id: it was a sixth of the overview's rerun
    return sources.set_index("source_id").loc[[s for s in wanted if s in known]].reset_index()


def source_plain(source_ids, sources: pd.DataFrame, most: int = 3) -> str:
    """The publishers as one short plain line, for burning into an exported image."""
    publishers = list(dict.fromkeys(cited(source_ids, sources)["publisher"].astype(str)))
    if len(publishers) > most:
        shown = ", ".join(publishers[:most])
        return f"Sources: {shown} and {len(publishers) - most} more (all listed in Borderlines' Data & sources page)"
    return ("Source: " if len(publishers) == 1 else "Sources: ") + "; ".join(publishers)


def for_a_phone(figure: go.Figure, title_width: int = 30, subtitle_width: int = 46) -> go.Figure:
    """A copy whose title and subtitle are broken into lines that fit a phone (plotly never wraps a title, it cuts
    it off), with the top margin grown to hold them."""
    title, _, subtitle = (figure.layout.title.text or "").partition("<br>")
    subtitle = subtitle.removeprefix("<sup>").removesuffix("</sup>")
    title_lines = lines_of(title, title_width) or [""]
    subtitle_lines = lines_of(subtitle, subtitle_width)
    text = "<br>".join(title_lines)
    if subtitle_lines:
        text += "<br><sup>" + "<br>".join(subtitle_lines) + "</sup>"
    extra_lines = len(title_lines) + len(subtitle_lines) - (2 if subtitle else 1)
    shown = go.Figure(figure)
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 70
    return shown.update_layout(title_text=text, margin={"t": top + 22 * max(0, extra_lines)})


def lines_of(text: str, width: int) -> list[str]:
    """Text broken at spaces into lines of at most `width` characters, keeping the line breaks it already has and
    never cutting a word (or a tag) in two."""
    return [line for part in text.split("<br>")
            for line in textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False)]
