"""Every chart Borderlines draws from a table, by a stable name: the reader pages and the briefing deck build them
the same way, so a slide shows exactly what the page shows for the same filters.

Each entry says which datasets it reads, its filters (the same names as the page's URL parameters, with the allowed
values taken from the data) and how to build the chart. Pure: tables in, figure out; never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from charts.bans import OCCUPATION_LABELS, bans_by_occupation, bans_timeline, with_direction
from charts.exodus import exodus_points
from charts.extraditions import STATUS_LABELS, case_steps, cases_by_status
from charts.money import dated_shares_of_gdp, full_years_from_russia, share_of_gdp, transfers_by_year, work_entries
from charts.rules import rules_timeline
from charts.text import source_plain
from charts.timeline import CATEGORY_LABELS, events_timeline
from charts.us_visas import refusal_rates

Frames = Mapping[str, pd.DataFrame]
Chosen = Mapping[str, str | list[str]]

# Events marked on the refusal chart, by id in data/events.csv, with a short label each.
US_MILESTONES = {"us-proclamation-10949-signed": "Proclamation 10949: partial ban on Turkmenistan",
                 "us-visa-bonds-announced": "Visa bonds of up to $15,000"}


@dataclass(frozen=True)
class Filter:
    """One way to narrow a chart. `kind` is "one" (a single value; the first option is the default), "many" (any
    number of values; none chosen means all) or "text" (words to search for). `options` maps each allowed value,
    derived from the data, to the label readers see."""

    param: str
    label: str
    kind: str
    options: Callable[[Frames], dict[str, str]] | None = None
    placeholder: str = ""

    def default(self, frames: Frames) -> str | list[str]:
        if self.kind == "one":
            return next(iter(self.options(frames)))
        return list(self.options(frames)) if self.kind == "many" else ""


@dataclass(frozen=True)
class Chart:
    """A built chart and what goes with it: the rows it shows (for the table and CSV), its text alternative and the
    name its exported files get."""

    figure: go.Figure
    rows: pd.DataFrame
    alt_text: str
    file_stem: str


@dataclass(frozen=True)
class ChartSpec:
    name: str
    description: str
    datasets: tuple[str, ...]
    filters: tuple[Filter, ...]
    select: Callable[[Frames, Chosen], pd.DataFrame]
    draw: Callable[[pd.DataFrame, Frames, str], go.Figure]
    alt_text: str | Callable[[pd.DataFrame], str]  # a sentence, or one made from the rows shown
    file_stem: str

    def chosen(self, frames: Frames, chosen: Chosen | None = None) -> dict[str, str | list[str]]:
        """Every filter's value: the ones given, the defaults for the rest."""
        return {item.param: (chosen or {}).get(item.param, item.default(frames)) for item in self.filters}

    def rows(self, frames: Frames, chosen: Chosen | None = None) -> pd.DataFrame:
        return self.select(frames, self.chosen(frames, chosen))

    def build(self, frames: Frames, chosen: Chosen | None = None) -> Chart:
        rows = self.rows(frames, chosen)
        source_text = source_plain(rows["source_id"], frames["sources"])
        alt_text = self.alt_text(rows) if callable(self.alt_text) else self.alt_text
        return Chart(self.draw(rows, frames, source_text), rows, alt_text, self.file_stem)


def named(builder: Callable[[pd.DataFrame, dict[str, str], str], go.Figure]) -> Callable:
    """A builder that takes country names, fed them from the countries table."""
    return lambda rows, frames, source_text: builder(rows, names(frames), source_text)


def measuring(table: str, measure: str) -> Callable[[Frames, Chosen], pd.DataFrame]:
    """The rows of a table that hold one measure."""
    return lambda frames, chosen: frames[table][frames[table]["measure"] == measure]


def names(frames: Frames) -> dict[str, str]:
    """ISO code to English name, from the countries table."""
    return dict(zip(frames["countries"]["iso3"], frames["countries"]["name"], strict=True))


def country_options(table: str, column: str) -> Callable[[Frames], dict[str, str]]:
    """The countries that appear in one column of a table, by code, labelled with their names."""
    def options(frames: Frames) -> dict[str, str]:
        known = names(frames)
        return {iso3: known.get(iso3, iso3) for iso3 in sorted(frames[table][column].dropna().unique())}
    return options


def label_options(table: str, column: str, labels: dict[str, str]) -> Callable[[Frames], dict[str, str]]:
    """The values of a column that the data holds, in the labels' order."""
    def options(frames: Frames) -> dict[str, str]:
        present = set(frames[table][column])
        return {key: label for key, label in labels.items() if key in present}
    return options


def ban_directions(frames: Frames) -> dict[str, str]:
    known = names(frames)
    bans = frames["entry_bans"]
    directions = sorted({f"{b}>{n}" for b, n in zip(bans["banning_country"], bans["nationality"], strict=True)})
    return {"all": "Both directions", **{
        key: f"{known[key.split('>')[0]]} bars {known[key.split('>')[1]]} citizens" for key in directions}}


def transfer_recipients(frames: Frames) -> dict[str, str]:
    """Countries that received whole-year transfers from Russia: the only ones the chart can draw."""
    known = names(frames)
    return {iso3: known.get(iso3, iso3)
            for iso3 in sorted(full_years_from_russia(frames["remittances"])["to_country"].unique())}


def events_shown(frames: Frames, chosen: Chosen) -> pd.DataFrame:
    events = frames["events"]
    return events[events["acting_country"].isin(chosen["country"]) & events["category"].isin(chosen["category"])]


def bans_shown(frames: Frames, chosen: Chosen) -> pd.DataFrame:
    bans = frames["entry_bans"]
    shown = bans[bans["occupation"].isin(chosen["occupation"])]
    if chosen["direction"] != "all":
        banning, nationality = chosen["direction"].split(">")
        shown = shown[(shown["banning_country"] == banning) & (shown["nationality"] == nationality)]
    if chosen["q"]:
        text = shown["person_or_group"].str.cat(shown["reason_or_context"].fillna(""), sep=" ")
        shown = shown[text.str.contains(chosen["q"], case=False, regex=False)]
    return with_direction(shown, names(frames))


def cases_shown(frames: Frames, chosen: Chosen) -> pd.DataFrame:
    cases = frames["extraditions"]
    return cases[cases["status"].isin(chosen["status"]) & cases["from_country"].isin(chosen["held_by"])]


def transfer_years_shown(frames: Frames, chosen: Chosen) -> pd.DataFrame:
    years = full_years_from_russia(frames["remittances"])
    return years[years["to_country"].isin(chosen["to"])]


def us_milestones(events: pd.DataFrame) -> pd.DataFrame:
    dated = events.set_index("event_id")
    return pd.DataFrame({"date": [dated.at[event, "date"] for event in US_MILESTONES],
                         "label": list(US_MILESTONES.values())})


BAN_FILTERS = (
    Filter("direction", "Direction", "one", ban_directions),
    Filter("occupation", "Occupation", "many", label_options("entry_bans", "occupation", OCCUPATION_LABELS)),
    Filter("q", "Search names and context", "text", placeholder="e.g. Duma, historian"),
)
CASE_FILTERS = (
    Filter("status", "Status", "many", label_options("extraditions", "status", STATUS_LABELS)),
    Filter("held_by", "Held by", "many", country_options("extraditions", "from_country")),
)

CHARTS: dict[str, ChartSpec] = {spec.name: spec for spec in [
    ChartSpec(
        "events_timeline", "Every dated event, a row per kind of event, coloured by the country that acted",
        ("events", "countries", "sources"),
        (Filter("country", "Country that acted", "many", country_options("events", "acting_country")),
         Filter("category", "Kind of event", "many", label_options("events", "category", CATEGORY_LABELS))),
        events_shown,
        named(events_timeline),
        lambda rows: f"Timeline of {len(rows)} events from {rows['date'].min():%B %Y} to {rows['date'].max():%B %Y}.",
        "borderlines-timeline",
    ),
    ChartSpec(
        "exodus_statements", "Every official count of Russians entering neighbouring countries in autumn 2022",
        ("border_crossings", "countries", "sources"), (),
        measuring("border_crossings", "entered"),
        named(exodus_points),
        "Dots for each official count of Russians entering Kazakhstan, Georgia, Finland and Mongolia in "
        "autumn 2022, on a log scale.",
        "borderlines-exodus-statements",
    ),
    ChartSpec(
        "bans_timeline", "Entry bans by the day each was reported, a row per direction",
        ("entry_bans", "countries", "sources"), BAN_FILTERS, bans_shown,
        named(bans_timeline),
        lambda rows: f"Dot chart of {len(rows)} entry bans by the date each was reported, one row per direction.",
        "borderlines-entry-bans-timeline",
    ),
    ChartSpec(
        "bans_by_occupation", "People barred by occupation, for each direction",
        ("entry_bans", "countries", "sources"), BAN_FILTERS, bans_shown,
        named(bans_by_occupation),
        "Bar chart of people barred by occupation, for each direction.",
        "borderlines-entry-bans-by-occupation",
    ),
    ChartSpec(
        "extradition_status", "Extradition cases by status, coloured by asylum status",
        ("extraditions", "countries", "sources"), CASE_FILTERS, cases_shown,
        lambda rows, frames, source_text: cases_by_status(rows, source_text),
        lambda rows: f"Bar chart of {len(rows)} cases by status, coloured by asylum status.",
        "borderlines-extraditions-status",
    ),
    ChartSpec(
        "extradition_steps", "The dated steps of each extradition case",
        ("extraditions", "countries", "sources"), CASE_FILTERS, cases_shown,
        lambda rows, frames, source_text: case_steps(rows, source_text),
        "Timeline of the dated steps of each case that has reported dates.",
        "borderlines-extraditions-steps",
    ),
    ChartSpec(
        "entry_rules_timeline", "When each entry rule applied",
        ("entry_rules", "countries", "sources"), (),
        lambda frames, chosen: frames["entry_rules"],
        lambda rows, frames, source_text: rules_timeline(rows, names(frames), source_text,
                                                         pd.Timestamp(date.today())),
        lambda rows: f"Bars showing when each of {len(rows)} entry rules took effect and, where it has, when it "
                     "ended.",
        "borderlines-entry-rules",
    ),
    ChartSpec(
        "transfers_by_year", "Money sent from Russia each year, by receiving country and statistical series",
        ("remittances", "countries", "sources"),
        (Filter("to", "Receiving country", "many", transfer_recipients),),
        transfer_years_shown,
        named(transfers_by_year),
        "Line chart of money sent from Russia each year to Central Asian countries, with the Bank of "
        "Russia and recipient central bank series drawn separately.",
        "borderlines-transfers-by-year",
    ),
    ChartSpec(
        "remittances_share_of_gdp", "Remittances as a share of the receiving country's GDP, each dated figure a dot",
        ("remittances", "countries", "sources"), (),
        lambda frames, chosen: dated_shares_of_gdp(frames["remittances"]),
        named(share_of_gdp),
        lambda rows: f"Dot chart of {len(rows)} dated figures for remittances as a share of the receiving country's "
                     f"GDP, {rows['period_start'].dt.year.min()} to {rows['period_start'].dt.year.max()}.",
        "borderlines-remittances-share-of-gdp",
    ),
    ChartSpec(
        "work_entries", "Entries to Russia for work, by country and reporting period",
        ("migrant_workers", "countries", "sources"), (),
        measuring("migrant_workers", "work_entries"),
        named(work_entries),
        "Grouped bars of entries to Russia for work by country, for each reporting period.",
        "borderlines-work-entries",
    ),
    ChartSpec(
        "us_visa_refusals", "US B-visa refusal rates by country and year, with the 2025 and 2026 measures",
        ("us_visas", "events", "countries", "sources"), (),
        measuring("us_visas", "b_visa_refusal_rate"),
        lambda rows, frames, source_text: refusal_rates(rows, us_milestones(frames["events"]), names(frames),
                                                        source_text),
        "Line chart of US B-visa refusal rates for five Central Asian countries in 2019 and 2022 to "
        "2024, with the 2025 proclamation and the 2026 visa bonds marked.",
        "borderlines-us-visa-refusals",
    ),
]}
