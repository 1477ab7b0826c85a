"""Daily border crossings: a line per direction, summed over crossing points.

For tables of crossings counted every day at every checkpoint, which can run to millions of rows: the builder sums
them to one point per day and direction before plotly sees them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.series import date_ticks
from charts.spec import Drawing
from i18n import ENGLISH, N_, _, language

# Messages: shown through `_()`.
DIRECTION_LABELS = {"entry": N_("Entries"), "exit": N_("Exits")}
# A day in a hover, in plotly's date format: English's month name, or the month's number (plotly writes month names
# in English only).
HOVER_DAY = {ENGLISH: "%d %b %Y"}


def crossings_by_day(crossings: pd.DataFrame) -> pd.DataFrame:
    """Crossings per day and direction, over all checkpoints (columns date, direction, count), in date order; rows
    without a day or a direction are left out, and a missing count adds nothing.

    Each row's day and direction are numbered and the counts added up by number (numpy's bincount): pandas' groupby
    of two keys over a million rows took twice as long, and the few thousand sums are sorted after."""
    days, day_values = pd.factorize(crossings["date"])
    directions, direction_values = pd.factorize(crossings["direction"])
    known = (days >= 0) & (directions >= 0)
    group = days[known] * len(direction_values) + directions[known]
    size = len(day_values) * len(direction_values)
    counts = crossings["count"].to_numpy(dtype="float64", na_value=0)[known]
    present = np.flatnonzero(np.bincount(group, minlength=size))
    by_day = pd.DataFrame({
        "date": day_values[present // len(direction_values)],
        "direction": direction_values[present % len(direction_values)],
        "count": np.bincount(group, weights=counts, minlength=size)[present].round().astype("int64"),
    })
    return by_day.sort_values(["date", "direction"], ignore_index=True)


def daily_crossings(crossings: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Crossings each day, a line per direction. They count crossings, not people, and the axis says so."""
    by_day = crossings_by_day(crossings)
    figure = go.Figure()
    for direction, days in by_day.groupby("direction", sort=True):
        name = _(DIRECTION_LABELS.get(direction, direction))
        figure.add_trace(go.Scatter(
            x=days["date"], y=days["count"].astype("int64"), mode="lines",
            name=name, line={"color": drawing.palette.directions.get(direction)},
            hovertemplate=_("{day}: {count} crossings").format(
                day="%{x|" + HOVER_DAY.get(language(), "%d.%m.%Y") + "}", count="%{y:,}") + f"<extra>{name}</extra>",
        ))
    figure.update_layout(
        height=420, xaxis={"title": None},
        yaxis={"title": _("Border crossings per day"), "rangemode": "tozero"},
        title={"text": _("Border crossings each day") + "<br><sup>" + _("All checkpoints; crossings, not people")
                       + "</sup>"},
    )
    return date_ticks(figure, by_day["date"].min(), by_day["date"].max(), drawing.look.phone) if len(by_day) \
        else figure
