"""Cycles from the rules' cycle kind: each one's start, deadline and late windows.

Kinds: "anniversary" (NASM: expires a number of years after certification or renewal),
"calendar" (ACSM: expires December 31 of the final year), "fixed" (NSCA: the same
three-year periods for everyone); an anniversary cycle with `ends = "month_end"` ends on the
last day of its month (NCSF: the exam's month, two years on). Which cycle is evaluated is `renewals.choose_cycle`'s call.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_months, end_of_month, shift

ONE_DAY = timedelta(days=1)


@dataclass
class Cycle:
    start: date              # first day on which activities count (never before certification)
    deadline: date           # last day of the normal window
    late: list               # [(last day, tier rules)] in order
    count_until: date        # last day on which an activity can still count
    derived: bool            # deadline derived from the rules, not given by the person
    rules: dict | None = None  # NSCA: the cycle_rules entry in force
    band: dict | None = None   # NSCA: the requirement band for the certification date

    @property
    def late_until(self):
        return self.late[-1][0] if self.late else None

    def meet_by(self, as_of):
        """The date to earn credits by: the deadline until it passes (the days after it cost a late fee),
        then the last day on which credits still count."""
        return self.deadline if as_of <= self.deadline else self.count_until

    @property
    def closes(self):
        """The last day of the last window: after it, this cycle can no longer be renewed."""
        return self.late_until or self.deadline


def first_cycle(rules, held):
    """The first cycle in which something is due, counted from the certification date."""
    kind, years = rules["cycle"]["kind"], rules["cycle"]["years"]
    if kind == "fixed":
        return _fixed_cycle(rules, held, _fixed_start_year(rules, held.certified_on.year))
    if kind == "calendar":
        deadline = date(held.certified_on.year + years, 12, 31)
    else:
        deadline = _years_on(rules, held.certified_on, years)
    return _with_windows(rules, held.certified_on, deadline, derived=True)


def cycle_after(rules, held, day):
    """The cycle after the one that ended on `day`; the first cycle when `day` is the certification date."""
    if day == held.certified_on:
        return first_cycle(rules, held)
    kind, years = rules["cycle"]["kind"], rules["cycle"]["years"]
    if kind == "fixed":
        return _fixed_cycle(rules, held, _fixed_start_year(rules, day.year) + years)
    deadline = date(day.year + years, 12, 31) if kind == "calendar" else _years_on(rules, day, years)
    return _with_windows(rules, day + ONE_DAY, deadline, derived=True)


def given_cycle(rules, held):
    """The cycle that ends on the expiration date the person gave."""
    if rules["cycle"]["kind"] == "fixed":
        return _fixed_given(rules, held)
    years, deadline = rules["cycle"]["years"], held.expires_on
    # The first cycle runs from certification even when the organization's date is later than the
    # formula's; a date nearer the second formula deadline than the first belongs to a later cycle.
    later = deadline >= add_months(first_cycle(rules, held).deadline, 6 * years)
    start = _years_on(rules, deadline, -years) + ONE_DAY if later else held.certified_on
    return _with_windows(rules, start, deadline, derived=False)


def _years_on(rules, day, years):
    """The anniversary `years` from `day`: the same day, or the month's last day where the cycle ends there."""
    moved = add_months(day, 12 * years)
    return end_of_month(moved) if rules["cycle"].get("ends") == "month_end" else moved


def _with_windows(org_rules, start, deadline, derived, **nsca):
    late = [(shift(deadline, tier["until"]), tier) for tier in org_rules.get("late", [])]
    count_until = shift(deadline, org_rules["count_window"]["after_deadline"])
    return Cycle(start, deadline, late, count_until, derived, **nsca)


def _fixed_start_year(rules, year):
    """The first year of the fixed cycle that holds `year`."""
    years, first = rules["cycle"]["years"], rules["cycle"]["first_start"]
    return first + (year - first) // years * years


def _fixed_given(rules, held):
    years = rules["cycle"]["years"]
    start_year = _fixed_start_year(rules, held.expires_on.year)
    if held.expires_on.year == start_year + years - 1:
        return _fixed_cycle(rules, held, start_year, derived=False)
    # an expiration date the cycles do not produce: trust the person's date
    return _fixed_cycle(rules, held, start_year, deadline=held.expires_on, derived=False)


def _fixed_cycle(rules, held, start_year, deadline=None, derived=True):
    """The fixed cycle starting in `start_year`, or the next one when nothing is due in it."""
    years = rules["cycle"]["years"]
    start = date(start_year, 1, 1)
    cycle_rules = _cycle_rules(rules, start_year)
    band = _band(cycle_rules["bands"], held.certified_on, start)
    if not band.get("due", True):  # certified late in the final year: the first cycle is the next one
        return _fixed_cycle(rules, held, start_year + years, derived=derived)
    deadline = deadline or date(start_year + years - 1, 12, 31)
    return _with_windows(rules, max(start, held.certified_on), deadline, derived, rules=cycle_rules, band=band)


def _cycle_rules(rules, start_year):
    """The newest cycle_rules entry starting at or before this cycle (the earliest if none)."""
    entries = sorted(rules["cycle_rules"], key=lambda entry: entry["first_cycle"])
    chosen = entries[0]
    for entry in entries:
        if entry["first_cycle"] <= start_year:
            chosen = entry
    return chosen


def _band(bands, certified_on, start):
    """The requirement band for a certification date relative to the cycle start."""
    year = -1 if certified_on < start else certified_on.year - start.year
    matching = [b for b in bands if b["year"] == year and b.get("from_month", 1) <= certified_on.month]
    return max(matching, key=lambda b: b.get("from_month", 1))
