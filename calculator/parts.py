"""Parts a total must include (NCSF: 2 CEUs of CPR and 1 CEU of ethics within the 10).

An organization's `[[required_parts]]` each name an amount and what counts toward it: activity
`types`, or a `topic` such as "ethics". Each counted activity goes to the first part it matches,
and what a part still lacks cannot be made up by more general credits.
"""
import math

from .counting import ZERO
from .rules import decimal, show
from .wording import ACTIVITY_NAMES
from .words import quantity


def _matches(part, activity):
    return activity.type in part.get("types", ()) or ("topic" in part and activity.topic == part["topic"])


def tally_parts(rules, tally, activities):
    """Each required part with what counted toward it; marks the counted activities' notes."""
    parts = [{"label": part["label"], "required": decimal(part["amount"]), "earned": ZERO, "rules": part}
             for part in rules.get("required_parts", [])]
    if not parts:
        return []
    by_index = {activity.index: activity for activity in activities}
    for entry in tally.counted:
        activity = by_index.get(entry["activity"])
        part = next((p for p in parts if activity and entry["amount"] > 0 and _matches(p["rules"], activity)), None)
        if part:
            part["earned"] += decimal(entry["amount"])
            entry["note"] += f"; counts toward the required {part['label']} part"
    reported = tally.reported  # taken to include what the parts still lack
    for part in parts:
        share = min(reported, max(ZERO, part["required"] - part["earned"]))
        part["earned"] += share
        reported -= share
    return parts


def shortfall(parts):
    """What the parts still lack between them."""
    return sum((max(ZERO, part["required"] - part["earned"]) for part in parts), ZERO)


def as_result(parts):
    return [{"label": p["label"], "required": float(p["required"]), "earned": float(p["earned"]),
             "shortfall": float(max(ZERO, p["required"] - p["earned"]))} for p in parts]


def _how(part):
    """How to enter an activity that counts toward the part."""
    if "topic" in part:
        return f'an activity with the topic "{part["label"]}"'
    return " or ".join(f'a "{ACTIVITY_NAMES[kind]}" activity' for kind in part["types"])


def actions(rules, parts):
    """One sentence per part still short."""
    unit = rules["organization"]["unit"]
    return [f"{quantity(show(rules, p['required'] - p['earned']), unit)} of it must be {p['label']} "
            f"(required within the total; enter it as {_how(p['rules'])})."
            for p in parts if p["earned"] < p["required"]]


def plan_steps(rules, parts):
    """The plan's steps for the parts still short: (steps, amount they cover)."""
    unit, rate = rules["organization"]["unit"], decimal(rules["organization"]["hour_value"])
    steps, covered = [], ZERO
    for p in parts:
        missing = p["required"] - p["earned"]
        if missing <= 0:
            continue
        covered += missing
        kind_rules = next((rules["activities"][kind] for kind in p["rules"].get("types", ())), None)
        if kind_rules and kind_rules["kind"] == "fixed":
            count = math.ceil(missing / decimal(kind_rules["value"]))
            steps.append(f"{count} x {p['label']} course: {quantity(show(rules, missing), unit)} (required part)")
        else:
            steps.append(f"{quantity(math.ceil(missing / rate), 'hour')} on {p['label']} ({_how(p['rules'])}): "
                         f"{quantity(show(rules, missing), unit)} (required part)")
    return steps, covered
