"""Remittances and migrant workers: money sent home from Russia, and the people who earn it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import yearly_points
from charts.spec import Chosen, Drawing, Frames, country_names
from charts.text import plain

# Statistical series: long name (hover, table), short name (legend, which must fit a phone), marker, line dash.
SERIES = {
    "bank_of_russia_transfers": ("Bank of Russia (money-transfer systems)", "Bank of Russia", "circle", "solid"),
    "recipient_central_bank": ("Recipient's central bank", "own central bank", "diamond-open", "dash"),
    "world_bank": ("World Bank", "World Bank", "square-open", "dot"),
    "other": ("Other", "other", "x", "dot"),
}
SERIES_BREAK = pd.Timestamp("2022-01-01")


def full_years_from_russia(remittances: pd.DataFrame) -> pd.DataFrame:
    """Dollar figures for a whole calendar year, sent from Russia to one country (no forecasts, shares or parts
    of a year, which would not compare)."""
    usd = remittances[(remittances["unit"] == "usd") & (remittances["from_country"] == "RUS")
                      & remittances["to_country"].notna() & remittances["period_start"].notna()]
    whole_year = (usd["period_start"].dt.strftime("%m-%d") == "01-01") & (
        usd["period_end"].dt.strftime("%m-%d") == "12-31") & (usd["period_start"].dt.year == usd["period_end"].dt.year)
    forecast = usd["notes"].fillna("").str.contains("forecast", case=False)
    return usd[whole_year & ~forecast]


def transfer_recipients(tables: Frames) -> dict[str, str]:
    """Countries that received whole-year transfers from Russia: the only ones the chart can draw."""
    names = country_names(tables)
    return {iso3: names.get(iso3, iso3)
            for iso3 in sorted(full_years_from_russia(tables["remittances"])["to_country"].unique())}


def transfer_years_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    years = full_years_from_russia(tables["remittances"])
    return years[years["to_country"].isin(chosen["to"])]


def transfers_by_year(transfers: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Money sent from Russia each year, a line per country and statistical series. A line joins only consecutive
    years of one series: the Bank of Russia's figures end in 2021 and the recipients' begin in 2022, so the two are
    never joined, and a rule marks the break."""
    names, palette = drawing.names, drawing.palette
    years = transfers.assign(year=transfers["period_start"].dt.year)
    figure = go.Figure()
    for (country, series), group in years.sort_values("year").groupby(["to_country", "series"]):
        label, short, symbol, dash = SERIES[series]
        x, y = yearly_points(group["year"], group["value"] / 1e9)
        figure.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", name=f"{plain(names.get(country, country))}, {short}",
            line={"color": palette.country(country), "dash": dash},
            marker={"symbol": symbol, "size": 10, "color": palette.country(country)},
            hovertemplate="%{y:.2f} bn US$<extra>" + plain(f"{names.get(country, country)}, {label}") + "</extra>",
        ))
    figure.add_vline(x=SERIES_BREAK, line={"color": palette.muted_ink, "dash": "dot"})
    # Left of the break, over the lower Bank of Russia figures, so it never covers the recipients' larger ones.
    figure.add_annotation(x=SERIES_BREAK, y=1, yref="paper", showarrow=False, xanchor="right", yanchor="top",
                          text="Series break: Bank of Russia country figures end in 2021; <br>"
                               "from 2022, recipients' central banks count differently ",
                          font={"size": 11, "color": palette.muted_ink}, align="right")
    figure.update_layout(
        # Headroom above the highest figure keeps the series-break note clear of it.
        height=620,
        yaxis={"title": "Billion US dollars", "range": [0, 1.3 * (years["value"].max() / 1e9 if len(years) else 1)]},
        xaxis={"title": None},
        title={"text": "Money sent home from Russia, by year<br><sup>Whole-year figures in US dollars; each "
                       "statistical series drawn apart</sup>"},
    )
    return figure


def counted_work_entries(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Entries for work by a named country over a stated period: the counts the chart can place."""
    migrants = tables["migrant_workers"]
    return migrants[(migrants["measure"] == "work_entries") & migrants["origin_country"].notna()
                    & migrants["period_start"].notna() & migrants["period_end"].notna()]


def work_entries(entries: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Entries to Russia for work by country, grouped by the period each count covers (periods differ, so bars
    compare countries within a period, not across periods)."""
    names = drawing.names
    periods = entries.assign(period=[f"{start:%b %Y}–{end:%b %Y}" for start, end in
                                     zip(entries["period_start"], entries["period_end"], strict=True)])
    figure = go.Figure()
    for country, group in periods.sort_values("period_start").groupby("origin_country", sort=False):
        figure.add_trace(go.Bar(
            x=group["period"], y=group["value"], name=plain(names.get(country, country)),
            marker={"color": drawing.palette.country(country)},
            text=[f"{'~' if approximate else ''}{value / 1000:,.0f}k" for value, approximate
                  in zip(group["value"], group["approximate"], strict=True)], textposition="outside",
            hovertemplate="%{x}: %{y:,.0f} entries<extra>" + plain(names.get(country, country)) + "</extra>",
        ))
    figure.update_layout(
        # Each period on two lines, never slanted: a phone has room for four groups side by side.
        barmode="group", height=460, xaxis={
            "title": None, "tickangle": 0, "tickvals": list(dict.fromkeys(periods["period"])),
            "ticktext": [period.replace("–", "–<br>") for period in dict.fromkeys(periods["period"])]},
        yaxis={"title": "Entries for work (border crossings)"},
        title={"text": "Entries to Russia for work, by country<br><sup>Border crossings with work as the stated "
                       "purpose, not people; each group is one reporting period</sup>"},
    )
    return figure


def dated_shares_of_gdp(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Remittances as a share of GDP, for the figures whose source says which year they are for."""
    remittances = tables["remittances"]
    return remittances[(remittances["measure"] == "remittances_share_of_gdp") & remittances["period_start"].notna()]


def share_of_gdp(shares: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Remittances as a share of each receiving country's GDP, one dot per stated figure. Dots, not lines: the
    figures come from different publications (KNOMAD, World Bank reports) a few years apart, not one series."""
    names = drawing.names
    shares = shares.sort_values("period_start")
    figure = go.Figure()
    for country, group in shares.groupby("to_country", sort=False):
        name = plain(names.get(country, country))
        figure.add_trace(go.Scatter(
            x=group["period_start"].dt.year, y=group["value"], mode="markers+text", name=name,
            marker={"color": drawing.palette.country(country), "size": 14},
            text=[f"{'~' if approximate else ''}{value:g}%" for value, approximate
                  in zip(group["value"], group["approximate"], strict=True)],
            textposition="middle right",
            customdata=[plain(publisher) for publisher in group["stated_by"]],
            hovertemplate="%{x}: %{y:g}% of GDP (%{customdata})<extra>" + name + "</extra>",
        ))
    figure.update_layout(
        height=460,
        xaxis={"title": None, "dtick": 1, "range": [shares["period_start"].dt.year.min() - 0.5,
                                                    shares["period_start"].dt.year.max() + 1]} if len(shares) else {},
        yaxis={"title": "Share of GDP (%)", "rangemode": "tozero"},
        title={"text": "Remittances are close to half of Tajikistan's economy<br><sup>Remittances as % of GDP as "
                       f"stated by {stated_by_years(shares)}; ~ approximate</sup>"},
    )
    return figure


def stated_by_years(figures: pd.DataFrame) -> str:
    """'KNOMAD (2018); World Bank (2022, 2024)': who stated the figures, for which years."""
    years = figures.assign(year=figures["period_start"].dt.year).groupby("stated_by", sort=False)["year"]
    return "; ".join(f"{plain(who)} ({', '.join(str(year) for year in sorted(set(group)))})"
                     for who, group in years)
