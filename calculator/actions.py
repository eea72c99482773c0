"""Plain-language next steps for one credential: what to do, where, and by when. Each step is a sentence."""
from datetime import timedelta

from . import choices, parts
from .dates import in_words, month_day
from .fees import late_fee
from .plan import cpr_aed_format, cpr_aed_renewal, cpr_aed_to_restore
from .rules import decimal, show
from .windows import early_rate, full_rate_total, later_tier_reachable, renewals_open, submit_by
from .words import noun, quantity


def next_steps(state, scenario, result):
    steps = _unreported(state, scenario)
    status = result["status"]
    if status == "not_due":
        return steps + [_not_due(state, result)]
    if status == "expired":
        return steps + [_expired(state, scenario, result)] + _reminders(state, scenario)
    if status == "late":
        steps.extend(_late(state, scenario, result))
    steps.extend(_missing(state, scenario, result))
    steps.extend(_submit(state, scenario, result))
    if result.get("distinction"):
        steps.append(_distinction(state, scenario, result["distinction"]))
    return steps + _reminders(state, scenario)


def _unreported(state, scenario):
    """What changes with the answer to the renewal question, when nobody reported the last renewal."""
    unreported, rules = state["unreported"], state["rules"]
    if unreported is None:
        return []
    ended, current = unreported.cycle.deadline, unreported.current
    if unreported.shown:
        return [f"This is the cycle that ended on {in_words(ended)}, because no renewal of it was reported. If you already "
                f"recertified for it, none of this applies: your current cycle runs from {in_words(current.start)} to "
                f"{in_words(current.deadline)}; say that you renewed through {in_words(ended)} to see it."]
    return [f"This result assumes you recertified for the cycle that ended on {in_words(ended)}. If you did not, your credential "
            f"expired on {in_words(ended)}, and the last day to recertify that cycle was {in_words(unreported.cycle.closes)}. "
            f"You can {_routes(rules, unreported.cycle, scenario.as_of)}."]


def _not_due(state, result):
    cycle, held, unit = state["cycle"], state["held"], state["rules"]["organization"]["unit"]
    need = f"{unit}s count from {in_words(cycle.start)}, and you will need {quantity(show(state['rules'], result['required']), unit)}."
    if held.renewed_through not in (None, held.certified_on):
        return (f"Nothing is due yet: you renewed through {in_words(held.renewed_through)}. "
                f"Your next cycle runs to {in_words(cycle.deadline)}: {need}")
    return f"Nothing is due this cycle. Your first reporting cycle runs to {in_words(cycle.deadline)}: {need}"


def _submit(state, scenario, result):
    """The step that completes recertification, once the rest is in place."""
    rules, cycle, status = state["rules"], state["cycle"], result["status"]
    org, distinction = rules["organization"], result.get("distinction")
    if status == "late":
        late_fee_in = ", late fee included" if "fee" in _tier(cycle, scenario.as_of)[1] else ""
        return [f"Report in {org['portal']} and pay {_money(result['total_due'])}{late_fee_in}."]
    if status == "in_progress":
        return [f"Then report in {org['portal']} and {_pay_by(result, cycle.deadline)}."]
    done = "Everything is in place" + (" for the standard recertification" if distinction and not distinction["met"] else "")
    if result["path"] == "exam":
        paid = " or to pay" if result["total_due"] == 0 else ""
        steps = [f"{done}: you passed the exam on {in_words(choices.exam_passed_on(rules, scenario))}, "
                 f"so there are no {org['unit']}s to report{paid} for this cycle."]
    else:
        steps = [f"{done}. Report your {org['unit']}s in {org['portal']} and {_pay_by(result, cycle.deadline)}."]
    opens = renewals_open(rules, cycle.deadline)
    if opens and opens > scenario.as_of:
        steps.append(f"{org['short']} accepts renewals during the final calendar year of the cycle: submit from {in_words(opens)}.")
    return steps


def _missing(state, scenario, result):
    rules, cycle, unit, as_of = state["rules"], state["cycle"], state["rules"]["organization"]["unit"], scenario.as_of
    steps = []
    if result["path"] == "exam" and result["status"] != "eligible" and as_of <= state["completes_by"]:
        steps.append(f"Register for the exam and pass it by {in_words(state['completes_by'])}; "
                     "CPR/AED must be current when you sit it.")
    gap = decimal(result["shortfall"]) if as_of <= cycle.count_until else 0
    restore = cpr_aed_to_restore(state) if gap > 0 else 0
    if restore:
        steps.append(f"First, {cpr_aed_renewal(state)} (required anyway): a current one counts {quantity(show(rules, restore), unit)}"
                     + (", which closes the gap." if gap <= restore else "."))
    if gap > restore:
        more, by = show(rules, gap - restore), cycle.meet_by(as_of)
        step = f"Earn {more} more {noun(more, unit)} by {in_words(by)} ({quantity((by - as_of).days, 'day')})"
        if by < cycle.count_until:  # credits still count after the deadline, at the price of a late fee
            fee = (late_fee(rules, cycle, cycle.count_until, as_of) or {}).get("amount")
            step += f", or, with the {'' if fee is None else _money(fee) + ' '}late fee, by {in_words(cycle.count_until)}"
        steps.append(step + ". The plan lists the quickest ways the caps still allow.")
    if gap > 0:
        steps.extend(parts.actions(rules, state["parts"]))
    if not result["categories_ok"]:
        steps.append(_second_category(result, unit))
    if not (result["path"] == "exam" and result["status"] == "eligible"):  # the exam passed in time renewed it already
        steps.extend(_cpr_aed(state, scenario))
    if result["renewed_with"]:
        fee_text = rules["several"].get("fee_text", "the highest fee is paid once, plus a small fee for each extra credential")
        steps.append(f"Renewed together with {', '.join(result['renewed_with'])}: your {unit}s must reach the highest requirement "
                     f"({show(rules, result['required'])}), not the sum; {fee_text}.")
    if state["tally"].petitions:
        steps.append("Petition each course that was not pre-approved, with its certificate; it counts only if the petition is accepted.")
    return steps


def _second_category(result, unit):
    """The two-category rule, naming the activity types the plan still counts in each category not used yet."""
    used = {row["category"] for row in result["categories"] if row["earned"] > 0}
    kinds = {}
    for option in result["plan"]["options"]:
        if option["category"] and option["category"] not in used:
            kinds.setdefault(option["category"], []).append(option["label"])
    such = "; ".join(f"category {name}: {', '.join(labels)}" for name, labels in sorted(kinds.items()))
    return (f"Your {unit}s must come from at least two categories: add an activity in a category you have not used yet"
            + (f" ({such})" if such else "") + ".")


def _cpr_aed(state, scenario):
    cpr, rules, cycle, as_of = state["cpr"], state["rules"], state["cycle"], scenario.as_of
    card, margin, deadline = cpr["card"], rules["cpr_aed"].get("valid_days_after_submission", 0), cycle.deadline
    if not rules["cpr_aed"]["required"]:
        return []
    if card is None:
        by = f" (by {in_words(submit_by(cycle, as_of))})" if as_of <= cycle.closes else ""
        return [f"Get an adult CPR/AED certification{cpr_aed_format(rules)}; it must be current when you recertify{by}."]
    steps = []
    if not cpr["current"]:
        step = f"Your CPR/AED expired on {in_words(card.valid_until)}: renew it before you submit."
        if rules["cpr_aed"].get("online_ok_unless_lapsed"):
            step += f" Because it lapsed, {rules['organization']['short']} wants the renewal course attended in person."
        steps.append(step)
    elif not cpr["lasts"]:
        steps.append(f"Your CPR/AED must stay valid at least {quantity(margin, 'day')} after the day you submit, and it runs "
                     f"out on {in_words(card.valid_until)}: renew it before you submit.")
    elif as_of <= deadline and card.valid_until < deadline + timedelta(days=margin):
        last_day = card.valid_until - timedelta(days=margin)
        steps.append(f"Your CPR/AED runs out on {in_words(card.valid_until)}, before the deadline: submit by {in_words(last_day)}, "
                     "or renew it first."
                     + (f" (It must stay valid {quantity(margin, 'day')} after you submit.)" if margin else ""))
    if not cpr["hands_on"] and rules["cpr_aed"]["hands_on"]:
        steps.append("Your CPR/AED course must include a skills evaluation; an online course with one is accepted unless your "
                     "certification lapsed." if rules["cpr_aed"].get("online_ok_unless_lapsed") else
                     "Your CPR/AED course must include a hands-on skills evaluation; an online-only course does not count.")
    elif rules["cpr_aed"]["hands_on"] and card.hands_on_skills is None:
        steps.append(f"This assumes your CPR/AED course included a hands-on skills evaluation (you did not say). If it was "
                     f"online only, {rules['organization']['short']} does not accept it: take a course with a hands-on part "
                     f"before you submit.")
    return steps


def _late(state, scenario, result):
    cycle, as_of = state["cycle"], scenario.as_of
    until, tier = _tier(cycle, as_of)
    fee = "with the late fee shown below" if "fee" in tier else "with no late fee in our sources"
    steps = [f"Your deadline, {in_words(cycle.deadline)}, has passed. {tier['label']}: apply by {in_words(until)}, {fee}."]
    if "note" in tier:
        steps.append(tier["note"])
    if later_tier_reachable(state["rules"], result):
        steps.append(f"After {in_words(until)} a {'higher ' if 'fee' in tier else ''}late fee applies, "
                     f"and the last day is {in_words(cycle.late_until)}.")
    return steps


def _tier(cycle, as_of):
    """(last day, tier rules) of the late tier that holds as_of."""
    return next((until, tier) for until, tier in cycle.late if as_of <= until)


def _expired(state, scenario, result):
    """Why this cycle can no longer be renewed, and what remains."""
    rules, cycle, as_of = state["rules"], state["cycle"], scenario.as_of
    unit, routes = rules["organization"]["unit"], _routes(rules, cycle, as_of)
    if as_of > cycle.closes:
        said = ("The windows our sources publish closed on" if "ask_organization" in rules["expired"]["routes"]
                else "The last day to recertify this cycle was")
        return f"{said} {in_words(cycle.closes)}. You can {routes}." + (f" {rules['expired']['note']}" if "note" in rules["expired"] else "")
    if result["path"] == "exam":
        required = show(rules, state.get("group_required", state["credential"]["required"]))
        return (f"The exam route closed on {in_words(state['completes_by'])}: the exam had to be passed by then. If the "
                f"{required} {unit}s were earned on or before {in_words(cycle.count_until)}, you can still report them with the "
                f"late fee until {in_words(cycle.closes)}; switch to reporting {unit}s to check them. Otherwise, you can {routes}.")
    missing = []
    if result["shortfall"] > 0:
        missing.append(f"it is {show(rules, result['shortfall'])} {unit}s short")
    if not result["categories_ok"]:
        missing.append(f"its {unit}s come from one category where two are required")
    return (f"Credits dated after {in_words(cycle.count_until)} do not count for this cycle, so it can no longer be completed: "
            f"{', and '.join(missing)}. You can {routes}.")


def _routes(rules, cycle, as_of):
    """What remains once a cycle can no longer be renewed, as the end of a "You can ..." sentence."""
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
    return "; or ".join(t for t in texts if t)


def _appeal_text(rules, cycle, as_of):
    window = rules["expired"]["appeal"]
    opens, closes = (month_day(cycle.deadline.year + 1, window[k]) for k in ("from", "until"))
    if as_of > closes:  # the published dates are one review's; the route itself stays open
        return (f"go through the appeal/reinstatement process (appeals for {window['review']} were accepted from "
                f"{in_words(opens)} to {in_words(closes)}: ask the organization when it next reviews them)")
    return (f"go through the appeal/reinstatement process: a hardship appeal (serious illness, military deployment, a death in the "
            f"family and the like) is accepted between {in_words(opens)} and {in_words(closes)}, for {window['review']}")


def _reminders(state, scenario):
    rules = state["rules"]
    steps = []
    if choices.lifetime_fee(rules, scenario) != "none":
        steps.append(rules["lifetime_fee"]["note"])
    return steps + [reminder["text"] for reminder in rules["reminders"]]


def _pay_by(result, deadline):
    """"pay $X by D", or, while an early rate holds, both amounts with their dates."""
    days = f"({quantity(result['days_left'], 'day')} left)"
    early = early_rate(result)
    if result["total_due"] == 0:
        return f"submit by {in_words(deadline)} {days}; there is nothing to pay"
    if early is None or result["total_due"] is None:
        return f"pay {_money(result['total_due'])} by {in_words(deadline)} {days}"
    return (f"pay {_money(result['total_due'])} by {in_words(early['early_until'])} (the early rate), "
            f"or {_money(full_rate_total(result, early))} after that, by {in_words(deadline)} {days}")


def _distinction(state, scenario, distinction):
    """What Recertification with Distinction still needs, and where its fee is charged."""
    rules, cycle = state["rules"], state["cycle"]
    label, unit, org = rules["distinction"]["label"], rules["organization"]["unit"], rules["organization"]["short"]
    here = distinction["fee_with"] == state["held"].id
    if not distinction["fee"]:
        fee = "there is no fee for it at your rate"
    elif rules["distinction"]["fee_per"] == "person":
        fee = f"its {_money(distinction['fee'])} fee is paid once for all your {org} credentials, " + (
            "with this one" if here else f"with {distinction['fee_with']}")
    else:
        fee = f"its {_money(distinction['fee'])} fee is paid with each credential"
    if distinction["met"]:
        return f"{label}: met; {fee}."
    more = show(rules, distinction["shortfall"])
    if scenario.as_of > cycle.count_until:
        return f"{label}: {quantity(more, unit)} of {org} activities short, and it can no longer be earned this cycle."
    return (f"{label} still needs {more} more {noun(more, unit)} of {org} activities by {in_words(cycle.count_until)} "
            f"(category maximums do not apply to them). Once it is met, {fee}.")


def _money(amount):
    return "the fee (amount not published in our sources)" if amount is None else f"${decimal(amount):.2f}"
