"""Which cycle is being evaluated, and its deadline and late windows, from the rules' cycle kind.

Kinds: "anniversary" (NASM: expires a number of years after certification or renewal),
"calendar" (ACSM: expires December 31 of the final year), "fixed" (NSCA: the same
three-year periods for everyone); an anniversary cycle with `ends = "month_end"` ends on
the last day of its month (NCSF). When the person gives no expiration date, we assume
every earlier cycle was renewed on time and evaluate the one that holds `as_of`.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_months, end_of_month, shift


@dataclass
class Cycle:
    start: date              # first day on which activities count (never before certification)
    deadline: date           # last day of the normal window
    late: list               # [(last day, tier rules)] in order
    count_until: date        # last day on which an activity can still count
    derived: bool            # deadline derived from the rules, not given by the person
    rules: dict | None = None  # NSCA: the cycle_rules entry in force
    band: dict | None = None   # NSCA: the requirement band for the certification date
    due: bool = True

    @property
    def late_until(self):
        return self.late[-1][0] if self.late else None


def cycle_for(rules, held, as_of):
    """The cycle to evaluate for one held credential on `as_of`."""
    kind = rules["cycle"]["kind"]
    if kind == "fixed":
        return _fixed(rules, held, as_of)
    years = rules["cycle"]["years"]
    month_end = rules["cycle"].get("ends") == "month_end"
    ends = end_of_month if month_end else (lambda day: day)
    first = ends(_first_deadline(kind, held.certified_on, years))
    # A deadline on a month's last day is on or after as_of exactly when its month is as_of's or later.
    deadline = held.expires_on or ends(_next_on_or_after(first, years, as_of.replace(day=1) if month_end else as_of))
    previous = ends(add_months(deadline, -12 * years))
    first_cycle = deadline <= first or previous < held.certified_on
    start = held.certified_on if first_cycle else previous + timedelta(days=1)
    return _with_windows(rules, start, deadline, derived=held.expires_on is None)


def _first_deadline(kind, certified_on, years):
    if kind == "calendar":
        return date(certified_on.year + years, 12, 31)
    return add_months(certified_on, 12 * years)


def _next_on_or_after(first, years, as_of):
    """The first deadline of the series first, first + years, ... that is not before as_of."""
    deadline = first
    if deadline < as_of:
        skipped = (as_of.year - first.year) // years
        deadline = add_months(first, 12 * years * skipped)
        while deadline < as_of:
            deadline = add_months(deadline, 12 * years)
    return deadline


def _tier_end(deadline, tier):
    """A late tier's last day: `until` an offset (that day included), or the day `before` it."""
    if "before" in tier:
        return shift(deadline, tier["before"]) - timedelta(days=1)
    return shift(deadline, tier["until"])


def _with_windows(org_rules, start, deadline, derived, **nsca):
    late = [(_tier_end(deadline, tier), tier) for tier in org_rules.get("late", [])]
    count_until = shift(deadline, org_rules["count_window"]["after_deadline"])
    return Cycle(start, deadline, late, count_until, derived, **nsca)


def _fixed(rules, held, as_of):
    years, first = rules["cycle"]["years"], rules["cycle"]["first_start"]
    end_year = held.expires_on.year if held.expires_on else as_of.year
    start_year = first + (end_year - first) // years * years
    if held.expires_on is None or held.expires_on.year == start_year + years - 1:
        cycle = _fixed_cycle(rules, held, start_year)
    else:  # an expiration date the cycles do not produce: trust the person's date
        cycle = _fixed_cycle(rules, held, start_year, deadline=held.expires_on)
    if not cycle.due:  # certified late in the final year: the first cycle is the next one
        nxt = _fixed_cycle(rules, held, start_year + years)
        nxt.due = False
        return nxt
    return cycle


def _fixed_cycle(rules, held, start_year, deadline=None):
    years = rules["cycle"]["years"]
    start = date(start_year, 1, 1)
    deadline = deadline or date(start_year + years - 1, 12, 31)
    cycle_rules = _cycle_rules(rules, start_year)
    band = _band(cycle_rules["bands"], held.certified_on, start)
    return _with_windows(
        rules, max(start, held.certified_on), deadline, derived=held.expires_on is None,
        rules=cycle_rules, band=band, due=band.get("due", True),
    )


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
