"""One scenario in, one result out: cycle, counting, status, fees, next steps and plan per credential."""
from datetime import date, timedelta

from . import choices, parts
from .actions import next_steps
from .counting import count_activities
from .dates import shift
from .fees import fee_item, late_fee, own_courses_fee, recertification_fee, total
from .owed import owed
from .plan import make_plan
from .renewals import choose_cycle
from .rules import credential_index, data_order, decimal, in_force, source_text
from .scenario import read_scenario
from .verdict import summary, verdict
from .credit_window import credit_window
from .words import quantity


def evaluate(data, today=None):
    """The contract's result for a scenario, or {"errors": [...]} for bad input."""
    scenario, errors = read_scenario(data, today or date.today())
    if errors:
        return {"errors": errors}
    index = credential_index()
    states = [_state(index[held.id], held, scenario) for held in scenario.credentials]
    _renewed_together(states, scenario)
    _distinction_together(states, scenario)
    results = [_result(state, scenario) for state in states]
    result = {"as_of": scenario.as_of.isoformat(), "credentials": results, **owed(results), "notes": _notes(states)}
    result["summary"] = summary(result)
    return result


def _state(rules_and_credential, held, scenario):
    """Everything about one credential that does not depend on the others."""
    rules, credential = rules_and_credential
    cycle, unreported = choose_cycle(rules, held, scenario.as_of)
    cpr = _cpr_aed_state(rules, scenario)
    tally = count_activities(rules, held, cycle, scenario, cpr["ok"])
    return {"rules": rules, "credential": credential, "held": held, "cycle": cycle, "unreported": unreported,
            "cpr": cpr, "tally": tally, "parts": parts.tally_parts(rules, tally, scenario.activities)}


def _renewed_together(states, scenario):
    """Credentials of an organization whose data renews them together (ACSM, NCSF) and that share a deadline
    renew together: the highest requirement and fee (in force on `as_of`) lead. A member that can no
    longer be renewed on its own requirement is left out: the others renew without it.

    Marks each member with `group` (the ids, highest fee first, then in data order) and `group_required`.
    """
    groups = {}
    for state in states:
        if state["rules"].get("several", {}).get("required") == "highest" and _standing(state, scenario)["status"] != "expired":
            groups.setdefault((state["rules"]["organization"]["id"], state["cycle"].deadline), []).append(state)
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=lambda s: (-_fee_in_force(s, scenario.as_of), data_order(s["held"].id)))
            required = max(decimal(s["credential"]["required"]) for s in members)
            for s in members:
                s["group"], s["group_required"] = [m["held"].id for m in members], required


def _distinction_together(states, scenario):
    """Recertification with Distinction is one per person: it counts the organization's credentials held,
    and a fee given per person is charged once, with the first credential (in data order) being renewed this
    cycle on which it is met, or the first being renewed when it is met on none (then it is not charged)."""
    by_org = {}
    for state in states:
        if choices.distinction_asked(state["rules"], scenario):
            by_org.setdefault(state["rules"]["organization"]["id"], []).append(state)
    for members in by_org.values():
        per_person = members[0]["rules"]["distinction"]["fee_per"] == "person"
        for s in members:
            s["distinction_held"] = len(members)
        due = sorted((s for s in members if _standing(s, scenario)["status"] in ("eligible", "in_progress", "late")),
                     key=lambda s: data_order(s["held"].id))  # renewing this cycle, so its fees are charged
        payer = next((s for s in due if _distinction(s, scenario)["met"]), due[0] if due else None)
        for s in members:
            s["distinction_fee_with"] = s["held"].id if not per_person else payer["held"].id if payer else None


def _fee_in_force(state, on):
    """The credential's own fee on `on` (0 when not published), as the leading fee is chosen."""
    entry = in_force(state["credential"].get("fee", []), on)
    return decimal(entry.get("amount", 0)) if entry else 0


def _cpr_aed_state(rules, scenario):
    card, as_of = scenario.cpr_aed, scenario.as_of
    current = card is not None and card.valid_until >= as_of
    hands_on = card is not None and card.hands_on_skills is not False  # not said: assumed, and the actions say so
    # Some organizations want it valid a number of days past the day you submit (today, if you submit now).
    margin = timedelta(days=rules["cpr_aed"].get("valid_days_after_submission", 0))
    lasts = current and card.valid_until >= as_of + margin
    ok = not rules["cpr_aed"]["required"] or lasts and (hands_on or not rules["cpr_aed"]["hands_on"])
    return {"ok": ok, "card": card, "current": current, "hands_on": hands_on, "lasts": lasts}


def _requirement(state, scenario):
    """(required, categories_ok, category table) for the cycle being evaluated."""
    rules, cycle, tally = state["rules"], state["cycle"], state["tally"]
    if choices.exam_path(rules, scenario):
        return decimal(0), True, []
    if cycle.band is None:
        return state.get("group_required", decimal(state["credential"]["required"])), True, []
    required = decimal(cycle.band["ceus"])
    categories = [
        {"category": name, "earned": float(tally.by_category.get(name, 0)), "max": float(decimal(maximum))}
        for name, maximum in sorted(cycle.band["max"].items())
    ]
    rule = cycle.rules["two_categories"]
    needs_two = state["held"].certified_on < date.fromisoformat(rule["certified_before"])
    used = sum(1 for c in categories if c["earned"] > 0)
    return required, not needs_two or used >= 2 or tally.reported > 0, categories


def _status(state, scenario, met, completable, renewed_by_exam):
    cycle, as_of = state["cycle"], scenario.as_of
    if as_of < cycle.start:
        return "not_due"
    if as_of <= cycle.deadline:
        return "eligible" if met and state["cpr"]["ok"] else "in_progress"
    if renewed_by_exam:  # passed in time, its fees paid when registering: nothing was left for after the deadline
        return "eligible"
    if as_of <= cycle.closes and completable:
        return "late"
    return "expired"


def _completes_by(rules, cycle, exam_path):
    """The last day on which the chosen path can still meet this cycle's requirement."""
    return shift(cycle.deadline, rules["paths"]["exam"]["until"]) if exam_path else cycle.count_until


def _completable(state, scenario, shortfall, categories_ok, exam_passed):
    """Whether the requirement can still be met: its window is open, or it is met already, counting
    the CPR/AED credit that renewing the card restores (the card has to be current anyway)."""
    if scenario.as_of <= state["completes_by"]:
        return True
    credit = decimal(0) if state["cpr"]["ok"] else decimal(state["rules"]["cpr_aed"].get("credit", 0))
    return shortfall <= credit and categories_ok and exam_passed


def _exam_passed_in_time(state, scenario):
    """The retake the exam path asks for: passed in the cycle, by the path's last day and by `as_of`, and
    not on the certification day (that exam earned the credential; it does not renew it)."""
    passed = choices.exam_passed_on(state["rules"], scenario)
    first = max(state["cycle"].start, state["held"].certified_on + timedelta(days=1))
    return passed is not None and first <= passed <= min(state["completes_by"], scenario.as_of)


def _standing(state, scenario):
    """The requirement (the group's once `group_required` is set), what is short and the status."""
    rules, cycle = state["rules"], state["cycle"]
    required, categories_ok, categories = _requirement(state, scenario)
    shortfall = max(decimal(0), required - state["tally"].earned, parts.shortfall(state["parts"]))
    exam_path = choices.exam_path(rules, scenario)
    state["completes_by"] = _completes_by(rules, cycle, exam_path)
    exam_ok = not exam_path or _exam_passed_in_time(state, scenario)
    met = shortfall == 0 and categories_ok and exam_ok
    renewed_by_exam = exam_path and exam_ok and rules["paths"]["exam"].get("paid_when_registering", False)
    status = _status(state, scenario, met, _completable(state, scenario, shortfall, categories_ok, exam_ok), renewed_by_exam)
    return {"required": required, "categories_ok": categories_ok, "categories": categories, "shortfall": shortfall,
            "status": status, "exam_passed": exam_path and exam_ok}


def _result(state, scenario):
    rules, credential, held, cycle, tally = (state[k] for k in ("rules", "credential", "held", "cycle", "tally"))
    group = state.get("group", [])
    org = rules["organization"]
    standing = _standing(state, scenario)
    required, categories_ok, categories, shortfall, status = (
        standing[k] for k in ("required", "categories_ok", "categories", "shortfall", "status"))
    state["exam_passed"] = standing["exam_passed"]
    distinction = _distinction(state, scenario) if "distinction_held" in state else None
    fees = _fees(state, scenario, status, group, distinction)
    result = {
        "id": held.id,
        "name": credential["name"],
        "organization": org["short"],
        "status": status,
        "cycle_start": cycle.start.isoformat(),
        "deadline": cycle.deadline.isoformat(),
        "late_until": cycle.late_until.isoformat() if cycle.late_until else None,
        "unit": org["unit"],
        "required": float(required),
        "earned": float(tally.earned),
        "shortfall": float(shortfall),
        "cpr_aed_ok": state["cpr"]["ok"],
        "fees": fees,
        "total_due": total(fees),
        "actions": [],
        "counted": tally.counted,
        "sources": sorted({source_text(rules, key) for key in rules["sources"]}),
        "categories": categories,
        "categories_ok": categories_ok,
        "required_parts": parts.as_result(state["parts"]),
        "renewed_with": [cid for cid in group if cid != held.id],
        "path": choices.path(rules, scenario),
        "days_left": (cycle.deadline - scenario.as_of).days,
        "renewal_question": state["unreported"].question() if state["unreported"] else None,
        "late_tier": _late_tier(cycle, scenario.as_of) if status == "late" else None,
        "late_tiers": [{"until": until.isoformat(), "label": tier["label"]} for until, tier in cycle.late],
    }
    if distinction:
        result["distinction"] = distinction
    result |= credit_window(result, state["completes_by"], scenario.as_of)
    result["plan"] = make_plan(state, scenario, result)
    result["actions"] = next_steps(state, scenario, result)
    result["verdict"] = verdict(result, scenario.as_of)
    return result


def _late_tier(cycle, as_of):
    """The late window `as_of` falls in: its last day, its label, and whether a later tier follows."""
    number, (until, tier) = next((n, late) for n, late in enumerate(cycle.late) if as_of <= late[0])
    return {"until": until.isoformat(), "label": tier["label"], "last": number == len(cycle.late) - 1}


def _fees(state, scenario, status, group, distinction):
    rules, cycle, on = state["rules"], state["cycle"], scenario.as_of
    if status == "not_due":
        return []
    if status == "expired":
        route = rules["expired"]
        return [fee_item(rules, route.get("fee_label", "Exam fee to certify again"), rules["fees"][route["fee"]], on)]
    items = [own_courses_fee(rules, state["credential"], state["tally"], on)
             or recertification_fee(rules, state["credential"], state["held"], cycle, scenario, group, state["exam_passed"])]
    if status == "late" and (late := late_fee(rules, cycle, on, on)):  # none where the tier publishes no fee
        items.append(late)
    if state["tally"].petitions:
        count = state["tally"].petitions
        items.append(fee_item(rules, f"Petition fee for {quantity(count, 'course')} not pre-approved", rules["fees"]["petition"], on, count))
    if distinction and distinction["met"] and distinction["fee_with"] == state["held"].id:  # owed only once it is earned
        member = "member" if rules["organization"]["id"] in scenario.memberships else "non-member"
        items.append({"label": f"{rules['distinction']['label']} ({member})", "amount": distinction["fee"],
                      "currency": "USD", "source": source_text(rules, rules["distinction"]["source"])})
    return items


def _distinction(state, scenario):
    rules = state["rules"]["distinction"]
    required = decimal(rules["ceus"]) + decimal(rules["per_additional_credential"]) * (state["distinction_held"] - 1)
    earned = state["tally"].distinction_credit
    member = state["rules"]["organization"]["id"] in scenario.memberships
    return {"required": float(required), "earned": float(earned), "shortfall": float(max(decimal(0), required - earned)),
            "met": earned >= required, "fee": float(decimal(rules["fee"]["member" if member else "non_member"])),
            "fee_with": state.get("distinction_fee_with"),
            "note": f"{state['rules']['organization']['short']} activities only, on top of the standard requirement; "
                    "category maximums do not apply"}


def _notes(states):
    notes = []
    if any(s["cycle"].derived for s in states):
        notes.append("Where no expiration date was given, the deadlines were worked out from the certification date and the "
                     "renewals you reported; a renewal nobody reported is not assumed. While the late windows of a deadline that "
                     "has passed are open, that cycle is shown; once they have closed, the current one is, and the result says "
                     "what it means if the earlier cycle was not renewed. Enter the expiration date your account shows to be sure.")
    notes.append("Figures come from the organizations' published pages as dated in each source; "
                 "where a source gives no figure we say \"not published in our sources\". Confirm with the organization before you pay.")
    return notes
