"""Chart builders are pure: a table in, a figure out. Tests read the data the figure carries."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

from charts.text import plain
from charts.timeline import events_timeline

CHARTS = Path(__file__).resolve().parent.parent / "charts"


def test_charts_never_import_streamlit():
    for path in CHARTS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not any(name.split(".")[0] == "streamlit" for name in imported), path.name


def sample_events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["mob", "kz-rule", "ban"],
        "date": pd.to_datetime(["2022-09-21", "2023-01-26", "2025-05-01"]),
        "date_precision": ["day", "day", "month"],
        "acting_country": ["RUS", "KAZ", "RUS"],
        "affected_country": [None, "RUS", "KAZ"],
        "category": ["mobilization", "entry_rule", "entry_ban"],
        "summary": ["Russia mobilizes", "<img src=x onerror=alert(1)> rule", "Scholars barred"],
        "source_id": ["a", "b", "c"],
    })


def test_the_timeline_has_one_trace_per_acting_country_with_its_events():
    figure = events_timeline(sample_events(), {"RUS": "Russia", "KAZ": "Kazakhstan"}, "Source: X")
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {"Russia", "Kazakhstan"}
    assert list(traces["Russia"].y) == ["Mobilization", "Entry bans"]
    assert [str(pd.Timestamp(x).date()) for x in traces["Russia"].x] == ["2022-09-21", "2025-05-01"]
    assert list(traces["Russia"].marker.symbol) == ["circle", "circle-open"]  # month-only event is hollow
    assert "(month only)" in traces["Russia"].hovertext[1]
    assert figure.layout.title.text.startswith("3 events, Sep 2022 to May 2025")


def test_csv_text_in_hovers_is_shown_as_text_not_html():
    figure = events_timeline(sample_events(), {}, "Source: X")
    kazakh = next(trace for trace in figure.data if trace.name == "KAZ")
    assert "<img" not in kazakh.hovertext[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in kazakh.hovertext[0]


def test_the_source_is_burned_into_the_figure_for_png_exports():
    figure = events_timeline(sample_events(), {}, "Source: RFE/RL <b>")
    assert [annotation.text for annotation in figure.layout.annotations] == [plain("Source: RFE/RL <b>")]


def test_a_long_source_line_wraps_instead_of_running_off_a_phone_screen():
    figure = events_timeline(sample_events(), {}, "Sources: " + ", ".join(["Publisher"] * 20))
    assert figure.layout.annotations[0].text.count("<br>") >= 2
