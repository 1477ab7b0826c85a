"""The daily crossings chart sums checkpoints into one line per direction, whatever the size of the table."""

from __future__ import annotations

import numpy as np
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


def test_the_sums_are_pandas_own_groupby_sums_with_missing_cells_left_out():
    """The builder adds counts by number (numpy) for speed; it must give what pandas' groupby gives."""
    random = np.random.default_rng(3)
    rows = 5_000
    crossings = pd.DataFrame({
        "date": pd.to_datetime("2022-09-01") + pd.to_timedelta(random.integers(0, 40, rows), unit="D"),
        "crossing_point": random.choice(["upper-lars", "petropavlovsk"], rows),
        "direction": pd.array(random.choice(["entry", "exit"], rows), dtype="str"),
        "count": pd.array(random.integers(0, 20_000, rows), dtype="Int64"),
    })
    crossings.loc[::97, "count"] = pd.NA
    crossings.loc[::89, "date"] = pd.NaT
    crossings.loc[::83, "direction"] = None
    expected = (crossings.groupby(["date", "direction"], as_index=False)["count"].sum()
                .sort_values(["date", "direction"], ignore_index=True))
    by_day = crossings_by_day(crossings)
    assert by_day["date"].tolist() == expected["date"].tolist()
    assert by_day["direction"].tolist() == expected["direction"].tolist()
    assert by_day["count"].tolist() == expected["count"].astype("int64").tolist()
