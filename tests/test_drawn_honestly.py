"""Every chart draws a figure as what it is: an estimate apart from the counted figures, a range as a range, a date
at its precision, each figure once however many reports give it, and the source's sentence with every row."""

from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import plotly.graph_objects as go
import pytest

from catalog import DATASETS, load
from catalog.boundaries import country_outlines
from charts.exodus import dated_entries, exodus_points
from charts.money import transfer_years_shown, transfers_by_year
from charts.registry import CHARTS
from charts.spec import STAFF_ONLY
from tests.figures import decoded, drawing

DRAWN = [spec for spec in CHARTS.values() if not spec.is_table]


def published(spec) -> dict[str, pd.DataFrame]:
    return {name: load(name) for name in spec.reads}


def test_a_forecast_is_a_hollow_dot_never_joined_to_the_counted_years():
    tables = {name: load(name) for name in ("remittances", "countries")}
    figure = transfers_by_year(transfer_years_shown(tables, {"to": ["UZB"]}), drawing())
    forecast = next(trace for trace in figure.data if trace.name == "Uzbekistan, World Bank (estimate or forecast)")
    assert forecast.mode == "markers" and forecast.marker.symbol.endswith("-open")
    assert list(decoded(forecast.y)) == [7.6]  # the World Bank's forecast for 2021
    assert "(forecast)" in forecast.hovertext[0]
    joined = [value for trace in figure.data if "lines" in trace.mode for value in decoded(trace.y)]
    assert 7.6 not in joined and 6.03 in joined


def test_an_estimate_among_counted_statements_is_hollow():
    entries = load("border_crossings")
    entries = entries[entries["figure_id"].isin(["kz-2022-10-04-entered-200k", "kz-2022-09-27-entered-98k"])].copy()
    assert len(entries) == 2
    entries.loc[entries["figure_id"] == "kz-2022-09-27-entered-98k", "kind"] = "estimate"
    figure = exodus_points(entries, drawing())
    (kazakhstan,) = figure.data
    symbols = dict(zip(kazakhstan.hovertext, kazakhstan.marker.symbol, strict=True))
    assert sorted(symbols.values()) == ["diamond", "diamond-open"]
    assert all(symbol.endswith("-open") == ("(estimate)" in hover) for hover, symbol in symbols.items())


def test_a_range_is_drawn_from_its_low_end_to_its_high_end():
    figure = exodus_points(dated_entries({"border_crossings": load("border_crossings")}, {}), drawing())
    finland = next(trace for trace in figure.data if trace.name == "Finland")
    where = next(index for index, hover in enumerate(finland.hovertext) if "4,000 to 8,000" in hover)
    assert decoded(finland.y)[where] == 4000  # the point at the low end...
    assert finland.error_y.array[where] == 4000 and finland.error_y.arrayminus[where] == 0  # ...the bar to the high
    assert all(span == 0 for index, span in enumerate(finland.error_y.array) if index != where)


def test_a_month_precise_event_is_dated_to_its_month():
    figure = CHARTS["events_timeline"].build(published(CHARTS["events_timeline"])).figure
    hovers = [hover for trace in figure.data for hover in trace.hovertext or ()]
    smagulov = next(hover for hover in hovers if "Smagulov" in hover)
    assert "May 2025" in smagulov and "1 May" not in smagulov


def with_second_reports(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables with every figure, case and event reported a second time: a copy of each drawn row under a new
    key, marked as another report of it (same_as), as staff keep a second source for a figure."""
    frames = dict(frames)
    for name, table in frames.items():
        if name == "event_quotes" or "same_as" not in table:
            continue
        key = DATASETS[name].key
        drawn = table[table["same_as"].isna()]
        copies = drawn.assign(**{key: drawn[key] + "-again", "same_as": drawn[key]})
        frames[name] = pd.concat([table, copies], ignore_index=True)
    if "events" in frames and "event_quotes" in frames:
        events, quotes = frames["events"], frames["event_quotes"]
        drawn = quotes[quotes["same_as"].isna()]
        frames["events"] = pd.concat([events, events[events["event_id"].isin(drawn["event_id"])].assign(
            event_id=lambda rows: rows["event_id"] + "-again")], ignore_index=True)
        frames["event_quotes"] = pd.concat([quotes, drawn.assign(event_id=drawn["event_id"] + "-again",
                                                                 same_as=drawn["event_id"])], ignore_index=True)
    return frames


def numbers_seen(chart) -> Counter:
    """Every number a reader takes from a chart (its marks, labels, hovers, text alternative and notes), counted: a
    figure drawn or summed twice changes them; a second report named beside the first does not. The x axis's range
    is left out: it makes room for labels, and a label that names two reports is longer."""
    figure = ""
    if chart.figure is not None:
        figure = chart.figure.to_json() if chart.is_map else go.Figure(chart.figure).update_xaxes(range=None).to_json()
    return Counter(re.findall(r"\d+(?:[.,]\d+)*", json.dumps([figure, chart.alt_text, chart.notes, chart.in_words])))


REPORTED_TWICE = [spec for spec in DRAWN if "event_quotes" in spec.reads
                  or any("same_as" in DATASETS[name].column_names for name in spec.reads)]


@pytest.mark.parametrize("spec", REPORTED_TWICE, ids=lambda spec: spec.name)
def test_no_chart_draws_or_sums_a_figure_twice(spec):
    frames = published(spec)
    outlines = country_outlines() if spec.is_map else None
    doubled = with_second_reports(frames)
    assert numbers_seen(spec.build(doubled, outlines=outlines)) == numbers_seen(spec.build(frames, outlines=outlines))


@pytest.mark.parametrize("spec", list(CHARTS.values()), ids=lambda spec: spec.name)
def test_every_chart_s_rows_carry_the_source_s_sentence_and_no_staff_notes(spec):
    chart = spec.build(published(spec), outlines=country_outlines() if spec.is_map else None)
    assert len(chart.rows), f"{spec.name} shows no rows"
    assert "quote" in chart.rows, f"{spec.name}: its table has no quote column"
    cited = chart.rows[chart.rows["source_id"].notna()]
    assert cited["quote"].notna().all(), f"{spec.name}: a row without its sentence"
    for table in (chart.rows, chart.sources):
        assert not [column for column in table.columns if column.startswith(STAFF_ONLY)], spec.name


def test_a_hover_gives_the_figure_to_the_digits_its_source_gives():
    tables = {name: load(name) for name in ("remittances", "countries")}
    figure = transfers_by_year(transfer_years_shown(tables, {"to": ["UZB"]}), drawing())
    hovers = [hover for trace in figure.data for hover in trace.hovertext if hover]
    assert any(hover.startswith("<b>2.845 bn US$</b>") for hover in hovers)  # 'US$2.845 billion in 2010'


def test_a_rule_reported_only_as_announced_is_hatched_and_never_called_in_force():
    """Russia's QR-code entry rule was reported as due from 30 June 2025, with the app 'not yet operational': its bar
    is hatched and its hover says it was to take effect. The calendar-year limit, reported as applying, is solid."""
    from charts.rules import ANNOUNCED_HATCH, rules_timeline

    figure = rules_timeline(load("entry_rules"), drawing())
    bars = {label: (shape, hover) for trace in figure.data if trace.hoverinfo != "skip"  # not the legend's keys
            for label, shape, hover in zip(trace.y, trace.marker.pattern.shape, trace.hovertext, strict=True)}
    qr_shape, qr_hover = next(bar for label, bar in bars.items() if "Entry procedure (Jun 2025)" in label)
    assert qr_shape == ANNOUNCED_HATCH
    assert "announced to take effect on 30 Jun 2025" in qr_hover and "in force" not in qr_hover
    limit_shape, limit_hover = next(bar for label, bar in bars.items() if "Stay limit (Jan 2025)" in label)
    assert limit_shape == "" and "from 01 Jan 2025 (still in force)" in limit_hover
    assert "hatched: announced, not reported in force" in figure.layout.title.text
    keys = [trace for trace in figure.data if trace.hoverinfo == "skip"]  # each country's colour solid, the hatch once
    assert [(key.name, key.marker.pattern.shape) for key in keys] == [
        ("Kazakhstan", None), ("Russia", None), ("United States", None), ("Announced only", ANNOUNCED_HATCH)]
