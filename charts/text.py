"""Text for figures: CSV text made safe for plotly (which renders a subset of HTML: <b>, <br>, <a href> in titles
and hovers), and the plain source line burned into every chart."""

from __future__ import annotations

import html
import textwrap

import pandas as pd


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
