"""The combined timeline of events: what happened when, and who acted."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_in_words, date_ticks, drawn, precision_only, quoted, span_of
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain, wrapped
from charts.theme import country_shape
from i18n import N_, _, ngettext
from i18n.formats import short_month

# Messages: shown through `_()`.
CATEGORY_LABELS = {
    "mobilization": N_("Mobilization"),
    "exodus": N_("Exodus"),
    "entry_rule": N_("Entry rules"),
    "entry_ban": N_("Entry bans"),
    "extradition": N_("Extraditions"),
    "security": N_("Security"),
    "us_restriction": N_("US restrictions"),
    "diplomacy": N_("Diplomacy"),
    "migration_policy": N_("Migration policy"),
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
    labels = {key: _(label) for key, label in CATEGORY_LABELS.items()}
    figure = go.Figure()
    # Within a country, exact dates first: plotly draws the legend's marker like the trace's first point.
    ordered = events.assign(inexact=events["date_precision"] != "day").sort_values(["inexact", "date"])
    for country, acted in ordered.groupby("acting_country", sort=True):
        exact = acted["date_precision"] == "day"
        shape = country_shape(country)
        hover = [
            f"<b>{date_in_words(row.date, row.date_precision)}</b>"
            f"{precision_only(row.date_precision)}<br>{wrapped(row.summary)}"
            f"{quoted(row)}" for row in acted.itertuples()
        ]
        figure.add_trace(go.Scatter(
            x=acted["date"], y=acted["category"].map(labels), mode="markers",
            name=plain(names.get(country, country)),
            marker={"size": 12, "color": palette.country(country),
                    "line": {"width": 2, "color": palette.country(country)},
                    "symbol": [shape if is_exact else f"{shape}-open" for is_exact in exact]},
            hovertext=hover, hoverinfo="text",
        ))
        for row in acted[~exact].itertuples():  # the whole month or year the event is known to
            start, end = span_of(row.date, row.date_precision)
            figure.add_shape(type="line", x0=start, x1=end, y0=labels[row.category],
                             y1=labels[row.category], line={"color": palette.country(country), "width": 3},
                             opacity=0.45)
    first, last = events["date"].min(), events["date"].max()
    present = set(events["category"])
    figure.update_layout(
        title={"text": ngettext("{count} event, {start} to {end}", "{count} events, {start} to {end}",
                                 len(events)).format(count=len(events), start=short_month(first), end=short_month(last))
                       + "<br><sup>" + _("One dot per event; hollow, with a bar across it: known only to the month or "
                                         "year") + "</sup>"},
        yaxis={"categoryorder": "array", "title": None,
               "categoryarray": [label for key, label in labels.items() if key in present][::-1]},
        xaxis={"title": None}, legend_title_text=_("Acting country"),
        height=300 + 36 * events["category"].nunique(),
    )
    return date_ticks(figure, first, last, drawing.look.phone)
