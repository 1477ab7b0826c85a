"""The daily crossings chart sums checkpoints into one line per direction, whatever the size of the table."""

from __future__ import annotations

import pandas as pd

from charts.crossings import crossings_by_day, daily_crossings
from charts.spec import Look, styled
from tests.figures import drawing


def sample_crossings() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["2022-09-22", "2022-09-22", "2022-09-21", "2022-09-22", "2022-09-21"]),
        "crossing_point": ["upper-lars", "petropavlovsk", "upper-lars", "upper-lars", "petropavlovsk"],
        "direction": ["entry", "entry", "entry", "exit", "exit"],
        "count": pd.array([100, 50, 10, 7, 3], dtype="Int64"),
    })


def test_checkpoints_are_summed_per_day_and_direction():
    by_day = crossings_by_day(sample_crossings())
    assert by_day.to_dict("records") == [
        {"date": pd.Timestamp("2022-09-21"), "direction": "entry", "count": 10},
        {"date": pd.Timestamp("2022-09-21"), "direction": "exit", "count": 3},
        {"date": pd.Timestamp("2022-09-22"), "direction": "entry", "count": 150},
        {"date": pd.Timestamp("2022-09-22"), "direction": "exit", "count": 7},
    ]


def test_one_line_per_direction_in_date_order_with_the_source_burned_in():
    figure = styled(daily_crossings(sample_crossings(), drawing({})), Look(), "Source: X")
    lines = {trace.name: trace for trace in figure.data}
    assert set(lines) == {"Entries", "Exits"}
    assert [str(pd.Timestamp(day).date()) for day in lines["Entries"].x] == ["2022-09-21", "2022-09-22"]
    assert list(lines["Entries"].y) == [10, 150]
    assert "crossings, not people" in figure.layout.title.text
    assert [annotation.text for annotation in figure.layout.annotations] == ["Source: X"]
