"""Entry rules: how long Russians and Central Asians may stay, and a calculator for a traveller's own trips.

Chart: entry_rules_timeline. The stay calculator reads entry_rules; its rule, trips and reference day live in the URL
(?rule=ID&trips=2024-01-01..2024-03-30,...&as_of=2024-07-01) so a worked example can be shared as a link.
The words are in press/stories.py.
"""

from datetime import date

import pandas as pd
import streamlit as st
from babel.dates import format_date

from catalog import country_names, load, translated
from charts.text import escape_markdown
from i18n import ENGLISH, _, language, ngettext
from i18n.formats import date_at
from rules.stay_calculator import StayRule, Trip, assess
from ui.chart_block import cited_markdown
from ui.frame import start_page
from ui.story import tell
from ui.url_state import url_choice, url_param

start_page()

rules = translated({"entry_rules": load("entry_rules")}, language())["entry_rules"]
names = country_names(language())

countable = rules[rules["window_kind"].notna() & rules["max_stay_days"].notna()].set_index("rule_id")


def stay_limit(kind: str, days: int, window: int | str) -> str:
    """'90 days in any 180', '90 days per calendar year' or '30 days per stay', in the language being spoken."""
    if kind == "rolling":
        words = ngettext("{days} day in any {window}", "{days} days in any {window}", days)
    elif kind == "calendar_year":
        words = ngettext("{days} day per calendar year", "{days} days per calendar year", days)
    else:
        words = ngettext("{days} day per stay", "{days} days per stay", days)
    return words.format(days=days, window=window)


def rule_name(key: str) -> str:
    """'Kazakhstan: 90 days in any 180 (visa-free visitors from EAEU countries...)' from the rule's own fields."""
    rule_row = countable.loc[key]
    window = "" if pd.isna(rule_row["window_days"]) else int(rule_row["window_days"])
    limit = stay_limit(rule_row["window_kind"], int(rule_row["max_stay_days"]), window)
    return f"{names[rule_row['country']]}: {limit} ({rule_row['applies_to']})"


def day_and_month(day: date) -> str:
    """01 Jul in English, 1 июля in Russian: a day of the year the reader has just named."""
    return f"{day:%d %b}" if language() == ENGLISH else format_date(day, "d MMMM", locale=language())


def full_date(day: date) -> str:
    """26 January 2023 in English, 26 января 2023 г. in Russian."""
    return f"{day:%d %B %Y}" if language() == ENGLISH else date_at(day)


# The calculator counts day by day: trips and the reference day stay within these years, and a list of trips within
# this length, so no link can make a page count for thousands of years.
EARLIEST, LATEST = date(1991, 1, 1), date(2100, 12, 31)
MOST_TRIPS = 100


def a_day(text: str) -> date:
    """A day written YYYY-MM-DD within the calculator's years; anything else raises ValueError."""
    day = date.fromisoformat(text)
    if not (EARLIEST <= day <= LATEST and len(text) == 10):
        raise ValueError(text)
    return day


def parse_trips(text: str) -> pd.DataFrame:
    """`2024-01-01..2024-03-30,2024-06-29..2024-07-10` from the URL to editable rows; a list with a part that is not
    two such days (or too many parts) raises ValueError, so the page says so."""
    parts = [part.partition("..") for part in filter(None, text.split(","))]
    if len(parts) > MOST_TRIPS:
        raise ValueError(text)
    return pd.DataFrame([{"entry": a_day(entry), "exit": a_day(exit_)} for entry, _dots, exit_ in parts],
                        columns=["entry", "exit"])


def stay_calculator() -> None:
    """The calculator for a traveller's own trips, under the rule chosen."""
    if countable.empty:
        st.info(_("No rule in the published data sets a number of days to count against."), icon=":material/info:")
        return
    rule_id = url_choice(_("Rule"), list(countable.index), "rule", format_func=rule_name)
    row = countable.loc[rule_id]
    rule = StayRule(kind=row["window_kind"], max_days=int(row["max_stay_days"]),
                    window_days=None if pd.isna(row["window_days"]) else int(row["window_days"]),
                    # A start known only to the month or year cannot bound the count to the day: count every day.
                    effective_from=row["effective_date"].date() if row["date_precision"] == "day" else None)
    st.caption(f"{escape_markdown(row['summary'])} {cited_markdown([row['source_id']])}")

    st.markdown(_("Enter each trip: the day you entered and the day you left (both count as days in the country)."))
    days = {"min_value": EARLIEST, "max_value": LATEST, "format": "YYYY-MM-DD", "required": True}
    trips_table = st.data_editor(
        url_param("trips", parse_trips, parse_trips(""), _("no trips")), num_rows="dynamic", key="trips",
        hide_index=True, column_config={"entry": st.column_config.DateColumn(_("Entered"), **days),
                                        "exit": st.column_config.DateColumn(_("Left"), **days)},
    )
    as_of = st.date_input(_("Count as of"), value=url_param("as_of", a_day, date.today(), _("today")), key="as_of",
                          min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD")
    complete = trips_table.dropna().head(MOST_TRIPS)
    trips = zip(complete["entry"], complete["exit"], strict=True)
    st.query_params["trips"] = ",".join(f"{entry}..{exit_}" for entry, exit_ in trips)
    st.query_params["as_of"] = str(as_of)

    bad = [_("{entry} to {exit}").format(entry=entry, exit=exit_)
           for entry, exit_ in zip(complete["entry"], complete["exit"], strict=True) if exit_ < entry]
    if bad:
        st.error(_("A trip cannot end before it starts: {trips}. Fix it to see the count.").format(
            trips=", ".join(bad)))
    else:
        report = assess([Trip(entry, exit_) for entry, exit_ in zip(complete["entry"], complete["exit"],
                                                                    strict=True)], rule, as_of)
        used, left = st.columns(2)
        used.metric(_("Days used as of {day}").format(day=date_at(as_of)), report.days_used, border=True)
        left.metric(_("Days left"), report.days_left, border=True)
        first, last = st.columns(2)
        first.metric(_("First overstay in these trips"), date_at(report.first_overstay) if report.first_overstay
                     else _("None"), border=True)
        last.metric(_("Last legal day, staying on from {day}").format(day=day_and_month(as_of)),
                    date_at(report.last_legal_day) if report.last_legal_day else "—", border=True)
        if rule.effective_from:
            st.caption(_("Days before {day}, when this rule took effect, are not counted.").format(
                day=full_date(rule.effective_from)))
    st.caption(_("A guide to the published rules, not legal advice: border services decide each case."))


tell("entry_rules", stay_calculator=stay_calculator)
