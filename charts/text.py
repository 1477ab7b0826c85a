"""Text from CSVs made safe for plotly, which renders a subset of HTML (<b>, <br>, <a href>) in titles and hovers."""

from __future__ import annotations

import html
import textwrap


def plain(text: object) -> str:
    """Escape CSV text so that plotly shows it literally: a '<script>' or '<a href>' in a cell stays visible text."""
    return html.escape("" if text is None else str(text), quote=False)


def wrapped(text: object, width: int = 60) -> str:
    """Plain text broken into hover-sized lines."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or ""


def with_source(figure, source_text: str):
    """Burn the source line into the figure itself, so a PNG export still says where its numbers come from."""
    figure.add_annotation(text=wrapped(source_text, 70), xref="paper", yref="paper", x=0, y=0, yshift=-72,
                          xanchor="left", yanchor="top", showarrow=False, align="left",
                          font={"size": 11, "color": "#5F676E"})
    figure.update_layout(margin={"b": max(150, figure.layout.margin.b or 0)})  # room above a bottom legend
    return figure
