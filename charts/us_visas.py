"""US visas for Central Asians: how often they are refused, and the restrictions that followed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import yearly_points
from charts.text import plain, with_source
from charts.theme import country_colour


def refusal_rates(visas: pd.DataFrame, milestones: pd.DataFrame, names: dict[str, str],
                  source_text: str) -> go.Figure:
    """B-visa refusal rates by country and year, lines broken where years are missing, with the US measures of
    2025 and 2026 (`milestones`: date, label) marked on the same time axis."""
    rates = visas[visas["measure"] == "b_visa_refusal_rate"].assign(year=lambda table: table["period_start"].dt.year)
    figure = go.Figure()
    for country, group in rates.sort_values("year").groupby("country"):
        x, y = yearly_points(group["year"], group["value"])
        figure.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", name=plain(names.get(country, country)),
            line={"color": country_colour(country)}, marker={"size": 9, "color": country_colour(country)},
            hovertemplate="%{y:.2f}% refused<extra>" + plain(names.get(country, country)) + "</extra>",
        ))
    for index, (when, label) in enumerate(zip(milestones["date"], milestones["label"], strict=True)):
        figure.add_vline(x=when, line={"color": "#5F676E", "dash": "dot"})
        figure.add_annotation(x=when, y=1 - 0.12 * index, yref="paper", text=plain(label), showarrow=False,
                              xanchor="right", yanchor="top", align="right", font={"size": 11, "color": "#5F676E"})
    latest = rates[rates["year"] == rates["year"].max()].sort_values("value", ascending=False).iloc[0]
    figure.update_layout(
        template="borderlines", height=480, yaxis={"title": "B-visa applications refused (%)", "range": [0, 100]},
        xaxis={"title": None},
        title={"text": f"{names.get(latest['country'], latest['country'])}'s applicants were refused most often in "
                       f"{latest['year']}: {latest['value']:.2f}%<br><sup>US B-1/B-2 visa refusal rates by year, "
                       "as the State Department reported them</sup>"},
    )
    return with_source(figure, source_text)
