"""The trip calculator's arithmetic: every expected number below is counted by hand in the comment beside it."""

import sys
import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.stay_calculator import (
    StayRule,
    Trip,
    assess,
    days_present,
)

# The three rules of data/entry_rules.csv, as the Entry rules page builds them from that file.
KAZAKHSTAN_90_IN_180 = StayRule("rolling", 90, 180, date(2023, 1, 27), "Kazakhstan: 90 days in any 180 (EAEU visitors)")
RUSSIA_90_PER_YEAR = StayRule("calendar_year", 90, None, date(2025, 1, 1), "Russia: 90 days per calendar year")
EAEU_30_BEFORE_REGISTRATION = StayRule("per_entry", 30, None, None, "EAEU: 30 days before registration")

D = date
ROLLING_90_IN_180 = StayRule("rolling", 90, 180)  # no start date, for years before Kazakhstan's rule
CALENDAR_YEAR_90 = StayRule("calendar_year", 90)
FIRST_QUARTER_2024 = Trip(D(2024, 1, 1), D(2024, 3, 30))  # Jan 31 + Feb 29 + Mar 30 = 90 days


@pytest.mark.parametrize(
    ("trips", "expected_days"),
    [
        ([Trip(D(2025, 5, 1), D(2025, 5, 1))], 1),  # same-day entry and exit
        ([Trip(D(2025, 5, 1), D(2025, 5, 2))], 2),  # entry day and exit day both count
        ([Trip(D(2025, 5, 1), D(2025, 5, 31))], 31),  # May 1..31
        ([Trip(D(2024, 2, 28), D(2024, 3, 1))], 3),  # Feb 28, Feb 29, Mar 1
        ([Trip(D(2025, 5, 1), D(2025, 5, 10)), Trip(D(2025, 5, 5), D(2025, 5, 15))], 15),  # overlap counts once
        ([Trip(D(2025, 5, 10), D(2025, 5, 10)), Trip(D(2025, 5, 10), D(2025, 5, 10))], 1),  # the same day twice
    ],
)
def test_days_present_counts_entry_and_exit_days_and_overlaps_once(trips, expected_days):
    assert len(days_present(trips)) == expected_days


@pytest.mark.parametrize(
    ("trips", "rule", "expected_overstay"),
    [
        # Rolling window: 90 days in 180 is fine, the 91st day is the overstay.
        ([FIRST_QUARTER_2024], KAZAKHSTAN_90_IN_180, None),
        ([Trip(D(2025, 1, 1), D(2025, 3, 31))], KAZAKHSTAN_90_IN_180, None),  # 31 + 28 + 31 = 90
        # Leap year: 29 Feb makes Jan 1..Mar 31 2024 91 days, and Mar 31 is day 91.
        ([Trip(D(2024, 1, 1), D(2024, 3, 31))], KAZAKHSTAN_90_IN_180, D(2024, 3, 31)),
        ([Trip(D(2023, 1, 1), D(2023, 3, 31))], ROLLING_90_IN_180, None),  # 31 + 28 + 31 = 90 in 2023
        # Jan 1 2024 leaves the window on Jan 1 + 180 = Jun 29 (window [D - 179, D]; Jun 28 = Jan 1 + 179).
        # On Jun 28 all 90 first-quarter days are still in the window, so a new entry that day is day 91.
        ([FIRST_QUARTER_2024, Trip(D(2024, 6, 28), D(2024, 6, 28))], KAZAKHSTAN_90_IN_180, D(2024, 6, 28)),
        # From Jun 29 each new day pushes one old day out: Jun 29 + n holds 89 - n old + n + 1 new = 90 days,
        # until Mar 30 (day-of-year 90) leaves on doy 90 + 180 = 270 = Sep 26. Jun 29 (doy 181)..Sep 26 (doy 270)
        # is 90 new days; Sep 27 is the 91st.
        ([FIRST_QUARTER_2024, Trip(D(2024, 6, 29), D(2024, 10, 31))], KAZAKHSTAN_90_IN_180, D(2024, 9, 27)),
        # Entering Jul 10 (doy 192): old + new = (270 - d) + (d - 191) = 79 until the old days are gone; then
        # only new days count and the 91st is doy 192 + 90 = 282 = Oct 8 (Sep 30 is doy 274).
        ([FIRST_QUARTER_2024, Trip(D(2024, 7, 10), D(2024, 12, 31))], KAZAKHSTAN_90_IN_180, D(2024, 10, 8)),
        # Calendar year: 2024 has 366 possible days.
        ([Trip(D(2024, 1, 1), D(2024, 12, 31))], StayRule("calendar_year", 366), None),
        ([Trip(D(2024, 1, 1), D(2024, 12, 31))], StayRule("calendar_year", 365), D(2024, 12, 31)),
        ([Trip(D(2023, 1, 1), D(2023, 12, 31))], StayRule("calendar_year", 365), None),
        # Across New Year: Nov 1..Dec 31 2025 = 30 + 31 = 61, Jan 1..Feb 28 2026 = 59; neither year passes 90.
        ([Trip(D(2025, 11, 1), D(2026, 2, 28))], RUSSIA_90_PER_YEAR, None),
        # Oct 1..Dec 31 2025 = 92 days: Oct 31 + Nov 30 = 61, so day 91 is Dec 30; January starts again at 1.
        ([Trip(D(2025, 10, 1), D(2026, 1, 15))], RUSSIA_90_PER_YEAR, D(2025, 12, 30)),
        # Per entry: the 31st day of one stay is the overstay; a 30-day stay is fine.
        ([Trip(D(2025, 5, 1), D(2025, 5, 31))], EAEU_30_BEFORE_REGISTRATION, D(2025, 5, 31)),
        ([Trip(D(2025, 5, 1), D(2025, 5, 30))], EAEU_30_BEFORE_REGISTRATION, None),
        # Back-to-back trips are one stay, Mar 1..Apr 5 (36 days), whose 31st day is Mar 31.
        (
            [Trip(D(2025, 3, 1), D(2025, 3, 20)), Trip(D(2025, 3, 20), D(2025, 4, 5))],
            EAEU_30_BEFORE_REGISTRATION,
            D(2025, 3, 31),
        ),
        (
            [Trip(D(2025, 3, 1), D(2025, 3, 20)), Trip(D(2025, 3, 21), D(2025, 4, 5))],
            EAEU_30_BEFORE_REGISTRATION,
            D(2025, 3, 31),
        ),
        # One day away (Mar 21) splits them into stays of 20 and 15 days.
        ([Trip(D(2025, 3, 1), D(2025, 3, 20)), Trip(D(2025, 3, 22), D(2025, 4, 5))], EAEU_30_BEFORE_REGISTRATION, None),
    ],
)
def test_first_overstay_is_the_first_day_over_the_limit(trips, rule, expected_overstay):
    assert assess(trips, rule, as_of=D(2024, 1, 1)).first_overstay == expected_overstay


@pytest.mark.parametrize(
    ("trips", "rule", "as_of", "expected_used", "expected_left"),
    [
        # Jun 28 = Jan 1 + 179: window [Jan 1, Jun 28] still holds all 90 days; on Jun 29 Jan 1 drops out.
        ([FIRST_QUARTER_2024], KAZAKHSTAN_90_IN_180, D(2024, 6, 28), 90, 0),
        ([FIRST_QUARTER_2024], KAZAKHSTAN_90_IN_180, D(2024, 6, 29), 89, 1),
        # Mid-trip: Jan 1..Feb 29 = 31 + 29 = 60 days so far.
        ([FIRST_QUARTER_2024], KAZAKHSTAN_90_IN_180, D(2024, 2, 29), 60, 30),
        # A 91-day stay: 91 used, and days left stop at 0 rather than -1.
        ([Trip(D(2024, 1, 1), D(2024, 3, 31))], KAZAKHSTAN_90_IN_180, D(2024, 3, 31), 91, 0),
        ([Trip(D(2025, 1, 1), D(2025, 4, 30))], RUSSIA_90_PER_YEAR, D(2025, 4, 30), 120, 0),  # 31+28+31+30
        ([Trip(D(2025, 5, 1), D(2025, 6, 30))], EAEU_30_BEFORE_REGISTRATION, D(2025, 6, 30), 61, 0),  # 31 + 30
        # Calendar year: only as_of's year, only up to as_of. Feb 28 2026 is day 31 + 28 = 59 of 2026.
        ([Trip(D(2025, 11, 1), D(2026, 2, 28))], RUSSIA_90_PER_YEAR, D(2026, 2, 28), 59, 31),
        ([Trip(D(2025, 11, 1), D(2026, 2, 28))], RUSSIA_90_PER_YEAR, D(2025, 12, 31), 61, 29),  # 30 + 31
        ([Trip(D(2025, 11, 1), D(2026, 2, 28))], RUSSIA_90_PER_YEAR, D(2026, 1, 10), 10, 80),
        # Per entry: the stay containing as_of, up to as_of (Mar 1..10 = 10); away on as_of means 0.
        ([Trip(D(2025, 3, 1), D(2025, 3, 20))], EAEU_30_BEFORE_REGISTRATION, D(2025, 3, 10), 10, 20),
        ([Trip(D(2025, 3, 1), D(2025, 3, 20))], EAEU_30_BEFORE_REGISTRATION, D(2025, 3, 21), 0, 30),
        # Later trips do not count towards today's days used: Jan 1..10 = 10.
        (
            [Trip(D(2025, 1, 1), D(2025, 1, 10)), Trip(D(2025, 2, 1), D(2025, 2, 20))],
            KAZAKHSTAN_90_IN_180,
            D(2025, 1, 10),
            10,
            80,
        ),
    ],
)
def test_days_used_and_days_left_on_the_reference_day(trips, rule, as_of, expected_used, expected_left):
    report = assess(trips, rule, as_of)
    assert (report.days_used, report.days_left) == (expected_used, expected_left)


def test_a_future_trip_can_be_the_first_overstay():
    # Aug 1..Nov 30 2025 is 122 days; the January days left the window long before (Aug 1 - 179 = Feb 3).
    # Day 91 is Aug 1 + 90: Sep 1 = +31, Oct 1 = +61, Oct 30 = +90.
    trips = [Trip(D(2025, 1, 1), D(2025, 1, 10)), Trip(D(2025, 8, 1), D(2025, 11, 30))]
    assert assess(trips, KAZAKHSTAN_90_IN_180, as_of=D(2025, 1, 10)).first_overstay == D(2025, 10, 30)


@pytest.mark.parametrize(
    ("trips", "rule", "as_of", "expected_used", "expected_overstay"),
    [
        # The rule started 2023-01-27: Jan 27..31 = 5, Feb 28, Mar 31 -> 64 by Mar 31, so day 91 is Apr 27
        # (it would be Apr 1 if January counted). Up to May 1: 64 + 30 + 1 = 95, all within 180 days.
        ([Trip(D(2023, 1, 1), D(2023, 5, 1))], KAZAKHSTAN_90_IN_180, D(2023, 5, 1), 95, D(2023, 4, 27)),
        # Russia's rule ignores 2024: seven months there are no overstay, and Dec 2024 does not count in 2025.
        ([Trip(D(2024, 6, 1), D(2024, 12, 31))], RUSSIA_90_PER_YEAR, D(2024, 12, 31), 0, None),
        ([Trip(D(2024, 12, 1), D(2025, 1, 31))], RUSSIA_90_PER_YEAR, D(2025, 1, 31), 31, None),
    ],
)
def test_days_before_the_rule_started_do_not_count(trips, rule, as_of, expected_used, expected_overstay):
    report = assess(trips, rule, as_of)
    assert (report.days_used, report.first_overstay) == (expected_used, expected_overstay)


SHUFFLED = [
    Trip(D(2025, 3, 10), D(2025, 3, 20)),
    Trip(D(2025, 1, 1), D(2025, 1, 10)),
    Trip(D(2025, 3, 1), D(2025, 3, 15)),
    Trip(D(2025, 1, 5), D(2025, 1, 5)),
]
MERGED = [Trip(D(2025, 1, 1), D(2025, 1, 10)), Trip(D(2025, 3, 1), D(2025, 3, 20))]


@pytest.mark.parametrize(
    ("rule", "expected_used"),
    [
        (KAZAKHSTAN_90_IN_180, 30),  # Jan 1..10 (10) + Mar 1..20 (20); Mar 20 - 179 is in 2024
        (RUSSIA_90_PER_YEAR, 30),  # the same 30 days of 2025
        (EAEU_30_BEFORE_REGISTRATION, 20),  # the stay containing Mar 20 is Mar 1..20
    ],
)
def test_unordered_overlapping_trips_match_the_merged_ordered_trips(rule, expected_used):
    shuffled, merged = assess(SHUFFLED, rule, D(2025, 3, 20)), assess(MERGED, rule, D(2025, 3, 20))
    assert shuffled == merged
    assert shuffled.days_used == expected_used


@pytest.mark.parametrize(
    ("trips", "rule", "as_of", "expected_overstay", "expected_last_legal"),
    [
        # A fresh traveller has 90 days ahead: day 91 is as_of + 90; Jun 1 + 29 = Jun 30, + 60 = Jul 31,
        # + 90 = Aug 30, so the last legal day is as_of + 89 = Aug 29.
        ([], KAZAKHSTAN_90_IN_180, D(2025, 6, 1), D(2025, 8, 30), D(2025, 8, 29)),
        ([], RUSSIA_90_PER_YEAR, D(2025, 6, 1), D(2025, 8, 30), D(2025, 8, 29)),
        # Per entry: day 31 is Jun 1 + 30 = Jul 1; last legal as_of + 29 = Jun 30.
        ([], EAEU_30_BEFORE_REGISTRATION, D(2025, 6, 1), D(2025, 7, 1), D(2025, 6, 30)),
        # Calendar year resets: Nov 1..Dec 31 2025 is 61 days, then 2026 starts at 1 and day 91 of 2026
        # is Apr 1 (31 + 28 + 31 = 90 by Mar 31).
        ([], RUSSIA_90_PER_YEAR, D(2025, 11, 1), D(2026, 4, 1), D(2026, 3, 31)),
        # Already 59 days into 2026 on Feb 28; staying on, day 91 of 2026 is again Apr 1.
        ([Trip(D(2025, 11, 1), D(2026, 2, 28))], RUSSIA_90_PER_YEAR, D(2026, 2, 28), D(2026, 4, 1), D(2026, 3, 31)),
        # Before the rule started, staying on counts from 2023-01-27: day 91 is Apr 27 2023 (see above).
        ([], KAZAKHSTAN_90_IN_180, D(2022, 12, 1), D(2023, 4, 27), D(2023, 4, 26)),
        # Rolling: old days drop out as new ones come in; from Jun 29 the count stays at 90 until Sep 26,
        # and Sep 27 is the 91st (worked out in the first-overstay table).
        ([FIRST_QUARTER_2024], KAZAKHSTAN_90_IN_180, D(2024, 6, 29), D(2024, 9, 27), D(2024, 9, 26)),
        # One day earlier all 90 old days are still in the window: as_of itself is the overstay.
        ([FIRST_QUARTER_2024], KAZAKHSTAN_90_IN_180, D(2024, 6, 28), D(2024, 6, 28), D(2024, 6, 27)),
        # Staying on from the day after a trip ends continues that stay: May 20..31 is 12 days, so day 31 of the
        # stay is May 20 + 30 = Jun 19 (May 31 = +11, Jun 19 = +30); last legal Jun 18.
        (
            [Trip(D(2025, 5, 20), D(2025, 5, 31))],
            EAEU_30_BEFORE_REGISTRATION,
            D(2025, 6, 1),
            D(2025, 6, 19),
            D(2025, 6, 18),
        ),
        # A rule no continuous stay can break (at most 366 days in a year) gives None within the search bound.
        ([], StayRule("calendar_year", 366), D(2025, 6, 1), None, None),
    ],
)
def test_staying_on_from_the_reference_day(trips, rule, as_of, expected_overstay, expected_last_legal):
    report = assess(trips, rule, as_of)
    assert (report.overstay_if_staying_on, report.last_legal_day) == (expected_overstay, expected_last_legal)


@pytest.mark.parametrize(
    ("rule", "fresh_days_used", "fresh_days_left"),
    [(KAZAKHSTAN_90_IN_180, 0, 90), (RUSSIA_90_PER_YEAR, 0, 90), (EAEU_30_BEFORE_REGISTRATION, 0, 30)],
)
def test_a_fresh_traveller_has_every_day_left(rule, fresh_days_used, fresh_days_left):
    report = assess([], rule, D(2025, 6, 1))
    assert (report.days_used, report.days_left, report.first_overstay) == (fresh_days_used, fresh_days_left, None)


def test_a_trip_that_ends_before_it_starts_names_both_dates():
    with pytest.raises(ValueError, match=r"2025-03-01.*2025-03-02"):
        Trip(D(2025, 3, 2), D(2025, 3, 1))


@pytest.mark.parametrize(
    ("kind", "max_days", "window_days", "message"),
    [
        ("weekly", 90, None, r"Unknown stay rule kind 'weekly'"),
        ("rolling", 90, None, r"window_days >= max_days \(90\), not None"),
        ("rolling", 90, 60, r"window_days >= max_days \(90\), not 60"),
        ("per_entry", 0, None, r"at least one day"),
        ("calendar_year", 90, 180, r"window_days only applies to rolling rules"),
    ],
)
def test_an_impossible_rule_is_refused_with_a_reason(kind, max_days, window_days, message):
    with pytest.raises(ValueError, match=message):
        StayRule(kind, max_days, window_days)


def every_day_of_every_trip(trips) -> set[date]:
    """Days present counted the plain way, trip by trip, day by day: what days_present counted before it merged."""
    return {trip.entry + timedelta(days=offset) for trip in trips
            for offset in range((trip.exit - trip.entry).days + 1)}


def trip_lists_of_this_file() -> list[list[Trip]]:
    """The trips of every case above (each parametrized test's `trips`), and the shared ones."""
    module = sys.modules[__name__]
    lists = [list(SHUFFLED), list(MERGED), [FIRST_QUARTER_2024]]
    for test in (value for name, value in vars(module).items() if name.startswith("test_")):
        for mark in getattr(test, "pytestmark", []):
            names = mark.args[0] if isinstance(mark.args[0], tuple | list) else mark.args[0].split(",")
            if mark.name == "parametrize" and "trips" in names:
                lists += [case[names.index("trips")] for case in mark.args[1]]
    return lists


def test_merging_trips_changes_no_result_of_any_case(monkeypatch):
    cases = trip_lists_of_this_file()
    assert len(cases) > 30
    rules = [KAZAKHSTAN_90_IN_180, RUSSIA_90_PER_YEAR, EAEU_30_BEFORE_REGISTRATION, ROLLING_90_IN_180]
    days = [D(2022, 12, 1), D(2024, 6, 28), D(2025, 3, 20), D(2026, 2, 28)]
    now = {(index, rule.label, day): assess(trips, rule, day) for index, trips in enumerate(cases) for rule in rules
           for day in days}
    for trips in cases:
        assert days_present(trips) == every_day_of_every_trip(trips)
    monkeypatch.setattr("rules.stay_calculator.days_present", every_day_of_every_trip)
    before = {(index, rule.label, day): assess(trips, rule, day) for index, trips in enumerate(cases)
              for rule in rules for day in days}
    assert now == before


A_DAY_IN_2025 = st.integers(0, 364).map(lambda offset: D(2025, 1, 1) + timedelta(days=offset))


@given(st.lists(st.tuples(A_DAY_IN_2025, st.integers(0, 60)), max_size=12))
def test_any_trips_count_the_days_of_every_trip_once(starts_and_lengths):
    trips = [Trip(start, start + timedelta(days=length)) for start, length in starts_and_lengths]
    assert days_present(trips) == every_day_of_every_trip(trips)


def cpu_seconds(work) -> float:
    """The least CPU time of three runs."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def test_a_hundred_copies_of_a_110_year_trip_cost_about_what_one_costs():
    """A crafted link: the calculator's whole span (1991..2100), over and over. Counted trip by trip a hundred copies
    cost about 35 times one trip (2.4 s of CPU for the page with the 86 a link can hold, against 0.3 s); merged
    first, about the same as one."""
    one = [Trip(D(1991, 1, 1), D(2100, 12, 31))]
    single = cpu_seconds(lambda: assess(one, KAZAKHSTAN_90_IN_180, D(2025, 6, 1)))
    hundred = cpu_seconds(lambda: assess(one * 100, KAZAKHSTAN_90_IN_180, D(2025, 6, 1)))
    assert assess(one * 100, KAZAKHSTAN_90_IN_180, D(2025, 6, 1)) == assess(one, KAZAKHSTAN_90_IN_180, D(2025, 6, 1))
    assert hundred < 3 * single, f"{hundred:.2f} s for a hundred copies against {single:.2f} s for one"
