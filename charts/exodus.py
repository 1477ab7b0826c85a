"""The 2022 exodus: officials' dated statements, drawn as the sparse points they are, and the map of the latest
stated total for each country on a chosen day."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from charts.maps import CRIMEA_NOTE, arc_map, capitals
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain

MOBILIZATION = pd.Timestamp("2022-09-21")
# What the statements chart covers: the autumn of the mobilization.
AUTUMN_2022 = (pd.Timestamp("2022-09-01"), pd.Timestamp("2022-12-31"))
# The countries the map draws an arc to, when a total since the mobilization has been stated for them.
DESTINATIONS = ("KAZ", "GEO", "FIN", "MNG")
# Measures of who stayed rather than who crossed.
STAYED = ("remained", "citizenship_applications", "id_numbers_issued", "permits_issued")


def totals_since_mobilization(crossings: pd.DataFrame) -> pd.DataFrame:
    """Stated totals of entries counted from 21 Sep 2022 to a stated end date."""
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
    return {f"{day:%Y-%m-%d}": f"{day:%d %B %Y}" for day in map(pd.Timestamp, days)}


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
            "countries": ["RUS", row.destination_country],
            "label": f"{drawing.names.get(row.destination_country, row.destination_country)}: "
                     f"{'about ' if row.approximate else ''}{row.value:,.0f} crossings into the country from 21 Sep "
                     f"to {row.period_end:%d %b %Y}",
        })
    return pd.DataFrame(rows, columns=["from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "countries",
                                       "label"])


def exodus_map(latest: pd.DataFrame, drawing: Drawing) -> pdk.Deck:
    """Arcs from Moscow sized by each country's latest stated total, with the border cities and crossings that
    the sources name."""
    places = drawing.tables["places"]
    return arc_map(exodus_arcs(latest, drawing), drawing, centre=(60, 50), zoom=2.2,
                   points=places[places["kind"].isin(["city", "crossing"])])


def exodus_map_in_words(latest: pd.DataFrame, drawing: Drawing) -> list[str]:
    return list(exodus_arcs(latest, drawing)["label"])


def exodus_map_notes(latest: pd.DataFrame, drawing: Drawing) -> str:
    """How to read the arcs, and which countries had no stated total by the chosen day."""
    missing = [drawing.names.get(iso3, iso3) for iso3 in DESTINATIONS if iso3 not in set(latest["destination_country"])]
    return ("Arcs join Moscow to each capital to show direction, not routes; their width grows with the square root "
            "of the count, so their area compares the figures. Small dots: border cities that received many "
            f"arrivals and the Upper Lars crossing into Georgia, each from a cited source. {CRIMEA_NOTE}"
            + (f" No count since 21 September had been stated by then for: {', '.join(missing)}." if missing else ""))


def dated_entries(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Every statement of entries with a stated end, in the autumn of 2022."""
    crossings = tables["border_crossings"]
    return crossings[(crossings["measure"] == "entered") & crossings["period_end"].between(*AUTUMN_2022)]


def exodus_points(entries: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Every dated statement of entries: dots, never lines, because officials spoke on scattered days and a line
    would invent the days between. Daily counts are circles, cumulative totals diamonds, at the period's end."""
    names = drawing.names
    figure = go.Figure()
    for country, group in entries.groupby("destination_country"):
        figure.add_trace(go.Scatter(
            x=group["period_end"], y=group["value"], mode="markers", name=plain(names.get(country, country)),
            marker={"size": 11, "color": drawing.palette.country(country),
                    "symbol": ["circle" if basis == "daily" else "diamond" for basis in group["basis"]]},
            hovertext=[f"<b>{plain(names.get(country, country))}</b>: {'about ' if approximate else ''}{value:,.0f}"
                       f" {'in one day' if basis == 'daily' else 'in total'}<br>{start:%d %b} to {end:%d %b %Y}"
                       f"<br>stated by {plain(who) if isinstance(who, str) else 'an unnamed official source'}"
                       for value, approximate, basis, start, end, who in zip(
                           group["value"], group["approximate"], group["basis"], group["period_start"],
                           group["period_end"], group["stated_by"], strict=True)],
            hoverinfo="text",
        ))
    figure.update_layout(
        height=460, yaxis={"type": "log", "title": "Border crossings (log scale)"}, xaxis={"title": None},
        title={"text": "Official counts came as scattered statements, not a series"
                       "<br><sup>Entries by Russians, Sep to Dec 2022; circles: one day, diamonds: totals</sup>"},
    )
    return figure


def who_stayed(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Estimates of people still in the country, applications for citizenship, and documents issued to arrivals."""
    crossings = tables["border_crossings"]
    return crossings.loc[crossings["measure"].isin(STAYED), [
        "destination_country", "measure", "period_start", "period_end", "value", "approximate", "qualifier",
        "counts", "stated_by", "notes", "source_id"]]
