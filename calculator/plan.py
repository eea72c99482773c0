"""The quickest ways to close a gap: which activities still count, given the caps already used."""
import math

from .counting import ZERO
from .rules import decimal, in_force

HOURLY = ("event", "online_course", "personal_development", "volunteer")
ONE_OFF = ("first_aid", "cpr_aed", "college_course", "quiz", "ncca_certification", "nsca_certification")


def make_plan(state, scenario, result):
    """Options that still count and a greedy quickest route, fewest hours first."""
    needed = decimal(result["shortfall"])
    cycle, as_of = state["cycle"], scenario.as_of
    closeable = as_of <= cycle.count_until and result["status"] in ("in_progress", "late")
    if not closeable or (needed == 0 and result["categories_ok"]):
        return {"needed": float(needed), "by": None, "days_left": None, "options": [], "steps": []}
    options = _options(state, as_of)
    steps = _quickest(options, needed, result, state["rules"]["organization"]["unit"])
    return {"needed": float(needed), "by": cycle.count_until.isoformat(), "days_left": (cycle.count_until - as_of).days,
            "options": options, "steps": steps}


def _options(state, as_of):
    rules, cycle, tally = state["rules"], state["cycle"], state["tally"]
    unit, rate = rules["organization"]["unit"], decimal(rules["organization"]["hour_value"])
    categories = (cycle.rules or {}).get("categories", {})
    options = []
    for kind in HOURLY + ONE_OFF:
        kind_rules = rules["activities"].get(kind, {"kind": "none"})
        if kind_rules["kind"] == "none":
            continue
        category = categories.get(kind)
        room = _room(rules, kind_rules, cycle, tally, category, as_of)
        if room is not None and room <= 0:
            continue
        option = {"type": kind, "category": category, "room": None if room is None else float(room)}
        per_item = _per_item(kind_rules)
        if kind_rules["kind"] == "per_hour":
            option["per_hour"] = float(rate)
        if per_item is not None:
            option["per_item"] = float(per_item)
        option["text"] = _describe(kind, option, unit, rate)
        options.append(option)
    return options


def _room(rules, kind_rules, cycle, tally, category, as_of):
    """How much more this kind of activity can add this cycle, or None when unlimited."""
    rooms = []
    if category and cycle.band:
        rooms.append(decimal(cycle.band["max"][category]) - tally.by_category.get(category, ZERO))
    key = kind_rules.get("year_cap")
    if key:
        entry = in_force(rules["year_caps"][key]["values"], as_of)
        if entry:
            rooms.append(decimal(entry["amount"]) - tally.year_used.get((key, as_of.year), ZERO))
    return max(ZERO, min(rooms)) if rooms else None


def _per_item(kind_rules):
    if kind_rules["kind"] == "fixed":
        return decimal(kind_rules["value"])
    if kind_rules["kind"] == "quiz":
        return decimal(kind_rules["default_value"])
    if "item_cap" in kind_rules:
        return decimal(kind_rules["item_cap"])
    return None


def _describe(kind, option, unit, rate):
    name = kind.replace("_", " ")
    room = f"at most {option['room']} more {unit} can count" if option["room"] is not None else "no cap applies"
    where = f"category {option['category']}: " if option["category"] else ""
    if "per_hour" in option:
        hours = "" if option["room"] is None else f" (so up to {_hours(decimal(option['room']), rate)} hours)"
        each = f", at most {option['per_item']} {unit} per {name}" if "per_item" in option else ""
        return f"{name}: {option['per_hour']} {unit} per hour{each}; {where}{room}{hours}"
    each = f"each adds up to {option['per_item']} {unit}" if "per_item" in option else "each adds its approved value"
    return f"{name}: {each}; {where}{room}"


def _hours(amount, rate):
    return math.ceil(amount / rate)


def _quickest(options, needed, result, unit):
    """A greedy route: hour-based activities first (their cost in hours is known), biggest room first."""
    used_categories = {c["category"] for c in result["categories"] if c["earned"] > 0}
    category_left = {c["category"]: decimal(c["max"]) - decimal(c["earned"]) for c in result["categories"]}
    ordered = sorted(options, key=lambda o: ("per_hour" not in o, (o["category"] in used_categories) if not result["categories_ok"] else False,
                                             -(o["room"] if o["room"] is not None else math.inf)))
    steps, left, need_new_category = [], needed, not result["categories_ok"]
    for option in ordered:
        if left <= 0 and not need_new_category:
            break
        room = decimal(option["room"]) if option["room"] is not None else left
        if option["category"] in category_left:
            room = min(room, category_left[option["category"]])
        take = min(room, left) if left > 0 else (decimal(option.get("per_item") or "0.1"))
        if take <= 0:
            continue
        if option["category"] in category_left:
            category_left[option["category"]] -= take
        steps.append(_step(option, take, unit))
        left -= min(take, left)
        if option["category"] and option["category"] not in used_categories:
            need_new_category = False
    if left > 0:
        steps.append(f"even with every option above, {left} {unit} cannot count this cycle under the published caps")
    return steps


def _step(option, amount, unit):
    name = option["type"].replace("_", " ")
    where = f" in category {option['category']}" if option["category"] else ""
    if "per_hour" in option:
        hours = _hours(amount, decimal(option["per_hour"]))
        return f"{hours} hours of {name}{where} for {amount} {unit}"
    if "per_item" in option:
        count = math.ceil(amount / decimal(option["per_item"]))
        return f"{count} x {name}{where} for up to {amount} {unit}"
    return f"{name}{where} worth {amount} {unit}"
