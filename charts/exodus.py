"""The 2022 exodus: officials' dated statements, drawn as the sparse points they are."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.text import plain, with_source
from charts.theme import country_colour

MOBILIZATION = pd.Timestamp("2022-09-21")


def totals_since_mobilization(crossings: pd.DataFrame) -> pd.DataFrame:
    """Stated totals of entries counted from 21 Sep 2022 to a stated end date."""
    return crossings[(crossings["measure"] == "entered") & (crossings["basis"] == "cumulative")
                     & (crossings["period_start"] == MOBILIZATION) & crossings["period_end"].notna()]


def since_mobilization_on(crossings: pd.DataFrame, on: pd.Timestamp) -> pd.DataFrame:
    """For each destination, the latest total since 21 Sep 2022 for a period ending on or before `on`. Nothing is
    interpolated: a country with no statement yet has no row."""
    counted = totals_since_mobilization(crossings)
    return counted[counted["period_end"] <= on].sort_values("period_end").groupby("destination_country").tail(1)


def exodus_arcs(latest: pd.DataFrame, places: pd.DataFrame, capitals: dict[str, str],
                names: dict[str, str]) -> pd.DataFrame:
    """Arc rows from Moscow to each destination's capital, width by the square root of the figure (area-true)."""
    spot = places.set_index("place_id")
    moscow = spot.loc["moscow"]
    rows = []
    for row in latest.itertuples():
        end = spot.loc[capitals[row.destination_country]]
        rows.append({
            "from_lon": moscow["lon"], "from_lat": moscow["lat"], "to_lon": end["lon"], "to_lat": end["lat"],
            "width": float(1 + np.sqrt(row.value) / 60), "colour": country_colour(row.destination_country),
            "countries": ["RUS", row.destination_country],
            "label": f"{names[row.destination_country]}: {'about ' if row.approximate else ''}{row.value:,.0f} "
                     f"crossings into the country from 21 Sep to {row.period_end:%d %b %Y}",
        })
    return pd.DataFrame(rows)


def exodus_points(crossings: pd.DataFrame, names: dict[str, str], source_text: str) -> go.Figure:
    """Every dated statement of entries: dots, never lines, because officials spoke on scattered days and a line
    would invent the days between. Daily counts are circles, cumulative totals diamonds, at the period's end."""
    dated = crossings[(crossings["measure"] == "entered") & crossings["period_end"].notna()
                      & (crossings["period_end"] >= pd.Timestamp("2022-09-01"))
                      & (crossings["period_end"] <= pd.Timestamp("2022-12-31"))]
    figure = go.Figure()
    for country, group in dated.groupby("destination_country"):
        figure.add_trace(go.Scatter(
            x=group["period_end"], y=group["value"], mode="markers", name=plain(names.get(country, country)),
            marker={"size": 11, "color": country_colour(country),
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
        template="borderlines", height=460, yaxis={"type": "log", "title": "Border crossings (log scale)"},
        xaxis={"title": None},
        title={"text": "Official counts came as scattered statements, not a series"
                       "<br><sup>Entries by Russians, Sep to Dec 2022; circles: one day, diamonds: totals</sup>"},
    )
    return with_source(figure, source_text)
