"""Yearly figures as chart points: joined only across consecutive years, so a line never bridges a gap."""

from __future__ import annotations

import pandas as pd


def yearly_points(years, values) -> tuple[list, list]:
    """x at mid-year and y, with a None between two years that are not consecutive (plotly then breaks the line)."""
    x: list = []
    y: list = []
    for year, value in zip(years, values, strict=True):
        if x and year - x[-1].year > 1:
            x.append(None)
            y.append(None)
        x.append(pd.Timestamp(year=int(year), month=7, day=1))
        y.append(value)
    return x, y
