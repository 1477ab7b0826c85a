"""Daily border crossings: a line per direction, summed over crossing points.

For tables of crossings counted every day at every checkpoint, which can run to millions of rows: the builder sums
them to one point per day and direction before plotly sees them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.spec import Drawing

DIRECTION_LABELS = {"entry": "Entries", "exit": "Exits"}


def crossings_by_day(crossings: pd.DataFrame) -> pd.DataFrame:
    """Crossings per day and direction, over all checkpoints (columns date, direction, count)."""
    return crossings.groupby(["date", "direction"], as_index=False, sort=True)["count"].sum()


def daily_crossings(crossings: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Crossings each day, a line per direction. They count crossings, not people, and the axis says so."""
    by_day = crossings_by_day(crossings)
    figure = go.Figure()
    for direction, days in by_day.groupby("direction", sort=True):
        figure.add_trace(go.Scatter(
            x=days["date"], y=days["count"].astype("int64"), mode="lines",
            name=DIRECTION_LABELS.get(direction, direction), line={"color": drawing.palette.directions.get(direction)},
            hovertemplate="%{x|%d %b %Y}: %{y:,} crossings<extra>" + DIRECTION_LABELS.get(direction, direction)
                          + "</extra>",
        ))
    figure.update_layout(
        height=420, xaxis={"title": None},
        yaxis={"title": "Border crossings per day", "rangemode": "tozero"},
        title={"text": "Border crossings each day<br><sup>All checkpoints; crossings, not people</sup>"},
    )
    return figure
