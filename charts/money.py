"""Remittances and migrant workers: money sent home from Russia, and the people who earn it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import (
    HOLLOW,
    date_in_words,
    date_ticks,
    drawn,
    figure_in_words,
    is_actual,
    kind_in_words,
    period_in_words,
    quoted,
    range_bars,
    yearly_points,
)
from charts.spec import Chosen, Drawing, Frames, country_names
from charts.text import (
    MIN_PLOT_HEIGHT,
    PAGE_WIDTH,
    PHONE_WIDTH,
    characters,
    marked_moments,
    plain,
    plot_left,
    room_above,
)
from i18n import N_, _, ngettext
from i18n.formats import short_period

# Statistical series: long name (hover, table), short name (legend, which must fit a phone), marker, line dash. The
# names are messages: shown through `_()`.
SERIES = {
    "bank_of_russia_transfers": (N_("Bank of Russia (money-transfer systems)"), N_("Bank of Russia"), "circle",
                                 "solid"),
    "recipient_central_bank": (N_("Recipient's central bank"), N_("own central bank"), "diamond", "dash"),
    "world_bank": (N_("World Bank"), N_("World Bank"), "square", "dot"),
    "other": (N_("Other"), N_("other"), "x", "dot"),
}
# Billions of dollars after a figure: the house style in English, as Russian media write it in Russian (a message).
IN_BILLIONS = N_("{figure} bn US$")
SERIES_BREAK = pd.Timestamp("2022-01-01")
# What a dot apart from a series' line is (messages: shown through `_()`).
ANOTHER_REPORT, ESTIMATE_OR_FORECAST = N_("another report"), N_("estimate or forecast")
BILLION = 1e9
BAR_GAP = 0.2  # of a group's width, between groups (plotly's own)
BAR_LABEL_CHARACTER = 7  # pixels a bar label's letter takes (plotly's 12 px)
BAR_LABEL_LINE = 16  # and its line: a bar narrower than this has no room for a label turned up it


def whole_years_from_russia(remittances: pd.DataFrame) -> pd.DataFrame:
    """Dollar figures for a whole calendar year, sent from Russia to one country (no shares or parts of a year,
    which would not compare)."""
    usd = remittances[(remittances["unit"] == "usd") & (remittances["from_country"] == "RUS")
                      & remittances["to_country"].notna() & remittances["period_start"].notna()
                      & remittances["period_end"].notna()]
    whole_year = (usd["period_start"].dt.strftime("%m-%d") == "01-01") & (
        usd["period_end"].dt.strftime("%m-%d") == "12-31") & (usd["period_start"].dt.year == usd["period_end"].dt.year)
    return usd[whole_year]


def full_years_from_russia(remittances: pd.DataFrame) -> pd.DataFrame:
    """The whole-year figures from Russia that sources report as counted: no estimates or forecasts."""
    years = whole_years_from_russia(remittances)
    return years[is_actual(years)]


def estimated_years_from_russia(remittances: pd.DataFrame) -> pd.DataFrame:
    """Whole-year estimates and forecasts from Russia: drawn apart from the counted figures, never joined to them."""
    years = whole_years_from_russia(remittances)
    return years[~is_actual(years)]


def transfer_recipients(tables: Frames) -> dict[str, str]:
    """Countries that received whole-year transfers from Russia: the only ones the chart can draw."""
    names = country_names(tables)
    return {iso3: names.get(iso3, iso3)
            for iso3 in sorted(full_years_from_russia(tables["remittances"])["to_country"].unique())}


def transfer_years_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    years = pd.concat([full_years_from_russia(tables["remittances"]),
                       estimated_years_from_russia(tables["remittances"])])
    return years[years["to_country"].isin(chosen["to"])]


def hover_of(row, label: str, written: str = "{:.6g}", unit: str = IN_BILLIONS, scale: float = BILLION) -> str:
    """A figure's hover: the figure as stated (2.845, not 2.85), its kind, series, period and the source's own
    sentence. `unit` is a message that puts the figure in it."""
    high = row.value_high / scale if pd.notna(getattr(row, "value_high", None)) else None
    kind = "" if getattr(row, "kind", "actual") == "actual" else f" ({kind_in_words(row.kind)})"
    period = period_in_words(row.period_start, row.period_end, row.start_precision, row.end_precision)
    figure = _(unit).format(figure=plain(figure_in_words(row.value / scale, row.qualifier, high, written)))
    return f"<b>{figure}</b>{kind}<br>{plain(label)}, {period}{quoted(row)}"


def transfers_by_year(transfers: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Money sent from Russia each year, a line per country and statistical series. A line joins only consecutive
    years of one series: the Bank of Russia's figures end in 2021 and the recipients' begin in 2022, so the two are
    never joined, and a rule marks the break. Estimates and forecasts are hollow dots, never joined to the counted
    figures; a second report of a year already drawn is a dot of its own."""
    names, palette = drawing.names, drawing.palette
    years = drawn(transfers).assign(year=lambda rows: rows["period_start"].dt.year).sort_values("year", kind="stable")
    figure = go.Figure()
    for (country, series), group in years.groupby(["to_country", "series"], sort=True):
        label, short, symbol, dash = SERIES[series]
        label, short = _(label), _(short)
        country_name = names.get(country, country)
        colour = palette.country(country)
        actual = group[is_actual(group)]
        first = actual.drop_duplicates("year")
        if len(first):
            x, y = yearly_points(first["year"], first["value"] / BILLION)
            hovers = iter(hover_of(row, f"{country_name}, {label}") for row in first.itertuples())
            figure.add_trace(go.Scatter(
                x=x, y=y, mode="lines+markers", name=plain(f"{country_name}, {short}"),
                line={"color": colour, "dash": dash}, marker={"symbol": symbol, "size": 10, "color": colour},
                hovertext=[next(hovers) if value is not None else None for value in y], hoverinfo="text",
            ))
        for kind, points in ((ANOTHER_REPORT, actual[actual.duplicated("year")]),
                             (ESTIMATE_OR_FORECAST, group[~is_actual(group)])):
            if points.empty:
                continue
            figure.add_trace(go.Scatter(
                x=[pd.Timestamp(year=int(year), month=7, day=1) for year in points["year"]],
                y=points["value"] / BILLION, mode="markers", name=plain(f"{country_name}, {short} ({_(kind)})"),
                marker={"symbol": symbol + (HOLLOW if kind != ANOTHER_REPORT else ""), "size": 11,
                        "color": colour, "line": {"width": 2, "color": colour}},
                error_y=range_bars(points, BILLION) or None,
                hovertext=[hover_of(row, f"{country_name}, {label}") for row in points.itertuples()],
                hoverinfo="text",
            ))
    # Left of the break, over the lower Bank of Russia figures; what the break means is in the chart's notes.
    marked_moments(figure, [(SERIES_BREAK, _("Series break"))], palette.muted_ink, drawing.look.screen)
    top = years[["value", "value_high"]].max().max() / BILLION if len(years) else 1
    figure.update_layout(
        # Headroom above the highest figure keeps the series-break note clear of it.
        height=620,
        yaxis={"title": _("Billion US dollars"), "range": [0, 1.3 * top]},
        xaxis={"title": None},
        title={"text": _("Money sent home from Russia, by year") + "<br><sup>" + _(
            "Whole-year figures in US dollars; each statistical series drawn apart; hollow: estimates and "
            "forecasts") + "</sup>"},
    )
    if len(years):
        date_ticks(figure, min(years["period_start"].min(), SERIES_BREAK), years["period_end"].max(),
                   drawing.look.phone)
    return figure


def counted_work_entries(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Entries for work by a named country over a stated period, counted as border crossings: the counts the chart
    can place."""
    return by_country_and_period(tables["migrant_workers"], "work_entries", "crossings")


def registered_work_arrivals(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Arrivals registered for work (people, by the Interior Ministry's count), by a named country over a stated
    period."""
    return by_country_and_period(tables["migrant_workers"], "arrived_for_work", "people")


def by_country_and_period(migrants: pd.DataFrame, measure: str, counts: str) -> pd.DataFrame:
    return migrants[(migrants["measure"] == measure) & (migrants["counts"] == counts)
                    & migrants["origin_country"].notna() & migrants["period_start"].notna()
                    & migrants["period_end"].notna()]


def work_entries(entries: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Entries to Russia for work by country, grouped by the period each count covers (periods differ, so bars
    compare countries within a period, not across periods)."""
    return bars_by_period(entries, drawing, _("Entries for work (border crossings)"), "entries",
                          _("Entries to Russia for work, by country") + "<br><sup>" + _(
                              "Border crossings with work as the stated purpose, not people; each group is one "
                              "reporting period") + "</sup>")


def work_arrivals(arrivals: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Foreigners who came to Russia to work, as the Interior Ministry counts them (people), by country and
    period."""
    return bars_by_period(arrivals, drawing, _("People who came to work"), "people",
                          _("Who came to Russia to work, by country") + "<br><sup>" + _(
                              "People, as the Interior Ministry counts them: not the FSB's border crossings; each "
                              "group is one reporting period") + "</sup>")


def counted_in_words(figure: str, what: str, value: float) -> str:
    """'200,000 entries', 'about 1,500 people' ('около 200 000 въездов', 'около 1 500 человек')."""
    if what == "entries":
        return ngettext("{figure} entry", "{figure} entries", int(value)).format(figure=figure)
    return ngettext("{figure} person", "{figure} people", int(value)).format(figure=figure)


def bars_by_period(rows: pd.DataFrame, drawing: Drawing, axis: str, what: str, title: str) -> go.Figure:
    """Bars of `what` ("entries" or "people") by country, grouped by the period each count covers."""
    names = drawing.names
    rows = drawn(rows)
    spans = list(zip(rows["period_start"], rows["period_end"], rows["start_precision"], rows["end_precision"],
                     strict=True))
    lines = {span: short_period(*span) for span in spans}
    labels = {span: " ".join(said).replace("– ", "–") for span, said in lines.items()}
    ticks = {labels[span]: "<br>".join(said) for span, said in lines.items()}
    periods = rows.assign(period=[labels[span] for span in spans])
    periods = periods.assign(label=[figure_in_words(value / 1000, qualifier, None, "{:,.0f}k")
                                    for value, qualifier in zip(periods["value"], periods["qualifier"], strict=True)])
    figure = go.Figure().update_layout(
        # Each period short and on at most two lines, never slanted: a phone has room for four groups side by side.
        barmode="group", bargap=BAR_GAP, height=460, xaxis={
            "title": None, "tickangle": 0, "tickvals": list(ticks), "ticktext": list(ticks.values())},
        yaxis={"title": axis},
        title={"text": title},
    )
    # Each bar's figure at its full size: level where the widest fits over its bar, else turned up the bar, else (a
    # phone with many countries) not on the bars at all, but in the tooltip and the table: plotly would shrink it past
    # reading.
    plot = (PHONE_WIDTH if drawing.look.phone else PAGE_WIDTH) - plot_left(figure) - (figure.layout.margin.r or 10)
    bar = plot * (1 - BAR_GAP) / max(len(ticks), 1) / max(periods["origin_country"].nunique(), 1)
    lengths = [BAR_LABEL_CHARACTER * characters(label) for label in periods["label"]]
    widest = max(lengths, default=0)
    position, angle = ("outside", 0) if bar >= widest else ("outside", -90) if bar >= BAR_LABEL_LINE else ("none", 0)
    for country, group in periods.sort_values("period_start").groupby("origin_country", sort=False):
        name = plain(names.get(country, country))
        figure.add_trace(go.Bar(
            x=group["period"], y=group["value"], name=name,
            marker={"color": drawing.palette.country(country)},
            text=group["label"], textposition=position, textangle=angle, constraintext="none", cliponaxis=False,
            hovertext=[f"<b>{name}: "
                       f"{counted_in_words(plain(figure_in_words(row.value, row.qualifier)), what, row.value)}</b><br>"
                       f"{period_in_words(row.period_start, row.period_end, row.start_precision, row.end_precision)}"
                       f"{quoted(row)}" for row in group.itertuples()], hoverinfo="text",
        ))
    if angle:  # plotly makes no room for a label turned up its bar: the axis rises until the longest fits
        figure.update_yaxes(range=[0, max(room_above(value, 0, 0, length, MIN_PLOT_HEIGHT)
                                          for value, length in zip(periods["value"], lengths, strict=True))])
    return figure


def dated_shares_of_gdp(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """Remittances from all countries as a share of GDP, for the figures whose source says which year they are
    for."""
    remittances = tables["remittances"]
    return remittances[(remittances["measure"] == "remittances_share_of_gdp") & remittances["period_start"].notna()
                       & remittances["from_country"].isna()]


def share_of_gdp(shares: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Remittances as a share of each receiving country's GDP, one dot per stated figure. Dots, not lines: the
    figures come from different publications (KNOMAD, World Bank reports) years apart, not one series; where
    reports of one assessment differ in their decimals, each report is a dot. A figure its source gives with a
    qualifier ('about', 'almost', 'as high as') is a ringed dot, an estimate or forecast a hollow one; the figure as
    the source words it is in the dot's hover text and the table. Labels on every dot ran into each other wherever
    reports of one year lie close together."""
    names = drawing.names
    shares = drawn(shares).sort_values("period_start", kind="stable")
    figure = go.Figure()
    for country, group in shares.groupby("to_country", sort=False):
        name = plain(names.get(country, country))
        colour = drawing.palette.country(country)
        approximate = group["qualifier"].notna() if "qualifier" in group else pd.Series(False, index=group.index)
        figure.add_trace(go.Scatter(
            x=group["period_start"].dt.year, y=group["value"], mode="markers", name=name,
            marker={"color": colour, "size": 14, "line": {"width": 2, "color": colour},
                    "symbol": ["circle-open-dot" if rough else "circle" + ("" if actual else HOLLOW)
                               for actual, rough in zip(is_actual(group), approximate, strict=True)]},
            hovertext=[f"<b>{name}, {date_in_words(row.period_start, row.start_precision)}: "
                       + _("{figure} of GDP").format(figure=plain(figure_in_words(row.value, row.qualifier, None,
                                                                                  "{:g}%")))
                       + "</b><br>" + _("stated by {who}").format(who=plain(row.stated_by)) + quoted(row)
                       for row in group.itertuples()],
            hoverinfo="text",
        ))
    figure.update_layout(
        height=460,
        xaxis={"title": None, "dtick": 1, "range": [shares["period_start"].dt.year.min() - 0.5,
                                                    shares["period_start"].dt.year.max() + 0.5]} if len(shares) else {},
        yaxis={"title": _("Share of GDP (%)"), "rangemode": "tozero"},
        # The per cent sign is a placeholder: gettext's checks would read "% o" as a printf conversion.
        title={"text": _("Remittances are close to half of Tajikistan's economy") + "<br><sup>" + _(
            "Remittances as {per_cent} of GDP as stated by {who}; ringed: a figure its source qualifies, with words "
            "such as about or as high as").format(per_cent="%", who=stated_by_years(shares)) + "</sup>"},
    )
    return figure


def stated_by_years(figures: pd.DataFrame) -> str:
    """'KNOMAD (2018); World Bank (2022, 2024)': who stated the figures, for which years."""
    years = figures.assign(year=figures["period_start"].dt.year).groupby("stated_by", sort=False)["year"]
    return "; ".join(f"{plain(who)} ({', '.join(str(year) for year in sorted(set(group)))})"
                     for who, group in years)
