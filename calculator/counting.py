"""How each activity counts toward one credential's cycle: conversions, caps and categories.

The order is: date window, scope and approval, the activity's own value and per-item cap,
per-calendar-year caps, then category maximums. Each step that trims or refuses an activity
says why in the `counted` entry.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .choices import counts_for_distinction
from .dates import in_words
from .rules import decimal, in_force
from .wording import figure
from .words import per, quantity

ZERO = Decimal(0)


@dataclass
class Tally:
    counted: list = field(default_factory=list)
    earned: Decimal = ZERO
    by_category: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))
    year_used: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))
    cycle_used: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))  # per activity type with a cycle cap
    petitions: int = 0
    distinction_credit: Decimal = ZERO  # what the organization's own activities add, for recognition with distinction
    by_provider: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))  # what each organization's own courses added
    reported: Decimal = ZERO  # a total entered as already earned: no activity, so no category or part of its own

    def skip(self, activity, reason):
        self.counted.append({"activity": activity.index, "amount": 0.0, "category": None, "note": reason})

    def add(self, activity, amount, category, notes):
        self.counted.append({"activity": activity.index, "amount": float(amount), "category": category, "note": "; ".join(notes)})
        self.earned += amount
        if category:
            self.by_category[category] += amount
        if activity.provider:
            self.by_provider[activity.provider] += amount


def count_activities(rules, held, cycle, scenario, cpr_ok):
    """Tally every activity for one credential in one cycle."""
    tally = Tally()
    courses_taken = {} if "once_per_course" in rules else None
    for activity in scenario.in_order:
        reason = _outside_window(rules, activity, held, cycle, scenario.as_of) or _repeated(activity, courses_taken)
        if reason:
            tally.skip(activity, reason)
            continue
        kind_rules, notes = _rules_for(rules, activity, held, tally)
        if isinstance(kind_rules, str):
            tally.skip(activity, kind_rules)
            continue
        value, why_not = _value(rules, kind_rules, activity, held, cycle, notes)
        if value is None:
            tally.skip(activity, why_not)
            continue
        value = _year_cap(rules, kind_rules, activity, value, tally, notes)
        counted_as = _as_type(kind_rules, activity)
        value = _cycle_cap(kind_rules, counted_as, value, tally, notes)
        if counts_for_distinction(rules, activity):  # before category maximums, which do not apply to it
            tally.distinction_credit += value
        category, chosen = _category(cycle, activity, counted_as)
        value = _category_cap(rules, cycle, category, None if chosen else counted_as, value, tally, notes)
        tally.add(activity, value, category, notes)
    if held.earned:
        tally.counted.append({"activity": None, "item": "earned", "amount": float(held.earned), "category": None,
                              "note": f"{_units(rules, held.earned)} already earned this cycle, as entered: taken as "
                                      "the organization counts them (their categories and required parts are not checked here)"})
        tally.earned += held.earned
        tally.reported = held.earned
    amount = cpr_aed_credit(rules)
    if amount and cpr_ok:
        tally.counted.append({"activity": None, "item": "cpr_aed", "amount": float(amount), "category": None,
                              "note": f"your current CPR/AED certification counts {_units(rules, amount)}"})
        tally.earned += amount
    return tally


def allowance_starts(rules, kind_rules, day):
    """The day a type's yearly allowance starts when `day` is before it (no value published then), else None."""
    key = kind_rules.get("year_cap")
    if not key or in_force(rules["year_caps"][key]["values"], day):
        return None
    return min((date.fromisoformat(entry["from"]) for entry in rules["year_caps"][key]["values"] if "from" in entry), default=None)


def _units(rules, value):
    """An amount as a counted activity's note words it: at the unit's precision, whatever the number's JSON type."""
    return quantity(figure(value, rules["organization"]["precision"]), rules["organization"]["unit"])


def _rate(rules, value, each):
    """A rate as a note words it, at the unit's precision: "0.1 CEU per hour" (words.per)."""
    return per(figure(value, rules["organization"]["precision"]), rules["organization"]["unit"], each)


def cpr_aed_credit(rules):
    """What a current CPR/AED certification counts toward the requirement (0 where it counts nothing)."""
    credit = rules["cpr_aed"].get("credit")
    return decimal(credit) if credit else ZERO


def _outside_window(rules, activity, held, cycle, as_of):
    on = in_words(activity.date)
    if activity.date < held.certified_on:
        return f"dated {on}, before you earned this credential on {in_words(held.certified_on)}"
    if activity.date == held.certified_on and not rules["count_window"].get("certification_day_counts", True):
        return f"dated {on}, the day you earned this credential: only activities after that day count toward it"
    if activity.date < cycle.start:
        return f"dated {on}, in an earlier cycle (this one began {in_words(cycle.start)}); credits do not roll over"
    if activity.date > cycle.count_until:
        return f"dated {on}, after {in_words(cycle.count_until)}, the last day credits count for this cycle"
    if activity.date > as_of:
        return f"dated {on}, after the evaluation date {in_words(as_of)}: it counts once it is done"
    return None


def _repeated(activity, courses_taken):
    """Why a course taken again does not count, where a course counts once (None: it may count).

    courses_taken maps each title seen (case and spacing aside) to the date it was first taken.
    """
    if courses_taken is None:
        return None
    title = " ".join(activity.title.lower().split())
    if not title:
        return None
    if title in courses_taken:
        return f"the same course as the one taken on {in_words(courses_taken[title])}: a course counts only once toward a renewal"
    courses_taken[title] = activity.date
    return None


def _rules_for(rules, activity, held, tally):
    """The counting rules that apply (or a reason string) and the notes gathered so far."""
    kind_rules = rules["activities"].get(activity.type) or {
        "kind": "none", "reason": f"{rules['organization']['short']}'s rules in our sources give no value for this kind of activity"}
    notes = []
    if kind_rules["kind"] == "none":
        return kind_rules["reason"], notes
    if allowance_starts(rules, kind_rules, activity.date):
        return (f"{rules['organization']['short']}'s allowance for this kind of activity holds from "
                f"{in_words(allowance_starts(rules, kind_rules, activity.date))}; for an earlier one it is not published in our sources"), notes
    if kind_rules.get("for_credentials_already_held") and activity.credential == held.id:
        return "earning this credential counts toward the credentials you held before it, not toward itself", notes
    if not activity.in_scope:
        return "outside the organization's scope of practice, so it does not count", notes
    if not activity.approved and "unapproved" in kind_rules:
        policy = kind_rules["unapproved"]
        if policy == "petition":
            tally.petitions += 1
            notes.append("not pre-approved: counts only if your petition is accepted (petition fee below)")
        else:  # counted under another activity type, e.g. personal development
            notes.append(f"not pre-approved, so it counts as {policy.replace('_', ' ')}")
            kind_rules = dict(rules["activities"][policy], counted_as=policy)
    return kind_rules, notes


def _as_type(kind_rules, activity):
    return kind_rules.get("counted_as", activity.type)


def _value(rules, kind_rules, activity, held, cycle, notes):
    """(amount, None) or (None, reason): the activity's own value after its per-item cap."""
    unit = rules["organization"]["unit"]
    kind = kind_rules["kind"]
    if kind == "per_hour":
        if kind_rules.get("use_stated_value") and activity.ceus is not None:
            notes.append(f"its stated value of {_units(rules, activity.ceus)}")
            value = activity.ceus
        elif activity.hours is None:
            return None, "enter the hours it took"
        else:
            hours = activity.hours
            if kind_rules.get("scope_rule") and activity.in_scope_hours is not None:
                hours = min(hours, activity.in_scope_hours)
                notes.append(f"only {quantity(hours, 'in-scope hour')} counted")
            rate = decimal(rules["organization"]["hour_value"])
            value = hours * rate
            notes.append(quantity(hours, "hour") + ("" if unit == "hour" and rate == 1 else f" at {_rate(rules, rate, 'hour')}"))
    elif kind == "approved_value":
        if activity.ceus is None:
            return None, f"enter the {unit} value the organization approved for this course"
        value = activity.ceus
        notes.append(f"its approved value of {_units(rules, value)}")
    elif kind == "fixed":
        value = decimal(kind_rules["value"])
        notes.append(f"a fixed value of {_units(rules, value)}" + (f" ({kind_rules['note']})" if "note" in kind_rules else ""))
    elif kind == "per_credit_hour":
        started = activity.started_on
        if kind_rules.get("must_start_after_certification") and (started is None or started < cycle.start or started <= held.certified_on):
            return None, (f"the course must have started after you earned this credential ({in_words(held.certified_on)}) and during "
                          f"this cycle ({in_words(cycle.start)} or later)" + ("; enter started_on" if started is None else ""))
        rate = decimal(kind_rules["rates"][activity.term])
        value = activity.credit_hours * rate
        notes.append(f"{quantity(activity.credit_hours, activity.term + ' credit hour')} at {_rate(rules, rate, 'credit hour')}")
        if "condition" in kind_rules:
            notes.append(kind_rules["condition"])
    else:  # quiz
        if activity.score is None or activity.score < kind_rules["pass_score"]:
            return None, f"a score of {activity.score} is below the pass mark of {kind_rules['pass_score']}; retake the quiz to earn credit"
        value = activity.ceus if activity.ceus is not None else decimal(kind_rules["default_value"])
        notes.append(f"passed; {_units(rules, value)}" + ("" if activity.ceus is not None else " (the usual value on older pages)"))
    cap = kind_rules.get("item_cap")
    if cap is not None and value > decimal(cap):
        value = decimal(cap)
        notes.append(f"capped at {_rate(rules, cap, activity.type.replace('_', ' '))}")
    return value, None


def _year_cap(rules, kind_rules, activity, value, tally, notes):
    key = kind_rules.get("year_cap")
    if not key:
        return value
    cap_rules = rules["year_caps"][key]
    entry = in_force(cap_rules["values"], activity.date)
    if entry is None:
        return value
    used_key = (key, activity.date.year)
    room = max(ZERO, decimal(entry["amount"]) - tally.year_used[used_key])
    if value > room:
        notes.append(f"{cap_rules['label']}: at most {_rate(rules, entry['amount'], 'calendar year')}, {_units(rules, room)} left in {activity.date.year}")
        value = room
    tally.year_used[used_key] += value
    return value


def _cycle_cap(kind_rules, kind, value, tally, notes):
    """An activity type that counts at most an amount per cycle (the data's `cycle_cap`, with its reading)."""
    if "cycle_cap" not in kind_rules:
        return value
    room = max(ZERO, decimal(kind_rules["cycle_cap"]) - tally.cycle_used[kind])
    if value > room:
        notes.append(kind_rules["cycle_cap_note"])
        value = room
    tally.cycle_used[kind] += value
    return value


def _category(cycle, activity, kind):
    """(category, chosen): the one the person filed the activity under, where this cycle has it, else its type's (or None)."""
    by_type = (cycle.rules or {}).get("categories", {})
    if activity.category and activity.category in {*by_type.values(), *(cycle.band or {}).get("max", {})}:
        return activity.category, True
    return by_type.get(kind), False


def _category_cap(rules, cycle, category, kind, value, tally, notes):
    """Trims value to its category's room; kind is the type the category came from (None: the person chose it)."""
    if not category or not cycle.band:
        return value
    maximum = decimal(cycle.band["max"][category])
    room = max(ZERO, maximum - tally.by_category[category])
    reading = cycle.rules.get("categories_reading", {})  # categories the sources do not state
    why = ", as you filed it" if kind is None else f", {reading['note']}" if kind in reading.get("types", ()) else ""
    notes.append(f"category {category}{why}")
    if value > room:
        notes.append(f"category {category} maximum of {_units(rules, maximum)} reached; {_units(rules, value - room)} over it not counted")
        value = room
    return value
