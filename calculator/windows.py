"""What a result's dates still allow, read the same way by the next steps and the verdict:
when renewals open, which day to submit by, whether a later late tier can still be reached,
and what an early rate's fees come to once it ends."""
from datetime import date

from .counting import cpr_aed_credit
from .rules import decimal


def renewals_open(rules, deadline):
    """The first day a renewal is accepted: January 1 of the final year where the data says renewals open
    then (`[cycle] early_renewal`), else None (any day of the cycle)."""
    deadline = date.fromisoformat(deadline) if isinstance(deadline, str) else deadline
    return date(deadline.year, 1, 1) if rules["cycle"].get("early_renewal") else None


def submit_by(cycle, as_of):
    """The last day to submit on `as_of`: the deadline, or once it has passed the end of the late tier `as_of` is in."""
    if as_of <= cycle.deadline:
        return cycle.deadline
    return next((until for until, _ in cycle.late if as_of <= until), cycle.closes)


def later_tier_reachable(rules, result):
    """Whether a later late tier still helps: one follows the current tier, and the requirement is met (or only
    a CPR/AED credit is missing that renewing the card restores) or credits still count after this tier ends."""
    tier = result["late_tier"]
    if tier is None or tier["last"]:
        return False
    restored = decimal(0) if result["cpr_aed_ok"] else cpr_aed_credit(rules)
    if decimal(result["shortfall"]) <= restored and result["categories_ok"]:
        return True
    return result["plan"]["by"] is not None and result["plan"]["by"] > tier["until"]


def early_rate(result):
    """The fee with an early rate in force, or None."""
    return next((fee for fee in result["fees"] if "early_until" in fee), None)


def full_rate_total(result, early):
    """The total once the early rate has ended."""
    return float(decimal(result["total_due"]) + decimal(early["amount_after"]) - decimal(early["amount"]))
