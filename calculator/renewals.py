"""Which cycle to evaluate, without assuming a renewal nobody reported.

With `expires_on`, the cycle ending on it. With `renewed_through`, the cycle after the one that
ended on it (the certification date: the first cycle). With neither, the deadlines are worked out
from the certification date, and the most recent deadline before `as_of` is "unreported": while
its last window is open, its cycle is the one evaluated; once every window has closed, the
current cycle is evaluated and the result says what happened if that renewal never took place.
"""
from dataclasses import dataclass
from datetime import date

from .cycles import Cycle, cycle_after, first_cycle, given_cycle


@dataclass
class Unreported:
    """The most recent deadline before `as_of` whose renewal nobody reported."""
    cycle: Cycle     # the cycle that ended on it
    before: date     # the deadline before it, or the certification date when that cycle was the first
    current: Cycle   # the cycle after it
    shown: bool      # its windows are still open, so `cycle` is the one evaluated

    def question(self):
        """The renewal question the answer depends on, with the renewed_through value of each answer."""
        deadline = self.cycle.deadline.isoformat()
        return {"deadline": deadline, "yes": deadline, "no": self.before.isoformat()}


def choose_cycle(rules, held, as_of):
    """(the cycle to evaluate, Unreported or None) for one held credential on `as_of`."""
    if held.expires_on:
        return given_cycle(rules, held), None
    if held.renewed_through:
        return cycle_after(rules, held, held.renewed_through), None
    before, previous, cycle = held.certified_on, None, first_cycle(rules, held)
    while cycle.deadline < as_of:
        if previous is not None:
            before = previous.deadline
        previous, cycle = cycle, cycle_after(rules, held, cycle.deadline)
    if previous is None:
        return cycle, None
    shown = as_of <= previous.closes
    return (previous if shown else cycle), Unreported(previous, before, cycle, shown)
