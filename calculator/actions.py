"""Plain-language next steps for one credential: what to do, where, and by when."""
from .dates import month_day
from .rules import decimal, show
from .words import noun, quantity


def next_steps(state, scenario, result):
    rules, cycle = state["rules"], state["cycle"]
    org, status = rules["organization"], result["status"]
    unit, steps = org["unit"], []
    if status == "not_due":
        steps.append(f"Nothing is due this cycle. Your first reporting cycle runs to {cycle.deadline}: "
                     f"{unit}s count from {cycle.start}, and you will need {quantity(show(rules, result['required']), unit)}.")
        return steps
    if status == "expired":
        return _expired(state, scenario, result)
    if status == "late":
        steps.extend(_late(state, scenario, result))
    steps.extend(_missing(state, scenario, result))
    if status == "eligible":
        steps.append(f"Everything is in place. Report your {unit}s in {org['portal']} and pay {_money(result['total_due'])} "
                     f"by {cycle.deadline} ({quantity(result['days_left'], 'day')} left).")
        if org["id"] == "acsm" and scenario.as_of.year < cycle.deadline.year:
            steps.append(f"ACSM accepts renewals during the final calendar year of the cycle: submit from January 1, {cycle.deadline.year}.")
    elif status == "in_progress":
        steps.append(f"Then report in {org['portal']} and pay {_money(result['total_due'])} by {cycle.deadline} "
                     f"({quantity(result['days_left'], 'day')} left).")
    elif result["shortfall"] == 0 or scenario.as_of <= cycle.count_until:
        steps.append(f"Report in {org['portal']} and pay {_money(result['total_due'])}, late fee included.")
    steps.extend(_reminders(state, scenario, result))
    return steps


def _missing(state, scenario, result):
    rules, cycle, unit = state["rules"], state["cycle"], state["rules"]["organization"]["unit"]
    steps = []
    if result["path"] == "exam" and result["status"] != "eligible":
        steps.append(f"Register for the exam and pass it by {cycle.deadline}; CPR/AED must be current when you sit it.")
    if result["shortfall"] > 0 and scenario.as_of <= cycle.count_until:
        more = show(rules, result["shortfall"])
        steps.append(f"Earn {more} more {noun(more, unit)} by {cycle.count_until} ({quantity((cycle.count_until - scenario.as_of).days, 'day')}); "
                     "the plan lists the quickest ways the caps still allow.")
    if not result["categories_ok"]:
        steps.append(f"Your {unit}s must come from at least two categories: add an activity in a category you have not used yet.")
    steps.extend(_cpr_aed(state, scenario))
    if result["renewed_with"]:
        steps.append(f"Renewed together with {', '.join(result['renewed_with'])}: your CECs must reach the highest requirement "
                     f"({show(rules, result['required'])}), not the sum; the highest fee is paid once, plus a small fee for each extra credential.")
    if state["tally"].petitions:
        steps.append("Petition each course that was not pre-approved, with its certificate; it counts only if the petition is accepted.")
    return steps


def _cpr_aed(state, scenario):
    cpr, rules, deadline = state["cpr"], state["rules"], state["cycle"].deadline
    card = cpr["card"]
    if card is None:
        return [f"Get an adult CPR/AED certification with a hands-on skills part; it must be current when you recertify (by {deadline})."]
    steps = []
    if not cpr["current"]:
        step = f"Your CPR/AED expired on {card.valid_until}: renew it before you submit."
        if rules["cpr_aed"].get("online_ok_unless_lapsed"):
            step += " Because it lapsed, the NSCA wants the renewal course attended in person."
        steps.append(step)
    elif card.valid_until < deadline:
        steps.append(f"Your CPR/AED runs out on {card.valid_until}, before the deadline: submit before then, or renew it first.")
    if not cpr["hands_on"] and rules["cpr_aed"]["hands_on"]:
        steps.append("Your CPR/AED course must include a hands-on skills evaluation; an online-only course does not count.")
    return steps


def _late(state, scenario, result):
    cycle, rules, as_of = state["cycle"], state["rules"], scenario.as_of
    until, tier = next((until, tier) for until, tier in cycle.late if as_of <= until)
    steps = [f"Your deadline, {cycle.deadline}, has passed. {tier['label']}: apply by {until}, with the late fee shown below."]
    later = [(u, t) for u, t in cycle.late if u > until]
    if later:
        steps.append(f"After {until} a higher late fee applies, and the last day is {cycle.late_until}.")
    if result["shortfall"] > 0 and as_of > cycle.count_until:
        steps.append(f"Credits earned after {cycle.count_until} do not count for this cycle, so it can no longer be completed: "
                     + _routes_text(rules, cycle, as_of))
    if rules["organization"]["id"] == "acsm":
        steps.append("Your credential is inactive until you reactivate it; the next cycle keeps its original dates.")
    return steps


def _expired(state, scenario, result):
    rules, cycle = state["rules"], state["cycle"]
    when = f"The last day to recertify this cycle was {cycle.late_until or cycle.deadline}."
    return [f"{when} " + _routes_text(rules, cycle, scenario.as_of)] + _reminders(state, scenario, result)


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
