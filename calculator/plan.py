"""The quickest ways to close a gap: which activities still count, given the caps already used."""
import math

from . import parts
from .counting import ZERO, allowance_starts, cpr_aed_credit
from .rules import decimal, in_force, show
from .words import per, quantity

# Activity types a plan suggests, hour-based first (their cost in hours is known), with the words used.
SUGGESTED = {
    "event": "live courses or events",
    "online_course": "approved online courses",
    "personal_development": "personal development (reading, podcasts)",
    "volunteer": "committee volunteering",
    "first_aid": "First Aid course",
    "cpr_aed": "CPR/AED course",
    "college_course": "college course",
    "quiz": "passed quiz",
    "ncca_certification": "another NCCA-accredited certification",
    "nsca_certification": "another NSCA certification",
}


def make_plan(state, scenario, result):
    """What still counts (`options`) and a greedy quickest route (`steps`) to close the gap."""
    needed = decimal(result["shortfall"])
    cycle, as_of = state["cycle"], scenario.as_of
    closeable = as_of <= cycle.count_until and result["status"] in ("in_progress", "late")
    if not closeable or (needed == 0 and result["categories_ok"]):
        return {"needed": float(needed), "by": None, "days_left": None, "options": [], "steps": []}
    options = [option for option in (_option(state, kind, as_of) for kind in SUGGESTED) if option]
    restore = cpr_aed_to_restore(state)  # first: the CPR/AED is required anyway, and renewing it gives its credit back
    part_steps, covered = parts.plan_steps(state["rules"], state["parts"])  # then the required parts still short
    steps = ([_cpr_aed_step(state, restore)] if restore else []) + part_steps
    steps += _quickest(state["rules"], options, max(ZERO, needed - restore - covered), result)
    by = cycle.meet_by(as_of)
    return {"needed": float(needed), "by": by.isoformat(), "days_left": (by - as_of).days, "options": options, "steps": steps}


def cpr_aed_to_restore(state):
    """The credit a current CPR/AED would add (NASM's 0.1 CEU) when the person's is lapsed, missing or not hands-on."""
    return ZERO if state["cpr"]["ok"] else cpr_aed_credit(state["rules"])


def cpr_aed_renewal(state):
    """What puts the CPR/AED right: renewing the one held, or getting one."""
    return "renew your CPR/AED" if state["cpr"]["card"] else "get an adult CPR/AED certification"


def cpr_aed_format(rules):
    """The course format the data asks for, as words after the course: ", with a hands-on skills part", ", with a
    skills evaluation" (online accepted unless lapsed), or "" where the data asks for none."""
    cpr = rules["cpr_aed"]
    if not cpr["hands_on"]:
        return ""
    return ", with a skills evaluation" if cpr.get("online_ok_unless_lapsed") else ", with a hands-on skills part"


def _cpr_aed_step(state, restore):
    worth = quantity(show(state["rules"], restore), state["rules"]["organization"]["unit"])
    renewal = cpr_aed_renewal(state) + cpr_aed_format(state["rules"])
    return f"{renewal[:1].upper()}{renewal[1:]} (required anyway): {worth}"


def _option(state, kind, as_of):
    """How one kind of activity can still count, or None when it cannot."""
    rules, cycle = state["rules"], state["cycle"]
    kind_rules = rules["activities"].get(kind, {"kind": "none"})
    if kind_rules["kind"] == "none" or allowance_starts(rules, kind_rules, as_of):
        return None
    category = (cycle.rules or {}).get("categories", {}).get(kind)
    room = _room(rules, kind, kind_rules, cycle, state["tally"], category, as_of)
    if room is not None and room <= 0:
        return None
    option = {"type": kind, "label": SUGGESTED[kind], "category": category, "room": None if room is None else float(room)}
    if kind_rules["kind"] == "per_hour":
        option["per_hour"] = float(decimal(rules["organization"]["hour_value"]))
    elif kind_rules["kind"] == "per_credit_hour":
        option["per_credit_hour"] = {term: float(decimal(rate)) for term, rate in kind_rules["rates"].items()}
    per_item = _per_item(kind_rules)
    if per_item is not None:
        option["per_item"] = float(per_item)
    option["text"] = _describe(rules, option)
    return option


def _room(rules, kind, kind_rules, cycle, tally, category, as_of):
    """How much more this kind of activity can add this cycle, or None when no cap applies."""
    rooms = []
    if category and cycle.band:
        rooms.append(decimal(cycle.band["max"][category]) - tally.by_category.get(category, ZERO))
    key = kind_rules.get("year_cap")
    entry = in_force(rules["year_caps"][key]["values"], as_of) if key else None
    if entry:
        rooms.append(decimal(entry["amount"]) - tally.year_used.get((key, as_of.year), ZERO))
    if "cycle_cap" in kind_rules:
        rooms.append(decimal(kind_rules["cycle_cap"]) - tally.cycle_used.get(kind, ZERO))
    return max(ZERO, min(rooms)) if rooms else None


def _per_item(kind_rules):
    value = {"fixed": "value", "quiz": "default_value"}.get(kind_rules["kind"], "item_cap")
    return decimal(kind_rules[value]) if value in kind_rules else None


def _describe(rules, option):
    unit = rules["organization"]["unit"]
    where = f" (category {option['category']})" if option["category"] else ""
    if "per_hour" in option:
        worth = "hour for hour" if unit == "hour" and option["per_hour"] == 1 else per(show(rules, option["per_hour"]), unit, "hour")
    elif "per_credit_hour" in option:
        worth = ", ".join(per(show(rules, rate), unit, f"{term} credit hour") for term, rate in option["per_credit_hour"].items())
    elif option["type"] == "online_course":
        worth = "its approved value"
    else:
        worth = per(show(rules, option['per_item']), unit, "")
    if "per_item" in option and option["type"] in ("event", "college_course"):
        worth += f", at most {per(show(rules, option['per_item']), unit, '')}"
    room = "no cap left to worry about" if option["room"] is None else f"room for {quantity(show(rules, option['room']), unit)} more"
    return f"{option['label'][:1].upper()}{option['label'][1:]}{where}: {worth}; {room}."


def _quickest(rules, options, needed, result):
    """A greedy route: hour-based options first, the largest room first; a new category first when two are required."""
    unit = rules["organization"]["unit"]
    used = {c["category"] for c in result["categories"] if c["earned"] > 0}
    left_in = {c["category"]: decimal(c["max"]) - decimal(c["earned"]) for c in result["categories"]}
    want_new_category = not result["categories_ok"]

    def order(option):
        return ("per_hour" not in option, want_new_category and option["category"] in used,
                -(option["room"] if option["room"] is not None else math.inf))

    steps, left = [], needed
    for option in sorted(options, key=order):
        if left <= 0 and not want_new_category:
            break
        caps = [decimal(option["room"]) if option["room"] is not None else None, left_in.get(option["category"])]
        room = min([cap for cap in caps if cap is not None], default=left)
        take = min(room, left) if left > 0 else min(room, decimal(option.get("per_item") or option.get("per_hour") or 0))
        if take <= 0:
            continue
        if option["category"] in left_in:
            left_in[option["category"]] -= take
        want_new_category = want_new_category and option["category"] in used
        steps.append(_step(rules, option, take, unit))
        left -= min(take, left)
    if left > 0:
        steps.append(f"Even with every option above, {quantity(show(rules, left), unit)} cannot count this cycle under the published caps.")
    return steps


def _step(rules, option, amount, unit):
    worth = quantity(show(rules, amount), unit)
    where = f" in category {option['category']}" if option["category"] else ""
    if "per_hour" in option:
        return f"{quantity(math.ceil(amount / decimal(option['per_hour'])), 'hour')} of {option['label']}{where}: {worth}"
    if "per_credit_hour" in option:
        rate = decimal(max(option["per_credit_hour"].values()))
        return f"a college course of {quantity(math.ceil(amount / rate), 'credit hour')}{where}: {worth}"
    if "per_item" in option:
        return f"{math.ceil(amount / decimal(option['per_item']))} x {option['label']}{where}: up to {worth}"
    return f"{option['label']}{where}: {worth} (its approved value)"
