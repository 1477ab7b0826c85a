"""What every chart of stated figures shares: which rows it draws (one row per figure, however many reports gave
it), how it words a figure (the source's qualifier as written, a range as a range), how it dates one (at the
precision the source gives), how an estimate or forecast looks apart from an actual, and the source's own sentence
in the hover. Yearly figures become points joined only across consecutive years, so a line never bridges a gap."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from charts.text import wrapped

# How a date is written at each precision; a month or year is never shown as its first day.
PRECISION_FORMATS = {"day": "%d %b %Y", "month": "%B %Y", "year": "%Y"}
# English glosses of the qualifiers sources write in other languages; the source's own word stays in its quote.
QUALIFIERS_IN_ENGLISH = {
    "около": "about", "около порядка": "around", "примерно": "approximately", "более": "more than",
    "свыше": "over", "чуть более": "a little more than", "чуть больше": "a little more than", "почти": "almost",
    "до": "up to", "più di": "more than", "quasi": "almost", "астам": "more than", "жуығы": "nearly",
}
# Plotly marker symbols for a figure's kind: an estimate or forecast is drawn hollow.
HOLLOW = "-open"


def drawn(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a chart draws: one per figure. A row marked `same_as` is another report of a figure whose own row
    is drawn; drawing both would count the figure twice."""
    if "same_as" not in rows:
        return rows
    return rows[rows["same_as"].isna()]


def is_actual(rows: pd.DataFrame) -> pd.Series:
    """True for reported actuals, False for the estimates and forecasts a chart draws apart."""
    if "kind" not in rows:
        return pd.Series(True, index=rows.index)
    return rows["kind"].fillna("actual") == "actual"


def in_english(qualifier: object) -> str:
    """A qualifier for an English sentence: English ones as the source wrote them, others glossed."""
    if not isinstance(qualifier, str) or not qualifier:
        return ""
    return QUALIFIERS_IN_ENGLISH.get(qualifier.casefold(), qualifier.casefold())


def figure_in_words(value: float, qualifier: object = None, high: object = None, written: str = "{:,.0f}") -> str:
    """'about 100,000', 'more than 3,000', '8,000 to 9,000': the figure as the source gave it."""
    words = written.format(value)
    if isinstance(high, (int, float)) and not pd.isna(high):
        words = f"{words} to {written.format(high)}"
    qualified = in_english(qualifier)
    return f"{qualified} {words}" if qualified else words


def date_in_words(when: object, precision: object = "day") -> str:
    """A date at its precision: '21 Sep 2022', 'September 2022' or '2022'; '' when there is none."""
    if when is None or pd.isna(when):
        return ""
    return pd.Timestamp(when).strftime(PRECISION_FORMATS.get(precision if isinstance(precision, str) else "day",
                                                             PRECISION_FORMATS["day"]))


def period_in_words(start: object, end: object, start_precision: object = "day",
                    end_precision: object = "day") -> str:
    """'21 Sep 2022 to 4 Oct 2022', 'September 2022', '2017', 'to 27 Sep 2022' (no start given)."""
    first, last = date_in_words(start, start_precision), date_in_words(end, end_precision)
    if first and first == last:
        return first
    if first and last:
        return f"{first} to {last}"
    return f"from {first}" if first else (f"to {last}" if last else "dates not given")


def span_of(when: pd.Timestamp, precision: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a date at its precision covers: one day, a month or a year."""
    when = pd.Timestamp(when)
    if precision == "year":
        return pd.Timestamp(year=when.year, month=1, day=1), pd.Timestamp(year=when.year, month=12, day=31)
    if precision == "month":
        return when.replace(day=1), when + pd.offsets.MonthEnd(0)
    return when, when


def quoted(row) -> str:
    """The source's sentence for a hover, wrapped and made safe: where a figure comes from, in its own words."""
    sentence = getattr(row, "quote", None)
    return f"<br><i>“{wrapped(sentence, 70)}”</i>" if isinstance(sentence, str) and sentence else ""


def range_bars(rows: pd.DataFrame, scale: float = 1.0) -> dict:
    """Error bars that draw a range from its low end (the point) to its high end; none for a single figure."""
    highs = rows["value_high"] if "value_high" in rows else pd.Series(index=rows.index, dtype=float)
    spans = [(high - low) / scale if pd.notna(high) else 0.0 for low, high in zip(rows["value"], highs, strict=True)]
    if not any(spans):
        return {}
    return {"type": "data", "symmetric": False, "array": spans, "arrayminus": [0.0] * len(spans), "width": 6}


def yearly_points(years: Iterable, values: Iterable) -> tuple[list, list]:
    """x at mid-year and y, with a None between two years that are not consecutive (plotly then breaks the line)."""
    x: list = []
    y: list = []
    for year, value in zip(years, values, strict=True):
        if x and x[-1] is not None and year - x[-1].year > 1:
            x.append(None)
            y.append(None)
        x.append(pd.Timestamp(year=int(year), month=7, day=1))
        y.append(value)
    return x, y
