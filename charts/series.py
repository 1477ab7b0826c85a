"""What every chart of stated figures shares: which rows it draws (one row per figure, however many reports gave
it), how it words a figure (the source's qualifier as written, a range as a range), how it dates one (at the
precision the source gives), how an estimate or forecast looks apart from an actual, and the source's own sentence
in the hover. Yearly figures become points joined only across consecutive years, so a line never bridges a gap."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable

import pandas as pd

from charts.text import wrapped
from i18n import ENGLISH, N_, _, language
from i18n.formats import ENGLISH_DATES, compact, date_at, day_and_month, short_month

# How a date is written at each precision in English; a month or year is never shown as its first day. Other
# languages write it as i18n.formats.date_at does.
PRECISION_FORMATS = ENGLISH_DATES
# English glosses of the qualifiers sources write in other languages; the source's own word stays in its quote.
QUALIFIERS_IN_ENGLISH = {
    "около": "about", "около порядка": "around", "примерно": "approximately", "более": "more than",
    "свыше": "over", "чуть более": "a little more than", "чуть больше": "a little more than", "почти": "almost",
    "до": "up to", "più di": "more than", "quasi": "almost", "астам": "more than", "жуығы": "nearly",
}
# Russian for the qualifiers sources write in English (and for the English glosses of other languages'); one a
# source wrote in Russian stays as written.
QUALIFIERS_IN_RUSSIAN = {
    "about": "около", "around": "около", "approximately": "примерно", "more than": "более", "over": "свыше",
    "a little more than": "чуть более", "almost": "почти", "nearly": "почти", "up to": "до", "some": "около",
    "exceeded": "свыше", "at least": "не менее",
}
RUSSIAN_QUALIFIERS = {qualifier for qualifier in QUALIFIERS_IN_ENGLISH if re.fullmatch(r"[а-яё ]+", qualifier)}
# A figure's kind, when it is not a reported actual (messages: shown through `kind_in_words`).
KIND_LABELS = {"estimate": N_("estimate"), "forecast": N_("forecast")}
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


def kind_in_words(kind: object) -> str:
    """'estimate', 'forecast': a figure's kind in the language being spoken."""
    return _(KIND_LABELS.get(kind, kind)) if isinstance(kind, str) else str(kind)


def in_english(qualifier: object) -> str:
    """A qualifier for an English sentence: English ones as the source wrote them, others glossed."""
    if not isinstance(qualifier, str) or not qualifier:
        return ""
    return QUALIFIERS_IN_ENGLISH.get(qualifier.casefold(), qualifier.casefold())


def in_russian(qualifier: object) -> str:
    """A qualifier for a Russian sentence: one the source wrote in Russian as written, others translated."""
    if not isinstance(qualifier, str) or not qualifier:
        return ""
    if qualifier.casefold() in RUSSIAN_QUALIFIERS:
        return qualifier
    english = in_english(qualifier)
    return QUALIFIERS_IN_RUSSIAN.get(english, english)


def qualifier_in_words(qualifier: object) -> str:
    """A source's qualifier ('about', 'около') in the language being spoken."""
    return in_russian(qualifier) if language() == "ru" else in_english(qualifier)


# An English figure as `written` writes it: the number (grouped with commas, a decimal point) and what follows it.
WRITTEN_NUMBER = re.compile(r"^(-?[\d,]*\.?\d+(?:e[+-]?\d+)?)(.*)$")
# What follows a number, in Russian: thousands and a percent sign (never on a line of its own).
RUSSIAN_SUFFIXES = {"k": "\xa0тыс.", "%": "\xa0%"}


def written_number(value: float, written: str = "{:,.0f}") -> str:
    """A number as `written` formats it in English ('200,000', '2.845', '47.9%', '200k'); in another language the
    same digits with its separators ('200 000', '2,845', '47,9 %', '200 тыс.')."""
    english = written.format(value)
    if language() == ENGLISH:
        return english
    found = WRITTEN_NUMBER.match(english)
    if not found:
        return english
    digits, rest = found.groups()
    digits = digits.replace(",", "\xa0").replace(".", ",")
    return digits + RUSSIAN_SUFFIXES.get(rest, rest)


def figure_in_words(value: float, qualifier: object = None, high: object = None, written: str = "{:,.0f}") -> str:
    """'about 100,000', 'more than 3,000', '8,000 to 9,000': the figure as the source gave it (in Russian 'около
    100 000', '8 000–9 000')."""
    words = written_number(value, written)
    if isinstance(high, (int, float)) and not pd.isna(high):
        words = _("{low} to {high}").format(low=words, high=written_number(high, written))
    qualified = qualifier_in_words(qualifier)
    return f"{qualified} {words}" if qualified else words


def date_in_words(when: object, precision: object = "day") -> str:
    """A date at its precision: '21 Sep 2022', 'September 2022' or '2022' (in Russian '21 сентября 2022 г.',
    'сентябрь 2022'); '' when there is none."""
    return date_at(when, precision if isinstance(precision, str) else "day")


def full_day(when: object) -> str:
    """A day written in full: '04 October 2022' (in Russian '4 октября 2022 г.')."""
    if language() == ENGLISH:
        return pd.Timestamp(when).strftime("%d %B %Y")
    return date_at(when, "day")


def precision_only(precision: object) -> str:
    """' (month only)', ' (year only)' after a date known only so far; nothing after a day."""
    if precision == "month":
        return _(" (month only)")
    if precision == "year":
        return _(" (year only)")
    return "" if precision == "day" else f" ({precision} only)"


def period_in_words(start: object, end: object, start_precision: object = "day",
                    end_precision: object = "day") -> str:
    """'21 Sep 2022 to 4 Oct 2022', 'September 2022', '2017', 'to 27 Sep 2022' (no start given)."""
    first, last = date_in_words(start, start_precision), date_in_words(end, end_precision)
    if first and first == last:
        return first
    if first and last:
        return _("{start} to {end}").format(start=first, end=last)
    if first:
        return _("from {start}").format(start=first)
    return _("to {end}").format(end=last) if last else _("dates not given")


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


# Steps between a date axis's ticks, in months: the first that leaves at most so many ticks is taken.
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
DAY_STEPS = (1, 2, 7, 14)  # and in days, for a span of weeks
MOST_DATE_TICKS = {False: 8, True: 4}  # on a page, on a phone


def date_ticks(figure, first: object, last: object, phone: bool = False):
    """A date axis from `first` to `last` labelled in the language being spoken: plotly writes month names in
    English only, so outside English the ticks are set here, a month as 'сент.<br>2022' or a year as '2023'.
    English keeps plotly's own ticks."""
    if language() == ENGLISH or first is None or last is None or pd.isna(first) or pd.isna(last):
        return figure
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    start = pd.Timestamp(year=first.year, month=first.month, day=1)
    months = (last.year - start.year) * 12 + last.month - start.month + 1
    if months <= 2:  # weeks, not months: a month's tick or two would leave the axis unread
        days = (last - first).days + 1
        step = next((step for step in DAY_STEPS if days / step <= MOST_DATE_TICKS[phone]), DAY_STEPS[-1])
        ticks = list(pd.date_range(first.normalize(), last, freq=f"{step}D")) or [first.normalize()]
        text = [day_and_month(tick) + (f"<br>{tick.year}" if index == 0 else "") for index, tick in enumerate(ticks)]
        return figure.update_xaxes(tickmode="array", tickvals=ticks, ticktext=text)
    step = next((step for step in TICK_STEPS if months / step <= MOST_DATE_TICKS[phone]), TICK_STEPS[-1])
    if step >= 12:
        every = step // 12
        ticks = [pd.Timestamp(year=year, month=1, day=1) for year in range(first.year, last.year + 1)
                 if year % every == 0 and first <= pd.Timestamp(year=year, month=1, day=1) <= last]
        ticks = ticks or [pd.Timestamp(year=first.year, month=1, day=1)]
        text = [date_at(tick, "year") for tick in ticks]
    else:
        ticks = []
        month = start if start >= first else start + pd.DateOffset(months=1)
        month = month + pd.DateOffset(months=(-(month.month - 1)) % step)
        while month <= last:
            ticks.append(month)
            month = month + pd.DateOffset(months=step)
        if not ticks:
            ticks = [start]
        text = ["<br>".join(short_month(tick).rsplit(" ", 1)) for tick in ticks]
    return figure.update_xaxes(tickmode="array", tickvals=list(ticks), ticktext=text)


COMPACT_FROM = 1000  # ticks this far apart, or reaching this far on a log axis, plotly writes '1k', '1M'
MOST_VALUE_TICKS = 6


def compact_ticks(figure):
    """A numeric axis labelled in the language being spoken: plotly shortens big numbers the English way only ('1M',
    '100k'), so outside English such an axis gets its ticks set here, at 1, 2 or 5 times a power of ten (each power of
    ten on a log axis), written as the language shortens them ('1 млн', '100 тыс.')."""
    for axis in ("x", "y"):
        layout = figure.layout[f"{axis}axis"]
        if layout.tickvals is not None or layout.type in ("date", "category"):
            continue
        values = list(layout.range or axis_values(figure, axis))
        if not values or max(abs(value) for value in values) < COMPACT_FROM:
            continue
        if layout.type == "log":
            low, high = (math.log10(value) for value in (min(v for v in values if v > 0), max(values)))
            ticks = [10.0 ** power for power in range(math.floor(low), math.ceil(high) + 1)]
        else:  # from zero, unless the axis is given a range of its own
            low, high = (min(values) if layout.range else min(0.0, *values)), max(values)
            step = next(step for power in range(0, 16) for step in (10 ** power, 2 * 10 ** power, 5 * 10 ** power)
                        if (high - low) / step <= MOST_VALUE_TICKS)
            if layout.dtick is not None or step < COMPACT_FROM:  # years, or steps plotly writes out in full
                continue
            ticks = [index * step for index in range(math.floor(low / step), math.ceil(high / step) + 1)]
        figure.update_layout({f"{axis}axis": {"tickmode": "array", "tickvals": ticks,
                                               "ticktext": [compact(tick) for tick in ticks]}})
    return figure


def axis_values(figure, axis: str) -> list[float]:
    """The finite numbers the traces put on an axis ("x" or "y"), the ends of their range bars included."""
    values = []
    for trace in figure.data:
        points = trace[axis] if trace[axis] is not None else ()
        bars = getattr(trace, f"error_{axis}", None)
        above = list(bars.array) if bars is not None and bars.array is not None else []
        for index, point in enumerate(points):
            if isinstance(point, numbers.Real) and not isinstance(point, bool) and math.isfinite(point):
                values.append(float(point) + (float(above[index]) if index < len(above) and above[index] else 0.0))
    return values
