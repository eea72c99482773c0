"""Plain-language next steps for one credential: what to do, where, and by when."""
from datetime import timedelta

from . import parts
from .dates import month_day
from .rules import decimal, show


def next_steps(state, scenario, result):
    rules, cycle = state["rules"], state["cycle"]
    org, status = rules["organization"], result["status"]
    unit, steps = org["unit"], []
    if status == "not_due":
        steps.append(f"Nothing is due this cycle. Your first reporting cycle runs to {cycle.deadline}: "
                     f"{unit}s count from {cycle.start}, and you will need {show(rules, result['required'])} {unit}s.")
        return steps
    if status == "expired":
        return _expired(state, scenario, result)
    if status == "late":
        steps.extend(_late(state, scenario, result))
    steps.extend(_missing(state, scenario, result))
    if status == "eligible":
        steps.append(f"Everything is in place. Report your {unit}s in {org['portal']} and pay {_money(result['total_due'])} "
                     f"by {cycle.deadline} ({result['days_left']} days left).")
        if org["id"] == "acsm" and scenario.as_of.year < cycle.deadline.year:
            steps.append(f"ACSM accepts renewals during the final calendar year of the cycle: submit from January 1, {cycle.deadline.year}.")
    elif status == "in_progress":
        steps.append(f"Then report in {org['portal']} and pay {_money(result['total_due'])} by {cycle.deadline} "
                     f"({result['days_left']} days left).")
    elif result["shortfall"] == 0 or scenario.as_of <= cycle.count_until:
        late_fee = ", late fee included" if "fee" in _tier(cycle, scenario.as_of)[1] else ""
        steps.append(f"Report in {org['portal']} and pay {_money(result['total_due'])}{late_fee}.")
    steps.extend(_reminders(state, scenario, result))
    return steps


def _missing(state, scenario, result):
    rules, cycle, unit = state["rules"], state["cycle"], state["rules"]["organization"]["unit"]
    steps = []
    if result["path"] == "exam" and result["status"] != "eligible":
        steps.append(f"Register for the exam and pass it by {cycle.deadline}; CPR/AED must be current when you sit it.")
    if result["shortfall"] > 0 and scenario.as_of <= cycle.count_until:
        steps.append(f"Earn {show(rules, result['shortfall'])} more {unit}s by {cycle.count_until} ({(cycle.count_until - scenario.as_of).days} days); "
                     "the plan lists the quickest ways the caps still allow.")
        steps.extend(parts.actions(rules, state["parts"]))
    if not result["categories_ok"]:
        steps.append(f"Your {unit}s must come from at least two categories: add an activity in a category you have not used yet.")
    steps.extend(_cpr_aed(state, scenario))
    if result["renewed_with"]:
        fee_text = rules["several"].get("fee_text", "the highest fee is paid once, plus a small fee for each extra credential")
        steps.append(f"Renewed together with {', '.join(result['renewed_with'])}: your {unit}s must reach the highest requirement "
                     f"({show(rules, result['required'])}), not the sum; {fee_text}.")
    if state["tally"].petitions:
        steps.append("Petition each course that was not pre-approved, with its certificate; it counts only if the petition is accepted.")
    return steps


def _cpr_aed(state, scenario):
    cpr, rules, deadline = state["cpr"], state["rules"], state["cycle"].deadline
    card, margin = cpr["card"], rules["cpr_aed"].get("valid_days_after_submission", 0)
    if not rules["cpr_aed"]["required"]:
        return []
    if card is None:
        return [f"Get an adult CPR/AED certification with a hands-on skills part; it must be current when you recertify (by {deadline})."]
    steps = []
    if not cpr["current"]:
        step = f"Your CPR/AED expired on {card.valid_until}: renew it before you submit."
        if rules["cpr_aed"].get("online_ok_unless_lapsed"):
            step += " Because it lapsed, the NSCA wants the renewal course attended in person."
        steps.append(step)
    elif not cpr["lasts"]:
        steps.append(f"Your CPR/AED must stay valid at least {margin} days after the day you submit, and it runs out on "
                     f"{card.valid_until}: renew it before you submit.")
    elif card.valid_until < deadline + timedelta(days=margin):
        last_day = card.valid_until - timedelta(days=margin)
        steps.append(f"Your CPR/AED runs out on {card.valid_until}, before the deadline: submit by {last_day}, or renew it first."
                     + (f" (It must stay valid {margin} days after you submit.)" if margin else ""))
    if not cpr["hands_on"] and rules["cpr_aed"]["hands_on"]:
        steps.append("Your CPR/AED course must include a hands-on skills evaluation; an online-only course does not count.")
    return steps


def _late(state, scenario, result):
    cycle, rules, as_of = state["cycle"], state["rules"], scenario.as_of
    until, tier = _tier(cycle, as_of)
    fee = "with the late fee shown below" if "fee" in tier else "with no late fee in our sources"
    steps = [f"Your deadline, {cycle.deadline}, has passed. {tier['label']}: apply by {until}, {fee}."]
    if "note" in tier:
        steps.append(tier["note"])
    later = [(u, t) for u, t in cycle.late if u > until]
    if later:
        steps.append(f"After {until} a {'higher ' if 'fee' in tier else ''}late fee applies, and the last day is {cycle.late_until}.")
    if result["shortfall"] > 0 and as_of > cycle.count_until:
        steps.append(f"Credits earned after {cycle.count_until} do not count for this cycle, so it can no longer be completed: "
                     + _routes_text(rules, cycle, as_of))
    if rules["organization"]["id"] == "acsm":
        steps.append("Your credential is inactive until you reactivate it; the next cycle keeps its original dates.")
    return steps


def _tier(cycle, as_of):
    """(last day, tier rules) of the late tier that holds as_of."""
    return next((until, tier) for until, tier in cycle.late if as_of <= until)


def _expired(state, scenario, result):
    rules, cycle = state["rules"], state["cycle"]
    last = cycle.late_until or cycle.deadline
    when = (f"The windows our sources publish closed on {last}." if "ask_organization" in rules["expired"]["routes"]
            else f"The last day to recertify this cycle was {last}.")
    note = [rules["expired"]["note"]] if "note" in rules["expired"] else []
    routes = _routes_text(rules, cycle, scenario.as_of)
    return [f"{when} {routes[:1].upper()}{routes[1:]}"] + note + _reminders(state, scenario, result)


def _routes_text(rules, cycle, as_of):
    texts = []
    for route in rules["expired"]["routes"]:
        if route == "retake_exam":
            texts.append("take the certification exam again")
        elif route == "reinstatement":
            texts.append("apply for reinstatement (a form and documentation; only credits earned during the lapsed cycle count, "
                         "and the new cycle starts when it is approved)")
        elif route == "appeal":
            texts.append(_appeal_text(rules, cycle, as_of))
        elif route == "ask_organization":
            texts.append(f"ask {rules['organization']['short']} what it takes now: our sources publish nothing beyond that")
    return "you can " + "; or ".join(t for t in texts if t) + "."


def _appeal_text(rules, cycle, as_of):
    window = rules["expired"]["appeal"]
    opens, closes = (month_day(cycle.deadline.year + 1, window[k]) for k in ("from", "until"))
    if as_of > closes:
        return ""
    return (f"file a hardship appeal (serious illness, military deployment, a death in the family and the like) "
            f"between {opens} and {closes}")


def _reminders(state, scenario, result):
    rules = state["rules"]
    steps = []
    if rules["organization"]["id"] == "nasm" and scenario.options["nasm_recertify_for_life"] != "none":
        steps.append("Recertify for Life covers the renewal fee only: you still need the CEUs and a current CPR/AED every two years. "
                     "Our sources do not say whether it covers late fees.")
    return steps + [reminder["text"] for reminder in rules["reminders"]]


def _money(amount):
    return "the fee (amount not published in our sources)" if amount is None else f"${decimal(amount):.2f}"
