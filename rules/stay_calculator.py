"""Days used, days left and the first overstay day under one stay rule; pure arithmetic for the trip calculator.

Standard library only (and i18n for its messages), so the dashboard page stays a thin layer and the counting can be
tested on its own.
Both the entry day and the exit day count as days present, as border services count them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from i18n import _

KINDS = ("rolling", "calendar_year", "per_entry")
# How far ahead "what if they stay on" looks; every rule below breaks well before this, but a custom one may not.
SEARCH_HORIZON = timedelta(days=3 * 366)


@dataclass(frozen=True)
class Trip:
    """One stay in the country, entry and exit days inclusive (a same-day visit is one day)."""

    entry: date
    exit: date

    def __post_init__(self) -> None:
        if self.exit < self.entry:
            raise ValueError(_("Trip exit {exit} is before its entry {entry}").format(
                exit=self.exit.isoformat(), entry=self.entry.isoformat()))


@dataclass(frozen=True)
class StayRule:
    """A limit on days present: within any window (rolling), per calendar year, or per continuous stay."""

    kind: str  # "rolling" | "calendar_year" | "per_entry"
    max_days: int
    window_days: int | None = None  # rolling rules only
    effective_from: date | None = None  # days before this do not count: the rule did not apply then
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(_("Unknown stay rule kind {kind}; expected one of {kinds}").format(
                kind=repr(self.kind), kinds=", ".join(KINDS)))
        if self.max_days < 1:
            raise ValueError(_("A stay rule must allow at least one day, not max_days={max_days}").format(
                max_days=self.max_days))
        if self.kind == "rolling" and (self.window_days is None or self.window_days < self.max_days):
            raise ValueError(_("A rolling rule needs window_days >= max_days ({max_days}), not {window_days}").format(
                max_days=self.max_days, window_days=self.window_days))
        if self.kind != "rolling" and self.window_days is not None:
            raise ValueError(_("window_days only applies to rolling rules, not {kind}").format(kind=repr(self.kind)))

    def counts(self, day: date) -> bool:
        """Whether the rule applied on this day."""
        return self.effective_from is None or day >= self.effective_from


@dataclass(frozen=True)
class StayReport:
    """What the calculator page shows for one set of trips, one rule and one reference day."""

    days_used: int
    days_left: int
    first_overstay: date | None  # first present day, over all trips, on which the rule is broken
    overstay_if_staying_on: date | None  # first broken day if present from as_of onward without a break
    last_legal_day: date | None  # the day before overstay_if_staying_on


def merged(trips: Iterable[Trip]) -> list[Trip]:
    """The same days present as fewest trips, in date order: trips that overlap, or where one starts the day after
    another ends, are joined."""
    joined: list[Trip] = []
    for trip in sorted(trips, key=lambda trip: (trip.entry, trip.exit)):
        if joined and trip.entry <= joined[-1].exit + timedelta(days=1):
            if trip.exit > joined[-1].exit:
                joined[-1] = Trip(joined[-1].entry, trip.exit)
        else:
            joined.append(trip)
    return joined


def days_present(trips: Iterable[Trip]) -> set[date]:
    """Every day on which the traveller was in the country; overlapping trips count each day once. The trips are
    merged first, so the count costs as much as the days present, however many times the trips repeat them."""
    days: set[date] = set()
    for trip in merged(trips):
        span = (trip.exit - trip.entry).days
        days.update(trip.entry + timedelta(days=offset) for offset in range(span + 1))
    return days


def _usage(counted: set[date], rule: StayRule) -> Callable[[date], int]:
    """Days used as of any day, looking back only; one pass builds prefix sums so each look-up is O(1)."""
    if not counted:
        return lambda day: 0
    ordinals = {day.toordinal() for day in counted}
    low, high = min(ordinals), max(ordinals)
    prefix = [0]  # prefix[i]: counted days in [low, low + i)
    run = []  # run[i]: consecutive counted days ending on low + i, 0 if absent
    for ordinal in range(low, high + 1):
        here = ordinal in ordinals
        prefix.append(prefix[-1] + here)
        run.append((run[-1] if run else 0) + 1 if here else 0)

    def between(first: date, last: date) -> int:
        start, stop = max(first.toordinal(), low), min(last.toordinal(), high)
        return prefix[stop - low + 1] - prefix[start - low] if start <= stop else 0

    def used(day: date) -> int:
        if rule.kind == "rolling":
            return between(day - timedelta(days=rule.window_days - 1), day)
        if rule.kind == "calendar_year":
            return between(date(day.year, 1, 1), day)
        return run[day.toordinal() - low] if low <= day.toordinal() <= high else 0

    return used


def _first_break(counted: set[date], rule: StayRule, candidates: Iterable[date]) -> date | None:
    """The earliest candidate day present and over the limit; candidates must be in date order."""
    used = _usage(counted, rule)
    return next((day for day in candidates if day in counted and used(day) > rule.max_days), None)


def assess(trips: Iterable[Trip], rule: StayRule, as_of: date) -> StayReport:
    """Days used and left on `as_of`, the first overstay in the trips, and how long they could stay on from `as_of`."""
    counted = {day for day in days_present(trips) if rule.counts(day)}
    days_used = _usage(counted, rule)(as_of)  # looks back only, so later trips do not count
    first_overstay = _first_break(counted, rule, sorted(counted))
    ahead = [as_of + timedelta(days=offset) for offset in range(SEARCH_HORIZON.days + 1)]
    staying_on = counted | {day for day in ahead if rule.counts(day)}
    overstay = _first_break(staying_on, rule, ahead)
    return StayReport(
        days_used=days_used,
        days_left=max(0, rule.max_days - days_used),
        first_overstay=first_overstay,
        overstay_if_staying_on=overstay,
        last_legal_day=overstay - timedelta(days=1) if overstay else None,
    )
