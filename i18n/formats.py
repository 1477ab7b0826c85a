"""Numbers and dates the way each language's press writes them: 200,000 and 200 000; 15.35% and 15,35 %;
21 Sep 2022 and 21 сентября 2022 г.; September 2022 and сентябрь 2022. English keeps the house style the charts have
always had; other languages take their conventions from Babel's locale data (CLDR)."""

from __future__ import annotations

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from i18n import ENGLISH, language

# A date at its precision: a month or year is never shown as its first day.
ENGLISH_DATES = {"day": "%d %b %Y", "month": "%B %Y", "year": "%Y"}
# CLDR patterns: "LLLL" is the month's own name (сентябрь), "MMMM" the one a day takes (21 сентября).
LOCALE_DATES = {"day": "d MMMM y 'г.'", "month": "LLLL y", "year": "y"}


def number(value: float, decimals: int = 0) -> str:
    """A figure with its thousands grouped: 200,000 or 200 000."""
    if language() == ENGLISH:
        return f"{value:,.{decimals}f}"
    return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=language())


def percent(value: float, decimals: int = 0) -> str:
    """`value` percent (15.35 is 15.35%): 15.35% or 15,35 %."""
    if language() == ENGLISH:
        return f"{value:,.{decimals}f}%"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\xa0%"  # the sign never on its own line
    return format_percent(value / 100, format=pattern, locale=language())


def date_at(when: object, precision: object = "day") -> str:
    """A date at the precision its source gives ('' when there is none): a day, a month or a year."""
    if when is None or pd.isna(when):
        return ""
    precision = precision if precision in ENGLISH_DATES else "day"
    when = pd.Timestamp(when)
    if language() == ENGLISH:
        return when.strftime(ENGLISH_DATES[precision])
    return format_date(when.date(), LOCALE_DATES[precision], locale=language())


def day_and_month(when: object) -> str:
    """A day on a date axis, its year said once elsewhere: '27 Apr' or '27 апр.'."""
    when = pd.Timestamp(when)
    if language() == ENGLISH:
        return when.strftime("%d %b")
    return format_date(when.date(), "d MMM", locale=language())


def short_month_name(when: object) -> str:
    """A month's name, short: 'Sep' or 'сент.' (its own short form, as the language abbreviates it: 'май' stays
    whole)."""
    when = pd.Timestamp(when)
    if language() == ENGLISH:
        return when.strftime("%b")
    return format_date(when.date(), "LLL", locale=language())


def short_month(when: object) -> str:
    """A month in a label, short: 'Sep 2022' or 'сент. 2022'."""
    return f"{short_month_name(when)} {pd.Timestamp(when).year}"


# The most characters in a line of a short period, to fit four groups of bars side by side at 320 px.
SHORT_LINE = 8


def short_period(start: object, end: object, start_precision: object = "month",
                 end_precision: object = "month") -> tuple[str, ...]:
    """A period in a label, short, in lines: ('2022',) for a year, ('Jan–Sep', '2018') within one year,
    ('Oct 2022–', 'Mar 2023') across two. A whole year is never 'Jan–Dec'. Months longer side by side than a
    phone's group of four bars has room for take a line each: ('янв.–', 'сент.', '2018')."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start_precision == end_precision == "year":
        return (str(start.year),) if start.year == end.year else (f"{start.year}–{end.year}",)
    if start.year != end.year:
        return f"{short_month(start)}–", short_month(end)
    months = [short_month_name(when) for when in dict.fromkeys((start, end))]
    if len(months) > 1 and len("–".join(months)) > SHORT_LINE:
        return f"{months[0]}–", months[1], str(start.year)
    return "–".join(months), str(start.year)


def compact(value: float) -> str:
    """A round figure on an axis, short, as the language shortens it: '100 тыс.', '1,5 млн' ('100K', '1.5M')."""
    return format_compact_decimal(value, locale=language(), fraction_digits=1)
