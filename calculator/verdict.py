"""The answer at a glance: one sentence per credential result and one line for the whole scenario.

Built from the result's own fields (status, dates, shortfall, fees, plan) plus the organization's
late tiers and expiry routes in the data, so the page, the widget, the printed view and the
calendar file all show the same words instead of composing their own.
"""
from datetime import date

from .counting import cpr_aed_credit
from .dates import in_words, month_day
from .fees import total
from .rules import credential_index, decimal, show
from .windows import early_rate, full_rate_total, later_tier_reachable, renewals_open
from .words import quantity

NOT_PUBLISHED = "the fee (its amount is not published in our sources)"
SUMMARY_WORDS = {"eligible": "ready", "in_progress": "not yet ready", "late": "late",
                 "expired": "expired", "not_due": "nothing due yet"}
DUE = ("eligible", "in_progress", "late")  # statuses with something to pay by a date


def money(amount):
    """"$90.00", or None when the sources publish no amount."""
    return None if amount is None else f"${decimal(amount):,.2f}"


STATUS_WORDS = {"eligible": "Ready", "in_progress": "Not yet", "late": "Late", "expired": "Expired", "not_due": "Nothing due yet"}


def verdict(result, as_of):
    """One plain sentence for one credential's result on `as_of`: can they recertify, what is owed, by when.
    It opens with the status's word (STATUS_WORDS) and a colon."""
    rules = credential_index()[result["id"]][0]
    status = result["status"]
    if status == "eligible":
        return f"{STATUS_WORDS[status]}: " + _ready(result, rules, as_of)
    if status == "in_progress":
        return f"{STATUS_WORDS[status]}: " + _to_do(_missing(result, rules), result, rules, result["deadline"], as_of)
    if status == "late":
        return _late(result, rules, as_of)
    if status == "expired":
        return _expired(result, rules, as_of)
    return _not_due(result, as_of)


def summary(result):
    """One line for the whole scenario: how many are ready, short, late, expired; the total due; the nearest date."""
    as_of = date.fromisoformat(result["as_of"])
    credentials = result["credentials"]
    if not credentials:
        return "No credentials entered."
    if len(credentials) == 1:
        head = f"1 credential: {SUMMARY_WORDS.get(credentials[0]['status'], credentials[0]['status'])}."
    else:
        counts = [f"{sum(1 for c in credentials if c['status'] == status)} {words}"
                  for status, words in SUMMARY_WORDS.items() if any(c["status"] == status for c in credentials)]
        head = f"{len(credentials)} credentials: {', '.join(counts)}."
    due = [c for c in credentials if c["status"] in DUE and _pay_by(c) >= as_of]
    if not due:
        upcoming = [c["deadline"] for c in credentials if c["status"] == "not_due"]
        if upcoming:
            return f"{head} The first deadline is {_when(min(upcoming), as_of)}."
        return f"{head} No deadline is left to meet; each result says what you can still do."
    amounts = [c["total_due"] for c in due]
    known = sum((decimal(a) for a in amounts if a is not None), decimal(0))
    nearest = _when(min(_pay_by(c) for c in due), as_of)
    if amounts == [0] * len(amounts):
        return f"{head} Nothing to pay; the {'nearest ' if len(due) > 1 else ''}deadline is {nearest}."
    in_all = " in all" if len(due) > 1 else ""
    if None not in amounts:
        owed = f"{money(known)} to pay{in_all}"
    elif known == 0:
        owed = "Fees to pay (amounts not published in our sources)"
    else:
        owed = f"{money(known)} to pay{in_all}, plus fees our sources do not publish"
    if len(due) == 1:
        return f"{head} {owed}, by {nearest}." if "," in owed else f"{head} {owed} by {nearest}."
    return f"{head} {owed}; the nearest deadline is {nearest}."


def _when(day, as_of):
    """"December 31, 2026 (36 days)"."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    days = (day - as_of).days
    left = "today" if days == 0 else f"{days:,} day{'' if days == 1 else 's'}"
    return f"{in_words(day)} ({left})"


def _amount(result, value):
    """An amount in the credential's unit at its precision: "5.2 CEUs", "1.0 CEU", "12 CECs"."""
    return quantity(show(credential_index()[result["id"]][0], value), result["unit"])


def _missing(result, rules):
    """What is still to be done before paying, as "X to go" phrases. A shortfall that a current CPR/AED card
    makes up (its credit) is said with the card, since renewing the card is what closes it."""
    missing = []
    restores = not result["cpr_aed_ok"] and 0 < decimal(result["shortfall"]) <= cpr_aed_credit(rules)
    if result["shortfall"] > 0 and not restores:
        two = "" if result["categories_ok"] else " (from at least two categories)"
        parts = [f"{_amount(result, part['shortfall'])} of {part['label']}"
                 for part in result.get("required_parts", []) if part["shortfall"] > 0]
        within = f" (including {_join(parts)})" if parts else ""
        missing.append(f"{_amount(result, result['shortfall'])} to go{two}{within}")
    elif not result["categories_ok"]:
        missing.append("an activity in a second category to add")
    if not result["cpr_aed_ok"]:
        adds = f" (it adds the {_amount(result, result['shortfall'])} still missing)" if restores else ""
        missing.append(f"a current CPR/AED certification to get{adds}")
    if result["path"] == "exam":
        missing.append("the exam to pass")
    return missing


def _owed(result):
    """What is to be paid, as a phrase ("$90.00"), or None when nothing is."""
    due = result["total_due"]
    return None if due == 0 else money(due) or NOT_PUBLISHED


def _ready(result, rules, as_of):
    if result["path"] == "exam":
        return (f"the exam you passed by the deadline, {in_words(result['deadline'])}, renews this cycle; "
                + ("nothing is left to report or pay." if result["total_due"] == 0 else f"{_owed(result)} to pay."))
    return _to_do([], result, rules, result["deadline"], as_of)


def _to_do(missing, result, rules, by, as_of, owed=None):
    """"report and pay $90.00 by ...", or "5.2 CEU to go and $90.00 to pay by ..." when something is missing; with the
    day renewals open when that is still ahead, and both amounts while an early rate holds."""
    owed = owed or _owed(result)
    opens = renewals_open(rules, result["deadline"])
    when = f"by {_when(by, as_of)}"
    if opens and opens > as_of and not missing:  # ready early: paying has to wait for renewals to open
        when = f"from {in_words(opens)}, when renewals open, to {_when(by, as_of)}"
    early = early_rate(result)
    if owed is None:
        return f"{_join(missing)} {when}; nothing to pay." if missing else f"report {when}; nothing to pay."
    if early and result["total_due"] is not None:
        rates = (f"{money(result['total_due'])} by {in_words(early['early_until'])} (the early rate), "
                 f"or {money(full_rate_total(result, early))} after that")
        if missing:
            return f"{_join(missing)} {when}; to pay: {rates}."
        return f"report and pay {rates}, {when}."
    if missing:
        return f"{_join(missing + [owed + ' to pay'])} {when}."
    return f"report and pay {owed} {when}."


def _pay_by(result):
    """The date by which this result's fees are to be paid: an early rate's last day, the deadline, or the
    end of the late tier."""
    early = early_rate(result)
    return date.fromisoformat(early["early_until"] if early else (result["late_tier"] or {}).get("until") or result["deadline"])


def _late_owed(result, tier):
    """"$99.00 plus the $30.00 late fee": the late tier's fee apart from the rest."""
    fees = result["fees"]
    late = next((fee for fee in fees if fee["label"].startswith(tier["label"])), None)
    if late is None:
        return _owed(result)
    rest = total([fee for fee in fees if fee is not late])
    late_fee = f"the {money(late['amount'])} late fee" if late["amount"] is not None else \
        "the late fee (its amount is not published in our sources)"
    if rest == 0:
        return late_fee
    return f"{money(rest) or NOT_PUBLISHED} plus {late_fee}"


def _late(result, rules, as_of):
    restores = not result["cpr_aed_ok"] and decimal(result["shortfall"]) <= cpr_aed_credit(rules)
    if result["shortfall"] > 0 and not result["plan"]["by"] and not restores:
        return (f"Late: the deadline was {in_words(result['deadline'])} and credits earned now no longer count "
                "for that cycle; the next steps say what you can still do.")
    tier = result["late_tier"]
    sentence = "Late: " + _to_do(_missing(result, rules), result, rules, tier["until"], as_of, _late_owed(result, tier))
    if later_tier_reachable(rules, result):
        has_fee = "fee" in next(t for t in rules["late"] if t["label"] == tier["label"])
        sentence = (f"{sentence[:-1]}; after that {'a higher' if has_fee else 'a'} late fee applies, "
                    f"until {in_words(result['late_until'])}.")
    return sentence


def _expired(result, rules, as_of):
    expired = rules["expired"]
    cost = money(result["total_due"]) or "fee not published in our sources"
    closes = result["late_until"] or result["deadline"]
    if "ask_organization" in expired["routes"]:
        why = (f"the last window our sources publish closed on {in_words(closes)}" if as_of > date.fromisoformat(closes)
               else "credits earned now no longer count for that cycle")
        return (f"Expired on {in_words(result['deadline'])}: {why}, and our sources publish nothing about renewing after "
                f"that; ask {rules['organization']['short']} what it takes now ({cost}).")
    paid_route = "retake_exam" if expired["fee"] == "exam" else expired["fee"]
    routes = []
    for route in expired["routes"]:
        if route == "retake_exam":
            routes.append("take the exam again")
        elif route == "reinstatement":
            routes.append("apply for reinstatement")
        elif route == "appeal":
            deadline_year = date.fromisoformat(result["deadline"]).year
            opens, closes = (month_day(deadline_year + 1, expired["appeal"][k]) for k in ("from", "until"))
            # as in the next steps: the published dates are one review's, the route itself stays open
            routes.append(f"file a hardship appeal between {_span(opens, closes)}" if as_of <= closes
                          else "appeal (the next steps say how)")
            continue
        if route == paid_route:
            routes[-1] += f" ({cost})"
    expired_on = f"Expired on {in_words(result['deadline'])}: renewing is no longer possible"
    return f"{expired_on}, but you can {_join(routes, 'or')}." if routes else f"{expired_on}."


def _span(first, last):
    """"February 1 and March 15, 2027"."""
    if first.year == last.year:
        return f"{in_words(first).rsplit(',', 1)[0]} and {in_words(last)}"
    return f"{in_words(first)} and {in_words(last)}"


def _not_due(result, as_of):
    start = date.fromisoformat(result["cycle_start"])
    counting = f", earned from {in_words(start)}," if start > as_of else ""
    return f"Nothing due yet: {_amount(result, result['required'])}{counting} will be due by {_when(result['deadline'], as_of)}."


def _join(parts, word="and"):
    """"a, b and c"; "a, or b" (the parts of an "or" may hold an "and" of their own)."""
    last = f", {word} " if word == "or" else f" {word} "
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])}{last}{parts[-1]}"
