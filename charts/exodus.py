"""The 2022 exodus: officials' dated statements, drawn as the sparse points they are, and the map of the latest
stated total for each country on a chosen day."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from charts.maps import arc_map, capitals, crimea_note, without_a_capital
from charts.series import (
    HOLLOW,
    date_in_words,
    date_ticks,
    drawn,
    figure_in_words,
    full_day,
    is_actual,
    kind_in_words,
    period_in_words,
    quoted,
    range_bars,
)
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain
from i18n import _, ngettext

MOBILIZATION = pd.Timestamp("2022-09-21")
# What the statements chart covers: the autumn of the mobilization.
AUTUMN_2022 = (pd.Timestamp("2022-09-01"), pd.Timestamp("2022-12-31"))
# The countries the map draws an arc to, when a total since the mobilization has been stated for them.
DESTINATIONS = ("KAZ", "GEO", "FIN", "MNG")
# Measures of who stayed (or moved on) rather than who crossed.
STAYED = ("remained", "present", "permit_holders", "moved_on", "citizenship_applications", "id_numbers_issued",
          "permits_issued")


def totals_since_mobilization(crossings: pd.DataFrame) -> pd.DataFrame:
    """Stated totals of entries counted from 21 Sep 2022 to a stated end date, one row per figure (a second report of
    a total is not a total of its own)."""
    crossings = drawn(crossings)
    return crossings[(crossings["measure"] == "entered") & (crossings["basis"] == "cumulative")
                     & (crossings["period_start"] == MOBILIZATION) & crossings["period_end"].notna()]


def since_mobilization_on(crossings: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """For each destination, the latest total since 21 Sep 2022 for a period ending on or before `on`. Nothing is
    interpolated: a country with no statement yet has no row."""
    counted = totals_since_mobilization(crossings)
    return counted[counted["period_end"] <= on].sort_values("period_end").groupby("destination_country").tail(1)


def statement_days(tables: Frames) -> dict[str, str]:
    """The days on which a total since the mobilization was stated, newest first, as the map's choices."""
    days = sorted(totals_since_mobilization(tables["border_crossings"])["period_end"].unique(), reverse=True)
    return {f"{day:%Y-%m-%d}": full_day(day) for day in map(pd.Timestamp, days)}


def latest_totals(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    return since_mobilization_on(tables["border_crossings"], pd.Timestamp(chosen["on"]))


def exodus_arcs(latest: pd.DataFrame, drawing: Drawing) -> pd.DataFrame:
    """Arc rows from Moscow to each destination's capital, width by the square root of the figure (area-true)."""
    capital = capitals(drawing.tables["places"])
    rows = []
    for row in latest.itertuples():
        if "RUS" not in capital.index or row.destination_country not in capital.index:
            continue
        moscow, end = capital.loc["RUS"], capital.loc[row.destination_country]
        rows.append({
            "from_lon": moscow["lon"], "from_lat": moscow["lat"], "to_lon": end["lon"], "to_lat": end["lat"],
            "width": float(1 + np.sqrt(row.value) / 60), "colour": drawing.palette.country(row.destination_country),
            "countries": ["RUS", row.destination_country], "label": total_in_words(row, drawing.names),
        })
    return pd.DataFrame(rows, columns=["from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "countries",
                                       "label"])


def exodus_map(latest: pd.DataFrame, drawing: Drawing) -> pdk.Deck:
    """Arcs from Moscow sized by each country's latest stated total, with the border cities and crossings that
    the sources name."""
    places = drawing.tables["places"]
    return arc_map(exodus_arcs(latest, drawing), drawing, centre=(60, 50), zoom=2.2,
                   points=places[places["kind"].isin(["city", "crossing"])])


def total_in_words(row, names: dict[str, str]) -> str:
    """'Kazakhstan: around 200,000 crossings into the country from 21 Sep to 04 Oct 2022'."""
    return ngettext("{country}: {figure} crossing into the country from 21 Sep to {end}",
                    "{country}: {figure} crossings into the country from 21 Sep to {end}", int(row.value)).format(
        country=names.get(row.destination_country, row.destination_country),
        figure=figure_in_words(row.value, row.qualifier), end=date_in_words(row.period_end))


def exodus_map_in_words(latest: pd.DataFrame, drawing: Drawing) -> list[str]:
    """Every total the map draws, in words, an arc or not (a country without a capital in places has none)."""
    return [total_in_words(row, drawing.names) for row in latest.itertuples()]


def exodus_map_notes(latest: pd.DataFrame, drawing: Drawing) -> str:
    """How to read the arcs, and which countries had no stated total by the chosen day."""
    missing = [drawing.names.get(iso3, iso3) for iso3 in DESTINATIONS if iso3 not in set(latest["destination_country"])]
    return (_("Arcs join Moscow to each capital to show direction, not routes; their width grows with the square "
              "root of the count, so their area compares the figures. Small dots: border cities that received many "
              "arrivals and the Upper Lars crossing into Georgia, each from a cited source.") + " " + crimea_note()
            + (" " + _("No count since 21 September had been stated by then for: {countries}.").format(
                countries=", ".join(missing)) if missing else "")
            + without_a_capital(["RUS", *latest["destination_country"]], drawing))


def dated_entries(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Every statement of entries with a stated end, in the autumn of 2022."""
    crossings = tables["border_crossings"]
    return crossings[(crossings["measure"] == "entered") & crossings["period_end"].between(*AUTUMN_2022)]


def exodus_points(entries: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Every dated statement of entries: dots, never lines, because officials spoke on scattered days and a line
    would invent the days between. Daily counts are circles, cumulative totals diamonds, at the period's end; an
    estimate is hollow, and a range is drawn from its low end to its high end."""
    names = drawing.names
    figure = go.Figure()
    for country, group in drawn(entries).groupby("destination_country"):
        name = plain(names.get(country, country))
        colour = drawing.palette.country(country)
        figure.add_trace(go.Scatter(
            x=group["period_end"], y=group["value"], mode="markers", name=name,
            marker={"size": 11, "color": colour, "line": {"width": 2, "color": colour},
                    "symbol": [("circle" if basis == "daily" else "diamond") + ("" if actual else HOLLOW)
                               for basis, actual in zip(group["basis"], is_actual(group), strict=True)]},
            error_y=range_bars(group) or None,
            hovertext=[statement_hover(name, row) for row in group.itertuples()],
            hoverinfo="text",
        ))
    figure.update_layout(
        height=460, xaxis={"title": None},
        # A label for each power of ten only: the 2s and 5s between crowd a short presenter chart.
        yaxis={"type": "log", "dtick": 1, "title": _("Border crossings (log scale)")},
        title={"text": _("Official counts came as scattered statements, not a series") + "<br><sup>"
                       + _("Entries, Sep to Dec 2022; circles: one day, diamonds: totals; bars: ranges") + "</sup>"},
    )
    shown = drawn(entries)["period_end"]
    return date_ticks(figure, shown.min(), shown.max(), drawing.look.phone) if len(shown) else figure


def statement_hover(name: str, row) -> str:
    """A statement in words: the figure as the source gave it, over which days, who said it, and the sentence."""
    kind = "" if row.kind == "actual" else f" ({kind_in_words(row.kind)})"
    who = plain(row.stated_by) if isinstance(row.stated_by, str) else _("a body the source does not name")
    figure = plain(figure_in_words(row.value, row.qualifier, row.value_high))
    counted = (_("{figure} in one day") if row.basis == "daily" else _("{figure} in total")).format(figure=figure)
    return (f"<b>{name}</b>: {counted}{kind}<br>"
            f"{period_in_words(row.period_start, row.period_end, row.start_precision, row.end_precision)}"
            "<br>" + _("stated by {who}").format(who=who) + quoted(row))


def who_stayed(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Estimates of people still in the country, applications for citizenship, and documents issued to arrivals."""
    crossings = tables["border_crossings"]
    return crossings.loc[crossings["measure"].isin(STAYED), [
        "figure_id", "destination_country", "measure", "subgroup", "stock_or_flow", "period_start", "start_precision",
        "period_end", "end_precision", "kind", "value", "value_high", "qualifier", "counts", "stated_by", "quote",
        "same_as", "part_of", "notes", "source_id"]]
