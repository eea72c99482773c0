"""One scenario in, one result out: cycle, counting, status, fees, next steps and plan per credential."""
from datetime import date

from .actions import next_steps
from .counting import count_activities
from .cycles import cycle_for
from .fees import fee_item, recertification_fee, total
from .plan import make_plan
from .rules import credential_index, decimal, source_text
from .scenario import read_scenario
from .verdict import summary, verdict


def evaluate(data, today=None):
    """The contract's result for a scenario, or {"errors": [...]} for bad input."""
    scenario, errors = read_scenario(data, today or date.today())
    if errors:
        return {"errors": errors}
    index = credential_index()
    states = [_state(index[held.id], held, scenario) for held in scenario.credentials]
    _renewed_together(states)
    results = [_result(state, scenario) for state in states]
    result = {"as_of": scenario.as_of.isoformat(), "credentials": results, "notes": _notes(states)}
    result["summary"] = summary(result)
    return result


def _state(rules_and_credential, held, scenario):
    """Everything about one credential that does not depend on the others."""
    rules, credential = rules_and_credential
    cycle = cycle_for(rules, held, scenario.as_of)
    cpr = _cpr_aed_state(rules, scenario)
    tally = count_activities(rules, held, cycle, scenario, cpr["ok"])
    return {"rules": rules, "credential": credential, "held": held, "cycle": cycle, "cpr": cpr, "tally": tally}


def _renewed_together(states):
    """ACSM credentials sharing a deadline renew together: the highest requirement and fee lead.

    Marks each member with `group` (the ids, highest fee first) and `group_required`.
    """
    groups = {}
    for state in states:
        if state["rules"].get("several", {}).get("required") == "highest":
            groups.setdefault((state["rules"]["organization"]["id"], state["cycle"].deadline), []).append(state)
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=lambda s: (-_top_fee(s), s["held"].index))
            required = max(decimal(s["credential"]["required"]) for s in members)
            for s in members:
                s["group"], s["group_required"] = [m["held"].id for m in members], required


def _top_fee(state):
    amounts = [entry.get("amount", 0) for entry in state["credential"].get("fee", [])]
    return max(amounts, default=0)


def _cpr_aed_state(rules, scenario):
    card, as_of = scenario.cpr_aed, scenario.as_of
    current = card is not None and card.valid_until >= as_of
    hands_on = card is not None and card.hands_on_skills
    return {"ok": current and (hands_on or not rules["cpr_aed"]["hands_on"]), "card": card,
            "current": current, "hands_on": hands_on}


def _requirement(state, scenario):
    """(required, categories_ok, category table) for the cycle being evaluated."""
    rules, cycle, tally = state["rules"], state["cycle"], state["tally"]
    if rules["organization"]["id"] == "acsm" and scenario.options["acsm_path"] == "exam":
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
    return required, not needs_two or used >= 2, categories


def _status(state, scenario, met):
    cycle, as_of = state["cycle"], scenario.as_of
    if not cycle.due or as_of < cycle.start:
        return "not_due"
    if as_of <= cycle.deadline:
        return "eligible" if met and state["cpr"]["ok"] else "in_progress"
    if cycle.late_until and as_of <= cycle.late_until:
        return "late"
    return "expired"


def _exam_passed(state, scenario):
    passed = scenario.options.get("acsm_exam_passed_on")
    cycle = state["cycle"]
    return passed is not None and cycle.start <= passed <= min(cycle.deadline, scenario.as_of)


def _result(state, scenario):
    rules, credential, held, cycle, tally = (state[k] for k in ("rules", "credential", "held", "cycle", "tally"))
    group = state.get("group", [])
    org = rules["organization"]
    required, categories_ok, categories = _requirement(state, scenario)
    shortfall = max(decimal(0), required - tally.earned)
    exam_path = org["id"] == "acsm" and scenario.options["acsm_path"] == "exam"
    met = shortfall == 0 and categories_ok and (not exam_path or _exam_passed(state, scenario))
    status = _status(state, scenario, met)
    fees = _fees(state, scenario, status, group)
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
        "renewed_with": [cid for cid in group if cid != held.id],
        "path": "exam" if exam_path else ("cec" if org["id"] == "acsm" else "ceu"),
        "days_left": (cycle.deadline - scenario.as_of).days,
    }
    if rules["organization"]["id"] == "nsca" and scenario.options["nsca_distinction"]:
        result["distinction"] = _distinction(state, scenario)
    result["plan"] = make_plan(state, scenario, result)
    result["actions"] = next_steps(state, scenario, result)
    result["verdict"] = verdict(result, scenario.as_of)
    return result


def _fees(state, scenario, status, group):
    rules, cycle, on = state["rules"], state["cycle"], scenario.as_of
    if status == "not_due":
        return []
    if status == "expired":
        route = rules["expired"]
        label = "Reinstatement fee" if route["fee"] == "reinstatement" else "Exam fee to certify again"
        return [fee_item(rules, label, rules["fees"][route["fee"]], on)]
    items = [recertification_fee(rules, state["credential"], state["held"], cycle, scenario, group)]
    if status == "late":
        tier = next(tier for until, tier in cycle.late if on <= until)
        items.append(fee_item(rules, tier["label"], rules["fees"][tier["fee"]], on))
    if state["tally"].petitions:
        count = state["tally"].petitions
        items.append(fee_item(rules, f"Petition fee for {count} course(s) not pre-approved", rules["fees"]["petition"], on, count))
    if "distinction" in rules and scenario.options["nsca_distinction"]:
        member = rules["organization"]["id"] in scenario.memberships
        amount = rules["distinction"]["fee"]["member" if member else "non_member"]
        items.append({"label": f"{rules['distinction']['label']} (" + ("member" if member else "non-member") + ")",
                      "amount": float(amount), "currency": "USD", "source": source_text(rules, rules["distinction"]["source"])})
    return items


def _distinction(state, scenario):
    rules = state["rules"]["distinction"]
    nsca_held = sum(1 for held in scenario.credentials if held.id.startswith("nsca-"))
    required = decimal(rules["ceus"]) + decimal(rules["per_additional_credential"]) * (nsca_held - 1)
    earned = state["tally"].nsca_activity_ceus
    return {"required": float(required), "earned": float(earned), "shortfall": float(max(decimal(0), required - earned)),
            "met": earned >= required, "note": "NSCA activities only, on top of the standard requirement; category maximums do not apply"}


def _notes(states):
    notes = []
    if any(s["cycle"].derived for s in states):
        notes.append("Where no expiration date was given, it was worked out from the certification date, assuming every "
                     "earlier cycle was renewed on time. Enter the expiration date your account shows to check late windows.")
    notes.append("Figures come from the organizations' published pages as dated in each source; "
                 "where a source gives no figure we say \"not published in our sources\". Confirm with the organization before you pay.")
    return notes
