"""The combined timeline of events: what happened when, and who acted."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.spec import Chosen, Drawing, Frames
from charts.text import plain, wrapped
from charts.theme import country_shape

CATEGORY_LABELS = {
    "mobilization": "Mobilization",
    "exodus": "Exodus",
    "entry_rule": "Entry rules",
    "entry_ban": "Entry bans",
    "extradition": "Extraditions",
    "security": "Security",
    "us_restriction": "US restrictions",
    "diplomacy": "Diplomacy",
    "migration_policy": "Migration policy",
}


def events_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The events by the countries and of the kinds chosen."""
    events = tables["events"]
    return events[events["acting_country"].isin(chosen["country"]) & events["category"].isin(chosen["category"])]


def events_timeline(events: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """One dot per event on a date axis, a row per category, coloured by the country that acted.

    Events known only to the month or year are drawn as hollow dots on the first of that month or year, and say so
    in their hover, so nobody reads a precise day into them. Countries that share a colour differ in shape.
    """
    names, palette = drawing.names, drawing.palette
    figure = go.Figure()
    # Within a country, exact dates first: plotly draws the legend's marker like the trace's first point.
    ordered = events.assign(inexact=events["date_precision"] != "day").sort_values(["inexact", "date"])
    for country, acted in ordered.groupby("acting_country", sort=True):
        exact = acted["date_precision"] == "day"
        shape = country_shape(country)
        hover = [
            f"<b>{when:%d %b %Y}</b>{'' if precision == 'day' else f' ({precision} only)'}<br>{wrapped(summary)}"
            for when, precision, summary in zip(acted["date"], acted["date_precision"], acted["summary"], strict=True)
        ]
        figure.add_trace(go.Scatter(
            x=acted["date"], y=acted["category"].map(CATEGORY_LABELS), mode="markers",
            name=plain(names.get(country, country)),
            marker={"size": 12, "color": palette.country(country),
                    "line": {"width": 2, "color": palette.country(country)},
                    "symbol": [shape if is_exact else f"{shape}-open" for is_exact in exact]},
            hovertext=hover, hoverinfo="text",
        ))
    first, last = events["date"].min(), events["date"].max()
    present = set(events["category"])
    figure.update_layout(
        title={"text": f"{len(events)} events, {first:%b %Y} to {last:%b %Y}"
                       "<br><sup>One dot per event; hollow: known only to the month or year</sup>"},
        yaxis={"categoryorder": "array", "title": None,
               "categoryarray": [label for key, label in CATEGORY_LABELS.items() if key in present][::-1]},
        xaxis={"title": None}, legend_title_text="Acting country", height=300 + 36 * events["category"].nunique(),
    )
    return figure

