"""US visas for Central Asians: how often they are refused, on a line chart with the restrictions that followed and
on a map of a chosen year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from charts.maps import choropleth_map, crimea_note
from charts.series import date_ticks, drawn, quoted, yearly_points
from charts.spec import Chosen, Drawing, Frames
from charts.text import marked_moments, named_at_their_ends, plain, room_above
from charts.theme import PRESENTER_MARGIN, PRESENTER_SCALE
from i18n import N_, _
from i18n.formats import percent, short_month

REFUSAL_RATE = "b_visa_refusal_rate"
HEIGHT = 480
# About how much of a chart's height its title, tick labels and source line take, on a page and on a screen (there,
# presenter mode's margins: guessed larger, the names at the lines' ends were given too little room and piled up).
READING_FRAME, PRESENTER_FRAME = 170, PRESENTER_MARGIN["t"] + PRESENTER_MARGIN["b"]
# Events marked on the refusal chart, by id in data/events.csv, with a short label each (a message: shown through
# `_()`).
US_MILESTONES = {"us-proclamation-10949-signed": N_("Proclamation 10949, a partial ban on Turkmenistan"),
                 "us-visa-bonds-announced": N_("visa bonds of up to $15,000")}


def refusal_rates_reported(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    visas = drawn(tables["us_visas"])
    return visas[visas["measure"] == REFUSAL_RATE]


def us_milestones(events: pd.DataFrame) -> pd.DataFrame:
    """The dates of the US measures the refusal chart marks, with their labels (a measure missing from the events
    is left off)."""
    dated = events.set_index("event_id")
    marked = [event for event in US_MILESTONES if event in dated.index]
    return pd.DataFrame({"date": [dated.at[event, "date"] for event in marked],
                         "label": [US_MILESTONES[event] for event in marked]})


def refusal_rates(rates: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """B-visa refusal rates by country and year, lines broken where years are missing, with the US measures of
    2025 and 2026 marked on the same time axis."""
    names, palette = drawing.names, drawing.palette
    rates = rates.assign(year=rates["period_start"].dt.year)
    milestones = us_milestones(drawing.tables["events"])
    figure = go.Figure()
    for country, group in drawn(rates).sort_values("year").groupby("country"):
        x, y = yearly_points(group["year"], group["value"])
        hovers = iter("<b>" + _("{country}, {year}: {rate} refused").format(
            country=plain(names.get(country, country)), year=row.year, rate=percent(row.value, 2))
            + f"</b>{quoted(row)}" for row in group.itertuples())
        figure.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", name=plain(names.get(country, country)),
            line={"color": palette.country(country)}, marker={"size": 9, "color": palette.country(country)},
            hovertext=[None if value is None else next(hovers) for value in y], hoverinfo="text",
        ))
    presenting = drawing.look.presenter_height
    notes = marked_moments(figure, [(when, f"{short_month(when)}: {plain(_(label))}") for when, label
                                    in zip(milestones["date"], milestones["label"], strict=True)],
                           palette.muted_ink, drawing.look.screen)
    latest = rates[rates["year"] == rates["year"].max()].sort_values("value", ascending=False).iloc[0]
    figure.update_layout(
        height=HEIGHT, yaxis={"title": _("B-visa applications refused (%)"), "range": [0, 100]},
        xaxis={"title": None},
        title={"text": _("{country}'s applicants were refused most often in {year}: {rate}").format(
            country=names.get(latest["country"], latest["country"]), year=latest["year"],
            rate=percent(latest["value"], 2))
            + "<br><sup>" + _("US B-1/B-2 visa refusal rates by year, as the State Department reported them")
            + "</sup>"},
    )
    points = [x for trace in figure.data for x in trace.x if x is not None] + list(milestones["date"])
    if points:
        date_ticks(figure, min(points), max(points), drawing.look.phone)
    if drawing.look.phone:
        return figure  # a phone has no margin to spare for names: the legend stays
    plot_height = (presenting - PRESENTER_FRAME) if presenting else HEIGHT - READING_FRAME
    scale = PRESENTER_SCALE if presenting else 1.0
    # On a slide's short chart the notes would come down over the lines: the axis rises past 100, with no tick there.
    highest = rates["value"].max()
    top = room_above(0 if pd.isna(highest) else highest, 0, 100, notes * scale, plot_height)
    if top > 100:
        figure.update_yaxes(range=[0, top], tickvals=list(range(0, 101, 20 if plot_height >= 160 else 50)))
    return named_at_their_ends(figure, palette.ink, palette.faint, plot_height, scale)


def refusal_years(tables: Frames) -> dict[str, str]:
    """The years with reported refusal rates, newest first, as the map's choices."""
    years = refusal_rates_reported(tables, {})["period_start"].dt.year
    return {str(year): str(year) for year in sorted(years.unique(), reverse=True)}


def refusal_rates_in(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    rates = refusal_rates_reported(tables, chosen)
    return rates[rates["period_start"].dt.year.astype(str) == chosen["year"]]


def refusal_labels(rates: pd.DataFrame, drawing: Drawing) -> dict[str, str]:
    return {iso3: _("{country}: {rate} of B-visa applications refused in {year}").format(
        country=drawing.names.get(iso3, iso3), rate=percent(value, 2), year=when.year)
        for iso3, value, when in zip(rates["country"], rates["value"], rates["period_start"], strict=True)}


def refusal_map(rates: pd.DataFrame, drawing: Drawing) -> pdk.Deck:
    """Each country shaded by its refusal rate in the chosen year."""
    return choropleth_map(dict(zip(rates["country"], rates["value"], strict=True)), refusal_labels(rates, drawing),
                          drawing, centre=(64, 43), zoom=3)


def refusal_map_in_words(rates: pd.DataFrame, drawing: Drawing) -> list[str]:
    return list(refusal_labels(rates, drawing).values())


def refusal_map_notes(rates: pd.DataFrame, drawing: Drawing) -> str:
    return _("{darker}: refused more often (from {low} to {high} in {year}).").format(
        darker=_(drawing.palette.most_in_words), low=percent(rates["value"].min(), 2),
        high=percent(rates["value"].max(), 2), year=drawing.chosen["year"]) + " " + crimea_note()


def overstay_rates(visas: pd.DataFrame) -> pd.DataFrame:
    """Turkmenistan's overstay rates, one row per kind of visa."""
    visas = drawn(visas)
    return visas[(visas["country"] == "TKM") & visas["measure"].str.startswith("overstay")].drop_duplicates("measure")
