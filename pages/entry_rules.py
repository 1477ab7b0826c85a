"""Entry rules: how long Russians and Central Asians may stay, and a calculator for a traveller's own trips.

Chart: entry_rules_timeline. The stay calculator reads entry_rules; its rule, trips and reference day live in the URL
(?rule=ID&trips=2024-01-01..2024-03-30,...&as_of=2024-07-01) so a worked example can be shared as a link.
The words are in press/stories.py.
"""

from datetime import date

import pandas as pd
import streamlit as st

from catalog import country_names, load
from charts.sources import source_markdown
from charts.text import escape_markdown
from rules.stay_calculator import StayRule, Trip, assess
from ui.frame import start_page
from ui.story import tell
from ui.url_state import url_choice, url_param

start_page()

rules = load("entry_rules")
sources = load("sources")
names = country_names()

countable = rules[rules["window_kind"].notna() & rules["max_stay_days"].notna()].set_index("rule_id")
WINDOW_WORDS = {"rolling": "days in any {window}", "calendar_year": "days per calendar year",
                "per_entry": "days per stay"}


def rule_name(key: str) -> str:
    """'Kazakhstan: 90 days in any 180 (visa-free visitors from EAEU countries...)' from the rule's own fields."""
    rule_row = countable.loc[key]
    window = "" if pd.isna(rule_row["window_days"]) else int(rule_row["window_days"])
    limit = WINDOW_WORDS[rule_row["window_kind"]].format(window=window)
    return f"{names[rule_row['country']]}: {int(rule_row['max_stay_days'])} {limit} ({rule_row['applies_to']})"


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
    return pd.DataFrame([{"entry": a_day(entry), "exit": a_day(exit_)} for entry, _, exit_ in parts],
                        columns=["entry", "exit"])


def stay_calculator() -> None:
    """The calculator for a traveller's own trips, under the rule chosen."""
    if countable.empty:
        st.info("No rule in the published data sets a number of days to count against.", icon=":material/info:")
        return
    rule_id = url_choice("Rule", list(countable.index), "rule", format_func=rule_name)
    row = countable.loc[rule_id]
    rule = StayRule(kind=row["window_kind"], max_days=int(row["max_stay_days"]),
                    window_days=None if pd.isna(row["window_days"]) else int(row["window_days"]),
                    # A start known only to the month or year cannot bound the count to the day: count every day.
                    effective_from=row["effective_date"].date() if row["date_precision"] == "day" else None)
    st.caption(f"{escape_markdown(row['summary'])} {source_markdown([row['source_id']], sources)}")

    st.markdown("Enter each trip: the day you entered and the day you left (both count as days in the country).")
    days = {"min_value": EARLIEST, "max_value": LATEST, "format": "YYYY-MM-DD", "required": True}
    trips_table = st.data_editor(
        url_param("trips", parse_trips, parse_trips(""), "no trips"), num_rows="dynamic", key="trips",
        hide_index=True, column_config={"entry": st.column_config.DateColumn("Entered", **days),
                                        "exit": st.column_config.DateColumn("Left", **days)},
    )
    as_of = st.date_input("Count as of", value=url_param("as_of", a_day, date.today(), "today"), key="as_of",
                          min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD")
    complete = trips_table.dropna().head(MOST_TRIPS)
    trips = zip(complete["entry"], complete["exit"], strict=True)
    st.query_params["trips"] = ",".join(f"{entry}..{exit_}" for entry, exit_ in trips)
    st.query_params["as_of"] = str(as_of)

    bad = [f"{entry} to {exit_}" for entry, exit_ in zip(complete["entry"], complete["exit"], strict=True)
           if exit_ < entry]
    if bad:
        st.error(f"A trip cannot end before it starts: {', '.join(bad)}. Fix it to see the count.")
    else:
        report = assess([Trip(entry, exit_) for entry, exit_ in zip(complete["entry"], complete["exit"],
                                                                    strict=True)], rule, as_of)
        used, left = st.columns(2)
        used.metric(f"Days used as of {as_of:%d %b %Y}", report.days_used, border=True)
        left.metric("Days left", report.days_left, border=True)
        first, last = st.columns(2)
        first.metric("First overstay in these trips", f"{report.first_overstay:%d %b %Y}" if report.first_overstay
                     else "None", border=True)
        last.metric(f"Last legal day, staying on from {as_of:%d %b}",
                    f"{report.last_legal_day:%d %b %Y}" if report.last_legal_day else "—", border=True)
        if rule.effective_from:
            st.caption(f"Days before {rule.effective_from:%d %B %Y}, when this rule took effect, are not counted.")
    st.caption("A guide to the published rules, not legal advice: border services decide each case.")


tell("entry_rules", stay_calculator=stay_calculator)
