"""The combined timeline of events: what happened when, and who acted."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_in_words, drawn, quoted, span_of
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


def with_quotes(tables: Frames) -> pd.DataFrame:
    """The events with their sources' sentences, and which events are other reports of one already listed."""
    events = tables["events"]
    if "event_quotes" not in tables:
        return events
    return events.merge(tables["event_quotes"][["event_id", "quote", "same_as", "notes"]], on="event_id", how="left")


def events_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The events by the countries and of the kinds chosen, each with its source's sentence."""
    events = with_quotes(tables)
    return events[events["acting_country"].isin(chosen["country"]) & events["category"].isin(chosen["category"])]


def events_timeline(events: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """One dot per event on a date axis, a row per category, coloured by the country that acted.

    Events known only to the month or year are hollow dots at the start of that month or year with a line across the
    whole of it, and their hover gives the date at its precision ("May 2025 (month only)"), so nobody reads a precise
    day into them. Another report of an event already shown is not drawn again. Countries that share a colour differ
    in shape.
    """
    names, palette = drawing.names, drawing.palette
    events = drawn(events)
    figure = go.Figure()
    # Within a country, exact dates first: plotly draws the legend's marker like the trace's first point.
    ordered = events.assign(inexact=events["date_precision"] != "day").sort_values(["inexact", "date"])
    for country, acted in ordered.groupby("acting_country", sort=True):
        exact = acted["date_precision"] == "day"
        shape = country_shape(country)
        hover = [
            f"<b>{date_in_words(row.date, row.date_precision)}</b>"
            f"{'' if row.date_precision == 'day' else f' ({row.date_precision} only)'}<br>{wrapped(row.summary)}"
            f"{quoted(row)}" for row in acted.itertuples()
        ]
        figure.add_trace(go.Scatter(
            x=acted["date"], y=acted["category"].map(CATEGORY_LABELS), mode="markers",
            name=plain(names.get(country, country)),
            marker={"size": 12, "color": palette.country(country),
                    "line": {"width": 2, "color": palette.country(country)},
                    "symbol": [shape if is_exact else f"{shape}-open" for is_exact in exact]},
            hovertext=hover, hoverinfo="text",
        ))
        for row in acted[~exact].itertuples():  # the whole month or year the event is known to
            start, end = span_of(row.date, row.date_precision)
            figure.add_shape(type="line", x0=start, x1=end, y0=CATEGORY_LABELS[row.category],
                             y1=CATEGORY_LABELS[row.category], line={"color": palette.country(country), "width": 3},
                             opacity=0.45)
    first, last = events["date"].min(), events["date"].max()
    present = set(events["category"])
    figure.update_layout(
        title={"text": f"{len(events)} events, {first:%b %Y} to {last:%b %Y}"
                       "<br><sup>One dot per event; hollow, with a bar across it: known only to the month or "
                       "year</sup>"},
        yaxis={"categoryorder": "array", "title": None,
               "categoryarray": [label for key, label in CATEGORY_LABELS.items() if key in present][::-1]},
        xaxis={"title": None}, legend_title_text="Acting country", height=300 + 36 * events["category"].nunique(),
    )
    return figure
